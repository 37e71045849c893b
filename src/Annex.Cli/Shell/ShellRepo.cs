using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Cli.Shell;

/// <summary>Opening the repository a shell command names, and the checks made before the command runs.</summary>
public static class ShellRepo
{
    /// <summary>
    /// The directory made absolute as the reference does (Git/Construct.hs repoAbsPath): "~" or "~user" at the
    /// start or after a '/' expands to a home directory ("/~/x" is home/x), and a relative path is taken from home.
    /// </summary>
    public static string AbsPath(string dir, string home)
    {
        var expanded = ExpandTilde(dir, home);
        return expanded.StartsWith('/') ? expanded : home.TrimEnd('/') + "/" + expanded;
    }

    public static string ExpandTilde(string p, string home, Func<string, string?>? userHome = null)
    {
        userHome ??= UserHome;
        var sb = new System.Text.StringBuilder();
        int i = 0;
        while (i < p.Length)
        {
            bool atWordStart = i == 0 || p[i - 1] == '/';
            if (atWordStart && p[i] == '~')
            {
                int slash = p.IndexOf('/', i);
                var name = slash < 0 ? p[(i + 1)..] : p[(i + 1)..slash];
                var h = name.Length == 0 ? home : userHome(name);
                if (h == null) return p; // unknown user: the path as given
                sb.Append(h.TrimEnd('/'));
                if (slash < 0) break;
                sb.Append('/');
                i = slash + 1;
                continue;
            }
            sb.Append(p[i++]);
        }
        return sb.ToString();
    }

    private static string? UserHome(string name)
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/passwd"))
            {
                var f = line.Split(':');
                if (f.Length >= 6 && f[0] == name) return f[5];
            }
        }
        catch (IOException) { }
        return null;
    }

    public static async Task<AnnexRepo> OpenAsync(string dir, string home, CancellationToken ct)
    {
        var abs = ShellChecks.Normalise(AbsPath(dir, home));
        var git = Directory.Exists(abs) ? GitRepo.At(abs) : null;
        if (git == null)
        {
            var host = System.Net.Dns.GetHostName();
            throw new UserErrorException($"failed to read git config of git repository in {host} on {dir}; perhaps this repository is not set up correctly or has moved");
        }
        return await AnnexRepo.OpenAsync(git, null, ct);
    }

    /// <summary>
    /// --uuid: the repository must be the one the client expects. A repository without a UUID may be a gcrypt
    /// repository, whose UUID derives from core.gcrypt-id. (Proxying to a remote with that UUID is not done yet:
    /// such a UUID is refused as the reference refuses one it does not proxy.)
    /// </summary>
    public static void CheckUuid(AnnexRepo repo, string expected)
    {
        var u = repo.Uuid;
        if (u.IsEmpty)
        {
            var gid = repo.Config.Get(GCryptId.ConfigKey);
            if (string.IsNullOrEmpty(gid)) throw Unexpected(expected, "uninitialized repository");
            u = GCryptId.ToUuid(gid);
        }
        if (u.Value != expected) throw Unexpected(expected, "UUID " + u.Value);
    }

    private static UserErrorException Unexpected(string expected, string found) =>
        new($"expected repository UUID {expected} but found {found}");

    /// <summary>gitAnnexShellCheck: a git-annex repository (has a UUID) or a gcrypt one.</summary>
    public static void CheckAnnexOrGcrypt(AnnexRepo repo)
    {
        if (repo.Uuid.IsEmpty && string.IsNullOrEmpty(repo.Config.Get(GCryptId.ConfigKey)))
            throw new UserErrorException("Not a git-annex or gcrypt repository.");
    }
}

using Annex.Core.Annex;
using Annex.Core.Remotes.Ssh;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.RsyncRemote;

/// <summary>
/// The rsync arguments of one remote (Remote/Rsync.hs genRsyncOpts): remote.NAME.annex-rsync-options plus the
/// upload or download options, never --delete or --delete-excluded (they could delete other keys in the same
/// hash directory), and for host:path URLs the shell transport (annex-rsync-transport, ssh by default).
/// </summary>
public sealed record RsyncOptions(IReadOnlyList<string> Common, IReadOnlyList<string> Upload, IReadOnlyList<string> Download)
{
    public static RsyncOptions ForRemote(AnnexRepo repo, string name)
    {
        List<string> Words(string field) =>
            (repo.Config.Get($"remote.{name}.annex-{field}") ?? "").Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Where(o => o is not ("--delete" or "--delete-excluded")).ToList();
        var common = Words("rsync-options");
        var url = repo.Config.Get($"remote.{name}.annex-rsyncurl") ?? "";
        RefuseOptionLike(url);
        if (IsShellUrl(url))
        {
            var transport = Words("rsync-transport");
            if (transport.Count == 0) transport = ["ssh"];
            if (transport[0] is not ("ssh" or "rsh"))
                throw new UserErrorException("Unknown Rsync transport: " + string.Join(' ', transport));
            common.Insert(0, "--rsh=" + string.Join(' ', transport.Select(ShellQuote.Escape)));
        }
        return new RsyncOptions(common, [.. common, .. Words("rsync-upload-options")], [.. common, .. Words("rsync-download-options")]);
    }

    /// <summary>
    /// An rsync URL can come from remote.log, which another repository wrote (autoenable): one that rsync or ssh
    /// would read as an option ("-e…", "--rsh=…", a host "-oProxyCommand=…") would run a command of theirs.
    /// </summary>
    public static void RefuseOptionLike(string url)
    {
        var host = IsShellUrl(url) ? url[..url.IndexOf(':')] : url.StartsWith("rsync://", StringComparison.Ordinal) ? url["rsync://".Length..] : url;
        if (url.StartsWith('-') || host.Split('@')[^1].StartsWith('-'))
            throw new UserErrorException($"rsyncurl {url} looks like an option, refusing it");
    }

    /// <summary>rsyncUrlIsShell: "host:path" (a ':' before any '/'), but not rsync://.</summary>
    public static bool IsShellUrl(string url)
    {
        if (url.StartsWith("rsync://", StringComparison.Ordinal)) return false;
        foreach (var c in url)
        {
            if (c == '/') return false;
            if (c == ':') return true;
        }
        return false;
    }
}

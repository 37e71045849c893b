using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// The annex-content hook (doc/git-annex-shell.mdwn, HOOK): `hooks/annex-content` in the git directory (or
/// core.hooksPath), run with no arguments after git-annex-shell has received or dropped content. Its failure
/// does not undo the change, so it is reported but not an error.
/// </summary>
public static class AnnexContentHook
{
    public const string Name = "annex-content";

    /// <summary>Runs the hook if it exists and is executable; whatever it prints on stdout goes to <paramref name="diagnostics"/>.</summary>
    public static async Task RunAsync(AnnexRepo repo, Stream diagnostics, CancellationToken ct)
    {
        var hooksDir = repo.Config.Get("core.hooksPath") is { Length: > 0 } hp
            ? Path.GetFullPath(hp, repo.Git.TopDir) : Path.Combine(repo.Git.GitDir, "hooks");
        var hook = Path.Combine(hooksDir, Name);
        if (!File.Exists(hook) || (File.GetUnixFileMode(hook) & UnixFileMode.UserExecute) == 0) return;
        // The hook's stdout must not corrupt a protocol on ours (rsync, P2P): it is captured and passed on.
        try
        {
            var r = await ProcessRunner.RunAsync(hook, [], repo.Git.TopDir, repo.Git.GitEnv(), captureStderr: false, ct: ct);
            if (r.Stdout.Length > 0) await diagnostics.WriteAsync(r.Stdout, ct);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            await diagnostics.WriteAsync(System.Text.Encoding.UTF8.GetBytes($"  {Name} hook failed to run: {e.Message}\n"), ct);
        }
    }
}

using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// The freeze and thaw hooks (doc/git-annex.mdwn annex.freezecontent-command, annex.thawcontent-command;
/// Annex/Hook.hs runAnnexPathHook): an executable .git/hooks/freezecontent-annex (thawcontent-annex) run with
/// the path, else the configured shell command with %path replaced by the shell-quoted path. Used where
/// content would be frozen or thawed, e.g. on a filesystem that needs another way to stop writes.
/// </summary>
public sealed class ContentHooks(AnnexRepo repo)
{
    private const string FreezeHookName = "freezecontent-annex", ThawHookName = "thawcontent-annex";

    public bool HasFreezeHook => repo.Config.Get("annex.freezecontent-command") != null || HookFile(FreezeHookName) != null;

    /// <summary>Null when the hook succeeded or there is none; else what failed, as the reference names it.</summary>
    public Task<string?> FreezeAsync(string path, CancellationToken ct) =>
        RunAsync(FreezeHookName, "annex.freezecontent-command", path, ct);

    public Task<string?> ThawAsync(string path, CancellationToken ct) =>
        RunAsync(ThawHookName, "annex.thawcontent-command", path, ct);

    private string? HookFile(string name)
    {
        var f = Path.Combine(repo.Git.GitDir, "hooks", name);
        try { return (File.GetUnixFileMode(f) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0 ? f : null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private async Task<string?> RunAsync(string hookName, string configName, string path, CancellationToken ct)
    {
        if (HookFile(hookName) is { } hook)
        {
            var r = await ProcessRunner.RunInheritAsync("sh", ["-c", "exec \"$0\" \"$@\"", hook, path], repo.Git.TopDir, ct: ct);
            return r == 0 ? null : hook;
        }
        if (repo.Config.Get(configName) is not { } command) return null;
        var rc = await ProcessRunner.RunInheritAsync("sh", ["-c", command.Replace("%path", ShellQuote(path))], repo.Git.TopDir, ct: ct);
        return rc == 0 ? null : $"git configured command '{command}'";
    }

    private static string ShellQuote(string s) => "'" + s.Replace("'", "'\"'\"'") + "'";
}

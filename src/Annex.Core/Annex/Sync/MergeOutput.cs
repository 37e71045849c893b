namespace Annex.Core.Annex.Sync;

/// <summary>
/// How merge and sync steps talk to the user without knowing the console: Flush before git writes to the
/// inherited stdout/stderr, LongNote for git-annex's indented notes, Warning for stderr warnings, and
/// Quiet to pass --quiet to git (with --quiet or --json).
/// </summary>
public sealed record MergeOutput(Action Flush, Action<string> LongNote, Action<string> Warning, bool Quiet)
{
    public static MergeOutput Silent { get; } = new(() => { }, _ => { }, _ => { }, true);
}

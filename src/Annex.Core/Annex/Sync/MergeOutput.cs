namespace Annex.Core.Annex.Sync;

/// <summary>
/// How merge and sync steps talk to the user without knowing the console: Flush before git writes to the
/// inherited stdout/stderr, LongNote for git-annex's indented notes, Warning for stderr warnings, and
/// Quiet to pass --quiet to git (with --quiet or --json).
/// </summary>
public sealed record MergeOutput(Action Flush, Action<string> LongNote, Action<string> Warning, bool Quiet)
{
    /// <summary>The newline before git's own output, which every merge starts with (Messages.hs showOutput in autoMergeFrom').</summary>
    public Action ShowOutput { get; init; } = () => { };

    /// <summary>A step shown on the item's line as "(Merging into master...) " (Messages.hs showAction).</summary>
    public Action<string> ShowAction { get; init; } = _ => { };

    public static MergeOutput Silent { get; } = new(() => { }, _ => { }, _ => { }, true);
}

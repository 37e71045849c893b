using System.Globalization;

namespace Annex.Core.Annex.Adjust;

/// <summary>
/// Keeping an adjusted branch whose tree depends on present content (hide-missing, unlock-present) in step
/// after content comes or goes (Annex/AdjustedBranch.hs adjustedBranchRefresh, doc/git-annex.mdwn
/// annex.adjustedbranchrefresh). Every change is recorded in adjust.log; then 0 leaves the branch for the next
/// sync or adjust, 1 refreshes once when the command finishes, and N refreshes after every (N-1)th change as
/// well as at the end.
/// </summary>
public sealed class AdjustedRefresh(AnnexRepo repo)
{
    private int _counter;
    private bool _looked;
    private (string Original, Adjustment Adjustment)? _current;

    /// <summary>
    /// The configured rate. The reference reads it as a number, falling back to a boolean looked up under the
    /// key "adjustedbranchrefresh" without its "annex." section (Types/GitConfig.hs), which git never has: so
    /// "true" reads as 0 there, despite the documentation. Matched, since scripts tuned on the reference rely on it.
    /// </summary>
    public static long Rate(Git.GitConfig config) => ParseRate(config.Get("annex.adjustedbranchrefresh"));

    /// <summary>Haskell's readish for an Integer: the leading number, if any (reads skips leading spaces).</summary>
    public static long ParseRate(string? v)
    {
        if (v == null) return 0;
        var s = v.TrimStart();
        int i = s.StartsWith('-') ? 1 : 0, start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i == start) return 0;
        return long.TryParse(s[..i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    /// <summary>Called once for each object that arrives and each unlocked file a drop turns back into a pointer.</summary>
    public async Task ContentChangedAsync(CancellationToken ct)
    {
        // The filter runs while git holds the index; the next command (or sync) does the refresh.
        if (repo.Git.IsBare || repo.InFilter) return;
        if (!_looked)
        {
            _current = await AdjustedBranch.CurrentAsync(repo.Git, ct);
            _looked = true;
        }
        if (_current is not { } cur || cur.Adjustment.IsStable) return;
        AdjustLog.RecordNeeded(repo);
        var n = Rate(repo.Config);
        if (n == 0) return;
        if (n != 1 && ++_counter >= n - 1)
        {
            _counter = 0;
            await RefreshFullAsync(cur.Adjustment, cur.Original, force: true, ct);
        }
        else repo.AddCleanupAction(CleanupAction.AdjustedBranchUpdate,
            c => RefreshFullAsync(cur.Adjustment, cur.Original, force: true, c));
    }

    /// <summary>
    /// Restages unlocked files first, so changes get and drop made to them do not stop the checkout, then
    /// rebuilds the branch (adjustedBranchRefreshFull). Without <paramref name="force"/>, only when adjust.log
    /// says content changed since the last refresh.
    /// </summary>
    public async Task RefreshFullAsync(Adjustment adj, string orig, bool force, CancellationToken ct)
    {
        if (!force && !AdjustLog.IsUpdateNeeded(repo)) return;
        await RestageLog.RestageAsync(repo, repo.Warn, ct);
        var start = DateTimeOffset.UtcNow;
        if (await new AdjustedBranch(repo).UpdateAsync(adj, orig, repo.Warn, ct)) AdjustLog.RecordFinished(repo, start);
        else repo.Warn("Updating adjusted branch failed.");
    }
}

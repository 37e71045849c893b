using Annex.Core.Utility;

namespace Annex.Cli.CommandLine;

/// <summary>
/// Runs a verb's per-item actions: each item's failure is reported and counted, never aborts the run;
/// at the end a "verb: N failed" summary goes to stderr and the exit code is 1 if anything failed
/// (git-annex CmdLine/Action.hs).
/// </summary>
public sealed class ItemRunner(CommandContext ctx, string verb)
{
    public int Failed { get; private set; }

    /// <summary>Runs one item's action; the action returns success. A UserErrorException inside is this item's failure.</summary>
    public async Task RunAsync(Func<Task<bool>> action)
    {
        bool ok;
        try { ok = await action(); }
        catch (UserErrorException e)
        {
            if (e.AsWarning) ctx.Messages.ItemWarning(e.Message);
            else ctx.Messages.ItemError(e.Message);
            ok = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The file system refused something for this item (vanished file, permissions, full disk):
            // that item fails, the others still run.
            ctx.Messages.ItemError(e.Message);
            ok = false;
        }
        ctx.Messages.EndItem(ok);
        if (!ok) Failed++;
    }

    /// <summary>Counts a failure reported outside an item (e.g. a path that matched nothing).</summary>
    public void CountFailure() => Failed++;

    /// <summary>
    /// Ends the run: the exit code. The "verb: N failed" summary is printed by the dispatcher after the
    /// branch is committed, so "(recording state in git...)" comes before it, as with the reference.
    /// </summary>
    public int Finish()
    {
        ctx.Messages.FlushOut();
        if (Failed == 0) return 0;
        ctx.FailureSummary = $"{verb}: {Failed} failed\n";
        return 1;
    }
}

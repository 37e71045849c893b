using Annex.Core.Annex;
using Annex.Core.Utility;

namespace Annex.Cli.Shell;

/// <summary>
/// `git-annex-shell notifychanges DIR` (Command/NotifyChanges.hs, doc/design/git-remote-daemon.mdwn): prints
/// `READY` once refs/ is watched, then `CHANGED sha…` lines (flushed) until the client closes stdin. The
/// reference then exits 1 with a "hGetChar: end of file" error; closing stdin is the documented way to stop it,
/// so here it ends quietly with 0.
/// </summary>
public sealed class NotifyChangesShellCommand : IShellCommand
{
    public string Name => "notifychanges";
    public string Description => "sends notification when git refs are changed";
    public ShellMode Mode => ShellMode.ReadOnly;

    public async Task<int> RunAsync(ShellContext ctx, CancellationToken ct)
    {
        if (ctx.Params.Count > 0) throw new UserErrorException("This command takes no parameters.");
        using var watcher = ChangedRefs.Start(ctx.Repo.Git.GitDir);
        if (watcher == null) return 0;
        var stdout = Console.OpenStandardOutput();
        await Send(stdout, "READY", ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sender = Task.Run(async () =>
        {
            while (await watcher.WaitAsync(stop.Token) is { } shas)
                await Send(stdout, "CHANGED " + string.Join(' ', shas), stop.Token);
        }, stop.Token);
        // Nothing is expected from the client; end of input means it has gone.
        var stdin = Console.OpenStandardInput();
        var buf = new byte[4096];
        var reader = Task.Run(async () => { while (await stdin.ReadAsync(buf, stop.Token) > 0) { } }, stop.Token);
        var done = await Task.WhenAny(sender, reader);
        await stop.CancelAsync();
        // A pending read of stdin cannot be cancelled; the process ends without waiting for it.
        try { await done; }
        catch (OperationCanceledException) { }
        catch (IOException) { } // the client closed our stdout
        return 0;
    }

    private static async Task Send(Stream stdout, string line, CancellationToken ct)
    {
        await stdout.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line + "\n"), ct);
        await stdout.FlushAsync(ct);
    }
}

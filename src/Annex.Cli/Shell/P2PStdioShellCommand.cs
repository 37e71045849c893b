using Annex.Core.Annex;
using Annex.Core.P2P;
using Annex.Core.P2P.Protocol;
using Annex.Core.Utility;

namespace Annex.Cli.Shell;

/// <summary>
/// `git-annex-shell p2pstdio DIR CLIENTUUID` (Command/P2PStdIO.hs): serves the P2P protocol on stdin/stdout,
/// opening with an unsolicited AUTH-SUCCESS. The server mode comes from the environment: READONLY wins over
/// APPENDONLY; it is in the read-only command list because the server itself enforces the mode.
/// </summary>
public sealed class P2PStdioShellCommand : IShellCommand
{
    public string Name => "p2pstdio";
    public string Description => "communicate in P2P protocol over stdio";
    public ShellMode Mode => ShellMode.ReadOnly;

    public async Task<int> RunAsync(ShellContext ctx, CancellationToken ct)
    {
        if (ctx.Params.Count != 1) throw new UserErrorException("missing UUID parameter");
        var mode = ctx.AllowedMode switch
        {
            ShellMode.ReadOnly => ServerMode.ReadOnly,
            ShellMode.AppendOnly => ServerMode.AppendOnly,
            _ => ServerMode.ReadWrite,
        };
        var store = new RepoServerStore(ctx.Repo);
        ServerResult result;
        try
        {
            // Plain file streams on fds 0 and 1 (not the console streams) so bulk data moves with blocking calls.
            Posix.TryGrowPipe(0);
            Posix.TryGrowPipe(1);
            var stdin = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(0, ownsHandle: false), FileAccess.Read, 1);
            var stdout = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 1);
            result = await P2PServer.RunAsync(stdin, stdout, store, ctx.Repo.Uuid, mode, ct);
        }
        finally
        {
            // Whatever was stored or removed before the session ended is recorded, even when it ended badly.
            if (await store.CommitAsync(CancellationToken.None))
                await AnnexContentHook.RunAsync(ctx.Repo, Console.OpenStandardError(), CancellationToken.None);
        }
        if (!result.Ok) throw new UserErrorException(result.Error ?? "protocol error");
        return 0;
    }
}

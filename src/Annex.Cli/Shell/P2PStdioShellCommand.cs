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

    public Task<int> RunAsync(ShellContext ctx, CancellationToken ct)
    {
        if (ctx.Params.Count != 1) throw new UserErrorException("missing UUID parameter");
        var clientUuid = ctx.Params[0];
        var mode = ctx.AllowedMode;
        var serverUuid = ctx.Repo.Uuid;
        // wiring point: run Annex.Core.P2P.P2PServer.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(),
        // <AnnexRepo-backed IP2PServerStore over ctx.Repo>, serverUuid, <ServerMode from `mode`: ReadOnly ->
        // ServeReadOnly, AppendOnly -> ServeAppendOnly, ReadWrite -> ServeReadWrite>, ct), serving client `clientUuid`;
        // the server sends AUTH-SUCCESS <serverUuid> first. Then commit the git-annex branch if the journal is dirty
        // and run AnnexContentHook when content was received or removed.
        _ = (clientUuid, mode, serverUuid);
        throw new UserErrorException("p2pstdio: not implemented");
    }
}

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.P2P;
using Annex.Core.P2P.Protocol;
using Annex.Core.P2P.Transport;

namespace Annex.Tests.P2P;

/// <summary>A real temp repository (git init + our Init) served over an in-memory connection.</summary>
internal sealed class P2PTestRepo : IAsyncDisposable
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "p2ptest-" + Guid.NewGuid().ToString("N"));
    public AnnexRepo Repo { get; private set; } = null!;
    public RepoServerStore Store { get; private set; } = null!;

    public static async Task<P2PTestRepo> CreateAsync()
    {
        var t = new P2PTestRepo();
        Directory.CreateDirectory(t.Dir);
        using (var p = Process.Start(new ProcessStartInfo("git", ["init", "-q", t.Dir]) { RedirectStandardError = true })!)
            await p.WaitForExitAsync();
        t.Repo = await AnnexRepo.OpenAsync(GitRepo.At(t.Dir)!);
        await Init.RunAsync(t.Repo, "p2p test", autoInit: false, CancellationToken.None);
        t.Store = new RepoServerStore(t.Repo);
        return t;
    }

    public static Key KeyOf(string content) => Key.Parse(
        $"SHA256E-s{Encoding.UTF8.GetByteCount(content)}--{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))}");

    public Key AddObject(string content)
    {
        var key = KeyOf(content);
        var tmp = Path.Combine(Dir, "tmp-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(tmp, content);
        new ObjectStore(Repo.Locations).MoveIn(key, tmp, durable: false);
        return key;
    }

    public string? ObjectPath(Key key) => Repo.Locations.PresentObjectPath(key);

    public string TmpPath(Key key) => Repo.Locations.TmpObjectPath(key);

    /// <summary>Starts a server over a fresh in-memory pair; returns the client end and the server task.</summary>
    public (DuplexEnd Client, Task<ServerResult> Server) Serve(ServerMode mode = ServerMode.ReadWrite)
    {
        var (client, server) = InMemoryDuplex.Create();
        var task = Task.Run(() => P2PServer.RunAsync(server.Input, server.Output, Store, Repo.Uuid, mode, CancellationToken.None));
        return (client, task);
    }

    public async Task<(P2PClient Client, Task<ServerResult> Server)> ConnectAsync(int version = 4, ServerMode mode = ServerMode.ReadWrite)
    {
        var (end, server) = Serve(mode);
        var client = await P2PClient.ConnectAsync(end.Input, end.Output, new ProtocolVersion(version), CancellationToken.None);
        return (client, server);
    }

    public async ValueTask DisposeAsync()
    {
        await Repo.DisposeAsync();
        foreach (var d in Directory.EnumerateDirectories(Dir, "*", SearchOption.AllDirectories))
            File.SetUnixFileMode(d, File.GetUnixFileMode(d) | UnixFileMode.UserWrite);
        Directory.Delete(Dir, recursive: true);
    }
}

/// <summary>A hand-driven peer for checking exact server lines.</summary>
internal sealed class RawPeer(DuplexEnd end) : IAsyncDisposable
{
    private readonly P2PConnection _conn = new(end.Input, end.Output);

    public async Task SendAsync(string raw)
    {
        await end.Output.WriteAsync(Encoding.UTF8.GetBytes(raw));
        await end.Output.FlushAsync();
    }

    public async Task<string> NextAsync()
    {
        var inc = await _conn.ReadMessageAsync(CancellationToken.None);
        return inc.EndOfStream ? "<eof>" : inc.Message?.ToString() ?? "<unparsable>";
    }

    public async Task<byte[]> DataAsync(long n)
    {
        var ms = new MemoryStream();
        await _conn.ReadDataAsync(n, ms, null, CancellationToken.None);
        return ms.ToArray();
    }

    public ValueTask CloseOutputAsync() => end.Output.DisposeAsync();

    public ValueTask DisposeAsync() => _conn.DisposeAsync();
}

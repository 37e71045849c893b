using Annex.Core.Annex;
using Annex.Core.P2P.Protocol;

namespace Annex.Tests.P2P;

/// <summary>
/// Exact server lines, each checked against the reference `git-annex-shell p2pstdio` (10.20261026):
/// AUTH-SUCCESS first; VERSION 9 -> VERSION 4; unparsable -> "ERROR unknown command" and unexpected ->
/// "ERROR unexpected command", both keep serving; "UNLOCKCONTENT <key>" after a lock -> "ERROR expected
/// UNLOCKCONTENT"; GET of absent content at v1 -> "DATA 0" + "INVALID" (v0: "DATA 0" only); GETTIMESTAMP
/// and REMOVE-BEFORE answered even at v0; CONNECT and NOTIFYCHANGE get no answer and end the session.
/// </summary>
public class P2PServerWireTests
{
    [Fact]
    public async Task ErrorsKeepTheSessionAndVersionIsCapped()
    {
        await using var t = await P2PTestRepo.CreateAsync();
        var key = t.AddObject("hello\n");
        var (end, server) = t.Serve();
        await using var peer = new RawPeer(end);
        await peer.SendAsync($"VERSION 9\nFOO\nUNLOCKCONTENT x\nSUCCESS\nAUTH a b\nCHECKPRESENT {key}\nBYPASS\nLOCKCONTENT {key}\nUNLOCKCONTENT {key}\nCHECKPRESENT {key}\nERROR bye\n");
        Assert.Equal($"AUTH-SUCCESS {t.Repo.Uuid}", await peer.NextAsync());
        Assert.Equal("VERSION 4", await peer.NextAsync());
        Assert.Equal("ERROR unknown command", await peer.NextAsync());
        Assert.Equal("ERROR unknown command", await peer.NextAsync());
        Assert.Equal("ERROR unexpected command", await peer.NextAsync());
        Assert.Equal("ERROR unexpected command", await peer.NextAsync());
        Assert.Equal("SUCCESS", await peer.NextAsync());
        Assert.Equal("SUCCESS", await peer.NextAsync());                  // LOCKCONTENT (BYPASS has no reply)
        Assert.Equal("ERROR expected UNLOCKCONTENT", await peer.NextAsync());
        Assert.Equal("SUCCESS", await peer.NextAsync());
        Assert.Equal("<eof>", await peer.NextAsync());                    // client ERROR ends the session
        Assert.True((await server).Ok);
        // The lock ended badly: the retention promise is kept (our choice, safer than the reference).
        Assert.True(File.Exists(t.ObjectPath(key) + ".rtm"));
    }

    [Fact]
    public async Task GetAtVersionsZeroAndOne()
    {
        await using var t = await P2PTestRepo.CreateAsync();
        var key = t.AddObject("hello\n");
        var absent = P2PTestRepo.KeyOf("nope\n");
        var (end, server) = t.Serve();
        await using var peer = new RawPeer(end);
        await peer.NextAsync();
        await peer.SendAsync($"GET 2 a {key}\n");
        Assert.Equal("DATA 4", await peer.NextAsync());
        Assert.Equal("llo\n"u8.ToArray(), await peer.DataAsync(4));
        await peer.SendAsync($"SUCCESS\nGET 0 a {absent}\n");
        Assert.Equal("DATA 0", await peer.NextAsync());
        await peer.SendAsync($"FAILURE\nVERSION 1\nGET 0 a {absent}\n");
        Assert.Equal("VERSION 1", await peer.NextAsync());
        Assert.Equal("DATA 0", await peer.NextAsync());
        Assert.Equal("INVALID", await peer.NextAsync());
        await peer.SendAsync($"FAILURE\nGET 0 a {key}\n");
        Assert.Equal("DATA 6", await peer.NextAsync());
        Assert.Equal("hello\n"u8.ToArray(), await peer.DataAsync(6));
        Assert.Equal("VALID", await peer.NextAsync());
        await peer.SendAsync($"SUCCESS\nGETTIMESTAMP\nREMOVE-BEFORE 1 {key}\n");
        Assert.StartsWith("TIMESTAMP ", await peer.NextAsync());
        Assert.Equal("FAILURE", await peer.NextAsync());                  // deadline long past
        Assert.NotNull(t.ObjectPath(key));
        await peer.CloseOutputAsync();
        Assert.True((await server).Ok);
    }

    [Theory]
    [InlineData("CONNECT git-upload-pack", "relaying to git not supported on this connection")]
    [InlineData("NOTIFYCHANGE", "change notification not available")]
    public async Task ConnectAndNotifyChangeEndTheSession(string line, string error)
    {
        await using var t = await P2PTestRepo.CreateAsync();
        var (end, server) = t.Serve();
        await using var peer = new RawPeer(end);
        await peer.SendAsync($"VERSION 4\n{line}\nGETTIMESTAMP\n");
        await peer.NextAsync();
        Assert.Equal("VERSION 4", await peer.NextAsync());
        Assert.Equal("<eof>", await peer.NextAsync());
        Assert.Equal(ServerResult.Failed(error), await server);
    }

    [Theory]
    [InlineData(ServerMode.ReadOnly, "REMOVE", P2PServer.ReadOnlyRefusal)]
    [InlineData(ServerMode.ReadOnly, "REMOVE-BEFORE 99999999", P2PServer.ReadOnlyRefusal)]
    [InlineData(ServerMode.ReadOnly, "PUT f", P2PServer.ReadOnlyRefusal)]
    [InlineData(ServerMode.AppendOnly, "REMOVE", P2PServer.AppendOnlyRefusal)]
    [InlineData(ServerMode.AppendOnly, "REMOVE-BEFORE 99999999", P2PServer.AppendOnlyRefusal)]
    public async Task ModesRefuseWithTheReferenceTexts(ServerMode mode, string request, string refusal)
    {
        await using var t = await P2PTestRepo.CreateAsync();
        var key = t.AddObject("hello\n");
        var (end, server) = t.Serve(mode);
        await using var peer = new RawPeer(end);
        await peer.SendAsync($"VERSION 4\n{request} {key}\nCHECKPRESENT {key}\n");
        await peer.NextAsync();
        await peer.NextAsync();
        Assert.Equal("ERROR " + refusal, await peer.NextAsync());
        Assert.Equal("SUCCESS", await peer.NextAsync());
        await peer.CloseOutputAsync();
        await server;
    }

    [Fact]
    public async Task DataLongerThanTheKeyIsRefusedBeforeReading()
    {
        await using var t = await P2PTestRepo.CreateAsync();
        var key = P2PTestRepo.KeyOf("world\n");
        var (end, server) = t.Serve();
        await using var peer = new RawPeer(end);
        await peer.SendAsync($"VERSION 4\nPUT f {key}\nDATA 9\nworld\nabc");
        await peer.NextAsync();
        await peer.NextAsync();
        Assert.Equal("PUT-FROM 0", await peer.NextAsync());
        Assert.StartsWith("ERROR DATA 9 from offset 0 is longer than the key's size 6", await peer.NextAsync());
        Assert.Equal("<eof>", await peer.NextAsync());
        Assert.False((await server).Ok);
        Assert.Null(t.ObjectPath(key));
        Assert.False(File.Exists(t.TmpPath(key)) && new FileInfo(t.TmpPath(key)).Length > 0);
    }

    [Fact]
    public async Task ClientVanishingMidDataLeavesAResumableTempFile()
    {
        await using var t = await P2PTestRepo.CreateAsync();
        var key = P2PTestRepo.KeyOf("world\n");
        var (end, server) = t.Serve();
        await using (var peer = new RawPeer(end))
        {
            await peer.SendAsync($"VERSION 4\nPUT f {key}\nDATA 6\nwor");
            await peer.NextAsync();
            await peer.NextAsync();
            Assert.Equal("PUT-FROM 0", await peer.NextAsync());
            await peer.CloseOutputAsync();
            Assert.Equal("FAILURE", await peer.NextAsync());              // as the reference says before exiting
            Assert.False((await server).Ok);
        }
        Assert.Null(t.ObjectPath(key));
        Assert.Equal("wor", File.ReadAllText(t.TmpPath(key)));
        var (end2, server2) = t.Serve();
        await using var again = new RawPeer(end2);
        await again.SendAsync($"VERSION 1\nPUT f {key}\n");
        await again.NextAsync();
        await again.NextAsync();
        Assert.Equal("PUT-FROM 3", await again.NextAsync());
        await again.SendAsync("DATA 3\nld\nVALID\n");
        Assert.Equal("SUCCESS", await again.NextAsync());
        Assert.Equal("world\n", File.ReadAllText(t.ObjectPath(key)!));
        Assert.False(File.Exists(t.TmpPath(key)));
        Assert.Contains(t.Repo.Uuid, await new LocationLogStore(t.Repo).PresentAsync(key));
        await again.CloseOutputAsync();
        await server2;
    }
}

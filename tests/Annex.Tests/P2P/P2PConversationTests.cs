using System.Text;
using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.P2P.Protocol;

namespace Annex.Tests.P2P;

/// <summary>Our client against our server over the in-memory transport, at every protocol version.</summary>
public class P2PConversationTests
{
    public static readonly TheoryData<int> Versions = new() { 0, 1, 2, 3, 4 };

    [Theory, MemberData(nameof(Versions))]
    public async Task GetWithResume(int version)
    {
        await using var t = await P2PTestRepo.CreateAsync();
        var key = t.AddObject("hello world\n");
        var (client, server) = await t.ConnectAsync(version);
        await using (client)
        {
            Assert.Equal(version, client.Version.Value);
            Assert.Equal(t.Repo.Uuid, client.ServerUuid);
            var dest = new MemoryStream();
            dest.Write("hello"u8);
            var seen = DataValidity.Unknown;
            long last = 0;
            var r = await client.GetAsync(key, 5, "some file", dest,
                (v, _) => { seen = v; return ValueTask.FromResult(Verifies(key, dest.ToArray())); },
                n => last = n, CancellationToken.None);
            Assert.True(r.Stored);
            Assert.Equal(7, r.BytesReceived);
            Assert.Equal(12, last);
            Assert.Equal(version == 0 ? DataValidity.Unknown : DataValidity.Valid, seen);
            Assert.Equal("hello world\n", Encoding.UTF8.GetString(dest.ToArray()));

            var absent = await client.GetAsync(P2PTestRepo.KeyOf("x"), 0, null, new MemoryStream(),
                (_, _) => ValueTask.FromResult(false), null, CancellationToken.None);
            Assert.False(absent.Stored);
            Assert.Equal(version == 0 ? DataValidity.Unknown : DataValidity.Invalid, absent.Validity);
            Assert.True(await client.CheckPresentAsync(key, CancellationToken.None));
        }
        Assert.True((await server).Ok);
    }

    private static bool Verifies(Key key, byte[] content)
    {
        using var h = Backends.ForKey(key)!.CreateHasher()!;
        h.Append(content);
        return h.Matches(key);
    }

    [Theory, MemberData(nameof(Versions))]
    public async Task PutWithResumeAndAlreadyHave(int version)
    {
        await using var t = await P2PTestRepo.CreateAsync();
        var content = "some content to upload\n";
        var key = P2PTestRepo.KeyOf(content);
        var src = Path.Combine(t.Dir, "src");
        File.WriteAllText(src, content);
        Directory.CreateDirectory(t.Repo.Locations.TmpDir);
        File.WriteAllText(t.TmpPath(key), content[..10]);                 // left by an earlier attempt
        var (client, server) = await t.ConnectAsync(version);
        await using (client)
        {
            long first = -1;
            var r = await client.PutAsync(key, "dir/a file", src, n => { if (first < 0) first = n; }, CancellationToken.None);
            Assert.True(r.Stored);
            Assert.False(r.AlreadyHad);
            Assert.True(first > 10);                                      // resumed: progress starts past the partial copy
            Assert.Equal(content, File.ReadAllText(t.ObjectPath(key)!));
            Assert.False(File.Exists(t.TmpPath(key)));
            Assert.True((await client.PutAsync(key, null, src, null, CancellationToken.None)).AlreadyHad);
        }
        Assert.True((await server).Ok);
        Assert.Contains(t.Repo.Uuid, await new LocationLogStore(t.Repo).PresentAsync(key));
        await t.Store.CommitAsync(CancellationToken.None);
    }

    [Fact]
    public async Task PutOfWrongContentFailsAndStoresNothing()
    {
        await using var t = await P2PTestRepo.CreateAsync();
        var key = P2PTestRepo.KeyOf("right\n");
        var src = Path.Combine(t.Dir, "src");
        File.WriteAllText(src, "wrong\n");
        var (client, server) = await t.ConnectAsync();
        await using (client)
            Assert.False((await client.PutAsync(key, null, src, null, CancellationToken.None)).Stored);
        await server;
        Assert.Null(t.ObjectPath(key));
        Assert.False(File.Exists(t.TmpPath(key)));
    }

    [Fact]
    public async Task LockKeepsContentAndUnlockReleasesIt()
    {
        await using var t = await P2PTestRepo.CreateAsync();
        var key = t.AddObject("locked\n");
        var (client, server) = await t.ConnectAsync();
        await using (client)
        {
            var lk = await client.LockContentAsync(key, CancellationToken.None);
            Assert.NotNull(lk);
            var rtm = File.ReadAllText(t.ObjectPath(key) + ".rtm");
            Assert.Matches(@"^\d+\.\d{9}s$", rtm);
            var until = double.Parse(rtm.TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(until - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 590, 601);
            // Our own removal path refuses while the promise runs.
            Assert.Null(ContentLock.LockExclusive(t.Repo.Locations, key));
            await lk!.DisposeAsync();
            Assert.Null(await client.LockContentAsync(P2PTestRepo.KeyOf("absent"), CancellationToken.None));
            Assert.True(await client.CheckPresentAsync(key, CancellationToken.None)); // UNLOCKCONTENT was consumed in step
            Assert.False(File.Exists(t.ObjectPath(key) + ".rtm"));
            Assert.True((await client.RemoveAsync(key, CancellationToken.None)).Removed);
        }
        await server;
        Assert.Null(t.ObjectPath(key));
    }

    [Fact]
    public async Task ADroppedConnectionKeepsTheRetentionPromise()
    {
        await using var t = await P2PTestRepo.CreateAsync();
        var key = t.AddObject("kept\n");
        var (client, server) = await t.ConnectAsync();
        Assert.NotNull(await client.LockContentAsync(key, CancellationToken.None));
        await client.DisposeAsync();                                      // vanish without UNLOCKCONTENT
        await server;
        Assert.True(File.Exists(t.ObjectPath(key) + ".rtm"));
        var (c2, s2) = await t.ConnectAsync();
        await using (c2)
            Assert.False((await c2.RemoveAsync(key, CancellationToken.None)).Removed);
        await s2;
        Assert.NotNull(t.ObjectPath(key));
    }

    [Fact]
    public async Task RemoveBeforeAndTimestamps()
    {
        await using var t = await P2PTestRepo.CreateAsync();
        var key = t.AddObject("timed\n");
        var (client, server) = await t.ConnectAsync();
        await using (client)
        {
            var now = await client.GetTimestampAsync(CancellationToken.None);
            Assert.True(now >= 0);
            Assert.False((await client.RemoveBeforeAsync(now, key, CancellationToken.None)).Removed); // already reached
            Assert.NotNull(t.ObjectPath(key));
            Assert.True((await client.RemoveBeforeAsync(now + 60, key, CancellationToken.None)).Removed);
            Assert.Null(t.ObjectPath(key));
            Assert.True((await client.RemoveAsync(key, CancellationToken.None)).Removed);  // absent: nothing to do
            Assert.DoesNotContain(t.Repo.Uuid, await new LocationLogStore(t.Repo).PresentAsync(key));
        }
        await server;
        var (old, s2) = await t.ConnectAsync(2);
        await using (old)
            Assert.Throws<InvalidOperationException>(() => { _ = old.GetTimestampAsync(CancellationToken.None); });
        await s2;
    }

    [Fact]
    public async Task RefusalsMakeTheClientUnusable()
    {
        await using var t = await P2PTestRepo.CreateAsync();
        var key = t.AddObject("ro\n");
        var (client, server) = await t.ConnectAsync(mode: ServerMode.ReadOnly);
        await using (client)
        {
            var e = await Assert.ThrowsAsync<ProtocolException>(() => client.RemoveAsync(key, CancellationToken.None));
            Assert.Equal(P2PServer.ReadOnlyRefusal, e.Message);
            Assert.False(client.IsUsable);
            await Assert.ThrowsAsync<InvalidOperationException>(() => client.CheckPresentAsync(key, CancellationToken.None));
        }
        await server;
        var (append, s2) = await t.ConnectAsync(mode: ServerMode.AppendOnly);
        await using (append)
        {
            var src = Path.Combine(t.Dir, "src");
            File.WriteAllText(src, "new\n");
            Assert.True((await append.PutAsync(P2PTestRepo.KeyOf("new\n"), null, src, null, CancellationToken.None)).Stored);
            var e = await Assert.ThrowsAsync<ProtocolException>(() => append.RemoveAsync(key, CancellationToken.None));
            Assert.Equal(P2PServer.AppendOnlyRefusal, e.Message);
        }
        await s2;
    }
}

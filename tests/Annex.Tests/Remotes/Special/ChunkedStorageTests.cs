using System.Diagnostics;
using System.Security.Cryptography;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Remotes.Helpers;
using Annex.Core.Utility;

namespace Annex.Tests.Remotes.Special;

/// <summary>Chunked storage on a special remote (doc/chunking.mdwn) against an in-memory store and a real git-annex branch.</summary>
public sealed class ChunkedStorageTests : IAsyncLifetime
{
    private static readonly Uuid Remote = Uuid.Parse("11111111-2222-3333-4444-555555555555");
    private readonly string _dir = Directory.CreateTempSubdirectory("chunked-").FullName;
    private AnnexRepo _repo = null!;
    private readonly MemoryKeyStore _store = new();

    public async Task InitializeAsync()
    {
        using (var p = Process.Start(new ProcessStartInfo("git", ["init", "-q", _dir]))!) p.WaitForExit();
        _repo = await AnnexRepo.OpenAsync(GitRepo.At(_dir)!);
        await Init.RunAsync(_repo, "test", autoInit: false, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _repo.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private (Key Key, string File, byte[] Bytes) Content(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        var file = Path.Combine(_dir, "content-" + length);
        File.WriteAllBytes(file, bytes);
        var key = new Key("SHA256E", Convert.ToHexStringLower(SHA256.HashData(bytes)), size: length);
        return (key, file, bytes);
    }

    private ChunkedStorage Storage(long? chunk) =>
        new(_repo, Remote, chunk is { } c ? new ChunkConfig(c, null) : ChunkConfig.None, _store);

    private async Task<byte[]> ReadBack(ChunkedStorage s, Key key, long offset = 0)
    {
        using var ms = new MemoryStream();
        await s.RetrieveAsync(key, offset, ms, null, CancellationToken.None);
        return ms.ToArray();
    }

    [Fact]
    public async Task ChunksAreStoredUnderChunkKeysAndLoggedAsTheReferenceWritesThem()
    {
        var (key, file, bytes) = Content(250);
        var s = Storage(100);
        await s.StoreAsync(key, file, null, CancellationToken.None);
        Assert.Equal(3, _store.Objects.Count);
        Assert.Equal(bytes[200..], _store.Objects[key with { ChunkSize = 100, ChunkNumber = 3 }]);
        Assert.Equal($"SHA256E-s250-S100-C1--{key.Name}", (key with { ChunkSize = 100, ChunkNumber = 1 }).ToString());
        var log = await _repo.Branch.ReadAsync(Locations.KeyLogPath(key, ".cnk"));
        Assert.Matches($@"^\d+(\.\d+)?s {Remote.Value}:100 3\n$", System.Text.Encoding.UTF8.GetString(log!));
        Assert.Equal(bytes, await ReadBack(s, key));
        Assert.True(await s.HasAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task RetrievalResumesMidChunk()
    {
        var (key, file, bytes) = Content(250);
        var s = Storage(100);
        await s.StoreAsync(key, file, null, CancellationToken.None);
        Assert.Equal(bytes[150..], await ReadBack(s, key, offset: 150));
        Assert.Empty(await ReadBack(s, key, offset: 250));
    }

    [Fact]
    public async Task StoringResumesAtTheFirstMissingChunk()
    {
        var (key, file, _) = Content(250);
        var s = Storage(100);
        _store.Objects[key with { ChunkSize = 100, ChunkNumber = 1 }] = File.ReadAllBytes(file)[..100];
        await s.StoreAsync(key, file, null, CancellationToken.None);
        Assert.DoesNotContain($"store {key with { ChunkSize = 100, ChunkNumber = 1 }}", _store.Calls);
        Assert.Contains($"store {key with { ChunkSize = 100, ChunkNumber = 2 }}", _store.Calls);
    }

    [Fact]
    public async Task AnEmptyFileIsOneEmptyChunk()
    {
        var (key, file, _) = Content(0);
        await Storage(100).StoreAsync(key, file, null, CancellationToken.None);
        Assert.Equal([], _store.Objects[key with { ChunkSize = 100, ChunkNumber = 1 }]);
    }

    [Fact]
    public async Task AnUnchunkedRemoteStillReadsChunksItsLogRecords()
    {
        var (key, file, bytes) = Content(250);
        await Storage(100).StoreAsync(key, file, null, CancellationToken.None);
        // The remote's chunk= setting was later removed: the logged layout is still found.
        var unchunked = Storage(null);
        Assert.True(await unchunked.HasAsync(key, CancellationToken.None));
        Assert.Equal(bytes, await ReadBack(unchunked, key));
    }

    [Fact]
    public async Task ChunksWhoseLogNeverArrivedAreFoundAndThenLogged()
    {
        var (key, file, bytes) = Content(250);
        var s = Storage(100);
        for (int i = 0; i < 3; i++)
            _store.Objects[key with { ChunkSize = 100, ChunkNumber = i + 1 }] = bytes[(i * 100)..Math.Min(250, (i + 1) * 100)];
        Assert.Null(await _repo.Branch.ReadAsync(Locations.KeyLogPath(key, ".cnk")));
        Assert.True(await s.HasAsync(key, CancellationToken.None));
        Assert.NotNull(await _repo.Branch.ReadAsync(Locations.KeyLogPath(key, ".cnk")));
        Assert.Equal(bytes, await ReadBack(s, key));
    }

    [Fact]
    public async Task MissingChunkMeansNotPresent()
    {
        var (key, file, _) = Content(250);
        var s = Storage(100);
        await s.StoreAsync(key, file, null, CancellationToken.None);
        _store.Objects.Remove(key with { ChunkSize = 100, ChunkNumber = 2 });
        Assert.False(await s.HasAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task RemovingDeletesEveryChunkAndLogsZero()
    {
        var (key, file, _) = Content(250);
        var s = Storage(100);
        await s.StoreAsync(key, file, null, CancellationToken.None);
        await s.RemoveAsync(key, CancellationToken.None);
        Assert.Empty(_store.Objects);
        var log = System.Text.Encoding.UTF8.GetString((await _repo.Branch.ReadAsync(Locations.KeyLogPath(key, ".cnk")))!);
        Assert.EndsWith($"{Remote.Value}:100 0\n", log);
        Assert.False(await s.HasAsync(key, CancellationToken.None));
    }

    [Theory]
    [InlineData("0 3")]                 // zero chunk size: would divide by zero
    [InlineData("100 2")]               // two chunks of 100 cannot make 250 bytes
    [InlineData("1 9000000000000")]     // a count no key of 250 bytes has: would iterate forever
    public async Task ImplausibleChunkLogEntriesAreIgnored(string entry)
    {
        var (key, file, bytes) = Content(250);
        await _repo.Branch.WriteTextAsync(Locations.KeyLogPath(key, ".cnk"), $"1795474667s {Remote.Value}:{entry}\n");
        var s = Storage(null);
        Assert.False(await s.HasAsync(key, CancellationToken.None));
        await s.StoreAsync(key, file, null, CancellationToken.None);
        Assert.True(await s.HasAsync(key, CancellationToken.None));
        Assert.Equal(bytes, await ReadBack(s, key));
        await s.RemoveAsync(key, CancellationToken.None);
        Assert.Empty(_store.Objects);
    }

    [Fact]
    public async Task AnUnreachableRemoteIsAnErrorNotAbsence()
    {
        var (key, file, _) = Content(10);
        var s = Storage(null);
        await s.StoreAsync(key, file, null, CancellationToken.None);
        _store.Unreachable = true;
        await Assert.ThrowsAsync<UserErrorException>(() => s.HasAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task UnstableKeysAreNeverChunked()
    {
        var (_, file, _) = Content(250);
        var url = new Key("URL", "http&c%%example.com%f", size: 250);
        await Storage(100).StoreAsync(url, file, null, CancellationToken.None);
        Assert.Equal([url], _store.Objects.Keys);
    }

    [Theory]
    [InlineData("1MiB", 1048576L)]
    [InlineData("100kb", 100000L)]
    [InlineData("0", null)]
    public void ChunkSizesAreReadAsDataUnits(string value, long? expected) =>
        Assert.Equal(expected, ChunkConfig.From(new Dictionary<string, string> { ["chunk"] = value }).ChunkSize);

    [Fact]
    public void ABadChunkSizeIsTheReferencesError() =>
        Assert.Equal("bad configuration chunk=bad",
            Assert.Throws<UserErrorException>(() => ChunkConfig.From(new Dictionary<string, string> { ["chunk"] = "bad" })).Message);
}

using System.Diagnostics;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Tests.Annex;

/// <summary>
/// A file written to while `add` hashes it must be refused, never stored or recorded under the key of what
/// was read. The backend here hashes the file as the real one does, then appends to it before returning,
/// as a writer racing the hash would.
/// </summary>
public class ChangedWhileAddedTests
{
    private sealed class RacedBackend(IBackend real) : IBackend
    {
        public string Name => real.Name;
        public bool IsCryptographicallySecure => real.IsCryptographicallySecure;
        public bool HasExtension => real.HasExtension;
        public bool CanVerify => real.CanVerify;
        public bool CanGenerateKey => real.CanGenerateKey;
        public bool IsStableKey => real.IsStableKey;
        public IContentHasher? CreateHasher() => real.CreateHasher();

        public Key GenerateKey(string path, KeyGenOptions? options = null, Action<long>? progress = null, CancellationToken cancellationToken = default)
        {
            var key = real.GenerateKey(path, options, progress, cancellationToken);
            File.AppendAllText(path, "written during the hash\n");
            return key;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AFileChangedWhileHashedIsRefusedAndNothingIsStored(bool unlocked)
    {
        var dir = Directory.CreateTempSubdirectory("changedwhileadded-").FullName;
        try
        {
            using (var p = Process.Start(new ProcessStartInfo("git", ["init", "-q", dir]) { RedirectStandardError = true })!)
                await p.WaitForExitAsync();
            await using var repo = await AnnexRepo.OpenAsync(GitRepo.At(dir)!);
            await Init.RunAsync(repo, "test", autoInit: false, CancellationToken.None);
            File.WriteAllText(Path.Combine(dir, "f"), "original content\n");
            var ingest = new Ingest(repo);
            var backend = new RacedBackend(Backends.ByName("SHA256E")!);

            var e = await Assert.ThrowsAsync<UserErrorException>(() => unlocked
                ? ingest.AddUnlockedAsync("f", backend, CancellationToken.None)
                : ingest.AddLockedAsync("f", backend, CancellationToken.None));
            Assert.Contains("changed while it was being added", e.Message);
            Assert.Empty(new ObjectStore(repo.Locations).AllKeys());
            Assert.Equal("original content\nwritten during the hash\n", File.ReadAllText(Path.Combine(dir, "f")));
            Assert.Null(new FileInfo(Path.Combine(dir, "f")).LinkTarget);
        }
        finally { Directory.Delete(dir, true); }
    }
}

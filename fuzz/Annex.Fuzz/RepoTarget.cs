using System.Diagnostics;
using System.Text;
using Annex.Core.Annex;
using Annex.Core.Git;
using Annex.Core.Keys;
using Annex.Core.P2P;
using Annex.Core.P2P.Protocol;

namespace Annex.Fuzz;

/// <summary>
/// The real RepoServerStore over one temp repository (git init + our Init, holding "hello"), made once per
/// fuzzing process. After each input: nothing was written outside the repository, every object in
/// .git/annex/objects verifies against its key, and a session without PUT, REMOVE, REMOVE-BEFORE or
/// LOCKCONTENT left every file of the repository as it was. Then the repository is put back as it was,
/// so each input runs against the same state and a crash file reproduces on its own.
/// </summary>
public static class RepoTarget
{
    private static readonly Lazy<Fixture> Repo = new(Fixture.Create);

    public static void Run(byte[] input)
    {
        var f = Repo.Value;
        foreach (var mode in new[] { ServerMode.ReadWrite, ServerMode.ReadOnly })
        {
            ServerTarget.Serve(input, new RepoServerStore(f.Repo), mode);
            f.CheckInvariants(MayChange(input, mode));
            f.Restore();
        }
    }

    // Whether any line of the input is a request that may change the repository in this mode: LOCKCONTENT
    // leaves a retention stamp even read-only. (A DATA payload may hold such a line too; that only makes
    // the check skip an input, never fail wrongly.)
    private static bool MayChange(byte[] input, ServerMode mode)
    {
        foreach (var line in Encoding.UTF8.GetString(input).Split('\n'))
            if (MessageParser.Parse(line.TrimEnd('\r')) switch
                {
                    LockContent => true,
                    Put or Remove or RemoveBefore => mode == ServerMode.ReadWrite,
                    _ => false,
                }) return true;
        return false;
    }

    private sealed class Fixture
    {
        public required string Root { get; init; }
        public required string Dir { get; init; }
        public required AnnexRepo Repo { get; init; }
        public required Dictionary<string, byte[]> Baseline { get; set; }

        public static Fixture Create()
        {
            // afl kills its children at the end, so their repositories are left behind: remove those of dead processes.
            foreach (var stale in Directory.EnumerateDirectories(Path.GetTempPath(), "annex-fuzz-*"))
                if (int.TryParse(Path.GetFileName(stale)["annex-fuzz-".Length..], out var pid) && !Directory.Exists("/proc/" + pid))
                    try { DeleteTree(stale); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            var root = Path.Combine(Path.GetTempPath(), "annex-fuzz-" + Environment.ProcessId);
            var dir = Path.Combine(root, "repo");
            if (Directory.Exists(root)) DeleteTree(root);
            Directory.CreateDirectory(dir);
            using (var p = Process.Start(new ProcessStartInfo("git", ["init", "-q", dir]) { RedirectStandardError = true })!)
                p.WaitForExit();
            var repo = AnnexRepo.OpenAsync(GitRepo.At(dir)!).GetAwaiter().GetResult();
            Init.RunAsync(repo, "fuzz", autoInit: false, CancellationToken.None).GetAwaiter().GetResult();
            var tmp = Path.Combine(dir, "hello.tmp");
            File.WriteAllBytes(tmp, FakeStore.Hello);
            new ObjectStore(repo.Locations).MoveIn(FakeStore.HelloKey, tmp, durable: false);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { DeleteTree(root); } catch (IOException) { } };
            return new Fixture { Root = root, Dir = dir, Repo = repo, Baseline = Snapshot(dir) };
        }

        public void CheckInvariants(bool mayHaveChanged)
        {
            var outside = Directory.EnumerateFileSystemEntries(Root).Where(e => e != Dir).ToList();
            if (outside.Count > 0) throw new FuzzCheckFailed("written outside the repository: " + string.Join(", ", outside));
            var objects = Repo.Locations.ObjectsDir;
            foreach (var path in Directory.EnumerateFiles(objects, "*", SearchOption.AllDirectories))
            {
                var name = Path.GetFileName(path);
                if (name.EndsWith(".lck") || name.EndsWith(".rtm") || name.EndsWith(".rtl")) continue;
                if (Path.GetFileName(Path.GetDirectoryName(path)) != name || !KeyFile.TryParse(name, out var key))
                    throw new FuzzCheckFailed("stray file in the object store: " + path);
                if (Backends.VerifyFile(key, path) == false || (key.Size is { } s && new FileInfo(path).Length != s))
                    throw new FuzzCheckFailed("object does not verify: " + path);
            }
            if (!mayHaveChanged)
            {
                var now = Snapshot(Dir);
                var diff = now.Keys.Except(Baseline.Keys)
                    .Concat(Baseline.Keys.Where(k => !now.TryGetValue(k, out var b) || !b.AsSpan().SequenceEqual(Baseline[k])))
                    .ToList();
                if (diff.Count > 0)
                    throw new FuzzCheckFailed("a session with no changing request changed " + string.Join(", ", diff));
            }
        }

        /// <summary>Puts every file back as in the baseline and removes the rest.</summary>
        public void Restore()
        {
            foreach (var d in Directory.EnumerateDirectories(Dir, "*", SearchOption.AllDirectories))
                ObjectStore.MakeWritable(d);
            foreach (var path in Directory.EnumerateFiles(Dir, "*", SearchOption.AllDirectories).ToList())
            {
                var rel = Path.GetRelativePath(Dir, path);
                if (!Baseline.TryGetValue(rel, out var bytes)) File.Delete(path);
                else if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
                {
                    File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserWrite);
                    File.WriteAllBytes(path, bytes);
                }
            }
            foreach (var (rel, bytes) in Baseline)
            {
                var path = Path.Combine(Dir, rel);
                if (File.Exists(path)) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, bytes);
            }
            foreach (var d in Directory.EnumerateDirectories(Dir, "*", SearchOption.AllDirectories)
                         .OrderByDescending(d => d.Length))
                if (!Directory.EnumerateFileSystemEntries(d).Any() && !Baseline.Keys.Any(k => k.StartsWith(Path.GetRelativePath(Dir, d) + "/")))
                    Directory.Delete(d);
        }

        private static Dictionary<string, byte[]> Snapshot(string dir) =>
            Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .ToDictionary(p => Path.GetRelativePath(dir, p), File.ReadAllBytes);

        private static void DeleteTree(string dir)
        {
            foreach (var d in Directory.EnumerateDirectories(dir, "*", SearchOption.AllDirectories))
                ObjectStore.MakeWritable(d);
            Directory.Delete(dir, recursive: true);
        }
    }
}

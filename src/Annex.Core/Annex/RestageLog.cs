using System.Text;
using Annex.Core.Git;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// Unlocked files whose pointer must be restaged in git's index after get or drop changed them
/// (Logs/Restage.hs, Annex/Link.hs restagePointerFiles, Command/Restage.hs). .git/annex/restage.log holds one
/// line per file, "INODECACHE:FILE" (the work-tree file's inode cache after the change, the file relative to the
/// top), appended under restage.lck. Restaging takes git's index.lock, refreshes a hard-linked copy of the index
/// for the files still unchanged since they were logged, and renames it over the index; when git holds the
/// lock, the log stays for a later `git annex restage`. Both implementations read what the other wrote.
/// </summary>
public static class RestageLog
{
    public const string UnableToRestageMessage = " to be modified, since content availability has changed and git-annex was unable to update the index."
        + " This is only a cosmetic problem affecting git status; git add, git commit, etc won't be affected."
        + " To fix the git status display, you can run: git-annex restage";

    private static string LogPath(AnnexRepo repo) => Path.Combine(repo.Locations.AnnexDir, "restage.log");
    private static string OldPath(AnnexRepo repo) => Path.Combine(repo.Locations.AnnexDir, "restage.old");
    private static string LockPath(AnnexRepo repo) => Path.Combine(repo.Locations.AnnexDir, "restage.lck");

    public static string FormatLine(string topFile, InodeCache ic) => ic + ":" + topFile;

    public static (string File, InodeCache Cache)? ParseLine(string line)
    {
        int colon = line.IndexOf(':');
        if (colon < 0 || InodeCache.Parse(line[..colon]) is not { } ic) return null;
        return (line[(colon + 1)..], ic);
    }

    /// <summary>Logs the files (top-relative) as they are now; a file that is gone or not a regular file is left out.</summary>
    public static void Append(AnnexRepo repo, IEnumerable<string> files)
    {
        var sb = new StringBuilder();
        foreach (var f in files)
            if (InodeCache.Of(Path.Combine(repo.Git.TopDir, f)) is { } ic) sb.Append(FormatLine(f, ic)).Append('\n');
        if (sb.Length == 0) return;
        Directory.CreateDirectory(repo.Locations.AnnexDir);
        using var lk = PosixLock.Take(LockPath(repo), exclusive: true, wait: true);
        File.AppendAllText(LogPath(repo), sb.ToString());
    }

    /// <summary>Entries in the log and in an unfinished restage.old.</summary>
    public static int Count(AnnexRepo repo)
    {
        if (!File.Exists(LogPath(repo)) && !File.Exists(OldPath(repo))) return 0;
        using var lk = PosixLock.Take(LockPath(repo), exclusive: false, wait: true);
        return new[] { LogPath(repo), OldPath(repo) }.Where(File.Exists)
            .Sum(p => File.ReadLines(p).Count(l => ParseLine(l) != null));
    }

    /// <summary>
    /// Restages every logged file that is unchanged since it was logged. False (with the warning given) when
    /// the index could not be updated; the entries are then kept.
    /// </summary>
    public static async Task<bool> RestageAsync(AnnexRepo repo, Action<string> warn, CancellationToken ct)
    {
        if (repo.Git.IsBare || repo.InFilter || Count(repo) == 0) return true;
        var realIndex = Environment.GetEnvironmentVariable("GIT_INDEX_FILE") is { Length: > 0 } e
            ? Path.GetFullPath(e, repo.Git.TopDir) : Path.Combine(repo.Git.GitDir, "index");
        var lockFile = realIndex + ".lock";
        FileStream lck;
        try { lck = new FileStream(lockFile, FileMode.CreateNew, FileAccess.Write); }
        catch (IOException)
        {
            warn("git status will show some files" + UnableToRestageMessage);
            return false;
        }
        var tmpDir = NewTmpDir(repo.Git.GitDir);
        try
        {
            var tmpIndex = Path.Combine(tmpDir, "index");
            try { Posix.HardLink(realIndex, tmpIndex); }
            catch (IOException) { File.Copy(realIndex, tmpIndex); }
            var paths = new StringBuilder();
            foreach (var (file, ic) in TakeEntries(repo))
            {
                var full = Path.Combine(repo.Git.TopDir, file);
                if (InodeCache.Of(full) is { } now && now.Matches(ic)) paths.Append(full).Append('\0');
            }
            var env = new Dictionary<string, string?> { ["GIT_INDEX_FILE"] = tmpIndex };
            var r = await GitCli.RunAsync(repo.Git, ["-c", "core.safecrlf=false", "update-index", "-q", "--refresh", "-z", "--stdin"],
                Encoding.UTF8.GetBytes(paths.ToString()), env, ct);
            // update-index --refresh exits 1 when files still need updating (modified since): the rest is refreshed.
            if (r.ExitCode is not (0 or 1))
            {
                warn("git status will show some files" + UnableToRestageMessage);
                return false;
            }
            File.Move(tmpIndex, realIndex, overwrite: true);
            File.Delete(OldPath(repo));
            return true;
        }
        catch (IOException)
        {
            warn("git status will show some files" + UnableToRestageMessage);
            return false;
        }
        finally
        {
            lck.Dispose();
            File.Delete(lockFile);
            try { Directory.Delete(tmpDir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Moves the log onto restage.old (appending when an interrupted run left one) and reads that.</summary>
    private static List<(string File, InodeCache Cache)> TakeEntries(AnnexRepo repo)
    {
        var (log, old) = (LogPath(repo), OldPath(repo));
        using (PosixLock.Take(LockPath(repo), exclusive: true, wait: true))
        {
            if (File.Exists(log))
            {
                if (File.Exists(old)) { File.AppendAllText(old, File.ReadAllText(log)); File.Delete(log); }
                else File.Move(log, old);
            }
        }
        var list = new List<(string, InodeCache)>();
        if (File.Exists(old))
            foreach (var l in File.ReadLines(old))
                if (ParseLine(l) is { } e) list.Add(e);
        return list;
    }

    /// <summary>.git/annexindex.N, as upstream's withTmpDirIn names it.</summary>
    private static string NewTmpDir(string gitDir)
    {
        for (int n = 0; ; n++)
        {
            var d = Path.Combine(gitDir, "annexindex." + n);
            if (Directory.Exists(d) || File.Exists(d)) continue;
            try { Directory.CreateDirectory(d); return d; }
            catch (IOException) { }
        }
    }
}

using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// Uncommitted git-annex branch changes, one whole file per branch path under .git/annex/journal
/// (doc/internals.mdwn "The journal"). File names mangle the branch path: '_' -> "__", '/' -> '_'.
/// Writers hold journal.lck; each file is replaced atomically so a reader never sees half a log.
/// </summary>
public sealed class Journal(string annexDir)
{
    public string Dir { get; } = Path.Combine(annexDir, "journal");
    private string LockPath => Path.Combine(annexDir, "journal.lck");

    public static string MangleName(string branchPath)
    {
        var sb = new System.Text.StringBuilder(branchPath.Length + 8);
        foreach (var c in branchPath)
        {
            if (c == '/') sb.Append('_');
            else if (c == '_') sb.Append("__");
            else sb.Append(c);
        }
        return sb.ToString();
    }

    public static string UnmangleName(string fileName)
    {
        var sb = new System.Text.StringBuilder(fileName.Length);
        for (int i = 0; i < fileName.Length; i++)
        {
            if (fileName[i] != '_') { sb.Append(fileName[i]); continue; }
            if (i + 1 < fileName.Length && fileName[i + 1] == '_') { sb.Append('_'); i++; }
            else sb.Append('/');
        }
        return sb.ToString();
    }

    public byte[]? Read(string branchPath)
    {
        var p = Path.Combine(Dir, MangleName(branchPath));
        // Usually there is no journal file: a stat is far cheaper than a FileNotFoundException per read.
        if (!File.Exists(p)) return null;
        try { return File.ReadAllBytes(p); }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    public void Write(string branchPath, ReadOnlySpan<byte> content)
    {
        Directory.CreateDirectory(Dir);
        using var lk = TakeLock();
        AtomicFile.Write(Path.Combine(Dir, MangleName(branchPath)), content);
    }

    public PosixLock TakeLock()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LockPath)!);
        return PosixLock.Take(LockPath, exclusive: true, wait: true)!;
    }

    /// <summary>(branch path, journal file path) of every journalled change.</summary>
    public IReadOnlyList<(string BranchPath, string FilePath)> Entries()
    {
        if (!Directory.Exists(Dir)) return [];
        var list = new List<(string, string)>();
        foreach (var f in Directory.EnumerateFiles(Dir))
        {
            var name = Path.GetFileName(f);
            if (name.StartsWith('.')) continue; // our own temp files
            list.Add((UnmangleName(name), f));
        }
        return list;
    }

    public bool IsDirty => Directory.Exists(Dir) && Directory.EnumerateFiles(Dir).Any(f => !Path.GetFileName(f).StartsWith('.'));
}

using Annex.Core.Keys;

namespace Annex.Core.Annex;

/// <summary>
/// Paths inside .git/annex (doc/internals.mdwn). Objects live at objects/HASHDIR/KEYFILE/KEYFILE, with
/// the mixed-case hash directories in non-bare repositories and lower-case ones in bare repositories;
/// both are looked in when reading, since a repository may hold either. A repository on a crippled
/// filesystem without symlinks stores new content as a bare one does (Annex/Locations.hs gitAnnexLocation'').
/// </summary>
public sealed class Locations(string gitDir, bool bare, bool crippled = false, bool coreSymlinks = true)
{
    public string GitDir { get; } = gitDir;

    /// <summary>annex.crippledfilesystem: content is not chmodded (Annex/Perms.hs).</summary>
    public bool Crippled { get; } = crippled;

    private readonly bool _lowerHash = bare || (crippled && !coreSymlinks);
    public string AnnexDir { get; } = Path.Combine(gitDir, "annex");
    public string ObjectsDir => Path.Combine(AnnexDir, "objects");
    public string TmpDir => Path.Combine(AnnexDir, "tmp");
    public string OtherTmpDir => Path.Combine(AnnexDir, "othertmp");
    public string BadDir => Path.Combine(AnnexDir, "bad");
    public string AnnexIndex => Path.Combine(AnnexDir, "index");
    public string AnnexIndexLock => Path.Combine(AnnexDir, "index.lck");
    public string MergedRefs => Path.Combine(AnnexDir, "mergedrefs");

    /// <summary>Where this repository puts a key's object when it stores one.</summary>
    public string ObjectPath(Key key) => Path.Combine(ObjectsDir, PreferredHashDir(key), KeyFile.Escape(key), KeyFile.Escape(key));

    private string PreferredHashDir(Key key) => _lowerHash ? HashDirs.Lower(key) : HashDirs.Mixed(key);

    /// <summary>Every place this repository might hold a key's object, preferred first.</summary>
    public IEnumerable<string> ObjectPathCandidates(Key key)
    {
        var kf = KeyFile.Escape(key);
        yield return Path.Combine(ObjectsDir, PreferredHashDir(key), kf, kf);
        var other = _lowerHash ? HashDirs.Mixed(key) : HashDirs.Lower(key);
        yield return Path.Combine(ObjectsDir, other, kf, kf);
    }

    /// <summary>The object file if present (regular file), else null.</summary>
    public string? PresentObjectPath(Key key)
    {
        foreach (var p in ObjectPathCandidates(key))
            if (File.Exists(p)) return p;
        return null;
    }

    public string TmpObjectPath(Key key) => Path.Combine(TmpDir, KeyFile.Escape(key));

    /// <summary>The relative symlink target for a locked file at <paramref name="fileRelPath"/> (relative to the work tree top).</summary>
    public static string SymlinkTarget(Key key, string fileRelPath)
    {
        int depth = fileRelPath.Count(c => c == '/');
        var kf = KeyFile.Escape(key);
        return string.Concat(Enumerable.Repeat("../", depth)) + ".git/annex/objects/" + HashDirs.Mixed(key) + kf + "/" + kf;
    }

    /// <summary>
    /// The symlink target from the file at <paramref name="absFile"/> to the object in <paramref name="gitDir"/>'s
    /// annex (Annex/Locations.hs gitAnnexLink): a relative path through wherever the git directory really is,
    /// which is not <c>.git</c> when GIT_DIR or core.worktree put it elsewhere. `adjust --fix` writes these.
    /// </summary>
    public static string LinkTarget(Key key, string absFile, string gitDir)
    {
        var kf = KeyFile.Escape(key);
        var obj = Path.Combine(Path.GetFullPath(gitDir), "annex", "objects", HashDirs.Mixed(key) + kf, kf);
        return Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(absFile))!, obj);
    }

    /// <summary>The branch path of a key's location log.</summary>
    public static string LocationLogPath(Key key) => HashDirs.Lower(key) + KeyFile.Escape(key) + ".log";

    /// <summary>The branch path of one of a key's side logs (".web", ".met", ".cnk", ...).</summary>
    public static string KeyLogPath(Key key, string suffix) => HashDirs.Lower(key) + KeyFile.Escape(key) + ".log" + suffix;
}

using System.Text;
using Annex.Core.Git;
using Annex.Core.Keys;

namespace Annex.Core.Annex;

/// <summary>An annexed file in the work tree: its path (relative to the top) and key.</summary>
public sealed record AnnexedFile(string Path, Key Key, bool Locked);

/// <summary>
/// Finding annexed files and their keys: a locked file is a symlink whose target ends in
/// annex/objects/.../KEYFILE; an unlocked file is a pointer file "/annex/objects/KEY\n"
/// (doc/internals/pointer_file.mdwn).
/// </summary>
public static class WorkTree
{
    public const int MaxPointerSize = 32 * 1024;

    /// <summary>The key a symlink target names, if it points into an annex object store.</summary>
    public static Key? KeyFromSymlinkTarget(string target)
    {
        int at = target.LastIndexOf("annex/objects/", StringComparison.Ordinal);
        if (at < 0) return null;
        var name = target[(target.LastIndexOf('/') + 1)..];
        return KeyFile.TryParse(name, out var key) ? key : null;
    }

    /// <summary>The key a pointer file's content names (first line "/annex/objects/KEY").</summary>
    public static Key? KeyFromPointer(ReadOnlySpan<byte> content)
    {
        if (content.Length >= MaxPointerSize) return null;
        var prefix = "/annex/objects/"u8;
        if (!content.StartsWith(prefix)) return null;
        var rest = content[prefix.Length..];
        int nl = rest.IndexOfAny((byte)'\n', (byte)'\r');
        var keyBytes = nl < 0 ? rest : rest[..nl];
        // Any further lines must mention /annex/ (doc/internals/pointer_file.mdwn); otherwise this is a
        // file that merely starts like a pointer, e.g. a pointer someone appended to.
        if (nl >= 0)
            foreach (var line in Encoding.UTF8.GetString(rest[(nl + 1)..]).Split('\n', '\r'))
                if (line.Length > 0 && !line.Contains("/annex/", StringComparison.Ordinal)) return null;
        // The key is written as its file name (keyFile: URL keys' '/' and ':' escaped) and read back from the last
        // path component (Annex/Link.hs formatPointer, parseLinkTarget).
        var text = Encoding.UTF8.GetString(keyBytes);
        return KeyFile.TryParse(text[(text.LastIndexOf('/') + 1)..], out var key) ? key : null;
    }

    public static string PointerContent(Key key) => "/annex/objects/" + KeyFile.Escape(key) + "\n";

    /// <summary>The key of the pointer staged in the index for a path (an unlocked annexed file), if any.</summary>
    public static async Task<Key?> StagedPointerKeyAsync(AnnexRepo repo, string topRelative, CancellationToken ct)
    {
        var blob = await repo.CatFile.ReadSmallBlobAsync(":" + topRelative, MaxPointerSize, ct);
        return blob == null ? null : KeyFromPointer(blob);
    }

    /// <summary>The key of an annexed file in the work tree, from the file itself; null if not annexed or missing.</summary>
    /// <summary>
    /// The target of an annex link at <paramref name="fullPath"/> (Annex/Link.hs getAnnexLinkTarget'): a symlink's
    /// target, or where git writes symlinks as plain files (core.symlinks=false) a small file holding one. A
    /// pointer file does not count: its trailing newline rules it out, as no link target has whitespace.
    /// </summary>
    public static string? AnnexLinkTarget(string fullPath, bool coreSymlinks)
    {
        var fi = new FileInfo(fullPath);
        if (fi.LinkTarget != null || coreSymlinks) return fi.LinkTarget;
        if (!fi.Exists || fi.Length >= MaxSymlinkSize) return null;
        byte[] content;
        try { content = File.ReadAllBytes(fullPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        if (content.AsSpan().IndexOfAny("\0\n\r \t"u8) >= 0) return null;
        var s = System.Text.Encoding.UTF8.GetString(content);
        return s.Contains("/annex/objects/", StringComparison.Ordinal) ? s : null;
    }

    private const int MaxSymlinkSize = 8192;

    public static Key? LookupKey(string fullPath, out bool locked)
    {
        locked = false;
        var fi = new FileInfo(fullPath);
        if (fi.LinkTarget != null)
        {
            locked = true;
            return KeyFromSymlinkTarget(fi.LinkTarget);
        }
        if (!fi.Exists || fi.Length >= MaxPointerSize) return null;
        Span<byte> buf = stackalloc byte[(int)fi.Length];
        using (var fs = File.OpenRead(fullPath)) fs.ReadExactly(buf);
        return KeyFromPointer(buf);
    }

    /// <summary>Annexed files staged under <paramref name="paths"/> (top-relative), present in the work tree.</summary>
    public static async IAsyncEnumerable<AnnexedFile> AnnexedFilesAsync(AnnexRepo repo, IReadOnlyList<string> paths,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var e in LsFiles.StagedAsync(repo.Git, paths, ct))
        {
            if (e.Stage > 1) continue; // a conflicted file appears once per side; report it once
            var full = Path.Combine(repo.Git.TopDir, e.Path);
            Key? key;
            bool locked;
            if (e.IsSymlink)
            {
                var target = AnnexLinkTarget(full, repo.CoreSymlinks);
                if (target == null) continue; // deleted (or replaced) in the work tree: skipped, as the reference does
                key = KeyFromSymlinkTarget(target);
                locked = true;
            }
            else
            {
                key = LookupKey(full, out locked);
                if (key == null) key = await PointerFromIndexAsync(repo, e, ct);
            }
            if (key != null) yield return new AnnexedFile(e.Path, key, locked);
        }
    }

    /// <summary>An unlocked file whose content is in the work tree: its key comes from the staged pointer blob.</summary>
    private static async Task<Key?> PointerFromIndexAsync(AnnexRepo repo, IndexEntry e, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(repo.Git.TopDir, e.Path))) return null;
        var blob = await repo.CatFile.ReadSmallBlobAsync(e.Sha, MaxPointerSize, ct);
        return blob == null ? null : KeyFromPointer(blob);
    }
}

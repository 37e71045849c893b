namespace Annex.Core.Keys;

/// <summary>
/// WORM, "write once, read many" (Backend/WORM.hs): <c>WORM-s&lt;size&gt;-m&lt;mtime&gt;--&lt;name&gt;</c>,
/// the name being the file's path relative to the repository top, sanitized as
/// <see cref="KeyNames.Generate"/> does. No hashing, so nothing can be verified.
/// </summary>
public sealed class WormBackend : IBackend
{
    internal WormBackend() { }

    public string Name => "WORM";
    public bool IsCryptographicallySecure => false;
    public bool HasExtension => false;
    public bool CanVerify => false;
    public bool CanGenerateKey => true;
    public bool IsStableKey => true;

    public IContentHasher? CreateHasher() => null;

    public Key GenerateKey(string path, KeyGenOptions? options = null, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException("cannot generate a WORM key for a missing file", path);
        // Whole seconds, as stat's st_mtime. Pre-1970 times would give a negative field that no
        // key parser accepts, so they are clamped to 0.
        var mtime = Math.Max(0, new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeSeconds());
        var name = KeyNames.Generate(options?.AssociatedFile ?? Path.GetFileName(path));
        return new Key(Name, name, size: info.Length, mtime: mtime);
    }
}

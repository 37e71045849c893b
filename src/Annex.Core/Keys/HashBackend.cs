using System.Buffers;

namespace Annex.Core.Keys;

/// <summary>
/// A hash backend, with or without extension (Backend/Hash.hs): the key name is the lowercase
/// hex digest of the content (plus the extension for E variants), the size field its length.
/// </summary>
public sealed class HashBackend : IBackend
{
    // Large reads keep the per-call overhead negligible next to hashing (SHA-NI does GB/s).
    internal const int BufferSize = 1 << 20;

    private readonly Func<IContentHasher> _factory;

    internal HashBackend(string name, int digestBits, bool secure, bool hasExtension, Func<IContentHasher> factory)
    {
        Name = name;
        DigestHexLength = digestBits / 4;
        IsCryptographicallySecure = secure;
        HasExtension = hasExtension;
        _factory = factory;
    }

    public string Name { get; }
    public int DigestHexLength { get; }
    public bool IsCryptographicallySecure { get; }
    public bool HasExtension { get; }
    public bool CanVerify => true;
    public bool CanGenerateKey => true;
    public bool IsStableKey => true;

    public IContentHasher CreateHasher() => _factory();
    IContentHasher? IBackend.CreateHasher() => _factory();

    public Key GenerateKey(string path, KeyGenOptions? options = null, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new KeyGenOptions();
        using var hasher = CreateHasher();
        HashFile(path, hasher, progress, cancellationToken);
        var name = hasher.GetHexDigest();
        if (HasExtension)
            name += FileExtension.Select(options.AssociatedFile ?? path, options.MaxExtensionLength, options.MaxExtensions);
        return new Key(Name, name, size: hasher.BytesHashed);
    }

    /// <summary>
    /// True when the key name is what this backend generates: a lowercase hex digest of the
    /// right length, followed (E variants only) by an extension. fsck uses it to spot bad keys.
    /// </summary>
    public bool IsValidHexDigest(Key key)
    {
        var hash = HasExtension ? key.NameWithoutExtension : key.Name;
        return hash.Length == DigestHexLength && !hash.AsSpan().ContainsAnyExcept("0123456789abcdef");
    }

    /// <summary>Streams a file through a hasher; also used to verify content already on disk.</summary>
    public static void HashFile(string path, IContentHasher hasher, Action<long>? progress, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            bufferSize: 0, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int n;
            while ((n = stream.Read(buffer, 0, BufferSize)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                hasher.Append(buffer.AsSpan(0, n));
                progress?.Invoke(hasher.BytesHashed);
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }
}

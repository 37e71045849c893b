namespace Annex.Core.Keys;

/// <summary>
/// A key/value backend (Types/Backend.hs; doc/backends.mdwn): how keys are made from content
/// and whether content can be checked against its key.
/// </summary>
public interface IBackend
{
    /// <summary>The key prefix, e.g. "SHA256E".</summary>
    string Name { get; }

    /// <summary>False for SHA1, MD5, WORM and URL (annex.securehashesonly refuses them).</summary>
    bool IsCryptographicallySecure { get; }

    /// <summary>The E variants, whose keys end with the file's extension.</summary>
    bool HasExtension { get; }

    /// <summary>Whether content can be checked against a key (hash backends only).</summary>
    bool CanVerify { get; }

    /// <summary>False for URL keys, which are made from URLs, not files.</summary>
    bool CanGenerateKey { get; }

    /// <summary>False for URL keys: the content at a URL can change.</summary>
    bool IsStableKey { get; }

    /// <summary>
    /// Makes the key for the file at <paramref name="path"/>, streaming it (hash backends) or
    /// reading its size and mtime (WORM). Throws NotSupportedException when
    /// <see cref="CanGenerateKey"/> is false.
    /// </summary>
    Key GenerateKey(string path, KeyGenOptions? options = null, Action<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>An incremental hasher for verifying content, or null when <see cref="CanVerify"/> is false.</summary>
    IContentHasher? CreateHasher();
}

/// <summary>
/// Inputs to key generation besides the content. <see cref="AssociatedFile"/> is the work-tree
/// file the content is added as, relative to the top of the repository: E variants take the
/// extension of its file name, WORM uses the whole relative path as the key name. When null,
/// the file name of the content path is used.
/// </summary>
public sealed record KeyGenOptions(
    string? AssociatedFile = null,
    int MaxExtensionLength = FileExtension.DefaultMaxLength,
    int MaxExtensions = FileExtension.DefaultMaxExtensions);

namespace Annex.Core.Keys;

/// <summary>
/// URL keys (Backend/URL.hs): <c>URL[-s&lt;size&gt;]--&lt;sanitized url&gt;</c> for content that is
/// only known by where it can be downloaded; made by <see cref="Backends.UrlKey"/>, never from a file.
/// </summary>
public sealed class UrlBackend : IBackend
{
    internal UrlBackend() { }

    public string Name => "URL";
    public bool IsCryptographicallySecure => false;
    public bool HasExtension => false;
    public bool CanVerify => false;
    public bool CanGenerateKey => false;
    public bool IsStableKey => false;

    public IContentHasher? CreateHasher() => null;

    public Key GenerateKey(string path, KeyGenOptions? options = null, Action<long>? progress = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("URL keys are made from URLs (Backends.UrlKey), not from files");

    /// <summary>Every distinct URL has its own key; long URLs are shortened with an md5 suffix.</summary>
    public static Key KeyFor(string url, long? size = null) => new("URL", KeyNames.Generate(url), size: size);
}

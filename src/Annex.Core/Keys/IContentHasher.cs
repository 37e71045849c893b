namespace Annex.Core.Keys;

/// <summary>
/// Incremental hashing of content, so a transfer can verify what it receives in the same pass
/// that writes it (verifyKeyContentIncrementally upstream). Feed every byte with
/// <see cref="Append"/> in order, then ask once for the result; a finished hasher refuses more data.
/// </summary>
public interface IContentHasher : IDisposable
{
    void Append(ReadOnlySpan<byte> data);

    long BytesHashed { get; }

    /// <summary>Finishes hashing and returns the lowercase hex digest (repeatable).</summary>
    string GetHexDigest();

    /// <summary>
    /// Finishes hashing and says whether the content is the key's: the digest equals the key name
    /// without extension (also accepting the "\" prefix an old upstream bug wrote), and, when the
    /// key records a size, exactly that many bytes were hashed.
    /// </summary>
    bool Matches(Key key);
}

using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Annex.Core.Keys;

/// <summary>The shared bookkeeping of every hasher: byte count, one-shot finish, key comparison.</summary>
internal abstract class ContentHasher : IContentHasher
{
    private string? _digest;

    public long BytesHashed { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_digest is not null) throw new InvalidOperationException("hasher already finished");
        Update(data);
        BytesHashed += data.Length;
    }

    public string GetHexDigest() => _digest ??= Convert.ToHexStringLower(Finish());

    public bool Matches(Key key)
    {
        if (key.Size is { } size && size != BytesHashed) return false;
        var digest = GetHexDigest();
        var expected = key.NameWithoutExtension.AsSpan();
        if (expected.StartsWith('\\')) expected = expected[1..];
        return expected.SequenceEqual(digest);
    }

    protected abstract void Update(ReadOnlySpan<byte> data);
    protected abstract byte[] Finish();
    public virtual void Dispose() { }
}

/// <summary>BCL hashes: OpenSSL underneath, so SHA-256 uses SHA-NI where the CPU has it.</summary>
internal sealed class BclHasher(HashAlgorithmName algorithm) : ContentHasher
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(algorithm);
    protected override void Update(ReadOnlySpan<byte> data) => _hash.AppendData(data);
    protected override byte[] Finish() => _hash.GetHashAndReset();
    public override void Dispose() => _hash.Dispose();
}

/// <summary>BouncyCastle digests: SHA-224, SHA3 where OpenSSL lacks it, Skein, BLAKE2b/2s.</summary>
internal sealed class BouncyHasher(IDigest digest) : ContentHasher
{
    protected override void Update(ReadOnlySpan<byte> data) => digest.BlockUpdate(data);
    protected override byte[] Finish()
    {
        var result = new byte[digest.GetDigestSize()];
        digest.DoFinal(result, 0);
        return result;
    }
}

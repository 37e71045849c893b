using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace Annex.Core.Keys;

/// <summary>
/// The built-in backends, in the order the reference lists them on the "key/value backends:"
/// line of <c>git annex version</c> (Backend/Hash.hs hashes: each E variant before its plain
/// form; SHA256E first as the default). Not implemented: GITBUNDLE, GITMANIFEST, VURL and
/// external X* backends, whose keys still parse (as keys of an unknown backend).
/// </summary>
public static class Backends
{
    public static IReadOnlyList<IBackend> All { get; } = Build();

    private static readonly Dictionary<string, IBackend> ByNameMap = All.ToDictionary(b => b.Name, StringComparer.Ordinal);

    /// <summary>SHA256E, git-annex's default.</summary>
    public static IBackend Default => All[0];

    /// <summary>Exact, case-sensitive name, as in keys and annex.backend.</summary>
    public static IBackend? ByName(string name) => ByNameMap.GetValueOrDefault(name);

    public static IBackend? ForKey(Key key) => ByName(key.Backend);

    public static Key UrlKey(string url, long? size = null) => UrlBackend.KeyFor(url, size);

    /// <summary>
    /// For fsck: true when the key belongs to a hash backend and its name is a well-formed
    /// digest of the right length (lowercase hex, plus an extension only for E variants).
    /// </summary>
    public static bool IsValidHexDigest(Key key) => ForKey(key) is HashBackend h && h.IsValidHexDigest(key);

    /// <summary>Hashes a file and compares it with its key; null when the backend cannot verify.</summary>
    public static bool? VerifyFile(Key key, string path, CancellationToken cancellationToken = default)
    {
        using var hasher = ForKey(key)?.CreateHasher();
        if (hasher is null) return null;
        HashBackend.HashFile(path, hasher, null, cancellationToken);
        return hasher.Matches(key);
    }

    private static List<IBackend> Build()
    {
        var list = new List<IBackend>();
        void Add(string name, int bits, bool secure, Func<IContentHasher> factory)
        {
            list.Add(new HashBackend(name + "E", bits, secure, true, factory));
            list.Add(new HashBackend(name, bits, secure, false, factory));
        }
        static Func<IContentHasher> Bc(Func<IDigest> d) => () => new BouncyHasher(d());
        static Func<IContentHasher> Bcl(HashAlgorithmName n) => () => new BclHasher(n);

        Add("SHA256", 256, true, Bcl(HashAlgorithmName.SHA256));
        Add("SHA512", 512, true, Bcl(HashAlgorithmName.SHA512));
        Add("SHA224", 224, true, Bc(() => new Sha224Digest()));
        Add("SHA384", 384, true, Bcl(HashAlgorithmName.SHA384));
        // OpenSSL has SHA3 from 1.1.1, but the BCL only exposes it when the platform does.
        Add("SHA3_256", 256, true, SHA3_256.IsSupported ? Bcl(HashAlgorithmName.SHA3_256) : Bc(() => new Sha3Digest(256)));
        Add("SHA3_512", 512, true, SHA3_512.IsSupported ? Bcl(HashAlgorithmName.SHA3_512) : Bc(() => new Sha3Digest(512)));
        Add("SHA3_224", 224, true, Bc(() => new Sha3Digest(224)));
        Add("SHA3_384", 384, true, SHA3_384.IsSupported ? Bcl(HashAlgorithmName.SHA3_384) : Bc(() => new Sha3Digest(384)));
        Add("SKEIN256", 256, true, Bc(() => new SkeinDigest(SkeinDigest.SKEIN_256, 256)));
        Add("SKEIN512", 512, true, Bc(() => new SkeinDigest(SkeinDigest.SKEIN_512, 512)));
        foreach (var bits in new[] { 256, 512, 160, 224, 384 })
            Add($"BLAKE2B{bits}", bits, true, Bc(() => new Blake2bDigest(bits)));
        Add("BLAKE2BP512", 512, true, () => Blake2ParallelHasher.Bp(512));
        foreach (var bits in new[] { 256, 160, 224 })
            Add($"BLAKE2S{bits}", bits, true, Bc(() => new Blake2sDigest(bits)));
        foreach (var bits in new[] { 256, 224 })
            Add($"BLAKE2SP{bits}", bits, true, () => Blake2ParallelHasher.Sp(bits));
        Add("SHA1", 160, false, Bcl(HashAlgorithmName.SHA1));
        Add("MD5", 128, false, Bcl(HashAlgorithmName.MD5));
        list.Add(new WormBackend());
        list.Add(new UrlBackend());
        return list;
    }
}

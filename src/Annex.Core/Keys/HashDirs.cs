using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Annex.Core.Keys;

/// <summary>
/// Object hash directories (Annex/DirHashes.hs, doc/internals/hashing.mdwn), both computed from
/// md5 of the serialized key with any chunk fields removed, so all chunks of a key share a directory.
/// Lower ("992/280/") is used by bare repositories, the git-annex branch and special remotes;
/// mixed ("zK/02/") by the objects of non-bare repositories. <paramref name="levels"/> is 1 in
/// repositories with the OneLevelObjectHash / OneLevelBranchHash difference, else 2.
/// </summary>
public static class HashDirs
{
    // Letters chosen upstream to make accidental real words unlikely.
    private const string MixedAlphabet = "0123456789zqjxkmvwgpfZQJXKMVWGPF";

    public static string Lower(Key key, int levels = 2)
    {
        Span<byte> md5 = stackalloc byte[16];
        KeyMd5(key, md5);
        Span<char> hex = stackalloc char[6];
        Convert.TryToHexStringLower(md5[..3], hex, out _);
        return Split(hex, 3, levels);
    }

    public static string Mixed(Key key, int levels = 2)
    {
        Span<byte> md5 = stackalloc byte[16];
        KeyMd5(key, md5);
        // The first md5 word read little-endian; characters taken at a 6-bit stride with a
        // 5-bit mask (a quirk of the original MissingH-based code), pairs swapped.
        var w = (uint)(md5[0] | md5[1] << 8 | md5[2] << 16 | md5[3] << 24);
        Span<char> c = stackalloc char[4];
        for (var i = 0; i < 4; i++) c[i] = MixedAlphabet[(int)((w >> (6 * i)) & 31)];
        Span<char> dirs = [c[1], c[0], c[3], c[2]];
        return Split(dirs, 2, levels);
    }

    private static string Split(ReadOnlySpan<char> s, int width, int levels) =>
        levels == 1 ? string.Concat(s[..width], "/") : string.Concat(s[..width], "/", s[width..(2 * width)], "/");

    private static void KeyMd5(Key key, Span<byte> md5)
    {
        var text = key.WithoutChunk().ToString();
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var n = Encoding.UTF8.GetBytes(text, rented);
            MD5.HashData(rented.AsSpan(0, n), md5);
        }
        finally { ArrayPool<byte>.Shared.Return(rented); }
    }
}

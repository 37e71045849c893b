using System.Buffers.Binary;
using System.Numerics;

namespace Annex.Core.Keys;

/// <summary>
/// One BLAKE2b node with the full parameter block (RFC 7693 plus the tree parameters of the
/// BLAKE2 paper, section 2.5), which BouncyCastle's digest does not expose. Used for the leaves
/// and root of BLAKE2bp; no key, salt or personalization.
/// </summary>
internal sealed class Blake2bNode : IBlake2Node
{
    public const int BlockBytes = 128;
    public const int OutBytes = 64;

    private static readonly ulong[] IV =
    [
        0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
        0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
    ];

    private readonly ulong[] _h = new ulong[8];
    private readonly byte[] _buf = new byte[BlockBytes];
    private readonly ulong[] _v = new ulong[16];
    private readonly ulong[] _m = new ulong[16];
    private readonly bool _lastNode;
    private int _bufLen;
    private UInt128 _t;

    public Blake2bNode(int digestLength, byte fanout, byte depth, ulong nodeOffset, byte nodeDepth, byte innerLength, bool lastNode)
    {
        IV.CopyTo(_h, 0);
        _h[0] ^= (byte)digestLength | (ulong)fanout << 16 | (ulong)depth << 24; // key length 0, leaf length 0
        _h[1] ^= nodeOffset;
        _h[2] ^= (ulong)nodeDepth | (ulong)innerLength << 8;
        _lastNode = lastNode;
    }

    public void Update(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            // Keep the last block buffered: only at Final do we know whether it is the last one.
            if (_bufLen == BlockBytes)
            {
                _t += BlockBytes;
                Compress(_buf, false);
                _bufLen = 0;
            }
            var n = Math.Min(BlockBytes - _bufLen, data.Length);
            data[..n].CopyTo(_buf.AsSpan(_bufLen));
            _bufLen += n;
            data = data[n..];
        }
    }

    /// <summary>Writes the whole 64-byte chaining value; callers truncate to the digest length.</summary>
    public void Final(Span<byte> output)
    {
        _t += (ulong)_bufLen;
        _buf.AsSpan(_bufLen).Clear();
        Compress(_buf, true);
        for (var i = 0; i < 8; i++) BinaryPrimitives.WriteUInt64LittleEndian(output[(i * 8)..], _h[i]);
    }

    private void Compress(ReadOnlySpan<byte> block, bool final)
    {
        var m = _m; var v = _v;
        for (var i = 0; i < 16; i++) m[i] = BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 8)..]);
        _h.CopyTo(v, 0);
        IV.CopyTo(v, 8);
        v[12] ^= (ulong)_t;
        v[13] ^= (ulong)(_t >> 64);
        if (final) { v[14] = ~v[14]; if (_lastNode) v[15] = ~v[15]; }
        for (var r = 0; r < 12; r++)
        {
            var s = Blake2Sigma.Rows[r % 10];
            G(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
            G(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
            G(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
            G(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
            G(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
            G(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
            G(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
            G(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for (var i = 0; i < 8; i++) _h[i] ^= v[i] ^ v[i + 8];
    }

    private static void G(ulong[] v, int a, int b, int c, int d, ulong x, ulong y)
    {
        v[a] += v[b] + x; v[d] = BitOperations.RotateRight(v[d] ^ v[a], 32);
        v[c] += v[d]; v[b] = BitOperations.RotateRight(v[b] ^ v[c], 24);
        v[a] += v[b] + y; v[d] = BitOperations.RotateRight(v[d] ^ v[a], 16);
        v[c] += v[d]; v[b] = BitOperations.RotateRight(v[b] ^ v[c], 63);
    }
}

/// <summary>The message schedule shared by BLAKE2b and BLAKE2s.</summary>
internal static class Blake2Sigma
{
    public static readonly byte[][] Rows =
    [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ];
}

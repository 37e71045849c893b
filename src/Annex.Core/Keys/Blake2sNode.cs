using System.Buffers.Binary;
using System.Numerics;

namespace Annex.Core.Keys;

/// <summary>
/// One BLAKE2s node with the tree parameters (RFC 7693 and the BLAKE2 paper, section 2.5), for
/// the leaves and root of BLAKE2sp. Same structure as <see cref="Blake2bNode"/> on 32-bit words.
/// </summary>
internal sealed class Blake2sNode : IBlake2Node
{
    public const int BlockBytes = 64;
    public const int OutBytes = 32;

    private static readonly uint[] IV =
    [
        0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19,
    ];

    private readonly uint[] _h = new uint[8];
    private readonly byte[] _buf = new byte[BlockBytes];
    private readonly uint[] _v = new uint[16];
    private readonly uint[] _m = new uint[16];
    private readonly bool _lastNode;
    private int _bufLen;
    private ulong _t;

    public Blake2sNode(int digestLength, byte fanout, byte depth, ulong nodeOffset, byte nodeDepth, byte innerLength, bool lastNode)
    {
        IV.CopyTo(_h, 0);
        _h[0] ^= (uint)digestLength | (uint)fanout << 16 | (uint)depth << 24; // key length 0
        // _h[1] is the leaf length, 0. The node offset is 48 bits spread over words 2 and 3.
        _h[2] ^= (uint)nodeOffset;
        _h[3] ^= (uint)(nodeOffset >> 32) & 0xffff | (uint)nodeDepth << 16 | (uint)innerLength << 24;
        _lastNode = lastNode;
    }

    public void Update(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
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

    /// <summary>Writes the whole 32-byte chaining value; callers truncate to the digest length.</summary>
    public void Final(Span<byte> output)
    {
        _t += (ulong)_bufLen;
        _buf.AsSpan(_bufLen).Clear();
        Compress(_buf, true);
        for (var i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32LittleEndian(output[(i * 4)..], _h[i]);
    }

    private void Compress(ReadOnlySpan<byte> block, bool final)
    {
        var m = _m; var v = _v;
        for (var i = 0; i < 16; i++) m[i] = BinaryPrimitives.ReadUInt32LittleEndian(block[(i * 4)..]);
        _h.CopyTo(v, 0);
        IV.CopyTo(v, 8);
        v[12] ^= (uint)_t;
        v[13] ^= (uint)(_t >> 32);
        if (final) { v[14] = ~v[14]; if (_lastNode) v[15] = ~v[15]; }
        for (var r = 0; r < 10; r++)
        {
            var s = Blake2Sigma.Rows[r];
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

    private static void G(uint[] v, int a, int b, int c, int d, uint x, uint y)
    {
        v[a] += v[b] + x; v[d] = BitOperations.RotateRight(v[d] ^ v[a], 16);
        v[c] += v[d]; v[b] = BitOperations.RotateRight(v[b] ^ v[c], 12);
        v[a] += v[b] + y; v[d] = BitOperations.RotateRight(v[d] ^ v[a], 8);
        v[c] += v[d]; v[b] = BitOperations.RotateRight(v[b] ^ v[c], 7);
    }
}

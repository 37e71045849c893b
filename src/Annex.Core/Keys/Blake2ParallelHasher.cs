namespace Annex.Core.Keys;

internal interface IBlake2Node
{
    void Update(ReadOnlySpan<byte> data);
    void Final(Span<byte> output);
}

/// <summary>
/// BLAKE2bp (4 BLAKE2b leaves) and BLAKE2sp (8 BLAKE2s leaves): the BLAKE2 paper's parallel
/// mode, as in the reference blake2bp.c / blake2sp.c that crypton (used by git-annex) embeds.
/// Block i of the message (128 or 64 bytes) goes to leaf i mod P; leaves have fanout P, depth 2,
/// node offset = leaf index, node depth 0, inner length = full output; the last leaf and the
/// root carry the last-node flag. The root (node depth 1) hashes the leaves' full-width outputs
/// in order (the full width even for shorter digests, as the reference's final does), and its
/// output is truncated to the digest length.
/// </summary>
internal sealed class Blake2ParallelHasher : ContentHasher
{
    private readonly IBlake2Node[] _leaves;
    private readonly IBlake2Node _root;
    private readonly int _blockBytes;
    private readonly int _outBytes;
    private readonly int _digestBytes;
    private long _position;

    private Blake2ParallelHasher(IBlake2Node[] leaves, IBlake2Node root, int blockBytes, int outBytes, int digestBytes)
    {
        _leaves = leaves; _root = root; _blockBytes = blockBytes; _outBytes = outBytes; _digestBytes = digestBytes;
    }

    public static Blake2ParallelHasher Bp(int digestBits)
    {
        const int p = 4;
        var d = digestBits / 8;
        var leaves = new IBlake2Node[p];
        for (var i = 0; i < p; i++)
            leaves[i] = new Blake2bNode(d, p, 2, (ulong)i, 0, Blake2bNode.OutBytes, i == p - 1);
        var root = new Blake2bNode(d, p, 2, 0, 1, Blake2bNode.OutBytes, true);
        return new(leaves, root, Blake2bNode.BlockBytes, Blake2bNode.OutBytes, d);
    }

    public static Blake2ParallelHasher Sp(int digestBits)
    {
        const int p = 8;
        var d = digestBits / 8;
        var leaves = new IBlake2Node[p];
        for (var i = 0; i < p; i++)
            leaves[i] = new Blake2sNode(d, p, 2, (ulong)i, 0, Blake2sNode.OutBytes, i == p - 1);
        var root = new Blake2sNode(d, p, 2, 0, 1, Blake2sNode.OutBytes, true);
        return new(leaves, root, Blake2sNode.BlockBytes, Blake2sNode.OutBytes, d);
    }

    protected override void Update(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var block = _position / _blockBytes;
            var n = (int)Math.Min(_blockBytes - _position % _blockBytes, data.Length);
            _leaves[block % _leaves.Length].Update(data[..n]);
            _position += n;
            data = data[n..];
        }
    }

    protected override byte[] Finish()
    {
        Span<byte> leafOut = stackalloc byte[_outBytes];
        foreach (var leaf in _leaves)
        {
            leaf.Final(leafOut);
            _root.Update(leafOut);
        }
        Span<byte> rootOut = stackalloc byte[_outBytes];
        _root.Final(rootOut);
        return rootOut[.._digestBytes].ToArray();
    }
}

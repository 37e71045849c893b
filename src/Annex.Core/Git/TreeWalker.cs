using System.Text;

namespace Annex.Core.Git;

/// <summary>
/// Looks paths up in a commit's tree through the cat-file coprocess, caching every tree object it reads.
/// Asking cat-file for "ref:path" makes git inflate the root tree again for each path, which dominates
/// reading thousands of logs from a git-annex branch whose root has thousands of entries; walking the
/// tree here inflates each tree once and then asks only for small objects by sha.
/// </summary>
public sealed class TreeWalker(CatFile catFile, string rootTreeSha)
{
    private readonly Dictionary<string, Dictionary<string, string>> _trees = new(StringComparer.Ordinal);

    /// <summary>
    /// The object name to ask cat-file for to get <paramref name="path"/>: the root tree is resolved here
    /// (it is the big one), the rest by git inside the small subtree ("SUBTREESHA:rest"). Null when absent.
    /// </summary>
    public async Task<string?> ObjectNameAsync(string path, CancellationToken ct = default)
    {
        int slash = path.IndexOf('/');
        var root = await EntriesAsync(rootTreeSha, ct);
        if (root == null) return null;
        if (slash < 0) return root.TryGetValue(path, out var blob) ? blob : null;
        return root.TryGetValue(path[..slash], out var sub) ? sub + ":" + path[(slash + 1)..] : null;
    }

    /// <summary>The sha of the blob at <paramref name="path"/>, or null when there is none.</summary>
    public async Task<string?> BlobShaAsync(string path, CancellationToken ct = default)
    {
        var tree = rootTreeSha;
        var parts = path.Split('/');
        for (int i = 0; i < parts.Length; i++)
        {
            var entries = await EntriesAsync(tree, ct);
            if (entries == null || !entries.TryGetValue(parts[i], out var sha)) return null;
            if (i == parts.Length - 1) return sha;
            tree = sha;
        }
        return null;
    }

    private async Task<Dictionary<string, string>?> EntriesAsync(string treeSha, CancellationToken ct)
    {
        if (_trees.TryGetValue(treeSha, out var cached)) return cached;
        var obj = await catFile.ReadAsync(treeSha, ct);
        if (obj == null || obj.Type != "tree") return null;
        var entries = Parse(obj.Content);
        _trees[treeSha] = entries;
        return entries;
    }

    /// <summary>Parses a raw tree object: entries "MODE NAME\0" followed by a 20-byte binary sha.</summary>
    public static Dictionary<string, string> Parse(ReadOnlySpan<byte> tree)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!tree.IsEmpty)
        {
            int sp = tree.IndexOf((byte)' ');
            int nul = tree.IndexOf((byte)0);
            if (sp < 0 || nul < sp || nul + 21 > tree.Length) throw new InvalidDataException("malformed git tree object");
            var name = Encoding.UTF8.GetString(tree[(sp + 1)..nul]);
            d[name] = Convert.ToHexStringLower(tree.Slice(nul + 1, 20));
            tree = tree[(nul + 21)..];
        }
        return d;
    }
}

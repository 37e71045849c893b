namespace Annex.Core.Annex.Sync;

/// <summary>One side of a conflict: the git tree item mode ("100644", "120000"...) and blob sha.</summary>
public sealed record ConflictSide(string Mode, string Sha)
{
    public bool IsSymlink => Mode == "120000";
    public bool IsExecutable => Mode == "100755";
}

/// <summary>
/// A path left unmerged by git merge (Git/LsFiles.hs "unmerged"): our side (stage 2) and their side
/// (stage 3), null where that side removed the file. Some git resolvers stage each side under its own
/// name ("foo" and "foo~ref"); the second name is then the sibling file.
/// </summary>
public sealed record UnmergedFile(string Path, ConflictSide? Us, ConflictSide? Them, string? SiblingPath)
{
    private sealed record Entry(bool IsUs, string Path, ConflictSide? Side);

    /// <summary>Parses `git ls-files --unmerged -z` records ("mode sha stage\tpath"), ignoring stage 1.</summary>
    public static IReadOnlyList<UnmergedFile> Parse(IEnumerable<string> records)
    {
        var entries = new List<Entry>();
        foreach (var rec in records)
        {
            int tab = rec.IndexOf('\t');
            if (tab < 0) continue;
            var path = rec[(tab + 1)..];
            var meta = rec[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (path.Length == 0 || meta.Length < 3 || !int.TryParse(meta[2], out var stage)) continue;
            if (stage != 2 && stage != 3) continue;
            entries.Add(new Entry(stage == 2, path, new ConflictSide(meta[0], meta[1])));
        }
        return Reduce(entries);
    }

    // Pairs each entry with the entry right after it when that is the other side of the same file
    // (or of its "file~ref" sibling); an unpaired entry means the other side removed the file.
    private static List<UnmergedFile> Reduce(List<Entry> entries)
    {
        var result = new List<UnmergedFile>();
        int i = 0;
        while (i < entries.Count)
        {
            var e = entries[i];
            Entry sib;
            if (i + 1 < entries.Count && (entries[i + 1].Path == e.Path || IsSibling(e, entries[i + 1])))
            {
                sib = entries[i + 1];
                i += 2;
            }
            else
            {
                sib = new Entry(!e.IsUs, e.Path, null);
                i += 1;
            }
            var (us, them) = e.IsUs ? (e.Side, sib.Side) : (sib.Side, e.Side);
            result.Add(new UnmergedFile(e.Path, us, them, sib.Path == e.Path ? null : sib.Path));
        }
        result.Reverse(); // the reference accumulates in reverse; order only affects the order of resolution
        return result;
    }

    // Written as upstream's precedence has it: (prefix && x is ours) || (y is ours && not both ours).
    private static bool IsSibling(Entry x, Entry y) =>
        (y.Path.StartsWith(x.Path + "~", StringComparison.Ordinal) && x.IsUs) || (y.IsUs && !(x.IsUs && y.IsUs));
}

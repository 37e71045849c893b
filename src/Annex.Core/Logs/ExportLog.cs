namespace Annex.Core.Logs;

public readonly record struct ExportParticipants(Uuid From, Uuid To);

/// <summary>The tree exported, then trees whose export began but did not finish.</summary>
public sealed record Exported(string Tree, IReadOnlyList<string> Incomplete)
{
    public bool Equals(Exported? other) => other is not null && Tree == other.Tree && Incomplete.SequenceEqual(other.Incomplete);
    public override int GetHashCode() => Tree.GetHashCode();
}

/// <summary>
/// export.log (Logs/Export/Pure.hs): <c>&lt;ts&gt; &lt;exporter uuid&gt;:&lt;remote uuid&gt; &lt;tree&gt; [&lt;incomplete tree&gt;…]</c>,
/// e.g. <c>1795474676s 4ca8bbfe-…:b6ad7872-… 96a94860…</c>; the empty tree 4b825dc6… means nothing
/// exported yet.
/// </summary>
public static class ExportLog
{
    public static readonly IComparer<ExportParticipants> Order = Comparer<ExportParticipants>.Create((a, b) =>
    {
        var c = LogText.CompareUtf8(a.From.Value, b.From.Value);
        return c != 0 ? c : LogText.CompareUtf8(a.To.Value, b.To.Value);
    });

    public static MapLog<ExportParticipants, Exported> Parse(ReadOnlySpan<byte> content) =>
        FieldLog.Parse<ExportParticipants, Exported>(content, Order, TryParseField, TryParseValue);

    public static byte[] Format(MapLog<ExportParticipants, Exported> log) =>
        FieldLog.Format(log, p => $"{p.From.Value}:{p.To.Value}", e => string.Join(' ', [e.Tree, .. e.Incomplete]));

    /// <summary>Exports to one remote, from any exporter (more than one distinct tree = a conflict).</summary>
    public static IReadOnlyList<Exported> ExportsTo(MapLog<ExportParticipants, Exported> log, Uuid remote) =>
        [.. log.Entries.Where(kv => kv.Key.To == remote).Select(kv => kv.Value.Value).Distinct()];

    private static bool TryParseField(string s, out ExportParticipants p)
    {
        p = default;
        var colon = s.IndexOf(':');
        if (colon <= 0 || !Uuid.TryParse(s.AsSpan(0, colon), out var from) || !Uuid.TryParse(s.AsSpan(colon + 1), out var to))
            return false;
        p = new ExportParticipants(from, to);
        return true;
    }

    private static bool TryParseValue(string s, out Exported e)
    {
        var refs = s.Split(' ');
        e = new Exported(refs[0], refs[1..]);
        return refs.All(r => r.Length > 0);
    }
}

using System.Text;

namespace Annex.Core.Logs;

/// <summary>A metadata value: bytes plus whether it is set (+) or unset (-). Equality and order
/// look only at the bytes, as upstream's do, so "+a" and "-a" are the same set member.</summary>
public readonly struct MetaValue(bool isSet, byte[] bytes) : IEquatable<MetaValue>, IComparable<MetaValue>
{
    public bool IsSet { get; } = isSet;
    public byte[] Bytes { get; } = bytes;

    public static MetaValue Set(string text) => new(true, Encoding.UTF8.GetBytes(text));
    public static MetaValue Unset(string text) => new(false, Encoding.UTF8.GetBytes(text));

    public string Text => Encoding.UTF8.GetString(Bytes);
    public bool Equals(MetaValue other) => Bytes.AsSpan().SequenceEqual(other.Bytes);
    public override bool Equals(object? obj) => obj is MetaValue v && Equals(v);
    public override int GetHashCode() { var h = new HashCode(); h.AddBytes(Bytes); return h.ToHashCode(); }
    public int CompareTo(MetaValue other) => Bytes.AsSpan().SequenceCompareTo(other.Bytes);
    public override string ToString() => (IsSet ? "+" : "-") + Text;
}

/// <summary>
/// Metadata fields and values (Types/MetaData.hs). Field names are case-insensitive and ordered
/// by their case-folded text; values are ordered by bytes. Immutable.
/// </summary>
public sealed class MetaData : IComparable<MetaData>
{
    public static readonly IComparer<string> FieldOrder =
        Comparer<string>.Create((a, b) => LogText.CompareUtf8(a.ToLowerInvariant(), b.ToLowerInvariant()));

    private readonly SortedDictionary<string, SortedSet<MetaValue>> _fields;

    public static readonly MetaData Empty = new();

    public MetaData() => _fields = new(FieldOrder);

    public MetaData(IEnumerable<(string Field, MetaValue Value)> values) : this()
    {
        foreach (var (f, v) in values) Update(f, v);
    }

    public IReadOnlyDictionary<string, SortedSet<MetaValue>> Fields => _fields;
    public bool IsEmpty => _fields.Count == 0;

    /// <summary>updateMetaData: a value added later replaces an equal one (so "+a -a" leaves -a).</summary>
    private void Update(string field, MetaValue v)
    {
        if (!_fields.TryGetValue(field, out var set)) _fields[field] = set = [];
        set.Remove(v);
        set.Add(v);
    }

    /// <summary>unionMetaData: where both have a value, the newer one's +/- wins.</summary>
    public MetaData Union(MetaData newer)
    {
        var r = new MetaData();
        foreach (var (f, vs) in _fields) foreach (var v in vs) r.Update(f, v);
        foreach (var (f, vs) in newer._fields) foreach (var v in vs) r.Update(f, v);
        return r;
    }

    /// <summary>differenceMetaData: values (set or unset) not mentioned in <paramref name="exclude"/>.</summary>
    public MetaData Difference(MetaData exclude)
    {
        var r = new MetaData();
        foreach (var (f, vs) in _fields)
            foreach (var v in vs)
                if (!exclude._fields.TryGetValue(f, out var ex) || !ex.Contains(v)) r.Update(f, v);
        return r;
    }

    /// <summary>currentMetaData: only set values; fields left empty are dropped.</summary>
    public MetaData Current() => new(_fields.SelectMany(kv => kv.Value.Where(v => v.IsSet).Select(v => (kv.Key, v))));

    public int CompareTo(MetaData? other)
    {
        using var a = _fields.GetEnumerator();
        using var b = other!._fields.GetEnumerator();
        while (true)
        {
            bool ha = a.MoveNext(), hb = b.MoveNext();
            if (!ha || !hb) return ha == hb ? 0 : ha ? 1 : -1;
            var c = FieldOrder.Compare(a.Current.Key, b.Current.Key);
            if (c == 0) c = CompareSets(a.Current.Value, b.Current.Value);
            if (c != 0) return c;
        }
    }

    private static int CompareSets(SortedSet<MetaValue> x, SortedSet<MetaValue> y)
    {
        using var a = x.GetEnumerator();
        using var b = y.GetEnumerator();
        while (true)
        {
            bool ha = a.MoveNext(), hb = b.MoveNext();
            if (!ha || !hb) return ha == hb ? 0 : ha ? 1 : -1;
            var c = a.Current.CompareTo(b.Current);
            if (c != 0) return c;
        }
    }

    public override string ToString() => MetaDataLog.FormatValue(this);
}

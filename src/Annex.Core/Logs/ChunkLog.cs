using System.Globalization;

namespace Annex.Core.Logs;

/// <summary>How a key was chunked on a remote: fixed-size chunks, or a method this version
/// does not know, kept as its text so it survives a rewrite. Fixed sorts first (upstream Ord).</summary>
public readonly record struct ChunkMethod(long? FixedSize, string? Unknown)
{
    public static ChunkMethod Fixed(long size) => new(size, null);
    public override string ToString() => FixedSize?.ToString(CultureInfo.InvariantCulture) ?? Unknown ?? "";
}

public readonly record struct ChunkLogKey(Uuid Remote, ChunkMethod Method);

/// <summary>
/// <c>.log.cnk</c> (Logs/Chunk/Pure.hs): <c>&lt;ts&gt; &lt;uuid&gt;:&lt;chunk size&gt; &lt;chunk count&gt;</c>;
/// count 0 means the chunks are gone (<c>1795474667s 48429bc9-…:1048576 0</c>).
/// </summary>
public static class ChunkLog
{
    public static readonly IComparer<ChunkLogKey> Order = Comparer<ChunkLogKey>.Create((a, b) =>
    {
        var c = LogText.CompareUtf8(a.Remote.Value, b.Remote.Value);
        if (c != 0) return c;
        if (a.Method.FixedSize is { } x && b.Method.FixedSize is { } y) return x.CompareTo(y);
        if (a.Method.FixedSize.HasValue != b.Method.FixedSize.HasValue) return a.Method.FixedSize.HasValue ? -1 : 1;
        return LogText.CompareUtf8(a.Method.Unknown, b.Method.Unknown);
    });

    public static MapLog<ChunkLogKey, long> Parse(ReadOnlySpan<byte> content) =>
        FieldLog.Parse<ChunkLogKey, long>(content, Order, TryParseField, TryParseCount);

    public static byte[] Format(MapLog<ChunkLogKey, long> log) =>
        FieldLog.Format(log, k => $"{k.Remote.Value}:{k.Method}", n => n.ToString(CultureInfo.InvariantCulture));

    private static bool TryParseField(string s, out ChunkLogKey key)
    {
        key = default;
        var colon = s.IndexOf(':');
        if (colon < 0 || !Uuid.TryParse(s.AsSpan(0, colon), out var u)) return false;
        var m = s[(colon + 1)..];
        // Upstream commits to a number once a digit is read, so "12abc" rejects the line.
        if (m.Length > 0 && char.IsAsciiDigit(m[0]) && !m.All(char.IsAsciiDigit)) return false;
        key = new ChunkLogKey(u, m.Length > 0 && m.All(char.IsAsciiDigit)
            && long.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            ? ChunkMethod.Fixed(size) : new ChunkMethod(null, m));
        return true;
    }

    private static bool TryParseCount(string s, out long n) =>
        long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out n);
}

using System.Text;

namespace Annex.Core.Logs;

/// <summary>A line that could not be parsed, by 1-based line number.</summary>
public sealed record LogWarning(int LineNumber, string Reason);

/// <summary>
/// Line handling shared by every branch log (upstream Logs/Line.hs, Git/UnionMerge.hs).
/// Upstream splits on both '\n' and '\r' and silently drops lines its parser rejects.
/// Our policy: a line we cannot parse (bad syntax, invalid UTF-8, NUL bytes) is reported as a
/// <see cref="LogWarning"/> and kept verbatim in <see cref="ParsedLog.Unparsed"/>, and every
/// Format writes it back after the parsed records, so a rewrite never loses data another
/// version of git-annex might understand. Lines of any length are accepted, as upstream does.
/// </summary>
public static class LogText
{
    public delegate void LineHandler(int lineNumber, ReadOnlySpan<byte> line);

    private static readonly UTF8Encoding Strict = new(false, true);

    /// <summary>Calls <paramref name="handler"/> for each non-empty line ('\n' or '\r' separated).</summary>
    public static void ForEachLine(ReadOnlySpan<byte> content, LineHandler handler)
    {
        var number = 0;
        foreach (var range in content.Split((byte)'\n'))
        {
            number++;
            var line = content[range];
            foreach (var piece in line.Split((byte)'\r'))
                if (!line[piece].IsEmpty) handler(number, line[piece]);
        }
    }

    /// <summary>Strict UTF-8 decoding that also refuses NUL; never throws.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> line, out string text, out string reason)
    {
        text = "";
        if (line.Contains((byte)0)) { reason = "NUL byte"; return false; }
        try { text = Strict.GetString(line); }
        catch (DecoderFallbackException) { reason = "invalid UTF-8"; return false; }
        reason = "";
        return true;
    }

    /// <summary>Union merge of several versions of a log file, as git-annex merges the branch:
    /// all lines, deduplicated and sorted bytewise, each ending in '\n'.</summary>
    public static byte[] UnionMerge(params ReadOnlySpan<byte[]> versions)
    {
        var lines = new SortedSet<byte[]>(ByteOrder.Instance);
        foreach (var v in versions)
            foreach (var l in v.AsSpan().Split((byte)'\n'))
            {
                var line = v.AsSpan()[l];
                if (!line.IsEmpty) lines.Add(line.ToArray());
            }
        var output = new List<byte>();
        foreach (var l in lines) { output.AddRange(l); output.Add((byte)'\n'); }
        return output.ToArray();
    }

    /// <summary>Upstream compares ByteStrings and Strings, i.e. UTF-8 bytes or code points;
    /// ordinal UTF-16 comparison differs for characters above U+FFFF.</summary>
    public static int CompareUtf8(string? a, string? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        var ea = a.EnumerateRunes();
        var eb = b.EnumerateRunes();
        while (true)
        {
            var ha = ea.MoveNext();
            var hb = eb.MoveNext();
            if (!ha || !hb) return ha == hb ? 0 : (ha ? 1 : -1);
            var c = ea.Current.Value.CompareTo(eb.Current.Value);
            if (c != 0) return c;
        }
    }

    public static readonly IComparer<string> Utf8Order = Comparer<string>.Create(CompareUtf8);

    public static readonly IComparer<Uuid> UuidOrder =
        Comparer<Uuid>.Create((a, b) => CompareUtf8(a.Value, b.Value));

    internal sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();
        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}

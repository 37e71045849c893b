using System.Text;

namespace Annex.Core.Logs;

/// <summary>
/// What every parsed log carries besides its records: the lines it could not parse, verbatim,
/// and why. See <see cref="LogText"/> for the keep-verbatim policy.
/// </summary>
public abstract class ParsedLog
{
    private readonly List<byte[]> _unparsed = [];
    private readonly List<LogWarning> _warnings = [];

    public IReadOnlyList<byte[]> Unparsed => _unparsed;
    public IReadOnlyList<LogWarning> Warnings => _warnings;

    protected void KeepUnparsed(int lineNumber, ReadOnlySpan<byte> line, string reason)
    {
        _unparsed.Add(line.ToArray());
        _warnings.Add(new LogWarning(lineNumber, reason));
    }

    protected void Warn(int lineNumber, string reason) => _warnings.Add(new LogWarning(lineNumber, reason));

    protected void CopyUnparsedFrom(ParsedLog other)
    {
        foreach (var u in other._unparsed)
            if (!_unparsed.Exists(x => x.AsSpan().SequenceEqual(u))) _unparsed.Add(u);
    }

    /// <summary>Runs <paramref name="parseLine"/> on each decoded line; lines it rejects, and lines
    /// that are not UTF-8 or hold NUL, are kept verbatim with a warning.</summary>
    protected void ParseLines(ReadOnlySpan<byte> content, Func<int, string, bool> parseLine)
    {
        LogText.ForEachLine(content, (n, line) =>
        {
            if (!LogText.TryDecode(line, out var text, out var reason)) KeepUnparsed(n, line, reason);
            else if (!parseLine(n, text)) KeepUnparsed(n, line, "unparseable line");
        });
    }

    /// <summary>Encodes formatted record lines (each without '\n') then the unparsed lines.</summary>
    protected byte[] Encode(IEnumerable<string> lines)
    {
        var output = new List<byte>();
        foreach (var l in lines)
        {
            if (l.AsSpan().IndexOfAny('\n', '\r') >= 0)
                throw new ArgumentException($"log value contains a line break: {l}");
            output.AddRange(Encoding.UTF8.GetBytes(l));
            output.Add((byte)'\n');
        }
        foreach (var u in _unparsed) { output.AddRange(u); output.Add((byte)'\n'); }
        return output.ToArray();
    }
}

namespace Annex.Core.Logs;

/// <summary>Status word of a presence line: '1', '0', 'X'.</summary>
public enum PresenceStatus { Present, Missing, Dead }

public sealed record PresenceLine(LogTimestamp Timestamp, PresenceStatus Status, string Info);

/// <summary>
/// Presence logs <c>&lt;ts&gt; &lt;1|0|X&gt; &lt;info&gt;</c> (upstream Logs/Presence/Pure.hs,
/// Logs/Presence.hs): location logs (<c>&lt;key&gt;.log</c>, info = repository UUID), web logs
/// (<c>.log.web</c>, info = URL, may hold spaces), equivalent-key logs (<c>.log.ek</c>).
/// Lines are kept in file order; <see cref="Compact"/> gives the newest line per info.
/// </summary>
public sealed class PresenceLog : ParsedLog
{
    private readonly List<PresenceLine> _lines = [];

    public IReadOnlyList<PresenceLine> Lines => _lines;

    public PresenceLog() { }

    public PresenceLog(IEnumerable<PresenceLine> lines) => _lines.AddRange(lines);

    public static PresenceLog Parse(ReadOnlySpan<byte> content)
    {
        var log = new PresenceLog();
        log.ParseLines(content, (_, line) =>
        {
            var sp = line.IndexOf(' ');
            if (sp < 0 || sp + 3 > line.Length || line[sp + 2] != ' ') return false;
            if (!LogTimestamp.TryParse(line.AsSpan(0, sp), out var ts)) return false;
            PresenceStatus? status = line[sp + 1] switch
            {
                '1' => PresenceStatus.Present, '0' => PresenceStatus.Missing, 'X' => PresenceStatus.Dead, _ => null,
            };
            if (status is null) return false;
            log._lines.Add(new PresenceLine(ts, status.Value, line[(sp + 3)..]));
            return true;
        });
        return log;
    }

    public byte[] Format() => Encode(_lines.Select(l => $"{l.Timestamp} {StatusChar(l.Status)} {l.Info}"));

    public static char StatusChar(PresenceStatus s) => s switch
    {
        PresenceStatus.Present => '1', PresenceStatus.Missing => '0', _ => 'X',
    };

    /// <summary>compactLog: newest line per info, ordered by info. On equal clocks the earlier
    /// line in the file wins (upstream folds from the right and replaces on &lt;=).</summary>
    public IReadOnlyList<PresenceLine> Compact()
    {
        var map = new SortedDictionary<string, PresenceLine>(LogText.Utf8Order);
        for (var i = _lines.Count - 1; i >= 0; i--)
        {
            var l = _lines[i];
            if (!map.TryGetValue(l.Info, out var old) || old.Timestamp <= l.Timestamp) map[l.Info] = l;
        }
        return [.. map.Values];
    }

    /// <summary>The infos currently present (for a location log: the UUIDs having the content).</summary>
    public IReadOnlyList<string> Present() =>
        [.. Compact().Where(l => l.Status == PresenceStatus.Present).Select(l => l.Info)];

    public IReadOnlyList<string> NotPresent() =>
        [.. Compact().Where(l => l.Status != PresenceStatus.Present).Select(l => l.Info)];

    /// <summary>genLine: a new line whose clock is advanced past every line for the same info.</summary>
    public PresenceLine NewLine(PresenceStatus status, string info, LogTimestamp candidate) =>
        new(LogTimestamp.Advance(candidate, _lines.Where(l => l.Info == info).Select(l => l.Timestamp)), status, info);

    /// <summary>maybeAddLog (how location logs are written): if the newest status for
    /// <paramref name="info"/> already equals <paramref name="status"/>, nothing changes and false is
    /// returned; otherwise <paramref name="updated"/> is the compacted log with the new line.</summary>
    public bool TryChangeStatus(PresenceStatus status, string info, LogTimestamp candidate, out PresenceLog updated)
    {
        var line = NewLine(status, info, candidate);
        updated = this;
        if (Compact().Any(l => l.Info == info && l.Status == status)) return false;
        var compacted = Compact().Where(l => l.Info != info).Append(line).OrderBy(l => l.Info, LogText.Utf8Order);
        updated = WithUnparsedOf(new PresenceLog(compacted));
        return true;
    }

    /// <summary>addLog' (how web logs are written): a line for a new info is appended
    /// (<paramref name="appended"/> = true, the store may append just that line); otherwise the
    /// log is compacted with the new line.</summary>
    public PresenceLog Add(PresenceStatus status, string info, LogTimestamp candidate, out bool appended)
    {
        var line = NewLine(status, info, candidate);
        appended = !_lines.Any(l => l.Info == info);
        var next = appended ? _lines.Append(line) : new PresenceLog([line, .. _lines]).Compact();
        return WithUnparsedOf(new PresenceLog(next));
    }

    /// <summary>Union merge of parsed versions: all distinct lines, the same facts a git union merge
    /// keeps (use <see cref="LogText.UnionMerge"/> for the merged file's exact bytes).</summary>
    public static PresenceLog Merge(params IEnumerable<PresenceLog> logs)
    {
        var result = new PresenceLog();
        foreach (var log in logs)
        {
            foreach (var l in log._lines) if (!result._lines.Contains(l)) result._lines.Add(l);
            result.CopyUnparsedFrom(log);
        }
        return result;
    }

    private PresenceLog WithUnparsedOf(PresenceLog next)
    {
        next.CopyUnparsedFrom(this);
        return next;
    }
}

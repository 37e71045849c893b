namespace Annex.Core.Logs;

/// <summary>A transition line; <see cref="Name"/> is kept as written so unknown future
/// transitions survive (ForgetGitHistory, ForgetDeadRemotes are the known ones).</summary>
public sealed record TransitionLine(LogTimestamp Started, string Name)
{
    public bool IsKnown => TransitionsLog.KnownRank(Name) >= 0;
}

/// <summary>
/// transitions.log (Logs/Transitions.hs): <c>&lt;Transition&gt; &lt;ts&gt;</c> — the name comes first,
/// e.g. <c>ForgetGitHistory 1317929189.157237s</c>. A set ordered by clock, then unknown names
/// (bytewise) before known ones (in declaration order). Upstream ignores text after the clock;
/// we accept such a line with a warning and write it back normalised.
/// </summary>
public sealed class TransitionsLog : ParsedLog
{
    private static readonly string[] Known = ["ForgetGitHistory", "ForgetDeadRemotes"];

    private readonly SortedSet<TransitionLine> _lines = new(Comparer<TransitionLine>.Create(Compare));

    public IReadOnlyCollection<TransitionLine> Lines => _lines;

    public static int KnownRank(string name) => Array.IndexOf(Known, name);

    /// <summary>Unknown transitions make upstream refuse to merge ("upgrade git-annex!").</summary>
    public bool HasUnknown => _lines.Any(l => !l.IsKnown);

    public static TransitionsLog Parse(ReadOnlySpan<byte> content)
    {
        var log = new TransitionsLog();
        log.ParseLines(content, (n, line) =>
        {
            var parts = line.Split(' ');
            if (parts.Length < 2 || !LogTimestamp.TryParse(parts[1], out var ts)) return false;
            if (parts.Length > 2) log.Warn(n, "text after the transition clock ignored");
            log._lines.Add(new TransitionLine(ts, parts[0]));
            return true;
        });
        return log;
    }

    public byte[] Format() => Encode(_lines.Select(l => $"{l.Name} {l.Started}"));

    /// <summary>addTransition: records a transition, its clock advanced past earlier ones of that name.</summary>
    public void Add(string name, LogTimestamp candidate) =>
        _lines.Add(new TransitionLine(LogTimestamp.Advance(candidate,
            _lines.Where(l => l.Name == name).Select(l => l.Started)), name));

    public static TransitionsLog Merge(params IEnumerable<TransitionsLog> logs)
    {
        var result = new TransitionsLog();
        foreach (var log in logs)
        {
            result._lines.UnionWith(log._lines);
            result.CopyUnparsedFrom(log);
        }
        return result;
    }

    private static int Compare(TransitionLine? a, TransitionLine? b)
    {
        var c = a!.Started.CompareTo(b!.Started);
        if (c != 0) return c;
        int ra = KnownRank(a.Name), rb = KnownRank(b.Name);
        if (ra >= 0 || rb >= 0) return ra < 0 ? -1 : rb < 0 ? 1 : ra.CompareTo(rb);
        return LogText.CompareUtf8(a.Name, b.Name);
    }
}

using System.Globalization;

namespace Annex.Core.Logs;

/// <summary>
/// Logs of one global value, <c>&lt;ts&gt; &lt;value&gt;</c> (Logs/SingleValue/Pure.hs): numcopies.log and
/// mincopies.log (<c>1317929190.157237s 3</c>), and the lines of <c>.log.met</c>. Entries form a set
/// ordered by (clock, value); the newest is the largest. A write replaces the file with one line
/// whose clock is advanced past every existing line.
/// </summary>
public sealed class SingleValueLog<T> : ParsedLog
{
    private readonly SortedSet<LogEntry<T>> _entries;

    public SingleValueLog(IComparer<T> valueOrder)
    {
        ValueOrder = valueOrder;
        _entries = new SortedSet<LogEntry<T>>(Comparer<LogEntry<T>>.Create((a, b) =>
        {
            var c = a.Changed.CompareTo(b.Changed);
            return c != 0 ? c : valueOrder.Compare(a.Value, b.Value);
        }));
    }

    public IReadOnlyCollection<LogEntry<T>> Entries => _entries;

    public IComparer<T> ValueOrder { get; }

    public bool TryGetNewest(out T value)
    {
        value = _entries.Count > 0 ? _entries.Max!.Value : default!;
        return _entries.Count > 0;
    }

    /// <summary>Set.insert: an entry equal to an existing one replaces it.</summary>
    public void Add(LogEntry<T> entry)
    {
        _entries.Remove(entry);
        _entries.Add(entry);
    }

    public bool Remove(LogEntry<T> entry) => _entries.Remove(entry);

    /// <summary>setLog: the log after setting <paramref name="value"/> (unparsed lines kept).</summary>
    public SingleValueLog<T> WithValue(T value, LogTimestamp candidate)
    {
        var next = new SingleValueLog<T>(ValueOrder);
        next.Add(new LogEntry<T>(LogTimestamp.Advance(candidate, _entries.Select(e => e.Changed)), value));
        next.CopyUnparsedFrom(this);
        return next;
    }

    public static SingleValueLog<T> Parse(ReadOnlySpan<byte> content, IComparer<T> valueOrder, TryParseValue<T> parseValue)
    {
        var log = new SingleValueLog<T>(valueOrder);
        log.ParseLines(content, (_, line) =>
        {
            var sp = line.IndexOf(' ');
            if (sp < 0 || !LogTimestamp.TryParse(line.AsSpan(0, sp), out var ts)) return false;
            if (!parseValue(line[(sp + 1)..], out var v)) return false;
            log.Add(new LogEntry<T>(ts, v));
            return true;
        });
        return log;
    }

    public byte[] Format(Func<T, string> formatValue) => Encode(_entries.Select(e => $"{e.Changed} {formatValue(e.Value)}"));

    public static SingleValueLog<T> Merge(params IEnumerable<SingleValueLog<T>> logs)
    {
        SingleValueLog<T>? result = null;
        foreach (var log in logs)
        {
            result ??= new SingleValueLog<T>(log.ValueOrder);
            foreach (var e in log._entries) result.Add(e);
            result.CopyUnparsedFrom(log);
        }
        return result ?? throw new ArgumentException("nothing to merge");
    }
}

/// <summary>numcopies.log and mincopies.log: a decimal number; values below 1 read as 1
/// (configuredNumCopies).</summary>
public static class CopiesLog
{
    public static SingleValueLog<int> Parse(ReadOnlySpan<byte> content) =>
        SingleValueLog<int>.Parse(content, Comparer<int>.Default, TryParseValue);

    public static byte[] Format(SingleValueLog<int> log) => log.Format(n => n.ToString(CultureInfo.InvariantCulture));

    public static bool TryParseValue(string s, out int n)
    {
        var ok = int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n);
        if (ok && n < 1) n = 1;
        return ok;
    }
}

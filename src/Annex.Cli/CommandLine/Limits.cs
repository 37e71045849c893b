using Annex.Core.Annex.Matching;
using Annex.Core.Utility;

namespace Annex.Cli.CommandLine;

/// <summary>
/// --time-limit and --size-limit (doc/git-annex-common-options.mdwn): once reached, no further items are
/// started, a warning is shown once, and the command exits 101 so callers know it stopped early.
/// </summary>
public sealed class Limits
{
    private DateTime? _deadline;
    private string? _timeText;
    private long? _sizeLeft;
    public bool Reached { get; private set; }

    public const int ExitCode = 101;

    public void Configure(ParsedArgs globals)
    {
        if (globals.Value("time-limit") is { } t)
        {
            _deadline = DateTime.UtcNow + ParseDuration(t);
            _timeText = t;
        }
        if (globals.Value("size-limit") is { } s)
            _sizeLeft = DataUnits.TryParse(s, out var n) ? n : throw new UserErrorException($"bad size for --size-limit: {s}");
    }

    /// <summary>True when an item of <paramref name="size"/> bytes may still be processed; counts it against --size-limit.</summary>
    public bool Admit(Output.Messages messages, long? size)
    {
        if (Reached) return false;
        if (_deadline is { } d && DateTime.UtcNow > d)
        {
            Reached = true;
            messages.Warning($"Time limit ({_timeText}) reached! Shutting down...");
            return false;
        }
        if (_sizeLeft is { } left)
        {
            // A file of unknown size cannot be counted, so it is not processed under a size limit.
            if (size is not { } sz || sz > left) { Reached = true; return false; }
            _sizeLeft = left - sz;
        }
        return true;
    }

    /// <summary>"5h", "30m", "45s", "10d", "1h30m", "2w", "1y" as the reference's duration parser reads them.</summary>
    public static TimeSpan ParseDuration(string s)
    {
        var total = TimeSpan.Zero;
        int i = 0;
        while (i < s.Length)
        {
            int start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == start || i == s.Length || !long.TryParse(s[start..i], out var n))
                throw new UserErrorException($"bad duration: {s}");
            total += s[i++] switch
            {
                's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n), 'w' => TimeSpan.FromDays(7 * n), 'y' => TimeSpan.FromDays(365 * n),
                _ => throw new UserErrorException($"bad duration: {s}"),
            };
        }
        return total > TimeSpan.Zero ? total : throw new UserErrorException($"bad duration: {s}");
    }
}

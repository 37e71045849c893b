using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>The timestamp new log lines are written with: now, or GIT_ANNEX_VECTOR_CLOCK when set (for reproducible tests).</summary>
public static class LogClock
{
    public static LogTimestamp Candidate() =>
        LogTimestamp.Candidate(Environment.GetEnvironmentVariable("GIT_ANNEX_VECTOR_CLOCK"), TimeProvider.System);
}

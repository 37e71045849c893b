using System.Globalization;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>
/// Retention files (doc/todo/P2P_locking_connection_drop_safety.mdwn, Annex/Content.hs): a peer that
/// locked our copy (LOCKCONTENT) counts on it for up to 10 minutes even if the connection drops, so
/// locking also writes &lt;object&gt;.rtm holding POSIX time now+600 ("1795469903.354680753s", no newline),
/// and any removal refuses while that time is in the future. &lt;object&gt;.rtl serialises writers.
/// </summary>
public static class ContentRetention
{
    public static readonly TimeSpan LockRetention = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Promises to keep <paramref name="obj"/> until now + <paramref name="duration"/>; returns the stamp written,
    /// or null when a longer promise already runs (it stays, and is not ours to withdraw).
    /// </summary>
    public static string? Retain(string obj, TimeSpan duration, DateTimeOffset now)
    {
        string? stamp = Format(now + duration);
        WithWritableDir(obj, () =>
        {
            using var lk = PosixLock.Take(obj + ".rtl", exclusive: true, wait: true);
            // A later promise never shortens an earlier one that is still running.
            if (Read(obj) is { } existing && existing > now + duration) { stamp = null; return; }
            AtomicFile.WriteText(obj + ".rtm", stamp);
        });
        return stamp;
    }

    /// <summary>Ends our promise: removes .rtm only if it still holds <paramref name="stamp"/> (nobody extended it).</summary>
    public static void Release(string obj, string? stamp)
    {
        if (stamp == null || !File.Exists(obj + ".rtm")) return;
        WithWritableDir(obj, () =>
        {
            using var lk = PosixLock.Take(obj + ".rtl", exclusive: true, wait: true);
            try { if (File.ReadAllText(obj + ".rtm") == stamp) File.Delete(obj + ".rtm"); }
            catch (FileNotFoundException) { }
        });
    }

    /// <summary>True while a retention promise on <paramref name="obj"/> runs; a stale .rtm is deleted.</summary>
    public static bool IsRetained(string obj, DateTimeOffset now)
    {
        if (Read(obj) is not { } until) return false;
        if (until > now) return true;
        try { WithWritableDir(obj, () => File.Delete(obj + ".rtm")); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return false;
    }

    internal static string Format(DateTimeOffset t)
    {
        var ticks = (t - DateTimeOffset.UnixEpoch).Ticks;
        var secs = ticks / TimeSpan.TicksPerSecond;
        var nanos = ticks % TimeSpan.TicksPerSecond * 100;
        return string.Create(CultureInfo.InvariantCulture, $"{secs}.{nanos:D9}s");
    }

    /// <summary>Parses "&lt;seconds&gt;[.fraction]s"; an unreadable file counts as a promise (safe side) for 10 minutes.</summary>
    internal static DateTimeOffset? Read(string obj)
    {
        string text;
        try { text = File.ReadAllText(obj + ".rtm"); }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
        var s = text.Trim().TrimEnd('s');
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var secs))
            return File.GetLastWriteTimeUtc(obj + ".rtm") + LockRetention;
        return DateTimeOffset.UnixEpoch.AddTicks((long)(secs * TimeSpan.TicksPerSecond));
    }

    // Object directories are locked down (0555); like the .lck file, .rtm and .rtl need it briefly writable.
    private static void WithWritableDir(string obj, Action action)
    {
        var dir = Path.GetDirectoryName(obj)!;
        var mode = File.GetUnixFileMode(dir);
        if ((mode & UnixFileMode.UserWrite) != 0) { action(); return; }
        File.SetUnixFileMode(dir, mode | UnixFileMode.UserWrite);
        try { action(); }
        finally { File.SetUnixFileMode(dir, mode); }
    }
}

namespace Annex.Core.Logs;

/// <summary>Ordered as upstream (Types/TrustLevel.hs): dead &lt; untrusted &lt; semitrusted &lt; trusted.</summary>
public enum TrustLevel { Dead, Untrusted, SemiTrusted, Trusted }

/// <summary>
/// trust.log, old layout (Logs/Trust/Pure.hs): value '1' trusted, '0' untrusted, '?' semitrusted,
/// 'X' dead. An empty value means trusted (the log once only listed trusted repositories) and any
/// other single character reads as semitrusted, leaving room for future levels. A longer value
/// rejects the line.
/// </summary>
public static class TrustLog
{
    public static MapLog<Uuid, TrustLevel> Parse(ReadOnlySpan<byte> content) => UuidBasedLog.Parse<TrustLevel>(content, TryParseValue);

    public static byte[] Format(MapLog<Uuid, TrustLevel> log) => UuidBasedLog.Format(log, ValueWord);

    public static bool TryParseValue(string s, out TrustLevel level)
    {
        level = s switch
        {
            "" or "1" => TrustLevel.Trusted,
            "0" => TrustLevel.Untrusted,
            "X" => TrustLevel.Dead,
            _ => TrustLevel.SemiTrusted,
        };
        // Upstream reads one byte (Attoparsec Char8.anyChar), so only an ASCII character qualifies.
        return s.Length == 0 || (s.Length == 1 && s[0] < 0x80);
    }

    public static string ValueWord(TrustLevel level) => level switch
    {
        TrustLevel.Trusted => "1", TrustLevel.Untrusted => "0", TrustLevel.Dead => "X", _ => "?",
    };

    /// <summary>The words of the trust commands and of remote.&lt;name&gt;.annex-trustlevel.</summary>
    public static string Name(TrustLevel level) => level switch
    {
        TrustLevel.Trusted => "trusted", TrustLevel.Untrusted => "untrusted",
        TrustLevel.Dead => "dead", _ => "semitrusted",
    };

    public static bool TryParseName(string s, out TrustLevel level)
    {
        (var ok, level) = s switch
        {
            "trusted" => (true, TrustLevel.Trusted), "untrusted" => (true, TrustLevel.Untrusted),
            "semitrusted" => (true, TrustLevel.SemiTrusted), "dead" => (true, TrustLevel.Dead),
            _ => (false, TrustLevel.SemiTrusted),
        };
        return ok;
    }
}

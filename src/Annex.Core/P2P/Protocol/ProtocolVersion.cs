namespace Annex.Core.P2P.Protocol;

/// <summary>
/// A negotiated protocol version. History (doc/design/p2p_protocol.mdwn): 0 the original; 1 adds VALID/INVALID
/// after DATA; 2 adds the *-PLUS replies and BYPASS; 3 adds REMOVE-BEFORE and GETTIMESTAMP; 4 adds DATA-PRESENT.
/// A peer that never negotiates speaks 0. Larger numbers parse (a newer peer may offer 9) and are capped by min().
/// </summary>
public readonly record struct ProtocolVersion(int Value) : IComparable<ProtocolVersion>
{
    public static readonly ProtocolVersion V0 = new(0);
    public static readonly ProtocolVersion V1 = new(1);
    public static readonly ProtocolVersion V2 = new(2);
    public static readonly ProtocolVersion V3 = new(3);
    public static readonly ProtocolVersion V4 = new(4);
    public static readonly ProtocolVersion Max = V4;

    public bool HasValidity => Value >= 1;
    public bool HasPlusReplies => Value >= 2;
    public bool HasTimestamps => Value >= 3;
    public bool HasDataPresent => Value >= 4;

    public static ProtocolVersion Min(ProtocolVersion a, ProtocolVersion b) => a.Value <= b.Value ? a : b;

    public int CompareTo(ProtocolVersion other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What a server lets its peer change (GIT_ANNEX_SHELL_READONLY / _APPENDONLY select the last two).</summary>
public enum ServerMode { ReadWrite, AppendOnly, ReadOnly }

namespace Annex.Core.P2P.Protocol;

/// <summary>
/// The peer broke the protocol (oversized line, unexpected reply, ERROR where an answer was due).
/// The byte stream can no longer be trusted to be in step, so the connection must be closed.
/// </summary>
public class ProtocolException(string reason) : Exception(reason);

/// <summary>
/// The stream ended inside a DATA payload. Distinct so the receiver can keep the partial temp
/// file (the next attempt resumes from it) rather than treating it like corrupt data.
/// </summary>
public sealed class TruncatedDataException(long received, long expected)
    : ProtocolException($"connection closed after {received} of {expected} bytes of DATA")
{
    public long Received { get; } = received;
    public long Expected { get; } = expected;
}

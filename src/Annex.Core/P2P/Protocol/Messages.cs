using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Core.P2P.Protocol;

/// <summary>
/// Every message of the P2P protocol, versions 0-4 (doc/design/p2p_protocol.mdwn; words and arity as
/// P2P/Protocol.hs). A closed set: the only subclasses are the records below, so <see cref="MessageFormat"/>
/// and <see cref="MessageParser"/> cover all of them. VALID and INVALID are two records rather than
/// one with a flag because they are two words on the wire.
/// </summary>
public abstract record Message
{
    private protected Message() { }

    public sealed override string ToString() => MessageFormat.Format(this);
}

public enum Service { UploadPack, ReceivePack }

public sealed record Auth(Uuid Peer, string Token) : Message;
public sealed record AuthSuccess(Uuid Peer) : Message;
public sealed record AuthFailure : Message;
public sealed record VersionMessage(ProtocolVersion Version) : Message;
public sealed record Bypass(IReadOnlyList<Uuid> Uuids) : Message;
public sealed record Error(string Text) : Message;

public sealed record CheckPresent(Key Key) : Message;
public sealed record LockContent(Key Key) : Message;
public sealed record UnlockContent : Message;
public sealed record Remove(Key Key) : Message;
public sealed record RemoveBefore(long Deadline, Key Key) : Message;
public sealed record GetTimestamp : Message;
public sealed record Timestamp(long Seconds) : Message;

public sealed record Get(long Offset, string? AssociatedFile, Key Key) : Message;
public sealed record Put(string? AssociatedFile, Key Key) : Message;
public sealed record PutFrom(long Offset) : Message;
public sealed record AlreadyHave : Message;
public sealed record AlreadyHavePlus(IReadOnlyList<Uuid> Uuids) : Message;
public sealed record Data(long Length) : Message;
public sealed record DataPresent : Message;
public sealed record Valid : Message;
public sealed record Invalid : Message;

public sealed record Success : Message;
public sealed record SuccessPlus(IReadOnlyList<Uuid> Uuids) : Message;
public sealed record Failure : Message;
public sealed record FailurePlus(IReadOnlyList<Uuid> Uuids) : Message;

public sealed record Connect(Service Service) : Message;
public sealed record ConnectDone(int ExitCode) : Message;
public sealed record NotifyChange : Message;
public sealed record Changed(string Refs) : Message;

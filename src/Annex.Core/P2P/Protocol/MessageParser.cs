using System.Buffers;
using System.Text;
using Annex.Core.Keys;
using Annex.Core.Logs;

namespace Annex.Core.P2P.Protocol;

/// <summary>
/// The one Parse table. A line is "WORD" or "WORD rest"; each word has a fixed arity and its last
/// parameter takes the rest of the line (so ERROR text, CHANGED refs, key names and associated files
/// may hold spaces), as Utility/SimpleProtocol.hs splits. A line that does not parse is not a framing
/// error: the server answers "ERROR unknown command" and goes on, which lets peers probe for features.
/// </summary>
public static class MessageParser
{
    /// <summary>Longest line accepted, newline included; past this the peer is not speaking the protocol.</summary>
    public const int MaxLineBytes = 32 * 1024;

    private static readonly Dictionary<string, Func<string?, Message?>> Table = new(StringComparer.Ordinal)
    {
        ["AUTH"] = r => Two(r, (u, t) => Id(u) is { } id && IsToken(t) ? new Auth(id, t) : null),
        ["AUTH-SUCCESS"] = r => One(r, u => Id(u) is { } id ? new AuthSuccess(id) : null),
        ["AUTH-FAILURE"] = r => Zero(r, new AuthFailure()),
        ["VERSION"] = r => One(r, v => Number(v) is { } n && n <= int.MaxValue ? new VersionMessage(new ProtocolVersion((int)n)) : null),
        ["BYPASS"] = r => Uuids(r) is { } l ? new Bypass(l) : null,
        ["ERROR"] = r => new Error(r ?? ""),
        ["CHECKPRESENT"] = r => One(r, k => ProtoKey(k) is { } key ? new CheckPresent(key) : null),
        ["LOCKCONTENT"] = r => One(r, k => ProtoKey(k) is { } key ? new LockContent(key) : null),
        ["UNLOCKCONTENT"] = r => Zero(r, new UnlockContent()),
        ["REMOVE"] = r => One(r, k => ProtoKey(k) is { } key ? new Remove(key) : null),
        ["REMOVE-BEFORE"] = r => Two(r, (t, k) => Number(t) is { } n && ProtoKey(k) is { } key ? new RemoveBefore(n, key) : null),
        ["GETTIMESTAMP"] = r => Zero(r, new GetTimestamp()),
        ["TIMESTAMP"] = r => One(r, t => Number(t) is { } n ? new Timestamp(n) : null),
        ["GET"] = r => Two(r, (o, rest) => Two(rest, (af, k) =>
            Number(o) is { } n && AssociatedFile.TryDecode(af, out var file) && ProtoKey(k) is { } key ? new Get(n, file, key) : null)),
        ["PUT"] = r => Two(r, (af, k) => AssociatedFile.TryDecode(af, out var file) && ProtoKey(k) is { } key ? new Put(file, key) : null),
        ["PUT-FROM"] = r => One(r, o => Number(o) is { } n ? new PutFrom(n) : null),
        ["ALREADY-HAVE"] = r => Zero(r, new AlreadyHave()),
        ["ALREADY-HAVE-PLUS"] = r => Uuids(r) is { } l ? new AlreadyHavePlus(l) : null,
        ["DATA"] = r => One(r, n => Number(n) is { } len ? new Data(len) : null),
        ["DATA-PRESENT"] = r => Zero(r, new DataPresent()),
        ["VALID"] = r => Zero(r, new Valid()),
        ["INVALID"] = r => Zero(r, new Invalid()),
        ["SUCCESS"] = r => Zero(r, new Success()),
        ["SUCCESS-PLUS"] = r => Uuids(r) is { } l ? new SuccessPlus(l) : null,
        ["FAILURE"] = r => Zero(r, new Failure()),
        ["FAILURE-PLUS"] = r => Uuids(r) is { } l ? new FailurePlus(l) : null,
        ["CONNECT"] = r => r switch
        {
            "git-upload-pack" => new Connect(Service.UploadPack),
            "git-receive-pack" => new Connect(Service.ReceivePack),
            _ => null,
        },
        ["CONNECTDONE"] = r => One(r, c => Number(c) is { } n && n <= int.MaxValue ? new ConnectDone((int)n) : null),
        ["NOTIFYCHANGE"] = r => Zero(r, new NotifyChange()),
        ["CHANGED"] = r => new Changed(r ?? ""),
    };

    /// <summary>
    /// Reads one line from <paramref name="reader"/>. False (nothing consumed) when the line is not
    /// complete yet; true with a null message when it is complete but unparsable.
    /// </summary>
    public static bool TryParse(ref SequenceReader<byte> reader, out Message? message)
    {
        message = null;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n', advancePastDelimiter: true))
        {
            if (reader.Remaining >= MaxLineBytes)
                throw new ProtocolException($"protocol line longer than {MaxLineBytes} bytes");
            return false;
        }
        if (line.Length >= MaxLineBytes)
            throw new ProtocolException($"protocol line longer than {MaxLineBytes} bytes");
        if (line.Length > 0 && EndsWithCr(line)) line = line.Slice(0, line.Length - 1);
        message = Parse(Encoding.UTF8.GetString(line));
        return true;
    }

    /// <summary>Parses one line (no newline); null when it is not a valid message.</summary>
    public static Message? Parse(string line)
    {
        var sp = line.IndexOf(' ');
        var word = sp < 0 ? line : line[..sp];
        var rest = sp < 0 ? null : line[(sp + 1)..];
        return Table.TryGetValue(word, out var parse) ? parse(rest) : null;
    }

    private static bool EndsWithCr(ReadOnlySequence<byte> line) => line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r';

    // A bare word takes nothing; "WORD " is accepted since upstream splits it to the same empty rest.
    private static Message? Zero(string? rest, Message m) => string.IsNullOrEmpty(rest) ? m : null;

    private static Message? One(string? rest, Func<string, Message?> f) => rest is null ? null : f(rest);

    private static Message? Two(string? rest, Func<string, string, Message?> f)
    {
        var sp = rest?.IndexOf(' ') ?? -1;
        return sp < 0 ? null : f(rest![..sp], rest[(sp + 1)..]);
    }

    private static IReadOnlyList<Uuid>? Uuids(string? rest)
    {
        var list = new List<Uuid>();
        foreach (var w in (rest ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Id(w) is not { } u) return null;
            list.Add(u);
        }
        return list;
    }

    private static Uuid? Id(string s) => Uuid.TryParse(s, out var u) ? u : null;

    private static bool IsToken(string s) => s.Length > 0 && !s.Any(char.IsWhiteSpace) && !s.Any(char.IsControl);

    private static long? Number(string s)
    {
        if (s.Length == 0 || s.Length > 18) return null;
        long n = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9') return null;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    // Key.Parse already refuses NUL and newline; '/' is refused here as well so a key from the wire can
    // never contribute a path separator (or "../") anywhere, whatever escaping a later user applies.
    private static Key? ProtoKey(string s) =>
        s.Contains('/') || !Key.TryParse(s, out var key) ? null : key;
}

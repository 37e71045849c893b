using System.Globalization;
using Annex.Core.Logs;

namespace Annex.Core.P2P.Protocol;

/// <summary>The one Format switch: a message as its wire line, without the trailing newline.</summary>
public static class MessageFormat
{
    public static string Format(Message m) => m switch
    {
        Auth a => $"AUTH {a.Peer} {a.Token}",
        AuthSuccess a => $"AUTH-SUCCESS {a.Peer}",
        AuthFailure => "AUTH-FAILURE",
        VersionMessage v => $"VERSION {v.Version}",
        Bypass b => List("BYPASS", b.Uuids),
        Error e => "ERROR " + e.Text,
        CheckPresent c => "CHECKPRESENT " + c.Key,
        LockContent l => "LOCKCONTENT " + l.Key,
        UnlockContent => "UNLOCKCONTENT",
        Remove r => "REMOVE " + r.Key,
        RemoveBefore r => $"REMOVE-BEFORE {N(r.Deadline)} {r.Key}",
        GetTimestamp => "GETTIMESTAMP",
        Timestamp t => "TIMESTAMP " + N(t.Seconds),
        Get g => $"GET {N(g.Offset)} {AssociatedFile.Encode(g.AssociatedFile)} {g.Key}",
        Put p => $"PUT {AssociatedFile.Encode(p.AssociatedFile)} {p.Key}",
        PutFrom p => "PUT-FROM " + N(p.Offset),
        AlreadyHave => "ALREADY-HAVE",
        AlreadyHavePlus a => List("ALREADY-HAVE-PLUS", a.Uuids),
        Data d => "DATA " + N(d.Length),
        DataPresent => "DATA-PRESENT",
        Valid => "VALID",
        Invalid => "INVALID",
        Success => "SUCCESS",
        SuccessPlus s => List("SUCCESS-PLUS", s.Uuids),
        Failure => "FAILURE",
        FailurePlus f => List("FAILURE-PLUS", f.Uuids),
        Connect c => "CONNECT " + (c.Service == Service.UploadPack ? "git-upload-pack" : "git-receive-pack"),
        ConnectDone c => "CONNECTDONE " + N(c.ExitCode),
        NotifyChange => "NOTIFYCHANGE",
        Changed c => "CHANGED " + c.Refs,
        _ => throw new InvalidOperationException("unknown message type " + m.GetType().Name),
    };

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    // Upstream unwords the word list, so an empty list leaves the bare word with no trailing space.
    private static string List(string word, IReadOnlyList<Uuid> uuids) =>
        uuids.Count == 0 ? word : word + " " + string.Join(' ', uuids);
}

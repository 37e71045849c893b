using System.Text;
using Annex.Core.Logs;
using Annex.Core.P2P.Protocol;

namespace Annex.Fuzz;

/// <summary>
/// Feeds the input as the client's side of a p2pstdio session and checks what the server said back:
/// RunAsync returns (it throws nothing), every line it wrote is a message, it spoke first with
/// AUTH-SUCCESS, and each malformed line the client opened with was answered with ERROR.
/// </summary>
public static class ServerTarget
{
    public static readonly Uuid ServerUuid = Uuid.Parse("00000000-0000-0000-0000-00000000fa11");

    // ANNEX_FUZZ_TRACE=1 prints each session's result and the server's bytes, for reading a crash file.
    private static readonly bool Trace = Environment.GetEnvironmentVariable("ANNEX_FUZZ_TRACE") == "1";

    public static void RunFake(byte[] input)
    {
        foreach (var mode in new[] { ServerMode.ReadWrite, ServerMode.AppendOnly, ServerMode.ReadOnly })
        {
            var store = new FakeStore(mode);
            Serve(input, store, mode);
            store.CheckAfterSession();
        }
    }

    /// <summary>One session over in-memory streams; returns the server's messages after AUTH-SUCCESS.</summary>
    public static List<Message> Serve(byte[] input, IP2PServerStore store, ServerMode mode)
    {
        var output = new MemoryStream();
        // RunAsync owns and disposes both streams; MemoryStream.ToArray works after that.
        var result = P2PServer.RunAsync(new MemoryStream(input, writable: false), output, store, ServerUuid, mode,
            CancellationToken.None).GetAwaiter().GetResult();
        if (result == null) throw new FuzzCheckFailed("RunAsync returned null");
        if (Trace) Console.Error.Write($"--- {mode}: {result}\n{Encoding.UTF8.GetString(output.ToArray())}");
        var replies = ReadReplies(output.ToArray());
        CheckMalformedGetError(input, replies);
        return replies;
    }

    private static List<Message> ReadReplies(byte[] bytes)
    {
        var conn = new P2PConnection(new MemoryStream(bytes, writable: false), Stream.Null);
        var first = conn.ReadMessageAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (first.Message is not AuthSuccess a || a.Peer != ServerUuid)
            throw new FuzzCheckFailed("server did not open with AUTH-SUCCESS");
        var replies = new List<Message>();
        while (true)
        {
            var inc = conn.ReadMessageAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (inc.EndOfStream) return replies;
            if (inc.Message is not { } m) throw new FuzzCheckFailed("server wrote a line that is not a message");
            if (m is not (VersionMessage or Error or Success or Failure or Timestamp or PutFrom or AlreadyHave
                or Data or Valid or Invalid))
                throw new FuzzCheckFailed($"server sent a client's message: {m}");
            replies.Add(m);
            if (m is Data d)
            {
                try { conn.ReadDataAsync(d.Length, Stream.Null, null, CancellationToken.None).GetAwaiter().GetResult(); }
                catch (TruncatedDataException e) { throw new FuzzCheckFailed("server sent short DATA: " + e.Message); }
            }
        }
    }

    /// <summary>Leading malformed (or oversized) lines each get an ERROR before anything else.</summary>
    private static void CheckMalformedGetError(byte[] input, List<Message> replies)
    {
        int start = 0, n = 0;
        while (true)
        {
            var nl = Array.IndexOf(input, (byte)'\n', start);
            if (nl < 0) return;
            var len = nl - start;
            var tooLong = len + 1 >= MessageParser.MaxLineBytes;
            if (!tooLong)
            {
                if (len > 0 && input[nl - 1] == '\r') len--;
                if (MessageParser.Parse(Encoding.UTF8.GetString(input, start, len)) != null) return;
            }
            if (n >= replies.Count || replies[n] is not Error)
                throw new FuzzCheckFailed($"malformed line {n + 1} was not answered with ERROR");
            if (tooLong) return; // the session ends there
            n++;
            start = nl + 1;
        }
    }
}

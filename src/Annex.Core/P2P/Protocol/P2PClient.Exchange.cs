namespace Annex.Core.P2P.Protocol;

/// <summary>Sending a request and reading its reply, with the "unusable after any failure" rule.</summary>
public sealed partial class P2PClient
{
    private async Task<T> Guard<T>(Func<Task<T>> exchange)
    {
        if (_broken) throw new InvalidOperationException("the P2P connection is unusable after an earlier failure");
        try { return await exchange(); }
        catch
        {
            _broken = true;
            throw;
        }
    }

    private async Task<Message> RequestAsync(Message request, bool allowError, CancellationToken ct)
    {
        await _conn.WriteMessageAsync(request, ct);
        return await ReplyAsync(allowError, ct);
    }

    private async Task<Message> ReplyAsync(bool allowError, CancellationToken ct)
    {
        var inc = await _conn.ReadMessageAsync(ct);
        if (inc.EndOfStream) throw new ProtocolException("the server closed the connection");
        if (inc.Message is not { } m) throw new ProtocolException("unparsable reply from the server");
        if (m is Error e && !allowError) throw new ProtocolException(e.Text);
        return m;
    }

    private static bool SuccessOrFailure(Message m) => m switch
    {
        Success => true,
        Failure => false,
        _ => throw new ProtocolException("expected SUCCESS or FAILURE, got " + m),
    };

    private static ProtocolException Unexpected(Incoming inc, string expected) =>
        inc.EndOfStream ? new ProtocolException("the server closed the connection")
        : inc.Message is Error e ? new ProtocolException(e.Text)
        : new ProtocolException($"expected {expected}, got {(inc.Message?.ToString() ?? "an unparsable line")}");
}

/// <summary>A LOCKCONTENT held on the server; disposing it sends UNLOCKCONTENT (no reply comes).</summary>
public sealed class P2PContentLock : IAsyncDisposable
{
    private P2PClient? _client;

    internal P2PContentLock(P2PClient client) => _client = client;

    public async ValueTask DisposeAsync()
    {
        var c = Interlocked.Exchange(ref _client, null);
        if (c != null) await c.UnlockContentAsync();
    }
}

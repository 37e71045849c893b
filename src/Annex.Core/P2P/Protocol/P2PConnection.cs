using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Annex.Core.P2P.Protocol;

/// <summary>One message read from the peer: a message, an unparsable line (Message null), or the end of the stream.</summary>
public readonly record struct Incoming(Message? Message, bool EndOfStream)
{
    public bool Unparsable => Message is null && !EndOfStream;
}

/// <summary>
/// Framing over a pair of streams: newline-terminated message lines, and DATA payloads of exactly
/// N raw bytes (no newline after them). Conversations see only this class, never the transport.
/// Every write is flushed at once: the peer is waiting for it.
/// </summary>
public sealed class P2PConnection(Stream input, Stream output) : IAsyncDisposable
{
    // Big reads: a DATA payload arrives in as few system calls (and async completions) as the pipe allows.
    private readonly PipeReader _reader = PipeReader.Create(input,
        new StreamPipeReaderOptions(bufferSize: 256 * 1024, minimumReadSize: 64 * 1024, leaveOpen: true));
    private const int SendBufferSize = 256 * 1024;

    public async ValueTask<Incoming> ReadMessageAsync(CancellationToken ct)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(ct);
            if (TryTakeLine(result.Buffer, out var message, out var consumed))
            {
                _reader.AdvanceTo(consumed);
                return new Incoming(message, false);
            }
            // A partial last line at end of stream is a peer that died mid-message: treat as the end.
            if (result.IsCompleted || result.IsCanceled) { _reader.AdvanceTo(result.Buffer.End); return new Incoming(null, true); }
            _reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static bool TryTakeLine(ReadOnlySequence<byte> buffer, out Message? message, out SequencePosition consumed)
    {
        var sr = new SequenceReader<byte>(buffer);
        var ok = MessageParser.TryParse(ref sr, out message);
        consumed = sr.Position;
        return ok;
    }

    public async ValueTask WriteMessageAsync(Message message, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(MessageFormat.Format(message) + "\n");
        await output.WriteAsync(bytes, ct);
        await output.FlushAsync(ct);
    }

    /// <summary>
    /// Copies exactly <paramref name="length"/> payload bytes to <paramref name="destination"/>; throws
    /// <see cref="TruncatedDataException"/> if the stream ends first (what arrived is already written).
    /// </summary>
    public async ValueTask ReadDataAsync(long length, Stream destination, Action<long>? progress, CancellationToken ct)
    {
        long done = 0;
        while (done < length)
        {
            var result = await _reader.ReadAsync(ct);
            var buffer = result.Buffer;
            var take = buffer.Slice(0, Math.Min(buffer.Length, length - done));
            foreach (var segment in take)
                await destination.WriteAsync(segment, ct);
            done += take.Length;
            _reader.AdvanceTo(take.End);
            if (take.Length > 0) progress?.Invoke(done);
            if (done < length && (result.IsCompleted || result.IsCanceled))
            {
                await destination.FlushAsync(ct);
                throw new TruncatedDataException(done, length);
            }
        }
    }

    /// <summary>Sends "DATA n" and then n bytes of <paramref name="source"/> from its current position.</summary>
    public async ValueTask WriteDataAsync(Stream source, long length, Action<long>? progress, CancellationToken ct)
    {
        await WriteMessageAsync(new Data(length), ct);
        var buf = ArrayPool<byte>.Shared.Rent(SendBufferSize);
        try
        {
            long done = 0;
            while (done < length)
            {
                var want = buf.AsMemory(0, (int)Math.Min(buf.Length, length - done));
                // A file is read synchronously: its async reads on Unix hop through the thread pool every time.
                int n = source is FileStream ? source.Read(want.Span) : await source.ReadAsync(want, ct);
                // The DATA header is already out; the peer cannot be told otherwise, so the connection is lost.
                if (n == 0) throw new ProtocolException($"content shrank while sending: {done} of {length} bytes");
                await output.WriteAsync(buf.AsMemory(0, n), ct);
                done += n;
                progress?.Invoke(done);
            }
            await output.FlushAsync(ct);
        }
        finally { ArrayPool<byte>.Shared.Return(buf); }
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        await output.DisposeAsync();
        await input.DisposeAsync();
    }
}

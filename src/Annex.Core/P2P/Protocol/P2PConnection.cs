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
        if (Blocking(input)) { ReadDataBlocking(length, destination, progress, ct); return; }
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

    /// <summary>
    /// Pipes and files (a process's stdio: ssh, git-annex-shell) are read and written with plain blocking
    /// calls for bulk data: on Unix their async reads and writes are a thread-pool hop each, and on a
    /// two-core machine those hops take CPU from ssh's cipher, which sets the pace. In-memory and network
    /// streams keep the async path.
    /// </summary>
    private static bool Blocking(Stream s) => s is FileStream or System.IO.Pipes.PipeStream;

    private void ReadDataBlocking(long length, Stream destination, Action<long>? progress, CancellationToken ct)
    {
        long done = 0;
        // First what the line reader already holds, then straight from the stream, never past the payload.
        if (_reader.TryRead(out var result))
        {
            var take = result.Buffer.Slice(0, Math.Min(result.Buffer.Length, length));
            foreach (var segment in take) destination.Write(segment.Span);
            done = take.Length;
            _reader.AdvanceTo(take.End);
            if (done > 0) progress?.Invoke(done);
        }
        var buf = ArrayPool<byte>.Shared.Rent(BulkBufferSize);
        try
        {
            while (done < length)
            {
                ct.ThrowIfCancellationRequested();
                int n = input.Read(buf, 0, (int)Math.Min(buf.Length, length - done));
                if (n == 0)
                {
                    destination.Flush();
                    throw new TruncatedDataException(done, length);
                }
                destination.Write(buf, 0, n);
                done += n;
                progress?.Invoke(done);
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buf); }
    }

    private const int BulkBufferSize = 1 << 20;

    /// <summary>
    /// A file into a pipe (git-annex-shell's stdout) by sendfile(2): the bytes never pass through our memory,
    /// which leaves the CPU to ssh. False, with nothing sent, when the kernel cannot do it for this pair.
    /// </summary>
    private bool SendFileTo(FileStream file, long length, Action<long>? progress, CancellationToken ct)
    {
        int outFd = output switch
        {
            FileStream f => (int)f.SafeFileHandle.DangerousGetHandle(),
            System.IO.Pipes.PipeStream p => (int)p.SafePipeHandle.DangerousGetHandle(),
            _ => -1,
        };
        if (outFd < 0) return false;
        int inFd = (int)file.SafeFileHandle.DangerousGetHandle();
        long offset = file.Position, done = 0;
        while (done < length)
        {
            ct.ThrowIfCancellationRequested();
            long n = Utility.Posix.SendFile(outFd, inFd, ref offset, Math.Min(4L << 20, length - done));
            if (n < 0 && done == 0) return false;
            // The DATA header is already out; the peer cannot be told otherwise, so the connection is lost.
            if (n <= 0) throw new ProtocolException($"content shrank while sending: {done} of {length} bytes");
            done += n;
            progress?.Invoke(done);
        }
        file.Position = offset;
        return true;
    }

    /// <summary>Sends "DATA n" and then n bytes of <paramref name="source"/> from its current position.</summary>
    public async ValueTask WriteDataAsync(Stream source, long length, Action<long>? progress, CancellationToken ct)
    {
        await WriteMessageAsync(new Data(length), ct);
        bool blocking = Blocking(output);
        if (blocking && source is FileStream file && SendFileTo(file, length, progress, ct)) { output.Flush(); return; }
        var buf = ArrayPool<byte>.Shared.Rent(blocking ? BulkBufferSize : SendBufferSize);
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
                if (blocking) output.Write(buf, 0, n);
                else await output.WriteAsync(buf.AsMemory(0, n), ct);
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

using Annex.Core.Keys;

namespace Annex.Core.Annex;

/// <summary>A write-only stream that hashes what passes through it on its way to the inner stream (left open).</summary>
public sealed class HashingWriteStream(Stream inner, IContentHasher? hasher) : Stream
{
    public long Written { get; private set; }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        hasher?.Append(data);
        inner.Write(data);
        Written += data.Length;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        Write(data.Span); // file writes stay synchronous (see Transfer)
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override void Flush() => inner.Flush();
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Written; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

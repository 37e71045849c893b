using System.Text;

namespace Annex.Core.Utility;

/// <summary>
/// Reads delimited lines and exact byte counts from a stream without losing bytes between the two
/// (StreamReader buffers ahead, so it cannot be mixed with binary reads of object content).
/// The reads themselves are synchronous: an async read of a pipe on Unix hops through the thread pool,
/// and for thousands of small cat-file replies those hops cost more than git itself. The async-shaped
/// methods keep callers unchanged should a transport ever need real async I/O.
/// </summary>
public sealed class BufferedReader(Stream inner, int bufferSize = 64 * 1024)
{
    private readonly byte[] _buf = new byte[bufferSize];
    private int _start, _end;

    /// <summary>Reads up to (not including) <paramref name="delimiter"/>; null at end of stream.</summary>
    public byte[]? ReadUntil(byte delimiter, CancellationToken ct = default)
    {
        MemoryStream? acc = null;
        while (true)
        {
            int idx = Array.IndexOf(_buf, delimiter, _start, _end - _start);
            if (idx >= 0)
            {
                byte[] line;
                if (acc == null) line = _buf[_start..idx];
                else { acc.Write(_buf, _start, idx - _start); line = acc.ToArray(); }
                _start = idx + 1;
                return line;
            }
            acc ??= new MemoryStream();
            acc.Write(_buf, _start, _end - _start);
            _start = _end = 0;
            ct.ThrowIfCancellationRequested();
            int n = inner.Read(_buf);
            if (n == 0) return acc.Length == 0 ? null : acc.ToArray();
            _end = n;
        }
    }

    public ValueTask<byte[]?> ReadUntilAsync(byte delimiter, CancellationToken ct = default) =>
        ValueTask.FromResult(ReadUntil(delimiter, ct));

    public ValueTask<string?> ReadLineAsync(CancellationToken ct = default)
    {
        var b = ReadUntil((byte)'\n', ct);
        return ValueTask.FromResult(b == null ? null : Encoding.UTF8.GetString(b));
    }

    /// <summary>Reads exactly <paramref name="dest"/>.Length bytes; throws at early end of stream.</summary>
    public ValueTask ReadExactlyAsync(Memory<byte> dest, CancellationToken ct = default)
    {
        int have = Math.Min(_end - _start, dest.Length);
        _buf.AsMemory(_start, have).CopyTo(dest);
        _start += have;
        if (have < dest.Length) inner.ReadExactly(dest[have..].Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Copies exactly <paramref name="count"/> bytes to <paramref name="dest"/>.</summary>
    public ValueTask CopyExactlyAsync(long count, Stream dest, CancellationToken ct = default)
    {
        while (count > 0)
        {
            if (_start == _end)
            {
                ct.ThrowIfCancellationRequested();
                _start = 0;
                _end = inner.Read(_buf);
                if (_end == 0) throw new EndOfStreamException();
            }
            int n = (int)Math.Min(count, _end - _start);
            dest.Write(_buf, _start, n);
            _start += n;
            count -= n;
        }
        return ValueTask.CompletedTask;
    }
}

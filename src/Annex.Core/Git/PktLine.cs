using System.Text;

namespace Annex.Core.Git;

/// <summary>
/// git's pkt-line framing (gitprotocol-common(5)), as used by the long-running filter protocol
/// (gitattributes(5) "Long Running Filter Process"): 4 hex digits of length including themselves,
/// then data; "0000" is a flush packet. Data packets carry at most 65516 bytes.
/// </summary>
public sealed class PktLine(Stream input, Stream output)
{
    public const int MaxData = 65516;
    private readonly byte[] _header = new byte[4];

    /// <summary>Reads one packet: its data, or null for a flush packet. Throws at end of stream.</summary>
    public async ValueTask<byte[]?> ReadAsync(CancellationToken ct = default)
    {
        await input.ReadExactlyAsync(_header, ct);
        var len = Convert.ToInt32(Encoding.ASCII.GetString(_header), 16);
        if (len == 0) return null;
        if (len < 4 || len > MaxData + 4) throw new InvalidDataException($"bad pkt-line length {len}");
        var data = new byte[len - 4];
        await input.ReadExactlyAsync(data, ct);
        return data;
    }

    /// <summary>Reads text packets up to a flush, each without its trailing newline.</summary>
    public async Task<List<string>> ReadTextListAsync(CancellationToken ct = default)
    {
        var list = new List<string>();
        while (await ReadAsync(ct) is { } data)
            list.Add(Encoding.UTF8.GetString(data).TrimEnd('\n'));
        return list;
    }

    /// <summary>Copies content packets up to a flush into <paramref name="dest"/>.</summary>
    public async Task ReadContentAsync(Stream dest, CancellationToken ct = default)
    {
        while (await ReadAsync(ct) is { } data) await dest.WriteAsync(data, ct);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        if (data.Length > MaxData) throw new ArgumentException("pkt-line too long");
        await output.WriteAsync(Encoding.ASCII.GetBytes((data.Length + 4).ToString("x4")), ct);
        await output.WriteAsync(data, ct);
    }

    public Task WriteTextAsync(string line, CancellationToken ct = default) => WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), ct);

    public async Task FlushPacketAsync(CancellationToken ct = default)
    {
        await output.WriteAsync("0000"u8.ToArray(), ct);
        await output.FlushAsync(ct);
    }

    /// <summary>Sends a stream's content as data packets (no flush packet).</summary>
    public async Task WriteContentAsync(Stream src, CancellationToken ct = default)
    {
        var buf = new byte[MaxData];
        int n;
        while ((n = await src.ReadAsync(buf, ct)) > 0) await WriteAsync(buf.AsMemory(0, n), ct);
    }
}

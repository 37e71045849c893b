using System.Text;

namespace Annex.Core.Keys;

/// <summary>
/// A git-annex key: <c>BACKEND[-sSIZE][-mMTIME][-SCHUNKSIZE][-CCHUNKNUM]--NAME</c>.
/// Spec: doc/internals/key_format.mdwn; parser semantics from Types/Key.hs keyParser.
/// Only the name may contain '-'; the four numeric fields are optional, decimal, and always
/// appear in that order. The parser is strict (as upstream's is) because keys are committed
/// to git and free-form fields could carry SHA-1 collision material.
/// Deliberate divergences from upstream, which accepts both: an empty name is refused, and
/// so are NUL and '\n' anywhere (a key with a newline would break every line-based log).
/// '\r' and ' ' are still accepted because very old WORM keys contain them.
/// Sizes are limited to <see cref="long"/>; upstream uses unbounded integers.
/// </summary>
public sealed record Key
{
    // The extension of an E-variant key is limited to 64 bytes (validKeyName in Types/Key.hs).
    internal const int MaxExtensionBytes = 64;

    public Key(string backend, string name, long? size = null, long? mtime = null,
        long? chunkSize = null, long? chunkNumber = null)
    {
        Backend = backend;
        Name = name;
        Size = size;
        Mtime = mtime;
        ChunkSize = chunkSize;
        ChunkNumber = chunkNumber;
    }

    public string Backend
    {
        get;
        init => field = IsValidBackend(value) ? value : throw new ArgumentException($"invalid key backend name: {Shorten(value)}", nameof(Backend));
    }

    /// <summary>Everything after "--"; for E variants this includes the extension.</summary>
    public string Name
    {
        get;
        init => field = IsValidNameChars(value) ? value : throw new ArgumentException($"invalid key name: {Shorten(value)}", nameof(Name));
    }

    public long? Size { get; init => field = NonNegative(value, nameof(Size)); }
    public long? Mtime { get; init => field = NonNegative(value, nameof(Mtime)); }
    public long? ChunkSize { get; init => field = NonNegative(value, nameof(ChunkSize)); }
    public long? ChunkNumber { get; init => field = NonNegative(value, nameof(ChunkNumber)); }

    /// <summary>True for a chunk of a larger key (both chunk fields present, as upstream's isChunkKey).</summary>
    public bool IsChunk => ChunkSize is not null && ChunkNumber is not null;

    /// <summary>The parent key of a chunk; hash directories and location logs use it.</summary>
    public Key WithoutChunk() =>
        ChunkSize is null && ChunkNumber is null ? this : this with { ChunkSize = null, ChunkNumber = null };

    /// <summary>Offset of this chunk within its parent (chunk numbers start at 1).</summary>
    public long? ChunkOffset => IsChunk ? ChunkSize * (ChunkNumber - 1) : null;

    /// <summary>Backends whose name ends in 'E' keep the file extension in the key name.</summary>
    public bool HasExtension => Backend.EndsWith('E');

    /// <summary>The name up to its first '.', i.e. the hash of a hash key (keyHash upstream).</summary>
    public string NameWithoutExtension
    {
        get { var dot = Name.IndexOf('.'); return dot < 0 ? Name : Name[..dot]; }
    }

    /// <summary>The extension including its leading '.', or "" (splitKeyNameExtension upstream).</summary>
    public string Extension
    {
        get { var dot = Name.IndexOf('.'); return dot < 0 ? "" : Name[dot..]; }
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Backend.Length + Name.Length + 48);
        sb.Append(Backend);
        AppendField(sb, 's', Size);
        AppendField(sb, 'm', Mtime);
        AppendField(sb, 'S', ChunkSize);
        AppendField(sb, 'C', ChunkNumber);
        return sb.Append("--").Append(Name).ToString();
    }

    public static Key Parse(string s) =>
        TryParse(s, out var key, out var why) ? key : throw new FormatException($"bad key ({why}): {Shorten(s)}");

    public static bool TryParse(ReadOnlySpan<char> s, out Key key) => TryParse(s, out key, out _);

    private static bool TryParse(ReadOnlySpan<char> s, out Key key, out string why)
    {
        key = null!;
        var dash = s.IndexOf('-');
        if (dash <= 0) { why = dash == 0 ? "empty backend" : "no \"--\" separator"; return false; }
        var backend = s[..dash];
        if (!IsValidBackend(backend)) { why = "invalid backend name"; return false; }

        // Fields, each "-<letter><digits>", in the fixed order s, m, S, C; then "--" and the name.
        Span<long?> values = stackalloc long?[4];
        var order = -1;
        var pos = dash;
        while (true)
        {
            if (pos + 1 >= s.Length) { why = "no \"--\" separator"; return false; }
            var letter = s[pos + 1];
            if (letter == '-') break;
            var slot = "smSC".IndexOf(letter);
            if (slot <= order) { why = $"unexpected field '{letter}'"; return false; }
            order = slot;
            var digits = s[(pos + 2)..];
            var end = digits.IndexOfAnyExceptInRange('0', '9');
            if (end < 0) end = digits.Length;
            if (end == 0) { why = $"field '{letter}' is not a decimal number"; return false; }
            if (!TryParseDecimal(digits[..end], out var value)) { why = $"field '{letter}' is too large"; return false; }
            values[slot] = value;
            pos += 2 + end;
            if (pos >= s.Length || s[pos] != '-') { why = $"field '{letter}' is not a decimal number"; return false; }
        }

        var name = s[(pos + 2)..];
        if (name.IsEmpty) { why = "empty name"; return false; }
        if (!IsValidNameChars(name)) { why = "name contains NUL or newline"; return false; }
        if (backend[^1] == 'E' && !ExtensionFits(name)) { why = "extension too long"; return false; }
        key = new Key(backend.ToString(), name.ToString(), values[0], values[1], values[2], values[3]);
        why = "";
        return true;
    }

    private static bool TryParseDecimal(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        foreach (var c in digits)
        {
            var d = c - '0';
            if (value > (long.MaxValue - d) / 10) return false;
            value = value * 10 + d;
        }
        return true;
    }

    private static bool ExtensionFits(ReadOnlySpan<char> name)
    {
        var dot = name.IndexOf('.');
        return dot < 0 || Encoding.UTF8.GetByteCount(name[dot..]) <= MaxExtensionBytes;
    }

    // Backend names come from a closed set plus X<external> names; control characters,
    // whitespace and '/' are refused so a backend can never break a path or a protocol word.
    private static bool IsValidBackend(ReadOnlySpan<char> b)
    {
        if (b.IsEmpty) return false;
        foreach (var c in b)
            if (c <= ' ' || c == '-' || c == '/' || c == 0x7f) return false;
        return true;
    }

    private static bool IsValidNameChars(ReadOnlySpan<char> n) => !n.IsEmpty && !n.ContainsAny('\0', '\n');

    private static long? NonNegative(long? v, string field) =>
        v < 0 ? throw new ArgumentOutOfRangeException(field, v, "key fields cannot be negative") : v;

    private static void AppendField(StringBuilder sb, char letter, long? value)
    {
        if (value is { } v) sb.Append('-').Append(letter).Append(v);
    }

    private static string Shorten(ReadOnlySpan<char> s) =>
        s.Length <= 200 ? s.ToString() : string.Concat(s[..200], "…");
}

namespace Annex.Core.P2P.Protocol;

/// <summary>
/// The associated-file token of GET and PUT (ProtoAssociatedFile in P2P/Protocol.hs). It is informational
/// only (progress display, transfer logs), so decoding is lossy by design: whitespace travels as '%' and
/// comes back as '_', '%' travels as "%%", control characters become '_'. An absolute path makes the whole
/// message unparsable, as upstream does, so a peer can never steer us at a path outside the repository.
/// </summary>
public static class AssociatedFile
{
    public static string Encode(string? file)
    {
        if (string.IsNullOrEmpty(file)) return "";
        var sb = new System.Text.StringBuilder(file.Length + 4);
        foreach (var c in file)
        {
            if (c == '%') sb.Append("%%");
            else if (char.IsWhiteSpace(c)) sb.Append('%');
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Decodes a token; null file for "", false for an absolute path.</summary>
    public static bool TryDecode(ReadOnlySpan<char> token, out string? file)
    {
        file = null;
        if (token.IsEmpty) return true;
        var sb = new System.Text.StringBuilder(token.Length);
        for (int i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (c == '%')
            {
                // "%%" is a literal '%'; a lone '%' was some whitespace character we cannot recover.
                if (i + 1 < token.Length && token[i + 1] == '%') { sb.Append('%'); i++; }
                else sb.Append('_');
            }
            else if (char.IsControl(c)) sb.Append('_');
            else sb.Append(c);
        }
        var s = sb.ToString();
        if (s.StartsWith('/')) return false;
        file = s;
        return true;
    }
}

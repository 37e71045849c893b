using System.Text;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.Ssh;

/// <summary>
/// Where an ssh git remote lives: the forms git accepts (ssh://, git+ssh://, ssh+git:// and scp-like
/// [user@]host:path), reduced the way git-annex reduces them (Git/Remote.hs parseRemoteLocation, Git/Url.hs).
/// <see cref="Path"/> is the string git-annex-shell receives: scp-like relative paths become "/~/path",
/// "host:~user/x" becomes "/~user/x", URL paths are percent-decoded.
/// </summary>
public sealed record SshUrl(string? User, string Host, int? Port, string Path)
{
    /// <summary>"user@host" or "host", the first ssh argument.</summary>
    public string HostUser => User == null ? Host : User + "@" + Host;

    /// <summary>
    /// Parses a remote URL; null when it is not an ssh location (a local path, http, a remote helper,
    /// or something git-annex cannot parse as a URL and so treats as a path). Throws
    /// <see cref="UserErrorException"/> for locations that would smuggle options or lines into ssh
    /// (CVE-2017-12976): a host or user starting with '-', control characters in the host, NUL or
    /// newline in the path.
    /// </summary>
    public static SshUrl? TryParse(string location)
    {
        if (IsScpStyle(location)) return FromScp(location);
        foreach (var scheme in (ReadOnlySpan<string>)["ssh://", "git+ssh://", "ssh+git://"])
            if (location.StartsWith(scheme, StringComparison.Ordinal))
                return FromUrl(location[scheme.Length..]);
        return null;
    }

    // git's own rule: a colon, no "//", and no "::" before any '[' (foo::bar is a remote helper).
    private static bool IsScpStyle(string v)
    {
        if (!v.Contains(':') || v.Contains("//", StringComparison.Ordinal)) return false;
        int bracket = v.IndexOf('[');
        return !(bracket < 0 ? v : v[..bracket]).Contains("::", StringComparison.Ordinal);
    }

    private static SshUrl? FromScp(string v)
    {
        string hostPart, dir;
        if (v.StartsWith('['))
        {
            int close = v.IndexOf(']');
            if (close < 0) return null;
            hostPart = v[..(close + 1)];
            dir = v[(close + 1)..];
            if (dir.StartsWith(':')) dir = dir[1..];
        }
        else
        {
            int colon = v.IndexOf(':');
            hostPart = v[..colon];
            dir = v[(colon + 1)..];
        }
        string path = dir.Length == 0 ? "/~/"
            : dir.StartsWith('/') ? dir
            : dir.StartsWith('~') ? "/" + dir
            : "/~/" + dir;
        var (user, host) = SplitUser(hostPart);
        // scp-like locations are escaped before URI parsing, so '%' stays literal.
        return Checked(user, Unbracket(host), null, path);
    }

    private static SshUrl? FromUrl(string rest)
    {
        int slash = rest.IndexOf('/');
        string authority = slash < 0 ? rest : rest[..slash];
        string rawPath = slash < 0 ? "" : rest[slash..];
        // Locations with characters a URI may not hold are escaped whole before parsing (git accepts
        // "ssh://host/a b"), so their '%' sequences are not decoded either.
        bool decode = rest.All(IsUriChar);
        var (user, hostPort) = SplitUser(authority);
        string host = hostPort;
        int? port = null;
        int portColon = hostPort.StartsWith('[') ? hostPort.IndexOf(':', Math.Max(hostPort.IndexOf(']'), 0)) : hostPort.LastIndexOf(':');
        if (portColon >= 0)
        {
            var p = hostPort[(portColon + 1)..];
            if (!p.All(char.IsAsciiDigit)) return null; // not a URI: the reference takes it for a path
            host = hostPort[..portColon];
            if (p.Length > 0) port = int.TryParse(p, out var n) ? n : null;
        }
        if (decode)
        {
            if (!TryDecode(rawPath, out rawPath) || !TryDecode(host, out host)) return null;
            if (user != null)
            {
                if (!TryDecode(user, out var u)) return null;
                user = u;
            }
        }
        return Checked(user, Unbracket(host), port, rawPath);
    }

    private static (string? User, string Host) SplitUser(string s)
    {
        int at = s.LastIndexOf('@');
        return at < 0 ? (null, s) : (s[..at], s[(at + 1)..]);
    }

    private static string Unbracket(string h) =>
        h.Length >= 2 && h[0] == '[' && h[^1] == ']' ? h[1..^1] : h;

    private static SshUrl Checked(string? user, string host, int? port, string path)
    {
        var url = new SshUrl(user, host, port, path);
        // The reference rejects only a leading '-' on "user@host"; a host such as "user@-h" would still
        // reach ssh's %h expansion in a ProxyCommand, so both parts are checked here.
        if (url.HostUser.StartsWith('-') || host.StartsWith('-'))
            throw new UserErrorException($"rejecting ssh hostname that starts with '-' : {url.HostUser}");
        if (url.HostUser.Any(c => char.IsControl(c) || c == ' '))
            throw new UserErrorException($"rejecting ssh hostname that contains whitespace or control characters : {url.HostUser}");
        if (path.Contains('\0') || path.Contains('\n') || path.Contains('\r'))
            throw new UserErrorException($"rejecting ssh repository path that contains a newline or NUL : {path.ReplaceLineEndings(" ").Replace('\0', ' ')}");
        return url;
    }

    // RFC 3986 unreserved + reserved + '%' (network-uri's isUnescapedInURI, plus the escapes themselves).
    private static bool IsUriChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "-._~:/?#[]@!$&'()*+,;=%".Contains(c);

    private static bool TryDecode(string s, out string decoded)
    {
        decoded = s;
        if (!s.Contains('%')) return true;
        var bytes = new List<byte>(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != '%') { bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString())); continue; }
            if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2])) return false;
            bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
            i += 2;
        }
        decoded = Encoding.UTF8.GetString(bytes.ToArray());
        return true;
    }
}

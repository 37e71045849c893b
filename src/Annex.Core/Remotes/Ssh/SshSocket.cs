using System.Security.Cryptography;
using System.Text;

namespace Annex.Core.Remotes.Ssh;

/// <summary>
/// Connection-caching socket names, as git-annex makes them (Annex/Ssh.hs hostport2socket, bestSocketPath),
/// so both implementations share one ControlMaster per host in the same repository.
/// </summary>
public static class SshSocket
{
    // sun_path is 108 bytes on Linux and 104 on macOS; git-annex uses 100 for both.
    private const int SunPathSize = 100;
    // ssh appends "." and 16 random characters while it sets the socket up.
    private const int SshTempSuffix = 1 + 16;

    /// <summary>"user@host" or "user@host!port" with '%' removed (ssh would expand %h in a ControlPath),
    /// or its MD5 in hex when longer than 32 characters.</summary>
    public static string FileName(string hostUser, int? port)
    {
        var s = (port is { } p ? hostUser + "!" + p : hostUser).Replace("%", "", StringComparison.Ordinal);
        return s.Length > 32 ? Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s))) : s;
    }

    /// <summary>
    /// The shorter of the absolute path and the path relative to <paramref name="workingDirectory"/>;
    /// null when neither fits in a unix socket address (caching is then off, as in the reference).
    /// </summary>
    public static string? BestPath(string absolutePath, string workingDirectory)
    {
        var rel = Path.GetRelativePath(workingDirectory, absolutePath);
        var best = absolutePath.Length <= rel.Length ? absolutePath : rel;
        return Encoding.UTF8.GetByteCount(best) + SshTempSuffix < SunPathSize ? best : null;
    }

    /// <summary>The lock file held (shared) while a socket is in use, so cleanup stops only idle masters.</summary>
    public static string LockFile(string socketFile) => socketFile + ".lock";

    /// <summary>The ControlMaster options for <paramref name="socketFile"/>.</summary>
    public static IReadOnlyList<string> CachingOptions(string socketFile) =>
        ["-S", socketFile, "-o", "ControlMaster=auto", "-o", "ControlPersist=yes"];
}

using System.Security.Cryptography;
using System.Text;
using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>
/// A git-remote-gcrypt repository's id (core.gcrypt-id) and the git-annex UUID derived from it: a name-based
/// (version 5, SHA-1) UUID in the namespace named by the URL http://git-annex.branchable.com/design/gcrypt/
/// (Annex/UUID.hs gCryptNameSpace, Remote/GCrypt.hs getGCryptUUID).
/// </summary>
public static class GCryptId
{
    public const string ConfigKey = "core.gcrypt-id";

    private static readonly byte[] NamespaceUrl = Convert.FromHexString("6ba7b8119dad11d180b400c04fd430c8");
    private static readonly byte[] GCryptNamespace = NameBased(NamespaceUrl, "http://git-annex.branchable.com/design/gcrypt/"u8);

    public static Uuid ToUuid(string gcryptId) => Uuid.Parse(Format(NameBased(GCryptNamespace, Encoding.UTF8.GetBytes(gcryptId))));

    /// <summary>RFC 4122 section 4.3 with SHA-1: hash of namespace bytes then name, version and variant bits set.</summary>
    public static byte[] NameBased(byte[] ns, ReadOnlySpan<byte> name)
    {
        var input = new byte[ns.Length + name.Length];
        ns.CopyTo(input, 0);
        name.CopyTo(input.AsSpan(ns.Length));
        var u = SHA1.HashData(input)[..16];
        u[6] = (byte)((u[6] & 0x0f) | 0x50);
        u[8] = (byte)((u[8] & 0x3f) | 0x80);
        return u;
    }

    public static string Format(byte[] u)
    {
        var h = Convert.ToHexStringLower(u);
        return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..]}";
    }
}

using System.Security.Cryptography;
using System.Text;
using Annex.Core.Keys;

namespace Annex.Core.Annex.Sync;

/// <summary>
/// Names of the files a conflicted annexed file is resolved into (Annex/VariantFile.hs,
/// doc/automatic_conflict_resolution.mdwn): "dir/name.variant-XXXX.ext", XXXX being the first four hex
/// digits of the md5 of the key, so every repository resolving the same conflict picks the same names.
/// A file that is already a variant gets the whole key file name instead, to avoid a second clash.
/// </summary>
public static class VariantFile
{
    public const string Marker = ".variant-";

    public static string For(string file, Key key) =>
        file.Contains(Marker, StringComparison.Ordinal)
            ? Make(file, KeyFile.Escape(key))
            : Make(file, ShortHash(key.ToString()));

    /// <summary>First four hex digits of the md5 of the serialized key.</summary>
    public static string ShortHash(string serializedKey) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(serializedKey)))[..4];

    /// <summary>Inserts the variant marker before the last extension, as filepath's dropExtension/takeExtension split it.</summary>
    public static string Make(string file, string variant)
    {
        int slash = file.LastIndexOf('/');
        var dir = slash < 0 ? "" : file[..(slash + 1)];
        var name = file[(slash + 1)..];
        int dot = name.LastIndexOf('.');
        var (stem, ext) = dot < 0 ? (name, "") : (name[..dot], name[dot..]);
        return dir + stem + Marker + variant + ext;
    }
}

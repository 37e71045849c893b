using System.Runtime.InteropServices;

namespace Annex.Core.Utility;

/// <summary>
/// libmagic (file(1)'s library), for the mimetype= and mimeencoding= terms of annex.largefiles, as the
/// reference uses it. Loaded on first use; a machine without libmagic1 gets a clear error, not a guess.
/// One cookie per query kind, reused for the whole process (loading the database is the expensive part).
/// </summary>
public static partial class LibMagic
{
    private const int MAGIC_MIME_TYPE = 0x10, MAGIC_MIME_ENCODING = 0x400;
    private static nint _typeCookie, _encodingCookie;
    private static readonly Lock Gate = new();

    public static string MimeType(string path) => Query(ref _typeCookie, MAGIC_MIME_TYPE, path);

    public static string MimeEncoding(string path) => Query(ref _encodingCookie, MAGIC_MIME_ENCODING, path);

    private static string Query(ref nint cookie, int flags, string path)
    {
        lock (Gate)
        {
            try
            {
                if (cookie == 0)
                {
                    var c = magic_open(flags);
                    if (c == 0 || magic_load(c, null) != 0) throw new UserErrorException("libmagic could not load its database");
                    cookie = c;
                }
                var result = magic_file(cookie, path);
                return result == 0 ? "" : Marshal.PtrToStringUTF8(result) ?? "";
            }
            catch (DllNotFoundException)
            {
                throw new UserErrorException("mimetype and mimeencoding need libmagic (Debian package libmagic1), which is not installed");
            }
        }
    }

    [LibraryImport("libmagic.so.1", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint magic_open(int flags);

    [LibraryImport("libmagic.so.1", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int magic_load(nint cookie, string? file);

    [LibraryImport("libmagic.so.1", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint magic_file(nint cookie, string path);
}

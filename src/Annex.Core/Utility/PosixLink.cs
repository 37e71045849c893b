using System.Runtime.InteropServices;

namespace Annex.Core.Utility;

/// <summary>link(2): hard links for uninit, which hands objects back to the work tree without copying them.</summary>
public static partial class Posix
{
    /// <summary>Creates <paramref name="newPath"/> as a hard link to <paramref name="existing"/>; false when the file system refuses.</summary>
    public static bool Link(string existing, string newPath) => link(existing, newPath) == 0;

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string oldpath, string newpath);
}

namespace Annex.Core.Utility;

/// <summary>
/// Whole-file writes that are either fully there or not at all: write a temp file beside the target,
/// fsync it, rename over the target. A crash leaves the old file or the new one, never a torn one.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content, bool durable = true)
    {
        var dir = Path.GetDirectoryName(path)!;
        var tmp = Path.Combine(dir, "." + Path.GetFileName(path) + "." + Environment.ProcessId + "." + Random.Shared.Next() + ".tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            {
                fs.Write(content);
                if (durable) fs.Flush(true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { }
            throw;
        }
    }

    public static void WriteText(string path, string content, bool durable = true) =>
        Write(path, System.Text.Encoding.UTF8.GetBytes(content), durable);
}

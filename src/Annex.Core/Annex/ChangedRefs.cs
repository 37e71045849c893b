using System.Threading.Channels;

namespace Annex.Core.Annex;

/// <summary>
/// Watches a repository's refs/ directory for changed loose refs (Annex/ChangedRefs.hs), as
/// `git-annex-shell notifychanges` reports them: each created or rewritten ref file (not *.lock) yields the
/// SHA it now holds. At most 100 changes wait to be read; more are dropped, as the reference drops them.
/// </summary>
public sealed class ChangedRefs : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly Channel<string> _changes = Channel.CreateBounded<string>(
        new BoundedChannelOptions(100) { FullMode = BoundedChannelFullMode.DropWrite });

    private ChangedRefs(string refsDir)
    {
        _watcher = new FileSystemWatcher(refsDir)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        _watcher.Created += (_, e) => Noticed(e.FullPath);
        _watcher.Changed += (_, e) => Noticed(e.FullPath);
        _watcher.Renamed += (_, e) => Noticed(e.FullPath);
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Starts watching (creating refs/ if needed); null when the platform cannot watch directories.</summary>
    public static ChangedRefs? Start(string gitDir)
    {
        var refs = Path.Combine(gitDir, "refs");
        Directory.CreateDirectory(refs);
        try { return new ChangedRefs(refs); }
        catch (PlatformNotSupportedException) { return null; }
    }

    private void Noticed(string path)
    {
        if (path.EndsWith(".lock", StringComparison.Ordinal)) return;
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        if (ExtractSha(text) is { } sha) _changes.Writer.TryWrite(sha);
    }

    /// <summary>
    /// Waits for a change, then 50 ms more for others, and returns them all: the first, then the rest in the
    /// reverse order of arrival (the reference's order). Null once disposed.
    /// </summary>
    public async Task<IReadOnlyList<string>?> WaitAsync(CancellationToken ct)
    {
        if (!await _changes.Reader.WaitToReadAsync(ct) || !_changes.Reader.TryRead(out var first)) return null;
        await Task.Delay(50, ct);
        var rest = new List<string>();
        while (_changes.Reader.TryRead(out var r)) rest.Add(r);
        rest.Reverse();
        return [first, .. rest];
    }

    /// <summary>Git/Sha.hs extractSha: a 40- or 64-digit hex SHA, alone or as the first line.</summary>
    public static string? ExtractSha(string s)
    {
        static bool IsSha(string v) => v.Length is 40 or 64 && v.All(char.IsAsciiHexDigit);
        if (IsSha(s)) return s;
        var nl = s.IndexOf('\n');
        if (nl >= 0 && nl == s.Length - 1 && IsSha(s[..nl])) return s[..nl];
        return null;
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _changes.Writer.TryComplete();
    }
}

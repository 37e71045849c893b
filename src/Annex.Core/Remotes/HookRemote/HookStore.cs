using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Remotes.Special;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.HookRemote;

/// <summary>
/// Runs annex.HOOKTYPE-ACTION-hook (or annex.HOOKTYPE-hook) with <c>sh -c</c> and the ANNEX_KEY, ANNEX_ACTION,
/// ANNEX_HASH_1, ANNEX_HASH_2 and ANNEX_FILE environment of Remote/Hook.hs. The checkpresent hook says a key is
/// there by printing it on a line of its own.
/// </summary>
public sealed class HookStore(AnnexRepo repo, string hookType, Action<string> warn) : IKeyStore
{
    private string? LookupHook(string action)
    {
        var hook = $"annex.{hookType}-{action}-hook";
        var fallback = $"annex.{hookType}-hook";
        if (repo.Config.Get(hook) is { Length: > 0 } command) return command;
        if (repo.Config.Get(fallback) is { Length: > 0 } f) return f;
        warn($"missing configuration for {hook} or {fallback}");
        return null;
    }

    private static Dictionary<string, string?> Environment(string action, Key key, string? file)
    {
        var hash = HashDirs.Mixed(key).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var env = new Dictionary<string, string?>
        {
            ["ANNEX_KEY"] = key.ToString(),
            ["ANNEX_ACTION"] = action,
        };
        if (hash.Length > 0) env["ANNEX_HASH_1"] = hash[0];
        if (hash.Length > 1) env["ANNEX_HASH_2"] = hash[1];
        if (file != null) env["ANNEX_FILE"] = file;
        return env;
    }

    /// <summary>Runs a hook whose output is shown to the user as it comes, as the reference's progressCommandEnv
    /// does, but on stderr (the shell sends its stdout there) so it cannot corrupt --json output.</summary>
    private async Task RunAsync(string action, Key key, string? file, CancellationToken ct)
    {
        var command = LookupHook(action) ?? throw new UserErrorException($"{action} hook misconfigured");
        var code = await ProcessRunner.RunInheritAsync("sh", ["-c", "exec 1>&2\n" + command], null, Environment(action, key, file), ct);
        if (code != 0) throw new UserErrorException($"{hookType} hook exited nonzero!");
    }

    public async Task<bool> HasAsync(Key key, CancellationToken ct)
    {
        var command = LookupHook("checkpresent") ?? throw new UserErrorException("checkpresent hook misconfigured");
        var r = await ProcessRunner.RunAsync("sh", ["-c", command], null, Environment("checkpresent", key, null), ct: ct);
        if (!r.Ok) throw new UserErrorException($"{hookType} hook exited nonzero!");
        var want = key.ToString();
        return r.StdoutText.Split('\n').Any(l => l == want);
    }

    public async Task StoreAsync(Key key, ContentSlice content, Action<long>? progress, CancellationToken ct)
    {
        using var file = content.Materialize(repo.Locations.TmpDir, ct);
        await RunAsync("store", key, file.Path, ct);
        progress?.Invoke(content.Length);
    }

    public async Task RetrieveAsync(Key key, long offset, Stream destination, Action<long>? progress, CancellationToken ct)
    {
        Directory.CreateDirectory(repo.Locations.TmpDir);
        var tmp = Path.Combine(repo.Locations.TmpDir, "hook-" + Guid.NewGuid().ToString("N"));
        try
        {
            try { await RunAsync("retrieve", key, tmp, ct); }
            catch (UserErrorException) { throw new UserErrorException("failed to retrieve content"); }
            if (!File.Exists(tmp)) throw new UserErrorException("failed to retrieve content");
            long length = new FileInfo(tmp).Length;
            new ContentSlice(tmp, Math.Min(offset, length), length - Math.Min(offset, length)).CopyTo(destination, progress, ct);
        }
        finally { File.Delete(tmp); }
    }

    public async Task RemoveAsync(Key key, CancellationToken ct)
    {
        try { await RunAsync("remove", key, null, ct); }
        catch (UserErrorException) { throw new UserErrorException("failed to remove content"); }
    }
}

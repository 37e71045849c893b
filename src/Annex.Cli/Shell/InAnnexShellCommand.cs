using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Utility;

namespace Annex.Cli.Shell;

/// <summary>
/// `git-annex-shell inannex DIR KEY…` (Command/InAnnex.hs, Annex/Content/Presence.hs inAnnexSafe): exit 0 when
/// every key is present, 1 at the first absent one, 100 when one cannot be determined (its content lock is held
/// exclusively: it is being removed).
/// </summary>
public sealed class InAnnexShellCommand : IShellCommand
{
    public string Name => "inannex";
    public string Description => "checks if keys are present in the annex";
    public ShellMode Mode => ShellMode.ReadOnly;

    public Task<int> RunAsync(ShellContext ctx, CancellationToken ct)
    {
        foreach (var k in ShellKeys.Parse(ctx.Params))
        {
            switch (Presence(ctx.Repo.Locations, k))
            {
                case false: return Task.FromResult(1);
                case null: return Task.FromResult(100);
            }
        }
        return Task.FromResult(0);
    }

    /// <summary>True present, false absent, null when an exclusive lock on its .lck file means it is being removed (a shared lock keeps it).</summary>
    public static bool? Presence(Locations loc, Key key)
    {
        var obj = loc.PresentObjectPath(key);
        if (obj == null) return false;
        var lck = obj + ".lck";
        if (!File.Exists(lck)) return true;
        return PosixLock.IsExclusivelyLockedByOther(lck) ? null : true;
    }
}

/// <summary>Key parameters: all parsed before anything is done; one bad key fails the command with "bad key".</summary>
public static class ShellKeys
{
    public static List<Key> Parse(IEnumerable<string> ps) =>
        ps.Select(p => Key.TryParse(p, out var k) ? k : throw new UserErrorException("bad key")).ToList();
}

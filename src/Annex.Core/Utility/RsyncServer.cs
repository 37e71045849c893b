namespace Annex.Core.Utility;

/// <summary>
/// rsync in server mode on our stdin/stdout (Utility/Rsync.hs rsyncServerSend/rsyncServerReceive), the
/// transport git-annex-shell sendkey/recvkey give gcrypt and old rsync-over-ssh clients. Only options that
/// cannot expose other files pass through (filterRsyncSafeOptions: --bwlimit).
/// </summary>
public static class RsyncServer
{
    private static readonly string[] ServerParams = ["--server", "-t", "--inplace", "-e.Lsf", "."];

    public static Task<int> SendAsync(IEnumerable<string> options, string file, CancellationToken ct) =>
        ProcessRunner.RunInheritAsync("rsync", [.. ServerParams, "--sender", .. SafeOptions(options), file], ct: ct);

    public static Task<int> ReceiveAsync(IEnumerable<string> options, string file, CancellationToken ct) =>
        ProcessRunner.RunInheritAsync("rsync", [.. ServerParams, .. SafeOptions(options), file], ct: ct);

    /// <summary>"--bwlimit=N" or "--bwlimit N" become "--bwlimit=N"; everything else is dropped.</summary>
    public static List<string> SafeOptions(IEnumerable<string> options)
    {
        var list = options.ToList();
        var safe = new List<string>();
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] == "--") break;
            if (list[i].StartsWith("--bwlimit=", StringComparison.Ordinal)) safe.Add(list[i]);
            else if (list[i] == "--bwlimit" && i + 1 < list.Count) safe.Add("--bwlimit=" + list[++i]);
        }
        return safe;
    }
}

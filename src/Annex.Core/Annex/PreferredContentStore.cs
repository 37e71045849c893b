using Annex.Core.Logs;

namespace Annex.Core.Annex;

/// <summary>
/// group.log, preferred-content.log, required-content.log and group-preferred-content.log
/// (doc/git-annex-preferred-content.mdwn): which repositories are in which groups, and the expressions
/// saying what content each repository (or group) wants and requires.
/// </summary>
public sealed class PreferredContentStore(AnnexRepo repo)
{
    public const string GroupLogFile = "group.log", PreferredLog = "preferred-content.log",
        RequiredLog = "required-content.log", GroupPreferredLog = "group-preferred-content.log";

    public async Task<IReadOnlyDictionary<Uuid, IReadOnlySet<string>>> GroupsAsync(CancellationToken ct = default) =>
        GroupLog.Parse(await repo.Branch.ReadAsync(GroupLogFile, ct) ?? []).Current();

    public async Task<IReadOnlySet<string>> GroupsOfAsync(Uuid u, CancellationToken ct = default) =>
        (await GroupsAsync(ct)).TryGetValue(u, out var g) ? g : new HashSet<string>();

    public async Task SetGroupsAsync(Uuid u, IEnumerable<string> groups, CancellationToken ct = default)
    {
        var log = GroupLog.Parse(await repo.Branch.ReadAsync(GroupLogFile, ct) ?? []);
        log.Set(u, GroupLog.Groups(groups), LogClock.Candidate());
        await repo.Branch.WriteAsync(GroupLogFile, GroupLog.Format(log), ct);
    }

    /// <summary>The expression in preferred-content.log or required-content.log for a repository, if set.</summary>
    public async Task<string?> ExpressionAsync(string logFile, Uuid u, CancellationToken ct = default) =>
        TextUuidLog.Parse(await repo.Branch.ReadAsync(logFile, ct) ?? []).Current().TryGetValue(u, out var e) ? e : null;

    public async Task SetExpressionAsync(string logFile, Uuid u, string expression, CancellationToken ct = default)
    {
        var log = TextUuidLog.Parse(await repo.Branch.ReadAsync(logFile, ct) ?? []);
        log.Set(u, expression, LogClock.Candidate());
        await repo.Branch.WriteAsync(logFile, TextUuidLog.Format(log), ct);
    }

    public async Task<string?> GroupExpressionAsync(string group, CancellationToken ct = default) =>
        TextFieldLog.CurrentConfig(TextFieldLog.ParseNamed(await repo.Branch.ReadAsync(GroupPreferredLog, ct) ?? []))
            .TryGetValue(group, out var e) ? e : null;

    public async Task SetGroupExpressionAsync(string group, string expression, CancellationToken ct = default)
    {
        var log = TextFieldLog.ParseNamed(await repo.Branch.ReadAsync(GroupPreferredLog, ct) ?? []);
        log.Set(group, expression, LogClock.Candidate());
        await repo.Branch.WriteAsync(GroupPreferredLog, TextFieldLog.FormatNamed(log), ct);
    }
}

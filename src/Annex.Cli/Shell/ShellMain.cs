using Annex.Core.Utility;

namespace Annex.Cli.Shell;

/// <summary>
/// git-annex-shell (doc/git-annex-shell.mdwn, CmdLine/GitAnnexShell.hs): a restricted login shell. Builtin
/// commands run here; anything else goes to git-shell (git-upload-pack, git-receive-pack, git-upload-archive)
/// unless GIT_ANNEX_SHELL_LIMITED is set.
/// </summary>
public static class ShellMain
{
    public static readonly IShellCommand[] Commands =
    [
        new ConfigListShellCommand(), new DropKeyShellCommand(), new GCryptSetupShellCommand(), new InAnnexShellCommand(),
        new NotifyChangesShellCommand(), new P2PStdioShellCommand(), new RecvKeyShellCommand(), new SendKeyShellCommand(),
    ];

    /// <summary>Runs git-annex-shell; errors are printed "git-annex-shell: message" with the reference's exit codes.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        try
        {
            return await RunArgsAsync(args, ShellChecks.FromProcess(), ct);
        }
        catch (UserErrorException e)
        {
            await Console.Out.FlushAsync(ct);
            await Console.Error.WriteAsync($"git-annex-shell: {e.Message}\n\n");
            return e.ExitCode;
        }
        catch (ShellUsageException e)
        {
            await Console.Error.WriteAsync(e.Message);
            return 1;
        }
    }

    public static Task<int> RunArgsAsync(IReadOnlyList<string> args, ShellChecks checks, CancellationToken ct)
    {
        // Leading -c options are skipped (passed by ssh, or by the user's login shell).
        int i = 0;
        while (i < args.Count && args[i] == "-c") i++;
        var rest = args.Skip(i).ToList();
        if (rest.Count == 0) throw BadParameters();
        var cmd = rest[0];
        var builtin = Commands.FirstOrDefault(c => c.Name == cmd);
        if (rest.Count >= 2)
            return builtin != null ? RunBuiltinAsync(builtin, rest[1], rest.Skip(2).ToList(), checks, ct) : ExternalAsync(rest, checks, ct);
        // One string: the login-shell form, "git-annex-shell cmd dir ...".
        if (cmd.StartsWith("git-annex-shell ", StringComparison.Ordinal)) return RunArgsAsync(ShellArgs.UnEscape(cmd).Skip(1).ToList(), checks, ct);
        if (builtin != null) throw BadParameters();
        return ExternalAsync(rest, checks, ct);
    }

    private static async Task<int> RunBuiltinAsync(IShellCommand command, string dir, List<string> ps, ShellChecks checks, CancellationToken ct)
    {
        if (command.Mode > ShellMode.ReadOnly) checks.CheckNot(ShellChecks.ReadOnlyEnv);
        if (command.Mode > ShellMode.AppendOnly) checks.CheckNot(ShellChecks.AppendOnlyEnv);
        checks.CheckDirectory(dir);
        var (parameters, fieldParams, rsyncOpts) = ShellArgs.Partition(ps);
        var fields = ShellArgs.ParseFields(fieldParams);
        var (plain, uuids, force) = ParseOptions(command, parameters);
        await using var repo = await ShellRepo.OpenAsync(dir, checks.Home, ct);
        foreach (var u in uuids) ShellRepo.CheckUuid(repo, u);
        if (command.NeedsAnnexOrGcrypt) ShellRepo.CheckAnnexOrGcrypt(repo);
        var ctx = new ShellContext(repo, plain, force, fields, rsyncOpts, checks);
        return await command.RunAsync(ctx, ct);
    }

    /// <summary>The options every shell command takes: --uuid, and the common options (only --force matters here).</summary>
    private static (List<string> Params, List<string> Uuids, bool Force) ParseOptions(IShellCommand command, List<string> ps)
    {
        var plain = new List<string>();
        var uuids = new List<string>();
        bool force = false;
        for (int i = 0; i < ps.Count; i++)
        {
            var a = ps[i];
            if (a == "--uuid")
            {
                if (i + 1 >= ps.Count)
                    throw new ShellUsageException($"The option `--uuid` expects an argument.\n\nUsage: git-annex-shell {command.Name} [--uuid UUID]\n");
                uuids.Add(ps[++i]);
            }
            else if (a.StartsWith("--uuid=", StringComparison.Ordinal)) uuids.Add(a["--uuid=".Length..]);
            else if (a == "--force") force = true;
            else if (a is "--debug" or "--no-debug" or "--quiet" or "-q" or "--verbose" or "-v" or "--fast") { }
            else if (a.StartsWith('-') && a != "-") throw new ShellUsageException($"Invalid option `{a}'\n\n" + UsageText());
            else plain.Add(a);
        }
        return (plain, uuids, force);
    }

    private static async Task<int> ExternalAsync(List<string> ps, ShellChecks checks, CancellationToken ct)
    {
        // git-shell commands have the directory as their last parameter.
        var last = ps.Count > 0 ? ShellArgs.UnEscape(ps[^1]).LastOrDefault() : null;
        var (parameters, _, _) = ShellArgs.Partition(ps);
        checks.CheckDirectory(last);
        checks.CheckNot(ShellChecks.LimitedEnv);
        var code = await ProcessRunner.RunInheritAsync("git-shell", ["-c", .. parameters], ct: ct);
        if (code != 0) throw new UserErrorException("git-shell failed");
        return 0;
    }

    private static string CommandList(string indent) =>
        string.Concat(Commands.Select(c => $"{indent}{c.Name,-13} {c.Description}\n"));

    private static UserErrorException BadParameters() =>
        new("bad parameters\n\nUsage: git-annex-shell [-c] command [parameters ...] [option ...]\n\nPlumbing commands:\n\n" + CommandList(""));

    public static string UsageText() =>
        "Usage: git-annex-shell COMMAND\n\n  git-annex-shell - Restricted login shell for git-annex only SSH access\n\n  Plumbing commands:\n\n"
        + CommandList("  ") + "\n";
}

/// <summary>An option error: the message and usage go to stderr as they are, exit 1.</summary>
public sealed class ShellUsageException(string message) : Exception(message);

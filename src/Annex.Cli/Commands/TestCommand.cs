using Annex.Cli.CommandLine;
using Annex.Core.Utility;

namespace Annex.Cli.Commands;

/// <summary>
/// `git annex test`: only its --fakessh mode (Test/Framework.hs runFakeSsh), which upstream's test suite uses as
/// GIT_SSH_COMMAND="git-annex test --fakessh --" with GIT_ANNEX_USE_GIT_SSH=1: `[-n] HOST COMMAND` runs COMMAND
/// with /bin/sh -c on this machine, stdio inherited, and exits with its code. Anything else (git's `-G` probe for
/// an OpenSSH-like client included) is an option error, so git treats it as a simple ssh. The test suite itself
/// is not implemented.
/// </summary>
public sealed class TestCommand : ICommand
{
    public string Name => "test";
    public IReadOnlyList<OptionSpec> Options { get; } = [OptionSpec.Flag("fakessh")];
    public bool NeedsRepository => false;

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        if (!args.Has("fakessh")) throw new UserErrorException("test: not implemented in this version of git-annex");
        var ps = args.Params.ToList();
        if (ps.Count > 0 && ps[0] == "-n") ps.RemoveAt(0);
        if (ps.Count != 2)
            throw new UserErrorException("fake ssh option parse error: [" + string.Join(",", ps.Select(p => "\"" + p + "\"")) + "]");
        return await ProcessRunner.RunInheritAsync("/bin/sh", ["-c", ps[1]], ct: ct);
    }
}

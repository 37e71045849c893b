using System.Text;
using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>
/// The same steps, run by the reference and by ours with the same UUID and a fixed vector clock
/// (GIT_ANNEX_VECTOR_CLOCK), must leave byte-identical git-annex branch files: same paths, same lines,
/// same timestamps.
/// </summary>
public class BranchFilesTests
{
    private static readonly string[][] Steps =
    [
        ["numcopies", "2"],
        ["mincopies", "1"],
        ["describe", "here", "renamed"],
        ["trust", "here"],
        ["trust", "--force", "here"],
        ["group", "here", "client"],
        ["wanted", "here", "standard"],
        ["required", "here", "include=a"],
        ["groupwanted", "client", "anything"],
        ["metadata", "-s", "tag=x", "a"],
        ["config", "--set", "annex.largefiles", "nothing"],
        ["drop", "--force", "d/b"],
        ["untrust", "here"],
        ["ungroup", "here", "client"],
        ["dead", "here"],
        ["semitrust", "here"],
    ];

    [Fact]
    public void SameStepsWriteIdenticalBranchFiles()
    {
        if (!Available()) return;
        Assert.Equal(BranchFiles(Reference), BranchFiles(Ours));
    }

    private static string BranchFiles(string annex)
    {
        ExtraEnv = new() { ["GIT_ANNEX_VECTOR_CLOCK"] = "1700000000" };
        try
        {
            var dir = NewRepo();
            FixUuid(annex, dir, OriginUuid);
            Assert.Equal(0, Run(annex, dir, "init", "-q", "main repo").Code);
            File.WriteAllText(Path.Combine(dir, "a"), "a\n");
            Directory.CreateDirectory(Path.Combine(dir, "d"));
            File.WriteAllText(Path.Combine(dir, "d", "b"), "b\n");
            Assert.Equal(0, Run(annex, dir, "add", "-q", ".").Code);
            Git(annex, dir, "commit", "-q", "-m", "x");
            var codes = new StringBuilder();
            foreach (var step in Steps) codes.Append(string.Join(' ', step)).Append(" => ").Append(Run(annex, dir, step).Code).Append('\n');
            var sb = new StringBuilder(codes.ToString());
            foreach (var path in Git(annex, dir, "ls-tree", "-r", "--name-only", "git-annex").Split('\n', StringSplitOptions.RemoveEmptyEntries))
                sb.Append("== ").Append(path).Append('\n').Append(Git(annex, dir, "show", "git-annex:" + path));
            return sb.ToString();
        }
        finally { ExtraEnv = null; }
    }
}

using System.Text;
using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>
/// view, vadd, vcycle, vfilter, vpop and a commit inside a view, run by the reference and by ours: the
/// same view branch names, the same trees (names, modes and symlink blobs), the same .git/annex/viewlog,
/// the same output and exit codes, and the same metadata afterwards.
/// </summary>
public class ViewTests
{
    private static readonly string[][] Steps =
    [
        ["view", "test=*", "?tag"],
        ["vadd", "year=*"],
        ["vcycle"],
        ["vfilter", "test=test1"],
        ["vpop"],
        ["vpop", "5"],
        ["view", "tag=*", "/=*", "test!=test2"],
        ["view", "other=1"],
        ["vpop"],
        ["view", "test=*", "d/=*"],
        ["vadd", "test=test1"],
        ["vpop"],
        ["vpop"],
        ["vpop"],
        ["vfilter", "test=x"],
        ["view"],
        ["view", "--json", "test=*"],
        ["view", "test=test1"],
        ["vcycle"],
        ["vadd", "test=*"],
        ["vadd", "other=*", "test=zzz"],
        ["vfilter", "year=*"],
        ["vadd", "a=*", "b=*", "c=*", "e=*", "f=*"],
        ["vpop", "9"],
    ];

    [Fact]
    public void SameViewStepsGiveSameBranchesAndFiles()
    {
        if (!Available()) return;
        Assert.Equal(Transcript(Reference), Transcript(Ours));
    }

    private static string Transcript(string annex)
    {
        var dir = NewRepo();
        FixUuid(annex, dir, OriginUuid);
        Assert.Equal(0, Run(annex, dir, "init", "-q", "main repo").Code);
        Directory.CreateDirectory(Path.Combine(dir, "d", "s"));
        File.WriteAllText(Path.Combine(dir, "foo"), "a\n");
        File.WriteAllText(Path.Combine(dir, "d", "bar"), "b\n");
        File.WriteAllText(Path.Combine(dir, "d", "s", "x%y\\z.tar.gz"), "c\n");
        File.WriteAllText(Path.Combine(dir, "d", "s", "f.a.b.c"), "d\n");
        File.WriteAllText(Path.Combine(dir, ".dotfile"), "e\n");
        File.WriteAllText(Path.Combine(dir, "plain"), "f\n");
        Git(annex, dir, "add", ".dotfile", "plain");
        Assert.Equal(0, Run(annex, dir, "add", "-q", "foo", "d").Code);
        Git(annex, dir, "commit", "-q", "-m", "x");
        Assert.Equal(0, Run(annex, dir, "metadata", "-q", "-s", "test=test1", "-s", "tag=a/b:c", "foo").Code);
        Assert.Equal(0, Run(annex, dir, "metadata", "-q", "-s", "test=test2", "-t", "t1", "-t", "t2", "d/s/f.a.b.c").Code);
        Assert.Equal(0, Run(annex, dir, "metadata", "-q", "-s", "test=test1", "-s", "year=2014", "d/bar").Code);
        var sb = new StringBuilder();
        foreach (var step in Steps)
        {
            var r = RunWith(annex, annex, dir, step);
            sb.Append("== ").Append(string.Join(' ', step)).Append(" => ").Append(r.Code).Append('\n').Append(r.Out).Append(r.Err);
            State(annex, dir, sb);
        }
        // A commit inside a view changes metadata.
        Assert.Equal(0, RunWith(annex, annex, dir, "view", "test=*").Code);
        Directory.CreateDirectory(Path.Combine(dir, "test3"));
        Git(annex, dir, "mv", "test1/foo", "test3/foo");
        Git(annex, dir, "rm", "-q", "test1/bar_%d%");
        Git(annex, dir, "commit", "-q", "-m", "move");
        State(annex, dir, sb);
        // sync in a view merges an "updated" commit reflecting metadata changed since.
        Assert.Equal(0, Run(annex, dir, "metadata", "-q", "-s", "test=test4", "test2/f.a_%d%s%.b.c").Code);
        var sync = RunWith(annex, annex, dir, "sync");
        sb.Append("== sync => ").Append(sync.Code).Append('\n')
            .Append(System.Text.RegularExpressions.Regex.Replace(sync.Out + sync.Err, "[0-9a-f]{7,40}", "SHA"));
        State(annex, dir, sb);
        sb.Append(Git(annex, dir, "log", "--format=%s", "-3"));
        Assert.Equal(0, RunWith(annex, annex, dir, "vpop").Code);
        foreach (var f in new[] { "foo", "d/bar" })
            sb.Append(string.Join('\n', Run(annex, dir, "metadata", f).Out.Split('\n').Where(l => !l.Contains("lastchanged")))).Append('\n');
        return sb.ToString();
    }

    private static void State(string annex, string dir, StringBuilder sb)
    {
        sb.Append(RunWith(annex, "git", dir, "symbolic-ref", "HEAD").Out);
        sb.Append(Git(annex, dir, "ls-tree", "-r", "HEAD"));
        var log = Path.Combine(dir, ".git", "annex", "viewlog");
        if (File.Exists(log)) sb.Append(File.ReadAllText(log));
    }
}

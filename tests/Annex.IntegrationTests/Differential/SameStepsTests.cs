using System.Text.RegularExpressions;
using static Annex.IntegrationTests.Differential.Binaries;

namespace Annex.IntegrationTests.Differential;

/// <summary>
/// The same steps run by the reference and by ours must print the same thing and exit the same way
/// (UUIDs, which differ per run, masked).
/// </summary>
public class SameStepsTests
{
    private static readonly string[][] Steps =
    [
        ["get", "f"],
        ["drop", "f"],
        ["get", "f"],
        ["untrust", "origin"],
        ["drop", "f"],
        ["semitrust", "origin"],
        ["numcopies", "2"],
        ["move", "--from", "origin", "f"],
        ["move", "--to", "origin", "f"],
        ["numcopies", "1"],
        ["move", "--to", "origin", "f"],
        ["copy", "--from", "origin", "f"],
        ["copy", "--to", "origin", "f", "--json"],
        ["drop", "--from", "origin", "f"],
        ["drop", "f"],
        ["whereis", "--json", "f"],
        ["required", ".", "include=f"],
        ["drop", "--force", "f"],
        ["numcopies"],
    ];

    /// <summary>Preferred and required content driving --auto and sync --content (upstream's test_preferred_content, extended).</summary>
    private static readonly string[][] PreferredSteps =
    [
        ["get", "--auto", "f"],
        ["copy", "--from", "origin", "--auto", "f"],
        ["wanted", ".", "standard"],
        ["group", ".", "client"],
        ["get", "--auto", "f"],
        ["group", "."],
        ["ungroup", ".", "client"],
        ["group", ".", "manual"],
        ["drop", "--auto", "f"],
        ["drop", "f"],
        ["get", "--auto", "f"],
        ["wanted", ".", "exclude=*"],
        ["get", "f"],
        ["drop", "--auto", "f"],
        ["wanted", "."],
        ["required", "origin", "include=f"],
        ["drop", "--from", "origin", "f"],
        ["required", "origin", "nothing"],
        ["wanted", ".", "present"],
        ["sync", "--content", "--no-push", "--no-pull", "--no-commit"],
        ["find", "--in", "."],
        ["groupwanted", "client", "include=*"],
        ["groupwanted", "client"],
    ];

    private static readonly string[][] ConfigSteps =
    [
        ["config", "--set", "annex.largefiles", "largerthan=1kb"],
        ["config", "--get", "annex.largefiles"],
        ["config", "--get", "annex.dotfiles"],
        ["config", "--get", "annex.nosuch"],
        ["config", "--unset", "annex.largefiles"],
        ["config", "--get", "annex.largefiles"],
        ["config", "--set", "annex.numcopies", "2"],
        ["config", "--get", "annex.numcopies"],
        ["numcopies"],
        ["examinekey", "--format=${hashdirlower} ${hashdirmixed} ${bytesize} ${humansize}\n", "SHA256E-s2--87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7"],
        ["examinekey", "--json", "SHA1-s2--3f786850e387550fdab836ed7e6dc881de23001b"],
        ["calckey", "f"],
        ["lookupkey", "f", "nosuch"],
        ["contentlocation", "SHA256E-s2--87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7"],
    ];

    [Fact]
    public void ConfigAndPlumbingMatchTheReference()
    {
        if (!Available()) return;
        Assert.Equal(Transcript(Reference, ConfigSteps), Transcript(Ours, ConfigSteps));
    }

    [Fact]
    public void PreferredContentMatchesTheReference()
    {
        if (!Available()) return;
        Assert.Equal(Transcript(Reference, PreferredSteps), Transcript(Ours, PreferredSteps));
    }

    [Fact]
    public void DropCopyMoveAndPolicyMatchTheReference()
    {
        if (!Available()) return;
        var ours = Transcript(Ours, Steps);
        var theirs = Transcript(Reference, Steps);
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "annexsharp-samesteps-ours.txt"), ours);
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "annexsharp-samesteps-reference.txt"), theirs);
        Assert.Equal(theirs, ours);
    }

    private static List<string> Transcript(string annex, string[][] steps)
    {
        var origin = NewRepo();
        FixUuid(annex, origin, OriginUuid);
        Assert.Equal(0, Run(annex, origin, "init", "-q", "main").Code);
        File.WriteAllText(Path.Combine(origin, "f"), "content of f\n");
        Assert.Equal(0, Run(annex, origin, "add", "-q", "f").Code);
        Git(annex, origin, "commit", "-q", "-m", "f");
        var clone = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        Git(annex, clone, "clone", "-q", origin, ".");
        FixUuid(annex, clone, CloneUuid);
        Assert.Equal(0, Run(annex, clone, "init", "-q", "clone").Code);
        var lines = new List<string>();
        foreach (var step in steps)
        {
            var r = Run(annex, clone, step);
            lines.Add($"$ git annex {string.Join(' ', step)} => {r.Code}");
            lines.Add(Mask(StripProgress(r.Out)));
        }
        return lines;
    }

    private static string Mask(string s) =>
        Regex.Replace(s, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID");

    /// <summary>Both draw a progress meter for transfers even when not on a terminal; its rates and timings differ.</summary>
    private static string StripProgress(string s) =>
        Regex.Replace(s, @"\n\r[^\n]*?(ok|failed)\n", "$1\n");
}

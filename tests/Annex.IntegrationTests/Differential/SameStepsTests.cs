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

    [Fact]
    public void DropCopyMoveAndPolicyMatchTheReference()
    {
        if (!Available()) return;
        var ours = Transcript(Ours);
        var theirs = Transcript(Reference);
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "annexsharp-samesteps-ours.txt"), ours);
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "annexsharp-samesteps-reference.txt"), theirs);
        Assert.Equal(theirs, ours);
    }

    private static List<string> Transcript(string annex)
    {
        var origin = NewRepo();
        Assert.Equal(0, Run(annex, origin, "init", "-q", "main").Code);
        File.WriteAllText(Path.Combine(origin, "f"), "content of f\n");
        Assert.Equal(0, Run(annex, origin, "add", "-q", "f").Code);
        Git(annex, origin, "commit", "-q", "-m", "f");
        var clone = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        Git(annex, clone, "clone", "-q", origin, ".");
        Assert.Equal(0, Run(annex, clone, "init", "-q", "clone").Code);
        var lines = new List<string>();
        foreach (var step in Steps)
        {
            var r = Run(annex, clone, step);
            lines.Add($"$ git annex {string.Join(' ', step)} => {r.Code}");
            lines.Add(Mask(StripProgress(r.Out)));
        }
        return lines;
    }

    private static string Mask(string s) =>
        Regex.Replace(s, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID");

    /// <summary>The reference draws a progress meter for transfers even when not on a terminal; ours does not yet.</summary>
    private static string StripProgress(string s) =>
        Regex.Replace(s, @"\n\r[^\n]*?(ok|failed)\n", "$1\n");
}

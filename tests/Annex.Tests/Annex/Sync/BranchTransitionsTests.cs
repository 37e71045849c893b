using System.Text;
using Annex.Core.Annex;

namespace Annex.Tests.Annex.Sync;

public class BranchTransitionsTests
{
    [Fact]
    public void NormalizedTransitionsCompareByLines()
    {
        var a = BranchTransitions.Normalize(Encoding.UTF8.GetBytes("ForgetGitHistory 1795476441s\n"));
        var b = BranchTransitions.Normalize(Encoding.UTF8.GetBytes("ForgetGitHistory 1795476441s\nForgetGitHistory 1795476441s\n"));
        Assert.Equal(a, b);
        Assert.Equal("", BranchTransitions.Normalize(null));
        Assert.NotEqual(a, BranchTransitions.Normalize(Encoding.UTF8.GetBytes("ForgetGitHistory 1795476442s\n")));
    }

    [Fact]
    public void DescribedAsTheReferenceWritesCommitMessages() =>
        Assert.Equal("forget git history", BranchTransitions.Describe("ForgetGitHistory 1795476441s\n"));
}

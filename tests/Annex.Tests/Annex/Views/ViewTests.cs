using Annex.Core.Annex.Views;
using Annex.Core.Logs;

namespace Annex.Tests.Annex;

/// <summary>Literal cases checked against the reference git-annex (10.x) in throwaway repositories.</summary>
public class ViewTests
{
    [Theory]
    [InlineData("foo", "foo")]
    [InlineData("d/bar", "bar_%d%")]
    [InlineData("d/s/x%y\\z.tar.gz", "x\\%y\\\\z_%d%s%.tar.gz")]
    [InlineData("d/s/f.a.b.c", "f.a_%d%s%.b.c")]
    [InlineData(".dotf", ".dotf")]
    [InlineData("a/b.verylongext", "b.verylongext_%a%")]
    public void ViewedFileNames(string path, string viewed) => Assert.Equal(viewed, ViewedFile.FromReference(path));

    [Theory]
    [InlineData("x\\%y\\\\z_%d%s%.tar.gz", "d/s")]
    [InlineData("bar_%d%", "d")]
    [InlineData("foo", "")]
    [InlineData("a\\%b_%c\\%d%e%.x", "c%d/e")]
    public void DirectoryReadBackFromViewedFile(string viewed, string dir) => Assert.Equal(dir, ViewedFile.DirFromViewedFile(viewed));

    [Theory]
    [InlineData("a/b")]
    [InlineData("x%y\\z/w.q")]
    [InlineData("p/q/r/s.tar.gz")]
    public void ViewedFileRoundTripsItsDirectory(string path) =>
        Assert.Equal(ViewedFile.DirOf(path), ViewedFile.DirFromViewedFile(ViewedFile.FromReference(path)));

    [Fact]
    public void ValuesBecomeDirectoryNamesWithLookAlikes() =>
        Assert.Equal("a\u2215b\uFE55c\u2572d%%e\u2215", ViewedFile.ToViewPath("a/b:c\\d%e\u2215"));

    [Fact]
    public void ParsesEachParameterForm()
    {
        Assert.Equal(("tag", ViewFilter.OfValues(FilterKind.Values, ["foo"])), Views.ParseParam("_", "foo"));
        Assert.Equal(("tag", ViewFilter.OfValues(FilterKind.Exclude, ["foo"])), Views.ParseParam("_", "!foo"));
        Assert.Equal(("tag", ViewFilter.OfValues(FilterKind.ValuesOrUnset, ["foo"], "_")), Views.ParseParam("_", "?foo"));
        Assert.Equal(("year", ViewFilter.OfGlob(FilterKind.Glob, "20*")), Views.ParseParam("_", "year=20*"));
        Assert.Equal(("year", ViewFilter.OfValues(FilterKind.Exclude, ["2014"])), Views.ParseParam("_", "year!=2014"));
        Assert.Equal(("year", ViewFilter.OfGlob(FilterKind.GlobOrUnset, "*", "none")), Views.ParseParam("none", "year?=*"));
    }

    private const string RefLog =
        "View {viewParentBranch = Ref \"refs/heads/master\", viewComponents = [ViewComponent {viewField = MetaField \"test\", viewFilter = FilterGlob \"*\", viewVisible = True},ViewComponent {viewField = MetaField \"tag\", viewFilter = FilterValuesOrUnset (fromList [MetaValue (CurrentlySet True) \"tag\"]) (ViewUnset \"_\"), viewVisible = True}]}";

    [Fact]
    public void ViewLogAndBranchNameAsTheReferenceWritesThem()
    {
        var v = Views.Make("refs/heads/master", "_", ["test=*", "?tag"]);
        Assert.Equal(RefLog, ViewLog.Show(v));
        Assert.Equal("refs/heads/views/master(test=_;tag=tag)", ViewLog.BranchName(v));
        Assert.Equal(v, Assert.Single(ViewLog.Parse(RefLog + "\n")));
    }

    [Fact]
    public void FilterAddsInvisibleComponentsInFront()
    {
        var v = Views.Make("refs/heads/master", "_", ["test=*", "?tag"]);
        var (v2, change) = Views.Refine(v, [Views.ParseParam("_", "year=*")]);
        Assert.Equal(ViewChange.Narrowing, change);
        v2 = Views.Cycle(v2);
        Assert.Equal("refs/heads/views/master(test=_;tag=tag;year=_)", ViewLog.BranchName(v2));
        var v3 = Views.Filter(v2, [Views.ParseParam("_", "test=test1")]);
        Assert.Equal("refs/heads/views/master(test=test1;test=_;tag=tag;year=_)", ViewLog.BranchName(v3));
        Assert.False(v3.Components[0].Visible);
        Assert.Equal(v3, Assert.Single(ViewLog.Parse(ViewLog.Show(v3))));
    }

    [Fact]
    public void ShowEscapesAsHaskellDoes()
    {
        var v = Views.Make("refs/heads/m\u00e9", "_", ["f=\"a\\b\"1", "g=\u00e92"]);
        var shown = ViewLog.Show(v);
        Assert.Contains("Ref \"refs/heads/m\\195\\169\"", shown);
        Assert.Contains("MetaValue (CurrentlySet True) \"\\\"a\\\\b\\\"1\"", shown);
        Assert.Contains("MetaValue (CurrentlySet True) \"\\195\\169\\&2\"", shown);
        Assert.Equal(v, Assert.Single(ViewLog.Parse(shown)));
    }

    [Fact]
    public void FilesAppearOncePerMatchingValue()
    {
        var v = Views.Make("refs/heads/master", "_", ["tag=*", "/=*", "test!=test2"]);
        var m = new ViewMatcher(v);
        var meta = ViewedFile.DirMetaData("").Union(new MetaData([("tag", MetaValue.Set("a/b")), ("tag", MetaValue.Set("c")), ("test", MetaValue.Set("test1"))]));
        Assert.Equal(["a\u2215b/foo", "c/foo"], m.ViewedFiles("foo", meta));
        var excluded = new MetaData([("tag", MetaValue.Set("c")), ("test", MetaValue.Set("test2"))]);
        Assert.Empty(m.ViewedFiles("foo", excluded));
    }

    [Fact]
    public void AdjustedViewBranchNamesAsTheReferenceWritesThem()
    {
        var v = Views.Make("refs/heads/master", "_", ["test=*"]);
        Assert.Equal("refs/heads/adjusted/views/master(test=_)(unlocked)", ViewLog.BranchName(v, "unlocked"));
        Assert.Equal(("unlocked", "refs/heads/views/master(test=_)"), ViewLog.AdjustedToOriginal("refs/heads/adjusted/views/master(test=_)(unlocked)"));
        Assert.Equal(("hidemissing-unlocked", "refs/heads/master"), ViewLog.AdjustedToOriginal("refs/heads/adjusted/master(hidemissing-unlocked)"));
        Assert.Null(ViewLog.AdjustedToOriginal("refs/heads/views/master(test=_)"));
        Assert.Null(ViewLog.AdjustedToOriginal("refs/heads/adjusted/master(bogus)"));
    }

    private static string Show(MetaData m) =>
        string.Join(" ", m.Fields.SelectMany(f => f.Value.Select(v => f.Key + (v.IsSet ? "+" : "-") + "=" + v.Text)));

    [Fact]
    public void CommittedMovesGiveTheReferencesMetadataChanges()
    {
        // In the view (test?=*, ?x) the reference records "tag-=x test-=test1" for test1/x/foo removed,
        // "test+=test3" for test3/_/foo added ("_" holds files lacking a value), and nothing for directories.
        var v = Views.Make("refs/heads/master", "_", ["test?=*", "?x"]);
        Assert.Equal("tag-=x test-=test1", Show(ViewChanges.Unset(ViewChanges.FromView(v, "test1/x/foo"))));
        Assert.Equal("test+=test3", Show(ViewChanges.FromView(v, "test3/_/foo")));
        var byDir = Views.Make("refs/heads/master", "_", ["/=*"]);
        Assert.Equal("", Show(ViewChanges.FromView(byDir, "d/bar_%d%")));
    }

    [Fact]
    public void DirectoriesAreMetadataWithAnEmptyLastLevel() =>
        Assert.Equal("/+=a a/+=b a/b/+=", Show(ViewedFile.DirMetaData("a/b")));
}

using System.Text;
using Annex.Core.Annex;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Tests.Annex;

public class MetaDataEditTests
{
    [Theory]
    [InlineData("foo", true)]
    [InlineData("Foo_bar-1.2", true)]
    [InlineData("", false)]
    [InlineData("-foo", false)]
    [InlineData("bad field", false)]
    [InlineData("a/b", false)]
    public void LegalFieldNames(string field, bool legal) => Assert.Equal(legal, MetaDataEdit.LegalField(field));

    [Fact]
    public void ParsesEveryAssignmentForm()
    {
        Assert.Equal(new ModMeta.Add("foo", "bar"), MetaDataEdit.ParseSet("foo+=bar"));
        Assert.Equal(new ModMeta.Del("foo", "bar"), MetaDataEdit.ParseSet("foo-=bar"));
        Assert.Equal(new ModMeta.MaybeSet("foo", "bar"), MetaDataEdit.ParseSet("foo?=bar"));
        var set = Assert.IsType<ModMeta.Set>(MetaDataEdit.ParseSet("foo=a=b"));
        Assert.Equal("foo", set.Field);
        Assert.Equal(["a=b"], set.Values);
        Assert.Throws<UserErrorException>(() => MetaDataEdit.ParseSet("bad field=1"));
    }

    private static MetaData Current(params (string, string)[] values) =>
        new(values.Select(v => (v.Item1, MetaValue.Set(v.Item2))));

    private static string Show(MetaData m) => MetaDataLog.FormatValue(m);

    [Fact]
    public void SetReplacesAddKeepsRemoveClears()
    {
        var cur = Current(("foo", "a"), ("tag", "x"));
        Assert.Equal("foo -a +b", Show(MetaDataEdit.Apply(cur, new ModMeta.Set("foo", ["b"]))));
        Assert.Equal("foo +b", Show(MetaDataEdit.Apply(cur, new ModMeta.Add("foo", "b"))));
        Assert.Equal("foo -a", Show(MetaDataEdit.Apply(cur, new ModMeta.Del("foo", null))));
        Assert.Equal("foo -a tag -x", Show(MetaDataEdit.Apply(cur, new ModMeta.DelAll())));
        Assert.True(MetaDataEdit.Apply(cur, new ModMeta.MaybeSet("foo", "z")).IsEmpty);
        Assert.Equal("bar +z", Show(MetaDataEdit.Apply(cur, new ModMeta.MaybeSet("bar", "z"))));
    }

    [Fact]
    public void LastChangedFieldsAreNeverRecorded()
    {
        var change = MetaDataEdit.Combine(MetaData.Empty,
            [new ModMeta.Set("lastchanged", ["x"]), new ModMeta.Set("foo-lastchanged", ["y"]), new ModMeta.Add("foo", "1")]);
        Assert.Equal("foo +1", Show(change));
    }

    [Fact]
    public void CurrentViewAddsDatesFromTheLog()
    {
        // foo set at 1000s, tag set at 2000s, bar set then removed at 3000s.
        var log = MetaDataLog.Parse(Encoding.UTF8.GetBytes("1000s foo +a\n2000s tag +t\n2500s bar +b\n3000s bar -b\n"));
        var m = MetaDataEdit.CurrentWithDates(log);
        Assert.Equal("foo +a foo-lastchanged +1970-01-01@00-16-40 lastchanged +1970-01-01@00-50-00 tag +t tag-lastchanged +1970-01-01@00-33-20",
            Show(m));
    }
}

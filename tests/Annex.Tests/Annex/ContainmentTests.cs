using Annex.Core.Annex;
using Annex.Core.Keys;

namespace Annex.Tests.Annex;

/// <summary>Keys come from other repositories' logs and symlinks; whatever they contain, paths made from them stay inside.</summary>
public class ContainmentTests
{
    private static readonly string[] HostileNames =
    [
        "../../../../etc/passwd", "..", "a/../../b", "%2e%2e", "&a&s&c", "x\\..\\y", "...", "/abs/path", "trailing/",
        "ümlaut/../..", new string('a', 100_000),
    ];

    public static IEnumerable<object[]> Keys()
    {
        foreach (var n in HostileNames)
            foreach (var b in new[] { "WORM", "URL", "SHA256E" })
                yield return [new Key(b, n, size: 1)];
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void ObjectPathsStayInTheObjectStore(Key key)
    {
        foreach (var bare in new[] { false, true })
        {
            var loc = new Locations("/repo/.git", bare);
            foreach (var p in loc.ObjectPathCandidates(key).Append(loc.TmpObjectPath(key)))
            {
                var full = Path.GetFullPath(p);
                Assert.StartsWith("/repo/.git/annex/", full);
                Assert.Equal(p, full); // no ".." component survives into the path
            }
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void BranchLogPathsHaveNoDotDotComponents(Key key)
    {
        var path = Locations.LocationLogPath(key);
        Assert.DoesNotContain("..", path.Split('/'));
        Assert.False(path.StartsWith('/'));
        Assert.Equal(3, path.Split('/').Length);
        Assert.DoesNotContain('/', Journal.MangleName(path));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void KeyFileNamesRoundTripAndAreSingleComponents(Key key)
    {
        var name = KeyFile.Escape(key);
        Assert.DoesNotContain('/', name);
        Assert.NotEqual("..", name);
        Assert.NotEqual(".", name);
        Assert.True(KeyFile.TryParse(name, out var back));
        Assert.Equal(key, back);
    }
}

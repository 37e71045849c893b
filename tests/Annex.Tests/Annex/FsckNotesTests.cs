using Annex.Core.Annex;

namespace Annex.Tests.Annex;

public class FsckNotesTests
{
    private const string Origin = "\t74b585d7-db78-407f-8119-5a9647026c18 -- [origin]\n";

    [Fact]
    public void NoCopiesAtAll() =>
        Assert.Equal("** No known copies exist of foo", FsckNotes.MissingNote("foo", 0, 1, "", ""));

    [Fact]
    public void OnlyUntrustedCopies() =>
        Assert.Equal("Only these untrusted locations may have copies of foo\n" + Origin
            + "Back it up to trusted locations with git-annex copy.", FsckNotes.MissingNote("foo", 0, 1, Origin, ""));

    [Fact]
    public void TooFewTrustworthyCopies()
    {
        Assert.Equal("Only 1 of 2 trustworthy copies exist of foo\nBack it up with git-annex copy.",
            FsckNotes.MissingNote("foo", 1, 2, "", ""));
        Assert.Equal("Only 1 of 2 trustworthy copies exist of foo\nBack it up with git-annex copy."
            + "\nThe following untrusted locations may also have copies: \n" + Origin, FsckNotes.MissingNote("foo", 1, 2, Origin, ""));
    }

    [Fact]
    public void DeadRepositoriesAreNamed() =>
        Assert.Equal("** No known copies exist of foo\nThese dead repositories used to have copies\n" + Origin,
            FsckNotes.MissingNote("foo", 0, 1, "", Origin));

    [Fact]
    public void MissingContent() =>
        Assert.Equal("** Based on the location log, foo\n** was expected to be present, but its content is missing.",
            FsckNotes.ExpectedPresentButMissing("foo"));
}

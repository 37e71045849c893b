using Annex.Core.Keys;

namespace Annex.Tests.Keys;

public class BackendsTests
{
    [Fact]
    public void OrderMatchesTheReferenceVersionOutput()
    {
        // "key/value backends:" line of git-annex 10.20261026, minus GITBUNDLE GITMANIFEST VURL X*.
        const string reference = "SHA256E SHA256 SHA512E SHA512 SHA224E SHA224 SHA384E SHA384 SHA3_256E SHA3_256 SHA3_512E SHA3_512 SHA3_224E SHA3_224 SHA3_384E SHA3_384 SKEIN256E SKEIN256 SKEIN512E SKEIN512 BLAKE2B256E BLAKE2B256 BLAKE2B512E BLAKE2B512 BLAKE2B160E BLAKE2B160 BLAKE2B224E BLAKE2B224 BLAKE2B384E BLAKE2B384 BLAKE2BP512E BLAKE2BP512 BLAKE2S256E BLAKE2S256 BLAKE2S160E BLAKE2S160 BLAKE2S224E BLAKE2S224 BLAKE2SP256E BLAKE2SP256 BLAKE2SP224E BLAKE2SP224 SHA1E SHA1 MD5E MD5 WORM URL";
        Assert.Equal(reference, string.Join(' ', Backends.All.Select(b => b.Name)));
        Assert.Equal("SHA256E", Backends.Default.Name);
    }

    [Fact]
    public void LookupAndProperties()
    {
        Assert.Null(Backends.ByName("sha256e"));
        Assert.Null(Backends.ByName("GITBUNDLE"));
        Assert.Same(Backends.ByName("SHA1E"), Backends.ForKey(Key.Parse("SHA1E-s0--da39a3ee5e6b4b0d3255bfef95601890afd80709.txt")));
        Assert.Null(Backends.ForKey(Key.Parse("XFOO--bar")));
        foreach (var b in Backends.All)
        {
            Assert.Equal(b.Name.EndsWith('E'), b.HasExtension);
            var insecure = b.Name is "SHA1" or "SHA1E" or "MD5" or "MD5E" or "WORM" or "URL";
            Assert.Equal(!insecure, b.IsCryptographicallySecure);
            Assert.Equal(b.Name is not ("WORM" or "URL"), b.CanVerify);
        }
    }
}

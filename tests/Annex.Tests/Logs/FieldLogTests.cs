using Annex.Core.Logs;
using static Annex.Tests.Logs.LogTestBytes;
using static Annex.Tests.Logs.LogTimestampTests;

namespace Annex.Tests.Logs;

public class FieldLogTests
{
    // Literal bytes written by the reference git-annex 10.20261026.
    private const string Proxy = "1317929189.157237s 23db9a6a-e225-476f-829e-046003b83d19 32da00f6-2a66-4565-9da6-864c07c28685:node1 accde851-9d7e-8ed9-882f-1ccf618b4ffa:mycluster\n";
    private const string Cluster = "1317929189.157237s accde851-9d7e-8ed9-882f-1ccf618b4ffa 32da00f6-2a66-4565-9da6-864c07c28685\n";
    private const string Config = "1795474644s annex.addunlocked \n1795474643s annex.largefiles largerthan=100kb and not (include=*.c)\n";
    private const string GroupWanted = "1795474643s archive not copies=archive:1\n";
    private const string MaxSize = "1795474643s 4ca8bbfe-c385-47ca-ac5e-886bff32125a 100000000000\n";
    private const string Chunk = "1795474667s 48429bc9-8b6d-4081-a1ef-d820f4672d0a:1048576 0\n";
    private const string Cid = "1795474674s b6ad7872-4ef6-4aaf-b135-a945b9223f50 11658547 9 1795474674 352052365\n";
    private const string Export = "1795474676s 4ca8bbfe-c385-47ca-ac5e-886bff32125a:b6ad7872-4ef6-4aaf-b135-a945b9223f50 96a94860bcf9f47a6a839c32d2859f3e455c9d42\n";

    [Fact]
    public void ReferenceBytesRoundTrip()
    {
        Assert.Equal(Proxy, S(ProxyClusterLog.FormatProxies(ProxyClusterLog.ParseProxies(B(Proxy)))));
        Assert.Equal(Cluster, S(ProxyClusterLog.FormatClusters(ProxyClusterLog.ParseClusters(B(Cluster)))));
        Assert.Equal(Config, S(TextFieldLog.FormatNamed(TextFieldLog.ParseNamed(B(Config)))));
        Assert.Equal(GroupWanted, S(TextFieldLog.FormatNamed(TextFieldLog.ParseNamed(B(GroupWanted)))));
        Assert.Equal(MaxSize, S(TextFieldLog.FormatMaxSize(TextFieldLog.ParseMaxSize(B(MaxSize)))));
        Assert.Equal(Chunk, S(ChunkLog.Format(ChunkLog.Parse(B(Chunk)))));
        Assert.Equal(Cid, S(ContentIdentifierLog.Format(ContentIdentifierLog.Parse(B(Cid)))));
        Assert.Equal(Export, S(ExportLog.Format(ExportLog.Parse(B(Export)))));
        Assert.Equal(Cid, S(TextFieldLog.FormatRemoteState(TextFieldLog.ParseRemoteState(B(Cid)))));
    }

    [Fact]
    public void CurrentValues()
    {
        var proxies = ProxyClusterLog.ParseProxies(B(Proxy)).Current().Single().Value;
        Assert.Equal(["node1", "mycluster"], proxies.Select(p => p.Name));
        Assert.Equal(["annex.largefiles"], TextFieldLog.CurrentConfig(TextFieldLog.ParseNamed(B(Config))).Keys);
        Assert.Equal(100000000000, TextFieldLog.ParseMaxSize(B(MaxSize)).Current().Single().Value);
        var chunk = ChunkLog.Parse(B(Chunk)).Entries.Single().Key;
        Assert.Equal(1048576, chunk.Method.FixedSize);
        Assert.Single(ExportLog.ExportsTo(ExportLog.Parse(B(Export)), Uuid.Parse("b6ad7872-4ef6-4aaf-b135-a945b9223f50")));
    }

    [Fact]
    public void EmptySetsAndValuesKeepTheTrailingSpace()
    {
        var log = ProxyClusterLog.ParseProxies(B("5s p \n"));
        Assert.Empty(log.Current().Single().Value);
        Assert.Equal("5s p \n", S(ProxyClusterLog.FormatProxies(log)));
        Assert.Single(TextFieldLog.ParseNamed(B("5s annex.x\n")).Unparsed);
    }

    [Fact]
    public void ConfigUnsetAdvancesClockLikeReference()
    {
        var log = TextFieldLog.ParseNamed(B("1795474643s annex.addunlocked true\n1795474643s annex.largefiles largerthan=100kb and not (include=*.c)\n"));
        log.Set("annex.addunlocked", "", Ts("1795474643s"));
        Assert.Equal(Config, S(TextFieldLog.FormatNamed(log)));
    }

    [Fact]
    public void ChunkMethodsAndContentIdentifiers()
    {
        var log = ChunkLog.Parse(B("1s u:abc 2\n1s u:12abc 2\n1s u:100 3\n"));
        Assert.Single(log.Unparsed);
        Assert.Equal("1s u:100 3\n1s u:abc 2\n1s u:12abc 2\n", S(ChunkLog.Format(log)));
        var cids = ContentIdentifierLog.Parse(B("1s u a::!OmI=:!notb64\n")).Current().Single().Value;
        Assert.Equal(["a", "", ":b", "!notb64"], cids.Select(S));
        Assert.Equal("a::!OmI=:!IW5vdGI2NA==", ContentIdentifierLog.FormatValue(cids));
        Assert.Equal("!/w==", ContentIdentifierLog.FormatValue([[0xff]]));
    }

    [Fact]
    public void UnionMergeNewestPerFieldWins()
    {
        var a = B("1s p u1:a\n");
        var b = B("2s p u2:b\n3s q u3:c\n");
        var log = ProxyClusterLog.ParseProxies(LogText.UnionMerge(a, b, a));
        Assert.Equal("2s p u2:b\n3s q u3:c\n", S(ProxyClusterLog.FormatProxies(log)));
        var m = MapLog<Uuid, IReadOnlySet<ProxiedRemote>>.Merge(ProxyClusterLog.ParseProxies(b), ProxyClusterLog.ParseProxies(a));
        Assert.Equal("2s p u2:b\n3s q u3:c\n", S(ProxyClusterLog.FormatProxies(m)));
    }
}

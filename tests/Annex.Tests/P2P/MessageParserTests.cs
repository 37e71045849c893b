using System.Buffers;
using System.Text;
using Annex.Core.P2P.Protocol;

namespace Annex.Tests.P2P;

public class MessageParserTests
{
    private const string K = "SHA256E-s6--5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
    private const string U = "045188e0-0d33-4b9f-a968-b5de086d124f";

    // Every message word of versions 0-4, as it appears on the wire.
    public static readonly TheoryData<string> Lines = new()
    {
        $"AUTH {U} tok3n", $"AUTH-SUCCESS {U}", "AUTH-FAILURE", "VERSION 4", "VERSION 9", "BYPASS", $"BYPASS {U} u2",
        "ERROR this repository is read-only; write access denied", "ERROR ",
        $"CHECKPRESENT {K}", $"LOCKCONTENT {K}", "UNLOCKCONTENT", $"REMOVE {K}", $"REMOVE-BEFORE 9013 {K}",
        "GETTIMESTAMP", "TIMESTAMP 9013", $"GET 0  {K}", $"GET 12 a%%b_c {K}", $"PUT  {K}", $"PUT dir/f {K}", "PUT-FROM 3",
        "ALREADY-HAVE", "ALREADY-HAVE-PLUS", $"ALREADY-HAVE-PLUS {U}", "DATA 0", "DATA 123456789012", "DATA-PRESENT",
        "VALID", "INVALID", "SUCCESS", $"SUCCESS-PLUS {U} x", "FAILURE", $"FAILURE-PLUS {U}",
        "CONNECT git-upload-pack", "CONNECT git-receive-pack", "CONNECTDONE 0", "CONNECTDONE 128", "NOTIFYCHANGE",
        "CHANGED refs/heads/master refs/heads/git-annex", $"GET 0 f WORM-s3-m17--name with spaces",
    };

    [Theory, MemberData(nameof(Lines))]
    public void EveryMessageRoundTrips(string line)
    {
        var m = Assert.IsAssignableFrom<Message>(ParseAll(line + "\n").Single());
        Assert.Equal(line, MessageFormat.Format(m));
    }

    [Theory, MemberData(nameof(Lines))]
    public void EveryPrefixNeedsMore(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        for (int i = 0; i < bytes.Length; i++)
        {
            var r = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes, 0, i));
            Assert.False(MessageParser.TryParse(ref r, out _));
            Assert.Equal(0, r.Consumed);
        }
    }

    [Fact]
    public void EverySplitPointParsesTheSame()
    {
        var wire = Encoding.UTF8.GetBytes($"VERSION 4\r\nCHECKPRESENT {K}\nGET 0 a%b {K}\nDATA 6\nBOGUS\nSUCCESS\n");
        var expected = ParseAll(Encoding.UTF8.GetString(wire)).Select(m => m?.ToString()).ToList();
        Assert.Equal(["VERSION 4", $"CHECKPRESENT {K}", $"GET 0 a_b {K}", "DATA 6", null, "SUCCESS"], expected);
        for (int split = 0; split <= wire.Length; split++)
        {
            var seq = Segments.Of(wire[..split], wire[split..]);
            var got = new List<string?>();
            var r = new SequenceReader<byte>(seq);
            while (MessageParser.TryParse(ref r, out var m)) got.Add(m?.ToString());
            Assert.Equal(expected, got);
            Assert.Equal(0, r.Remaining);
        }
    }

    [Theory]
    [InlineData("FOO")]
    [InlineData("checkpresent " + K)]                  // words are case-sensitive
    [InlineData("UNLOCKCONTENT " + K)]                 // a bare word with an argument
    [InlineData("SUCCESS x")]
    [InlineData("CHECKPRESENT")]
    [InlineData("CHECKPRESENT a/b")]
    [InlineData("CHECKPRESENT SHA256E-s1--../x")]      // '/' refused in keys from the wire
    [InlineData("CHECKPRESENT SHA256E-s1--a\0b")]
    [InlineData("CHECKPRESENT nokey")]
    [InlineData("GET 0 /etc/passwd " + K)]             // absolute associated file
    [InlineData("GET x f " + K)]
    [InlineData("GET -1 f " + K)]
    [InlineData("GET 0 " + K)]                         // arity
    [InlineData("PUT " + K)]
    [InlineData("REMOVE-BEFORE " + K)]
    [InlineData("DATA")]
    [InlineData("DATA 1 2")]
    [InlineData("DATA 99999999999999999999")]
    [InlineData("VERSION four")]
    [InlineData("CONNECT git-shell")]
    [InlineData("AUTH-SUCCESS a/b")]
    [InlineData("BYPASS a/b")]
    public void MalformedLinesAreUnparsable(string line) => Assert.Null(ParseAll(line + "\n").Single());

    [Fact]
    public void AnOversizedLineIsAProtocolError()
    {
        var noNewline = new byte[MessageParser.MaxLineBytes];
        noNewline.AsSpan().Fill((byte)'A');
        var e = Assert.Throws<ProtocolException>(() => ParseAll(Encoding.UTF8.GetString(noNewline)));
        Assert.Contains("longer than 32768", e.Message);
        var longLine = Encoding.UTF8.GetBytes("ERROR " + new string('x', MessageParser.MaxLineBytes) + "\n");
        Assert.Throws<ProtocolException>(() => ParseAll(Encoding.UTF8.GetString(longLine)));
        // Just under the cap is fine.
        var ok = Encoding.UTF8.GetBytes("ERROR " + new string('x', MessageParser.MaxLineBytes - 7) + "\n");
        var r3 = new SequenceReader<byte>(new ReadOnlySequence<byte>(ok));
        Assert.True(MessageParser.TryParse(ref r3, out var m));
        Assert.IsType<Error>(m);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("a b\tc", "a%b%c")]
    [InlineData("100%", "100%%")]
    [InlineData("dir/sub/f.txt", "dir/sub/f.txt")]
    public void AssociatedFilesAreEscaped(string? file, string token) => Assert.Equal(token, AssociatedFile.Encode(file));

    [Theory]
    [InlineData("", null)]
    [InlineData("a%%b", "a%b")]
    [InlineData("a%b", "a_b")]                 // a lone '%' was whitespace: it comes back as '_' (not a space)
    [InlineData("a\u0001b\u007f", "a_b_")]     // control characters
    [InlineData("%%%", "%_")]
    public void AssociatedFilesAreDecodedLossily(string token, string? file)
    {
        Assert.True(AssociatedFile.TryDecode(token, out var got));
        Assert.Equal(file, got);
    }

    [Fact]
    public void AbsoluteAssociatedFilesAreRefused() => Assert.False(AssociatedFile.TryDecode("/etc/passwd", out _));

    private static List<Message?> ParseAll(string wire)
    {
        var r = new SequenceReader<byte>(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(wire)));
        var list = new List<Message?>();
        while (MessageParser.TryParse(ref r, out var m)) list.Add(m);
        Assert.Equal(0, r.Remaining);
        return list;
    }
}

/// <summary>Builds a multi-segment sequence so parsers meet data split anywhere.</summary>
internal sealed class Segments : ReadOnlySequenceSegment<byte>
{
    private Segments(ReadOnlyMemory<byte> m, long start) { Memory = m; RunningIndex = start; }

    public static ReadOnlySequence<byte> Of(byte[] a, byte[] b)
    {
        var first = new Segments(a, 0);
        var second = new Segments(b, a.Length);
        first.Next = second;
        return new ReadOnlySequence<byte>(first, 0, second, b.Length);
    }
}

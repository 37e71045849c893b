using System.Buffers;
using Annex.Core.P2P.Protocol;

namespace Annex.Fuzz;

/// <summary>
/// MessageParser over arbitrary bytes: the only exception it may throw is ProtocolException (oversized
/// line), and every message it returns formats to a line that parses back to the same line.
/// </summary>
public static class ParserTarget
{
    public static void Run(byte[] input)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(input));
        while (true)
        {
            Message? m;
            try
            {
                if (!MessageParser.TryParse(ref reader, out m)) return;
            }
            catch (ProtocolException) { return; }
            if (m == null) continue;
            var line = MessageFormat.Format(m);
            if (line.Contains('\n')) throw new FuzzCheckFailed($"formatted message holds a newline: {line}");
            var again = MessageParser.Parse(line) ?? throw new FuzzCheckFailed($"formatted message does not parse: {line}");
            if (MessageFormat.Format(again) != line) throw new FuzzCheckFailed($"round trip changed {line} to {again}");
        }
    }
}

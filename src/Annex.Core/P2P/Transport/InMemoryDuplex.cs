using System.IO.Pipelines;

namespace Annex.Core.P2P.Transport;

/// <summary>One side of an in-memory connection: what it reads and what it writes.</summary>
public sealed record DuplexEnd(Stream Input, Stream Output);

/// <summary>
/// Two connected ends for tests and in-process peers. Each direction is a <see cref="Pipe"/>;
/// disposing an end's Output is the peer's end of stream, as closing a socket or a pipe would be.
/// The pause threshold keeps a fast writer from buffering a whole object in memory.
/// </summary>
public static class InMemoryDuplex
{
    public static (DuplexEnd Client, DuplexEnd Server) Create()
    {
        var options = new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19,
            useSynchronizationContext: false);
        var toServer = new Pipe(options);
        var toClient = new Pipe(options);
        return (new DuplexEnd(toClient.Reader.AsStream(), toServer.Writer.AsStream()),
                new DuplexEnd(toServer.Reader.AsStream(), toClient.Writer.AsStream()));
    }
}

using Annex.Core.Annex.Matching;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.Helpers;

/// <summary>
/// How a special remote splits content (doc/chunking.mdwn): not at all, fixed-size chunks stored under
/// chunk keys (chunk=), or the old chunksize= layout, which this implementation does not read or write.
/// </summary>
public record ChunkConfig(long? ChunkSize, long? LegacyChunkSize)
{
    public static readonly ChunkConfig None = new(null, null);

    public bool IsChunked => ChunkSize != null;

    /// <summary>getChunkConfig: chunksize= (legacy) wins over chunk=; a size of 0 means no chunking.</summary>
    public static ChunkConfig From(IReadOnlyDictionary<string, string> config)
    {
        if (config.TryGetValue("chunksize", out var legacy))
        {
            var n = ReadSize("chunksize", legacy);
            return n == 0 ? None : new ChunkConfig(null, n);
        }
        if (config.TryGetValue("chunk", out var v))
        {
            var n = ReadSize("chunk", v);
            return n == 0 ? None : new ChunkConfig(n, null);
        }
        return None;
    }

    /// <summary>"none", "1 megabyte chunks" (describeChunkConfig, for `info`).</summary>
    public string Describe() =>
        ChunkSize is { } s ? SizeDisplay.Rough(s, abbreviate: false) + " chunks"
        : LegacyChunkSize is { } l ? SizeDisplay.Rough(l, abbreviate: false) + " chunks (old style)"
        : "none";

    /// <summary>The legacy layout is refused where it would be used, never guessed at.</summary>
    public void RefuseLegacy()
    {
        if (LegacyChunkSize != null)
            throw new UserErrorException("not implemented: remotes using the old chunksize= layout (use chunk= instead)");
    }

    private static long ReadSize(string field, string value) =>
        DataUnits.TryParse(value, out var n) && n >= 0 ? n : throw new UserErrorException($"bad configuration {field}={value}");
}

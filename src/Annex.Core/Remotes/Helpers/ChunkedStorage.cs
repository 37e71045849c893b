using Annex.Core.Annex;
using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.Remotes.Special;
using Annex.Core.Utility;

namespace Annex.Core.Remotes.Helpers;

/// <summary>
/// A key on a special remote as whole objects or as chunk keys (doc/chunking.mdwn, Remote/Helper/Chunked.hs).
/// A key may be stored unchunked or under any chunk size the remote ever used, so reading tries every layout
/// the chunk log records, the unchunked key, and finally the layout the current configuration would give
/// (which recovers chunks whose log entry never reached this clone).
/// </summary>
public sealed class ChunkedStorage(AnnexRepo repo, Uuid remote, ChunkConfig config, IKeyStore store)
{
    /// <summary>One way the key's bytes may be laid out on the remote: the keys to read in order.</summary>
    private sealed record Layout(IReadOnlyList<Key> Keys, bool Speculative, long? ChunkSize, long Count);

    private readonly ChunkLogStore _log = new(repo);

    public async Task StoreAsync(Key key, string file, Action<long>? progress, CancellationToken ct)
    {
        config.RefuseLegacy();
        // Only a stable key may be chunked: an unstable one (URL) can name different content, and chunks of
        // two contents must never mix.
        if (config.ChunkSize is not { } size || !(Backends.ForKey(key)?.IsStableKey ?? key.Backend != "URL"))
        {
            await store.StoreAsync(key, ContentSlice.Whole(file), progress, ct);
            return;
        }
        long length = new FileInfo(file).Length;
        var chunks = ChunkKeys(key, size, CountFor(length, size));
        long start = await ResumePointAsync(chunks, size, length, ct);
        for (long pos = start; pos < length || (length == 0 && pos == 0); pos += size)
        {
            var chunk = chunks[(int)(pos / size)];
            var slice = new ContentSlice(file, pos, Math.Min(size, length - pos));
            long before = pos;
            await store.StoreAsync(chunk, slice, progress == null ? null : n => progress(before + n), ct);
            if (length == 0) break;
        }
        await _log.SetAsync(key, remote, size, chunks.Count, ct);
    }

    /// <summary>seekResume: the offset of the first chunk not yet on the remote (a one-chunk file is never checked).</summary>
    private async Task<long> ResumePointAsync(IReadOnlyList<Key> chunks, long size, long length, CancellationToken ct)
    {
        if (length <= size) return 0;
        long pos = 0;
        foreach (var chunk in chunks)
        {
            bool present;
            try { present = await store.HasAsync(chunk, ct); }
            catch (UserErrorException) { present = false; }
            if (!present) return pos;
            pos += size;
        }
        return length;
    }

    /// <summary>checkPresentChunks: present when every key of some layout is there. Throws when the remote could
    /// not be asked and no layout was found present.</summary>
    public async Task<bool> HasAsync(Key key, CancellationToken ct)
    {
        UserErrorException? deferred = null;
        IReadOnlyList<Layout> layouts;
        if (!config.IsChunked)
        {
            // The unchunked key is by far the likeliest; only then read the chunk log.
            try { if (await store.HasAsync(key, ct)) return true; }
            catch (UserErrorException e) { deferred = e; }
            layouts = await LayoutsAsync(key, onlyChunks: true, ct);
        }
        else layouts = await LayoutsAsync(key, onlyChunks: false, ct);
        foreach (var layout in layouts)
        {
            if (layout.Keys.Count == 0) continue;
            try
            {
                bool all = true;
                foreach (var k in layout.Keys)
                    if (!await store.HasAsync(k, ct)) { all = false; break; }
                if (all)
                {
                    if (layout.Speculative) await _log.SetAsync(key, remote, layout.ChunkSize!.Value, layout.Count, ct);
                    return true;
                }
                deferred = null;
            }
            catch (UserErrorException e) { deferred = e; }
        }
        if (deferred != null) throw deferred;
        return false;
    }

    /// <summary>
    /// retrieveChunks: writes the key's bytes from <paramref name="offset"/> on, from the first layout whose
    /// first needed object can be read. A failure after that first object is not retried elsewhere.
    /// </summary>
    public async Task RetrieveAsync(Key key, long offset, Stream destination, Action<long>? progress, CancellationToken ct)
    {
        config.RefuseLegacy();
        Exception? first = null;
        IReadOnlyList<Layout> layouts;
        if (!config.IsChunked)
        {
            try { await store.RetrieveAsync(key, offset, destination, progress, ct); return; }
            catch (Exception e) when (e is UserErrorException or IOException) { first = e; }
            layouts = await LayoutsAsync(key, onlyChunks: true, ct);
        }
        else layouts = await LayoutsAsync(key, onlyChunks: false, ct);
        foreach (var layout in layouts)
        {
            if (layout.Keys.Count == 0) continue;
            long chunkSize = layout.ChunkSize ?? long.MaxValue;
            int index = layout.ChunkSize == null ? 0 : (int)Math.Min(offset / chunkSize, layout.Keys.Count);
            if (index >= layout.Keys.Count) return; // the destination already holds every byte
            long pos = layout.ChunkSize == null ? 0 : index * chunkSize;
            try
            {
                await store.RetrieveAsync(layout.Keys[index], offset - pos, destination, progress, ct);
            }
            catch (Exception e) when (e is UserErrorException or IOException)
            {
                first ??= e;
                continue;
            }
            for (int i = index + 1; i < layout.Keys.Count; i++)
            {
                long at = (long)i * chunkSize - offset;
                await store.RetrieveAsync(layout.Keys[i], 0, destination, progress == null ? null : n => progress(at + n), ct);
            }
            return;
        }
        if (first is UserErrorException ue) throw ue;
        if (first != null) throw new UserErrorException(first.Message);
        throw new UserErrorException("unable to determine the chunks to use for this remote");
    }

    /// <summary>removeChunks: removes every object of every layout and records the chunked ones as gone.</summary>
    public async Task RemoveAsync(Key key, CancellationToken ct)
    {
        var layouts = await LayoutsAsync(key, onlyChunks: false, ct);
        foreach (var layout in layouts)
            foreach (var k in layout.Keys)
                await store.RemoveAsync(k, ct);
        foreach (var layout in layouts)
            if (layout.ChunkSize is { } size && layout.Keys.Count > 0)
                await _log.SetAsync(key, remote, size, 0, ct);
    }

    /// <summary>chunkKeys: logged layouts, the unchunked key (first when this remote does not chunk), then the
    /// layout the current chunk size would give, if no log entry already names it.</summary>
    private async Task<IReadOnlyList<Layout>> LayoutsAsync(Key key, bool onlyChunks, CancellationToken ct)
    {
        var recorded = await _log.CurrentAsync(key, remote, ct);
        var list = new List<Layout>();
        foreach (var (method, count) in recorded)
            if (method.FixedSize is { } s && Plausible(key, s, count))
                list.Add(new Layout(new ChunkKeyList(key, s, count), false, s, count));
        if (!onlyChunks)
        {
            var whole = new Layout([key], false, null, 1);
            if (config.IsChunked) list.Add(whole); else list.Insert(0, whole);
        }
        if (config.ChunkSize is { } size && key.Size is { } keySize)
        {
            long count = CountFor(keySize, size);
            if (!recorded.Any(r => r.Method.FixedSize == size && r.Count == count))
                list.Add(new Layout(new ChunkKeyList(key, size, count), true, size, count));
        }
        return list;
    }

    private static long CountFor(long keySize, long chunkSize) => Math.Max(1, keySize / chunkSize + (keySize % chunkSize == 0 ? 0 : 1));

    /// <summary>
    /// A chunk log entry comes from the git-annex branch, which anyone with push access writes: one whose chunks
    /// could not add up to the key (a zero size, a count that does not fit the key's size) is ignored rather than
    /// divided by or iterated over. Unsized keys get a generous bound instead.
    /// </summary>
    private static bool Plausible(Key key, long chunkSize, long count) =>
        chunkSize > 0 && count > 0 && (key.Size is { } size ? count == CountFor(size, chunkSize) : count <= 100_000_000);

    private static ChunkKeyList ChunkKeys(Key key, long size, long count) => new(key, size, count);

    /// <summary>The chunk keys of one layout, made as they are read, so a layout of millions of chunks costs nothing to hold.</summary>
    private sealed class ChunkKeyList(Key key, long chunkSize, long count) : IReadOnlyList<Key>
    {
        public int Count => (int)Math.Min(count, int.MaxValue);
        public Key this[int index] => key with { ChunkSize = chunkSize, ChunkNumber = index + 1L };

        public IEnumerator<Key> GetEnumerator()
        {
            for (int i = 0; i < Count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

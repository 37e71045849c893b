using System.Globalization;
using Annex.Core.Logs;
using Annex.Core.Utility;

namespace Annex.Core.Annex;

/// <summary>One requested metadata change (Types/MetaData.hs ModMeta).</summary>
public abstract record ModMeta
{
    public sealed record Add(string Field, string Value) : ModMeta;
    /// <summary>Removes one value, or with a null value every current value of the field.</summary>
    public sealed record Del(string Field, string? Value) : ModMeta;
    public sealed record DelAll : ModMeta;
    public sealed record Set(string Field, IReadOnlyList<string> Values) : ModMeta;
    public sealed record MaybeSet(string Field, string Value) : ModMeta;
}

/// <summary>
/// Metadata edits and the view `git annex metadata` shows (Annex/MetaData.hs parseModMeta,
/// Types/MetaData.hs modMeta and legalField, Logs/MetaData.hs parseCurrentMetaData): current values
/// plus FIELD-lastchanged and lastchanged dates taken from the log's timestamps.
/// </summary>
public static class MetaDataEdit
{
    public const string LastChanged = "lastchanged";
    private const string LastChangedSuffix = "-lastchanged";

    /// <summary>A field name must start alphanumeric and hold only alphanumerics and "_-.".</summary>
    public static bool LegalField(string f) =>
        f.Length > 0 && char.IsLetterOrDigit(f[0]) && f.Skip(1).All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.');

    public static string CheckedField(string f) =>
        LegalField(f) ? f : throw new UserErrorException($"Illegal metadata field name, \"{f}\"");

    public static bool IsLastChangedField(string f) =>
        f.Equals(LastChanged, StringComparison.OrdinalIgnoreCase)
        || (f.EndsWith(LastChanged, StringComparison.OrdinalIgnoreCase) && !f.Equals(LastChangedSuffix, StringComparison.OrdinalIgnoreCase));

    /// <summary>field=value, field+=value, field-=value, field?=value.</summary>
    public static ModMeta ParseSet(string p)
    {
        int eq = p.IndexOf('=');
        var f = eq < 0 ? p : p[..eq];
        var v = eq < 0 ? "" : p[(eq + 1)..];
        if (f.Length > 0)
        {
            var shortF = f[..^1];
            switch (f[^1])
            {
                case '+': return new ModMeta.Add(CheckedField(shortF), v);
                case '-': return new ModMeta.Del(CheckedField(shortF), v);
                case '?': return new ModMeta.MaybeSet(CheckedField(shortF), v);
            }
        }
        return new ModMeta.Set(CheckedField(f), [v]);
    }

    private static IEnumerable<MetaValue> CurrentValues(MetaData m, string field) =>
        m.Fields.TryGetValue(field, out var vs) ? vs.Where(v => v.IsSet) : [];

    /// <summary>modMeta: the change one edit makes to <paramref name="current"/>.</summary>
    public static MetaData Apply(MetaData current, ModMeta mod) => mod switch
    {
        ModMeta.Add a => new MetaData([(a.Field, MetaValue.Set(a.Value))]),
        ModMeta.Del { Value: { } v } d => new MetaData([(d.Field, MetaValue.Unset(v))]),
        ModMeta.Del d => new MetaData(CurrentValues(current, d.Field).Select(v => (d.Field, new MetaValue(false, v.Bytes)))),
        ModMeta.DelAll => new MetaData(current.Current().Fields.SelectMany(kv => kv.Value.Select(v => (kv.Key, new MetaValue(false, v.Bytes))))),
        ModMeta.Set s => new MetaData(CurrentValues(current, s.Field).Select(v => (s.Field, new MetaValue(false, v.Bytes)))
            .Concat(s.Values.Select(v => (s.Field, MetaValue.Set(v))))),
        ModMeta.MaybeSet ms => CurrentValues(current, ms.Field).Any() ? MetaData.Empty : new MetaData([(ms.Field, MetaValue.Set(ms.Value))]),
        _ => throw new ArgumentOutOfRangeException(nameof(mod)),
    };

    /// <summary>combineMetaData of every edit, lastchanged fields dropped (they are never logged).</summary>
    public static MetaData Combine(MetaData current, IEnumerable<ModMeta> mods)
    {
        var combined = mods.Aggregate(MetaData.Empty, (acc, m) => acc.Union(Apply(current, m)));
        return new MetaData(combined.Fields.Where(kv => !IsLastChangedField(kv.Key))
            .SelectMany(kv => kv.Value.Select(v => (kv.Key, v))));
    }

    /// <summary>parseCurrentMetaData: current values plus FIELD-lastchanged (newest line touching a set field) and lastchanged.</summary>
    public static MetaData CurrentWithDates(SingleValueLog<MetaData> log)
    {
        var current = MetaDataLog.Current(log);
        var entries = log.Entries.ToList();
        if (entries.Count == 0) return current;
        var stamps = new Dictionary<string, LogTimestamp>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in entries)
            foreach (var f in e.Value.Fields.Keys) stamps[f] = e.Changed;
        var extra = new List<(string, MetaValue)> { (LastChanged, MetaValue.Set(Date(entries[^1].Changed))) };
        foreach (var f in current.Fields.Keys)
            if (stamps.TryGetValue(f, out var ts)) extra.Add((f + LastChangedSuffix, MetaValue.Set(Date(ts))));
        return current.Union(new MetaData(extra)).Current();
    }

    /// <summary>%F@%H-%M-%S in UTC, of a log timestamp (0 when unknown).</summary>
    public static string Date(LogTimestamp ts)
    {
        long seconds = ts.IsKnown ? (long)(ts.TotalPicoseconds / 1_000_000_000_000) : 0;
        return DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd@HH-mm-ss", CultureInfo.InvariantCulture);
    }
}

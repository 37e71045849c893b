using System.Globalization;

namespace Annex.Core.Keys;

/// <summary>
/// The key-derived variables of <c>--format</c> in examinekey, find and friends (formatVars in
/// Command/Find.hs and Command/ExamineKey.hs; doc/git-annex-examinekey.mdwn). Missing size or
/// mtime print as "unknown". ${file}, ${escaped_*} and ${objectpath} depend on the work tree or
/// repository layout and are left to the caller.
/// </summary>
public static class KeyFields
{
    public static IReadOnlyDictionary<string, string> Of(Key key) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["key"] = key.ToString(),
        ["backend"] = key.Backend,
        ["bytesize"] = key.Size?.ToString(CultureInfo.InvariantCulture) ?? "unknown",
        ["humansize"] = key.Size is { } s ? HumanSize.Rough(s) : "unknown",
        ["keyname"] = key.Name,
        ["hashdirlower"] = HashDirs.Lower(key),
        ["hashdirmixed"] = HashDirs.Mixed(key),
        ["mtime"] = key.Mtime?.ToString(CultureInfo.InvariantCulture) ?? "unknown",
        // The content of an unlocked file's pointer, newline included, as examinekey prints it.
        ["objectpointer"] = "/annex/objects/" + KeyFile.Escape(key) + "\n",
    };
}

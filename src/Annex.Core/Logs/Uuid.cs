namespace Annex.Core.Logs;

/// <summary>
/// A repository UUID as it appears in git config (annex.uuid) and the git-annex branch logs.
/// git-annex does not require RFC 4122 syntax (special remotes may use any word), so only
/// the characters that would break a log line are refused: whitespace, control characters and '/'.
/// </summary>
public readonly record struct Uuid
{
    public string Value { get; }

    private Uuid(string value) => Value = value;

    public static bool TryParse(ReadOnlySpan<char> s, out Uuid uuid)
    {
        uuid = default;
        if (s.IsEmpty) return false;
        foreach (var c in s)
            if (c <= ' ' || c == '/' || c == 0x7f) return false;
        uuid = new Uuid(s.ToString());
        return true;
    }

    public static Uuid Parse(string s) =>
        TryParse(s, out var u) ? u : throw new FormatException($"bad uuid: {s}");

    public static Uuid NewRandom() => new(Guid.NewGuid().ToString("D"));

    public bool IsEmpty => string.IsNullOrEmpty(Value);

    public override string ToString() => Value ?? "";
}

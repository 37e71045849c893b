namespace Annex.Cli.CommandLine;

/// <summary>A verb's arguments after parsing: plain parameters, option values, and the ordered matching options.</summary>
public sealed class ParsedArgs
{
    public List<string> Params { get; } = [];
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    public List<(string Name, string? Value)> Matching { get; } = [];

    public void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var l)) _values[name] = l = [];
        l.Add(value);
    }

    public bool Has(string name) => _values.ContainsKey(name);
    public string? Value(string name) => _values.TryGetValue(name, out var l) ? l[^1] : null;
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var l) ? l : [];
}

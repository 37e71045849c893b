using System.Text;

namespace Annex.Cli.Output;

/// <summary>
/// git-annex's --json objects: keys in ordinal (sorted) order, as its JSON encoder emits them, and raw UTF-8
/// (non-ASCII is not \u-escaped). Built by hand because System.Text.Json orders and escapes differently,
/// and other programs compare this output byte for byte.
/// </summary>
public sealed class JsonObject
{
    private readonly SortedDictionary<string, object?> _fields = new(StringComparer.Ordinal);

    public JsonObject Set(string key, object? value) { _fields[key] = value; return this; }

    public bool Has(string key) => _fields.ContainsKey(key);

    public object? Get(string key) => _fields.TryGetValue(key, out var v) ? v : null;

    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb, this);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? v)
    {
        switch (v)
        {
            case null: sb.Append("null"); break;
            case string s: WriteString(sb, s); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case int or long: sb.Append(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)); break;
            case JsonObject o:
                sb.Append('{');
                bool first = true;
                foreach (var (k, val) in o._fields)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteString(sb, k);
                    sb.Append(':');
                    Write(sb, val);
                }
                sb.Append('}');
                break;
            case System.Collections.IEnumerable list:
                sb.Append('[');
                bool f = true;
                foreach (var item in list)
                {
                    if (!f) sb.Append(',');
                    f = false;
                    Write(sb, item);
                }
                sb.Append(']');
                break;
            default: WriteString(sb, v.ToString() ?? ""); break;
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4"));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}

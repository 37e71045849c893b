using System.Text;

namespace Annex.Cli.Output;

public enum OutputMode { Normal, Quiet, Json }

/// <summary>
/// What a command shows the user, in git-annex's shapes: "verb file (note) ok" lines on stdout with
/// explanations on stderr, or one JSON object per item with --json. Commands describe items; this
/// class decides how they look.
/// </summary>
public sealed class Messages
{
    private readonly Stream _stdout = Console.OpenStandardOutput();
    private readonly Stream _stderr = Console.OpenStandardError();
    public OutputMode Mode { get; set; } = OutputMode.Normal;
    public bool JsonErrorMessages { get; set; }
    public bool JsonProgress { get; set; }

    private JsonObject? _item;
    private List<string>? _notes;
    private List<string>? _errors;

    public bool Json => Mode == OutputMode.Json;

    /// <summary>Begins reporting on one item ("add foo ").</summary>
    public void StartItem(string command, string? file, string? key, string? input = null, string? displayName = null,
        IReadOnlyList<string>? inputs = null)
    {
        _notes = [];
        _errors = [];
        _inItem = true;
        _meter = new ProgressMeter(this, DateTime.UtcNow);
        if (Json)
        {
            _item = new JsonObject().Set("command", command).Set("error-messages", new List<string>());
            if (file != null) _item.Set("file", file);
            if (key != null) _item.Set("key", key);
            _item.Set("input", inputs?.ToList() ?? (input == null ? new List<string>() : new List<string> { input }));
            return;
        }
        if (Mode == OutputMode.Normal)
            Out(command + " " + (displayName ?? file ?? key ?? "") + " ");
    }

    /// <summary>A side action within an item (showSideAction): "(text)" ending the item's line, so its ok/failed
    /// comes on the next one.</summary>
    public void SideAction(string text)
    {
        ClearMeter();
        _notes?.Add(text);
        if (Mode == OutputMode.Normal) Out("(" + text + ")\n");
    }

    /// <summary>A short note shown in parentheses on the item's line ("(not available)").</summary>
    public void Note(string note)
    {
        ClearMeter();
        _notes?.Add(note);
        if (Mode == OutputMode.Normal) Out("(" + note + ") ");
    }

    /// <summary>
    /// One long note as the reference's showLongNote writes it: every line indented, blank ones too (Explain leaves
    /// blank lines bare, which is what several notes in a row look like).
    /// </summary>
    public void LongNote(string text)
    {
        ClearMeter();
        if (Json) { _notes?.Add(text); return; }
        var indented = string.Join("\n", text.TrimEnd('\n').Split('\n').Select(l => "  " + l));
        if (Mode == OutputMode.Normal) { Out("\n" + indented); _explained = true; }
        else Err(indented + "\n");
    }

    /// <summary>A longer explanation of an item's outcome: indented on stderr, or part of the JSON note.</summary>
    public void Explain(string text)
    {
        ClearMeter();
        if (Json) { _notes?.Add(text); return; }
        // The reference puts an item's explanation on stdout, between its start and its ok/failed.
        if (Mode == OutputMode.Normal) { Out("\n" + Indent(text).TrimEnd('\n')); _explained = true; }
        else Err(Indent(text));
    }

    private DateTime _lastProgress;

    /// <summary>
    /// Transfer progress of the current item. Only --json-progress shows it: objects of the item's action
    /// with byte-progress, percent-progress and total-size, at most every 100 ms plus the final one.
    /// </summary>
    public void Progress(long done, long? total)
    {
        if (!Json && Mode == OutputMode.Normal && _inItem) { _meter.Update(done, total, DateTime.UtcNow); return; }
        if (!JsonProgress || _item == null) return;
        var now = DateTime.UtcNow;
        bool final = total is { } t0 && done >= t0;
        if (!final && now - _lastProgress < TimeSpan.FromMilliseconds(100)) return;
        _lastProgress = now;
        var action = new JsonObject();
        foreach (var k in new[] { "command", "file", "input", "key" })
            if (_item.Has(k)) action.Set(k, _item.Get(k));
        if (_notes is { Count: > 0 }) action.Set("note", string.Join("\n", _notes));
        var o = new JsonObject().Set("action", action).Set("byte-progress", done);
        if (total is { } t && t > 0) o.Set("percent-progress", Percent(done, t)).Set("total-size", t);
        Out(o + "\n");
        FlushOut();
    }

    /// <summary>"1.09%", "100%": two decimals at most, trailing zeros dropped, as the reference shows them.</summary>
    public static string Percent(long done, long total) =>
        (Math.Floor(done * 10000.0 / total) / 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>Extra JSON field for the current item.</summary>
    public void Field(string name, object? value) => _item?.Set(name, value);

    /// <summary>An error about the current item (JSON: error-messages with --json-error-messages).</summary>
    /// <summary>A warning about the current item (the reference's warning inside an action): the item's line is
    /// ended first, the warning goes indented to stderr, and the item's "failed" or "ok" follows on its own line.</summary>
    public void ItemWarning(string text)
    {
        ClearMeter();
        if (Json) { if (JsonErrorMessages) ((List<string>)_item!.Get("error-messages")!).Add(text); else Err(Indent(text)); return; }
        if (Mode == OutputMode.Normal)
        {
            Out("\n");
            _explained = false;
        }
        FlushOut();
        Err(string.Concat(text.TrimEnd('\n').Split('\n').Select(l => "  " + l + "\n")));
    }

    public void ItemError(string text)
    {
        ClearMeter();
        _errors?.Add(text);
        if (Json) { if (JsonErrorMessages) ((List<string>)_item!.Get("error-messages")!).Add(text); else Err(text + "\n"); }
        else if (Mode == OutputMode.Normal)
        {
            // As the reference: the item's stdout line is ended, the error goes to stderr, "failed" follows.
            Out("\n");
            _explained = false;
            FlushOut();
            Err("git-annex: " + text + "\n");
        }
        else Err("git-annex: " + text + "\n");
    }

    public void EndItem(bool success)
    {
        ClearMeter();
        _inItem = false;
        if (Json && _item != null)
        {
            if (_notes is { Count: > 0 } && !_item.Has("note")) _item.Set("note", string.Join("\n", _notes));
            _item.Set("success", success);
            Out(_item + "\n");
            _item = null;
        }
        else if (Mode == OutputMode.Normal) Out((_explained ? "\n" : "") + (success ? "ok\n" : "failed\n"));
        _explained = false;
        FlushOut();
    }

    /// <summary>A line of plain output (find, whereis details, info): never shown in JSON mode by this call.</summary>
    public void Line(string text) { if (!Json) Out(text + "\n"); }

    /// <summary>Raw output regardless of mode (find --format, --batch replies).</summary>
    public void Raw(string text) => Out(text);

    public void RawJson(JsonObject o) => Out(o + "\n");

    /// <summary>"(recording state in git...)" and similar side remarks; hidden by --quiet and --json.</summary>
    public void Side(string text) { if (Mode == OutputMode.Normal) Out(text + "\n"); }

    /// <summary>A warning on stderr, shown even when quiet.</summary>
    public void Warning(string text) { FlushOut(); Err(Indent(text)); }

    /// <summary>
    /// A warning after a newline on stdout, which ends an open item line or leaves a blank one: the reference's
    /// plain `warning` (Messages.hs warning' with makeway).
    /// </summary>
    public void WarningMakeWay(string text)
    {
        if (Mode == OutputMode.Normal) Out("\n");
        Warning(text);
    }

    /// <summary>An error not tied to an item: "git-annex: text" and a blank line on stderr, as the reference prints it.</summary>
    public void Error(string text) { FlushOut(); Err("git-annex: " + text + "\n\n"); }

    public void ErrorRaw(string text) { FlushOut(); Err(text); }

    private static string Indent(string text) =>
        string.Concat(text.Split('\n').Select(l => (l.Length == 0 ? "" : "  " + l) + "\n"));

    private bool _explained;
    private bool _inItem;
    private ProgressMeter _meter = null!;

    /// <summary>Takes the transfer meter off the item's line (clearMeterHandle), before anything else is written there.</summary>
    private void ClearMeter()
    {
        if (_meter?.Clear() is { } clearing) Out(clearing);
    }

    internal void WriteMeter(string text)
    {
        Out(text);
        FlushOut();
    }

    private readonly MemoryStream _buf = new();

    /// <summary>How many writes to stdout so far: batch mode answers with a blank line when an item produced none.</summary>
    public long OutputCount { get; private set; }

    private void Out(string s)
    {
        OutputCount++;
        var b = Encoding.UTF8.GetBytes(s);
        _buf.Write(b);
        if (_buf.Length > 32 * 1024) FlushOut();
    }

    public void FlushOut()
    {
        if (_buf.Length == 0) return;
        _stdout.Write(_buf.GetBuffer(), 0, (int)_buf.Length);
        _stdout.Flush();
        _buf.SetLength(0);
    }

    private void Err(string s)
    {
        _stderr.Write(Encoding.UTF8.GetBytes(s));
        _stderr.Flush();
    }
}

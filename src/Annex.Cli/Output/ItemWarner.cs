namespace Annex.Cli.Output;

/// <summary>
/// Warnings about the item being reported (git-annex's `warning` inside an action): the open
/// "verb file " line is ended first, the text goes to stderr indented; with --json-error-messages each
/// line becomes one of the item's error-messages instead.
/// </summary>
public sealed class ItemWarner(Messages messages)
{
    private bool _lineEnded;

    /// <summary>Call when a new item starts.</summary>
    public void Reset() => _lineEnded = false;

    public void Warn(string text)
    {
        text = text.TrimEnd('\n');
        if (messages.Json && messages.JsonErrorMessages)
        {
            foreach (var line in text.Split('\n')) messages.ItemError(line);
            return;
        }
        if (messages.Mode == OutputMode.Normal && !_lineEnded)
        {
            messages.Raw("\n");
            _lineEnded = true;
        }
        messages.Warning(text);
    }
}

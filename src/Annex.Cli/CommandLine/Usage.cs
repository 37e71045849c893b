using System.Text;

namespace Annex.Cli.CommandLine;

/// <summary>The top-level usage text, laid out as the reference prints it.</summary>
public static class Usage
{
    public static string Text()
    {
        var sb = new StringBuilder();
        sb.Append("Usage: git-annex COMMAND\n\n  git-annex - manage files with git, without checking their contents in\n\n");
        string? section = null;
        foreach (var e in VerbCatalog.All)
        {
            if (e.Section != section)
            {
                if (section != null) sb.Append('\n');
                section = e.Section;
                sb.Append("  ").Append(section).Append(":\n\n");
            }
            sb.Append("  ").Append(e.Name.PadRight(15)).Append(' ').Append(e.Description).Append('\n');
        }
        sb.Append('\n');
        return sb.ToString();
    }
}

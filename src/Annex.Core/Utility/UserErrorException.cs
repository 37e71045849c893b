namespace Annex.Core.Utility;

/// <summary>
/// An error the user can act on: printed as "git-annex: message" by Main, which exits with ExitCode.
/// The only exception type that is caught on purpose (see ARCHITECTURE.md, convention 8).
/// </summary>
public sealed class UserErrorException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>Shown as the reference shows a warning that fails an item ("  message" on stderr) rather than as
    /// "git-annex: message".</summary>
    public bool AsWarning { get; init; }
}

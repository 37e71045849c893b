namespace Annex.Core.Remotes.Ssh;

/// <summary>
/// A program and its exact arguments (no shell in between unless Program is "sh"), plus the
/// connection-caching socket it uses, if any, so the caller can hold the socket's lock while it runs.
/// </summary>
public sealed record SshInvocation(string Program, IReadOnlyList<string> Arguments, string? SocketFile = null,
    string? WorkingDirectory = null)
{
    public override string ToString() => Program + " " + string.Join(' ', Arguments.Select(ShellQuote.Escape));
}

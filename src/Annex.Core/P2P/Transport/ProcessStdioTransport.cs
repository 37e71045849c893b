using System.Diagnostics;
using Annex.Core.Utility;

namespace Annex.Core.P2P.Transport;

/// <summary>
/// A child process's stdout and stdin as a duplex byte stream pair (how git-annex talks to
/// `ssh host git-annex-shell p2pstdio`, P2P/IO.hs). Knows nothing of what flows over it. The child's
/// stderr is not captured: it is ours, so ssh password prompts and remote errors reach the user.
/// Shutdown is graceful first: close the child's stdin (the remote end sees EOF and exits), wait,
/// and kill only after the grace period or when cancelled.
/// </summary>
public sealed class ProcessStdioTransport : IAsyncDisposable
{
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly CancellationTokenRegistration _cancelRegistration;
    private int _closed;

    /// <summary>Bytes the child writes (its stdout).</summary>
    public Stream Input { get; }
    /// <summary>Bytes for the child to read (its stdin). Flush after each message.</summary>
    public Stream Output { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    private ProcessStdioTransport(Process process, CancellationToken ct)
    {
        _process = process;
        Input = process.StandardOutput.BaseStream;
        Output = process.StandardInput.BaseStream;
        foreach (var s in new[] { Input, Output })
            if (s is System.IO.Pipes.PipeStream pipe) Posix.TryGrowPipe((int)pipe.SafePipeHandle.DangerousGetHandle());
        // Cancellation ends the conversation the same way a close does, without waiting for the grace period.
        _cancelRegistration = ct.Register(() => _ = CloseAsync(TimeSpan.Zero, CancellationToken.None));
    }

    /// <summary>Starts <paramref name="program"/>; cancelling <paramref name="ct"/> later kills it.</summary>
    public static ProcessStdioTransport Start(string program, IEnumerable<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? env = null, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var psi = ProcessRunner.StartInfo(program, args, workingDirectory, env);
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = false;
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new UserErrorException($"cannot run {program}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new UserErrorException($"cannot run {program}: {e.Message}");
        }
        return new ProcessStdioTransport(process, ct);
    }

    /// <summary>Waits for the child to exit by itself; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken ct = default)
    {
        await _process.WaitForExitAsync(ct);
        return _process.ExitCode;
    }

    /// <summary>
    /// Closes the child's stdin, waits up to <paramref name="grace"/> for it to exit, then kills it.
    /// Returns the exit code (137-style codes from a kill are the runtime's, not ssh's).
    /// </summary>
    public async Task<int> CloseAsync(TimeSpan grace, CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            try { Output.Close(); }
            catch (IOException) { /* the child already went away; nothing to tell it */ }
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
        }
        return _process.ExitCode;
    }

    private void Kill()
    {
        try { _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* exited meanwhile */ }
    }

    public async ValueTask DisposeAsync()
    {
        await _cancelRegistration.DisposeAsync();
        await CloseAsync(DefaultGrace);
        _process.Dispose();
    }
}

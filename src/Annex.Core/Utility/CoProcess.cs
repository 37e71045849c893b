using System.Diagnostics;

namespace Annex.Core.Utility;

/// <summary>
/// A long-lived child process spoken to over its stdin/stdout (git cat-file --batch, hash-object --stdin-paths, ...).
/// Callers own the protocol; this class owns the process lifetime: closing stdin first lets the child
/// finish cleanly, and only a child that ignores that is killed.
/// </summary>
public sealed class CoProcess : IAsyncDisposable, IDisposable
{
    private readonly Process _process;
    public Stream Input { get; }
    public BufferedReader Output { get; }
    public string Description { get; }

    private CoProcess(Process process, string description)
    {
        _process = process;
        Description = description;
        Input = new BufferedStream(process.StandardInput.BaseStream, 64 * 1024);
        Output = new BufferedReader(process.StandardOutput.BaseStream);
    }

    public static CoProcess Start(string program, IEnumerable<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? env = null)
    {
        var psi = ProcessRunner.StartInfo(program, args, workingDirectory, env);
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        var p = Process.Start(psi) ?? throw new UserErrorException($"cannot run {program}");
        return new CoProcess(p, program + " " + string.Join(' ', psi.ArgumentList));
    }

    public bool HasExited => _process.HasExited;

    private bool _inputClosed, _disposed;

    /// <summary>Flushes and closes the child's stdin (idempotent): the child sees end of input.</summary>
    public void CloseInput()
    {
        if (_inputClosed) return;
        _inputClosed = true;
        try { Input.Flush(); } catch (IOException) { }
        try { Input.Dispose(); } catch (IOException) { }
    }

    /// <summary>Closes stdin and waits for the child to exit; returns its exit code.</summary>
    public async Task<int> CloseAsync(CancellationToken ct = default)
    {
        CloseInput();
        await _process.WaitForExitAsync(ct);
        return _process.ExitCode;
    }

    /// <summary>Closes stdin, waits, disposes; a non-zero exit becomes a user error naming <paramref name="what"/>.</summary>
    public async Task FinishAsync(string what, CancellationToken ct = default)
    {
        var rc = await CloseAsync(ct);
        await DisposeAsync();
        if (rc != 0) throw new UserErrorException($"{what} failed");
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try { await CloseAsync().WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (TimeoutException) { try { _process.Kill(true); } catch (InvalidOperationException) { } }
        _process.Dispose();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        CloseInput();
        if (!_process.WaitForExit(10_000)) { try { _process.Kill(true); } catch (InvalidOperationException) { } }
        _process.Dispose();
    }
}

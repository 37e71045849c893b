using System.Diagnostics;
using System.Text;

namespace Annex.Core.Utility;

/// <summary>Result of a finished child process; output is raw bytes because git output is not always UTF-8.</summary>
public sealed record ProcessResult(int ExitCode, byte[] Stdout, string Stderr)
{
    public bool Ok => ExitCode == 0;
    public string StdoutText => Encoding.UTF8.GetString(Stdout);
}

/// <summary>Runs a program to completion. For anything called per item, use <see cref="CoProcess"/> instead.</summary>
public static class ProcessRunner
{
    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> args, string? workingDirectory,
        IReadOnlyDictionary<string, string?>? env)
    {
        var psi = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env != null)
            foreach (var (k, v) in env)
            {
                if (v == null) psi.Environment.Remove(k);
                else psi.Environment[k] = v;
            }
        return psi;
    }

    /// <summary>Runs and captures stdout and stderr; stdin gets <paramref name="stdin"/> (or nothing).</summary>
    public static async Task<ProcessResult> RunAsync(string program, IEnumerable<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? env = null, byte[]? stdin = null, bool captureStderr = true,
        CancellationToken ct = default)
    {
        var psi = StartInfo(program, args, workingDirectory, env);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = captureStderr;
        psi.RedirectStandardInput = true;
        using var p = Process.Start(psi) ?? throw new UserErrorException($"cannot run {program}");
        var outTask = ReadAllAsync(p.StandardOutput.BaseStream, ct);
        var errTask = captureStderr ? p.StandardError.ReadToEndAsync(ct) : Task.FromResult("");
        try
        {
            if (stdin != null) await p.StandardInput.BaseStream.WriteAsync(stdin, ct);
            p.StandardInput.Close();
        }
        catch (IOException) { /* the child exited without reading its input; its exit code tells the story */ }
        var stdout = await outTask;
        var stderr = await errTask;
        await p.WaitForExitAsync(ct);
        return new ProcessResult(p.ExitCode, stdout, stderr);
    }

    /// <summary>Runs with stdout and stderr passed through to ours; returns the exit code.</summary>
    public static async Task<int> RunInheritAsync(string program, IEnumerable<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? env = null, CancellationToken ct = default)
    {
        var psi = StartInfo(program, args, workingDirectory, env);
        using var p = Process.Start(psi) ?? throw new UserErrorException($"cannot run {program}");
        await p.WaitForExitAsync(ct);
        return p.ExitCode;
    }

    private static async Task<byte[]> ReadAllAsync(Stream s, CancellationToken ct)
    {
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms, ct);
        return ms.ToArray();
    }
}

using System.Diagnostics;

namespace Annex.IntegrationTests.Differential;

/// <summary>Locates our published binary and the reference git-annex, and runs commands in temp repositories.</summary>
public static class Binaries
{
    public static string Ours =>
        Environment.GetEnvironmentVariable("ANNEXSHARP_BIN") is { Length: > 0 } b ? b
        : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../artifacts/bin/git-annex"));

    public static string Reference =>
        Path.Combine(Environment.GetEnvironmentVariable("GIT_ANNEX_REF_PREFIX") ?? "/opt/git-annex-ref", "bin/git-annex");

    /// <summary>True when both binaries are there; in CI their absence is a failure, not a skip.</summary>
    public static bool Available()
    {
        bool ok = File.Exists(Ours) && File.Exists(Reference);
        if (!ok && Environment.GetEnvironmentVariable("CI") == "true")
            throw new InvalidOperationException($"differential tests need {Ours} and {Reference}");
        return ok;
    }

    public static (int Code, string Out, string Err) Run(string program, string dir, params string[] args) =>
        RunWith(program, program, dir, args);

    /// <summary>Runs <paramref name="program"/> with <paramref name="annex"/>'s directory first in PATH (for git's hooks and filters).</summary>
    public static (int Code, string Out, string Err) RunWith(string annex, string program, string dir, params string[] args) =>
        RunWithInput(annex, program, dir, null, args);

    /// <summary>Runs with <paramref name="input"/> on stdin (for --batch).</summary>
    /// <summary>Environment added to every process these helpers start (e.g. a fixed GIT_ANNEX_VECTOR_CLOCK).</summary>
    [ThreadStatic] public static Dictionary<string, string>? ExtraEnv;

    public static (int Code, string Out, string Err) RunWithInput(string annex, string program, string dir, string? input, params string[] args)
    {
        var psi = new ProcessStartInfo(program)
        {
            WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // git must find the same binary when it runs hooks and filters.
        psi.Environment["PATH"] = Path.GetDirectoryName(annex) + ":" + Environment.GetEnvironmentVariable("PATH");
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        if (ExtraEnv != null) foreach (var (k, v) in ExtraEnv) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        if (input != null) p.StandardInput.Write(input);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs git in a repository owned by <paramref name="annex"/> (whose hooks it will run).</summary>
    public static string Git(string annex, string dir, params string[] args)
    {
        var r = RunWith(annex, "git", dir, args);
        if (r.Code != 0) throw new InvalidOperationException($"git {string.Join(' ', args)}: {r.Err}");
        return r.Out;
    }

    /// <summary>
    /// Fixes a repository's UUID before init (which keeps an existing annex.uuid), so that runs with the two
    /// binaries list locations in the same UUID order and transcripts can be compared.
    /// </summary>
    public static void FixUuid(string annex, string dir, string uuid) => Git(annex, dir, "config", "annex.uuid", uuid);

    public const string OriginUuid = "11111111-1111-4111-8111-111111111111", CloneUuid = "22222222-2222-4222-8222-222222222222";

    public static string NewRepo()
    {
        var dir = Directory.CreateTempSubdirectory("annexsharp-diff-").FullName;
        Git(Ours, dir, "init", "-q");
        Git(Ours, dir, "config", "user.name", "Test");
        Git(Ours, dir, "config", "user.email", "test@example.com");
        return dir;
    }
}

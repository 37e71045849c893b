using System.Diagnostics;
using Annex.IntegrationTests.Differential;

namespace Annex.IntegrationTests.Shell;

/// <summary>Runs our git-annex-shell and the reference's on the same repositories, with a chosen environment.</summary>
public static class ShellRunner
{
    public static string OursShell => Path.Combine(Path.GetDirectoryName(Binaries.Ours)!, "git-annex-shell");
    public static string RefShell => Path.Combine(Path.GetDirectoryName(Binaries.Reference)!, "git-annex-shell");
    public static string RefAnnex => Binaries.Reference;

    public static (int Code, string Out, string Err) Run(string program, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["PATH"] = Path.GetDirectoryName(program) + ":" + Environment.GetEnvironmentVariable("PATH");
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        foreach (var v in new[] { "GIT_ANNEX_SHELL_READONLY", "GIT_ANNEX_SHELL_APPENDONLY", "GIT_ANNEX_SHELL_LIMITED", "GIT_ANNEX_SHELL_DIRECTORY" })
            psi.Environment.Remove(v);
        if (env != null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, o.Result, e.Result);
    }

    /// <summary>Both shells, same arguments and environment: same exit code, stdout and stderr.</summary>
    public static (int Code, string Out, string Err) Same(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var r = Run(RefShell, env, args);
        var o = Run(OursShell, env, args);
        Assert.Equal((r.Code, r.Out, r.Err), (o.Code, o.Out, o.Err));
        return o;
    }

    public static Dictionary<string, string> Env(string name, string value) => new() { [name] = value };

    /// <summary>A fresh git repository; with <paramref name="annex"/>, initialised by the reference with one annexed file.</summary>
    public static (string Dir, string? Key) NewRepo(bool annex, bool bare = false)
    {
        var dir = Directory.CreateTempSubdirectory("annexsharp-shell-").FullName;
        Binaries.Git(RefAnnex, dir, bare ? ["init", "-q", "--bare"] : ["init", "-q"]);
        if (!annex) return (dir, null);
        Binaries.Git(RefAnnex, dir, "config", "user.name", "Test");
        Binaries.Git(RefAnnex, dir, "config", "user.email", "test@example.com");
        Assert.Equal(0, Binaries.Run(RefAnnex, dir, "init", "-q").Code);
        File.WriteAllText(Path.Combine(dir, "f"), "hello\n");
        Assert.Equal(0, Binaries.Run(RefAnnex, dir, "add", "-q", "f").Code);
        Binaries.Git(RefAnnex, dir, "commit", "-qm", "add");
        return (dir, Binaries.Run(RefAnnex, dir, "lookupkey", "f").Out.Trim());
    }

    public static bool Available() => Binaries.Available() && File.Exists(OursShell) && File.Exists(RefShell);
}

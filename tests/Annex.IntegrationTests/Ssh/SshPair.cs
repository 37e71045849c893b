using System.Text.Json;
using Annex.IntegrationTests.Differential;

namespace Annex.IntegrationTests.Ssh;

/// <summary>
/// An origin repository served over a real sshd by one git-annex-shell, and a clone whose `origin` is the ssh
/// URL, driven by one git-annex client: the two can be ours or the reference's, in any mix.
/// </summary>
public sealed class SshPair : IAsyncDisposable
{
    public const string FileName = "f";
    public const string Content = "hello world\n";

    public SshServerFixture Sshd { get; }
    public string Client { get; }
    public string Server { get; }
    public string Origin { get; }
    public string Clone { get; }
    public Dictionary<string, string> Env { get; } = new();

    private SshPair(SshServerFixture sshd, string client, string server, string origin, string clone)
    {
        Sshd = sshd; Client = client; Server = server; Origin = origin; Clone = clone;
    }

    public static async Task<SshPair> StartAsync(string client, string server)
    {
        var sshd = await SshServerFixture.StartAsync(Path.GetDirectoryName(server)!);
        var origin = Binaries.NewRepo();
        Binaries.FixUuid(server, origin, Binaries.OriginUuid);
        Assert.Equal(0, Binaries.RunWith(server, server, origin, "init", "-q", "origin").Code);
        File.WriteAllText(Path.Combine(origin, FileName), Content);
        Assert.Equal(0, Binaries.RunWith(server, server, origin, "add", "-q", FileName).Code);
        Binaries.Git(server, origin, "commit", "-qm", "add");

        var clone = Directory.CreateTempSubdirectory("annexsharp-sshclone-").FullName;
        Binaries.Git(client, clone, "clone", "-q", origin, ".");
        Binaries.Git(client, clone, "config", "user.name", "Test");
        Binaries.Git(client, clone, "config", "user.email", "test@example.com");
        Binaries.FixUuid(client, clone, Binaries.CloneUuid);
        Binaries.Git(client, clone, "config", "remote.origin.url", $"{SshServerFixture.Host}:{origin}");
        Binaries.Git(client, clone, "config", "annex.ssh-options", string.Join(' ', sshd.SshOptions));
        Assert.Equal(0, Binaries.RunWith(client, client, clone, "init", "-q", "clone").Code);
        return new SshPair(sshd, client, server, origin, clone);
    }

    /// <summary>Runs the client in the clone; asserts success and returns stdout.</summary>
    public string Ok(params string[] args)
    {
        var r = Run(args);
        Assert.True(r.Code == 0, $"git annex {string.Join(' ', args)} exited {r.Code}\n{r.Out}\n{r.Err}");
        return r.Out;
    }

    public (int Code, string Out, string Err) Run(params string[] args)
    {
        Binaries.ExtraEnv = Env;
        try { return Binaries.RunWith(Client, Client, Clone, args); }
        finally { Binaries.ExtraEnv = null; }
    }

    public bool CloneHasContent => HasObject(Clone);
    public bool OriginHasContent => HasObject(Origin);

    private static bool HasObject(string repo) =>
        Directory.Exists(Path.Combine(repo, ".git/annex/objects"))
        && Directory.EnumerateFiles(Path.Combine(repo, ".git/annex/objects"), "*", SearchOption.AllDirectories)
            .Any(p => !p.EndsWith(".lck") && !p.EndsWith(".rtm") && !p.EndsWith(".rtl") && File.ReadAllText(p) == Content);

    /// <summary>The UUIDs `whereis --json` lists in <paramref name="repo"/>, as <paramref name="annex"/> reads its location log.</summary>
    public static SortedSet<string> Whereis(string annex, string repo)
    {
        var r = Binaries.RunWith(annex, annex, repo, "whereis", "--json", FileName);
        var set = new SortedSet<string>(StringComparer.Ordinal);
        if (r.Out.Trim().Length == 0) return set;
        using var doc = JsonDocument.Parse(r.Out.Trim().Split('\n')[0]);
        foreach (var w in doc.RootElement.GetProperty("whereis").EnumerateArray()) set.Add(w.GetProperty("uuid").GetString()!);
        return set;
    }

    /// <summary>Both binaries read each repository's location log the same way, and it says <paramref name="expected"/>.</summary>
    public void AssertLogs(string repo, params string[] expected)
    {
        var want = new SortedSet<string>(expected, StringComparer.Ordinal);
        Assert.Equal(want, Whereis(Binaries.Ours, repo));
        Assert.Equal(want, Whereis(Binaries.Reference, repo));
    }

    public async ValueTask DisposeAsync()
    {
        // Stop any cached ssh connection the client left (the reference stops its own at exit).
        foreach (var sock in Directory.Exists(Path.Combine(Clone, ".git/annex/ssh"))
                     ? Directory.EnumerateFiles(Path.Combine(Clone, ".git/annex/ssh")).Where(f => !f.EndsWith(".lock")) : [])
            Binaries.Run("ssh", Path.GetDirectoryName(sock)!, "-O", "stop", "-S", Path.GetFileName(sock), "localhost");
        await Sshd.DisposeAsync();
    }
}

using Annex.Cli.CommandLine;
using Annex.Core.Annex;
using Annex.Core.Git;

namespace Annex.Cli.Commands;

/// <summary>
/// `git-annex filter-process`: git's long-running filter (gitattributes(5)), started once per git command
/// that reads or writes the work tree. Speaks pkt-line on stdin/stdout; only clean and smudge are offered.
/// </summary>
public sealed class FilterProcessCommand : ICommand
{
    public string Name => "filter-process";
    public IReadOnlyList<OptionSpec> Options { get; } = [];

    public async Task<int> RunAsync(CommandContext ctx, ParsedArgs args, CancellationToken ct)
    {
        // stdout carries file content (or pkt-lines) to git: no side messages may reach it.
        ctx.Messages.Mode = Annex.Cli.Output.OutputMode.Quiet;
        var repo = await ctx.RepoAsync(ct);
        repo.InFilter = true;
        await using var stdin = Console.OpenStandardInput();
        await using var stdout = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        var pkt = new PktLine(stdin, stdout);
        var hello = await pkt.ReadTextListAsync(ct);
        if (!hello.Contains("git-filter-client") || !hello.Contains("version=2"))
            throw new Annex.Core.Utility.UserErrorException("filter-process: unexpected handshake from git");
        await pkt.WriteTextAsync("git-filter-server", ct);
        await pkt.WriteTextAsync("version=2", ct);
        await pkt.FlushPacketAsync(ct);
        var caps = await pkt.ReadTextListAsync(ct);
        foreach (var c in new[] { "capability=clean", "capability=smudge" })
            if (caps.Contains(c)) await pkt.WriteTextAsync(c, ct);
        await pkt.FlushPacketAsync(ct);

        var smudge = new Smudge(repo);
        long served = 0;
        while (true)
        {
            // git keeps this process for the whole checkout or status, and each request allocates its buffers:
            // collect every few dozen requests (cheap, little survives), or the runtime's default budget lets
            // garbage pile up to 100 MiB before its first collection on a big tree.
            if (++served % 32 == 0) GC.Collect(1, GCCollectionMode.Forced, blocking: true);
            List<string> request;
            try { request = await pkt.ReadTextListAsync(ct); }
            catch (EndOfStreamException) { break; }
            var command = Field(request, "command");
            var path = Field(request, "pathname") ?? "";
            var tmp = Path.Combine(repo.Locations.OtherTmpDir, "filter." + Environment.ProcessId + "." + Random.Shared.Next());
            Directory.CreateDirectory(repo.Locations.OtherTmpDir);
            await using (var f = File.Create(tmp)) await pkt.ReadContentAsync(f, ct);
            Stream result;
            if (command == "clean") result = await smudge.CleanAsync(path, tmp, ct);
            else
            {
                var content = await File.ReadAllBytesAsync(tmp, ct);
                File.Delete(tmp);
                result = smudge.SmudgeContent(content, path);
            }
            await using (result)
            {
                await pkt.WriteTextAsync("status=success", ct);
                await pkt.FlushPacketAsync(ct);
                await pkt.WriteContentAsync(result, ct);
                await pkt.FlushPacketAsync(ct);
                await pkt.FlushPacketAsync(ct); // empty list: keep status=success
            }
        }
        await ctx.FinishAsync(ct);
        return 0;
    }

    private static string? Field(List<string> lines, string name) =>
        lines.FirstOrDefault(l => l.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
}

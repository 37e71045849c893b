using Annex.Cli.CommandLine;
using Annex.Cli.Output;
using Annex.Core.Utility;

namespace Annex.Cli;

/// <summary>
/// The composition root. One binary serves as git-annex, git-annex-shell and git-remote-annex,
/// chosen by the name it was started under (argv[0]), as the reference's multicall binary is.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var name = Path.GetFileName(InvokedName());
        if (name.StartsWith("git-annex-shell", StringComparison.Ordinal))
            return await Shell.ShellMain.RunAsync(args, CancellationToken.None);
        if (name.StartsWith("git-remote-", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"{name}: not implemented in this version of git-annex");
            return 1;
        }
        var messages = new Messages();
        try
        {
            return await Dispatcher.RunAsync(args, messages, CancellationToken.None);
        }
        catch (UsageException e)
        {
            messages.FlushOut();
            Console.Error.Write(e.Message + "\n\n" + Usage.Text());
            return 1;
        }
        catch (UserErrorException e)
        {
            messages.FlushOut();
            messages.Error(e.Message);
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Environmental failures outside any item: reported, not a crash dump.
            messages.FlushOut();
            messages.Error(e.Message);
            return 1;
        }
    }

    /// <summary>argv[0] as the caller wrote it (the runtime reports the resolved executable instead).</summary>
    private static string InvokedName()
    {
        try
        {
            var cmdline = File.ReadAllBytes("/proc/self/cmdline");
            int nul = Array.IndexOf(cmdline, (byte)0);
            return System.Text.Encoding.UTF8.GetString(cmdline, 0, nul < 0 ? cmdline.Length : nul);
        }
        catch (IOException) { return Environment.GetCommandLineArgs()[0]; }
    }
}

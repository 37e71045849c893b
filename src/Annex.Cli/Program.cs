using Annex.Core.Utility;

namespace Annex.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            return 0;
        }
        catch (UserErrorException e)
        {
            Console.Error.WriteLine("git-annex: " + e.Message);
            return e.ExitCode;
        }
    }
}

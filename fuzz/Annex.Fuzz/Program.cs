using SharpFuzz;

namespace Annex.Fuzz;

/// <summary>
/// afl++ entry (SharpFuzz out-of-process fork server). Each input is the bytes a client sends; any exception
/// escaping a target is a crash. Outside afl-fuzz the input is read from stdin once, which is how a crash
/// file is reproduced: <c>dotnet artifacts/fuzz/Annex.Fuzz.dll server-fake &lt; crash</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Action<byte[]>? target = args.FirstOrDefault() switch
        {
            "server-fake" => ServerTarget.RunFake,
            "server-repo" => RepoTarget.Run,
            "parser" => ParserTarget.Run,
            _ => null,
        };
        if (target == null)
        {
            Console.Error.WriteLine("usage: Annex.Fuzz server-fake|server-repo|parser  (input on stdin, or under afl-fuzz)");
            return 2;
        }
        Fuzzer.OutOfProcess.Run(stream =>
        {
            var ms = new MemoryStream();
            stream.CopyTo(ms);
            target(ms.ToArray());
        });
        return 0;
    }
}

/// <summary>A property the harness checks was violated: afl counts it as a crash.</summary>
public sealed class FuzzCheckFailed(string what) : Exception(what);

using System.Text;

namespace Annex.Tests.Logs;

internal static class LogTestBytes
{
    public static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    public static string S(byte[] b) => Encoding.UTF8.GetString(b);
}

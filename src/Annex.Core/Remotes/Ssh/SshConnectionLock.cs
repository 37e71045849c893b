using Annex.Core.Utility;

namespace Annex.Core.Remotes.Ssh;

/// <summary>
/// While an ssh command runs over a cached connection, the socket's ".lock" file is held shared
/// (Annex/Ssh.hs prepSocket), so a cleanup in another git-annex (ours or the reference) that takes it
/// exclusively will not stop a master still in use. Creates the socket directory on the way.
/// </summary>
public static class SshConnectionLock
{
    public static IDisposable? Take(SshInvocation ssh)
    {
        if (ssh.SocketFile == null) return null;
        var socket = Path.GetFullPath(ssh.SocketFile, ssh.WorkingDirectory ?? Environment.CurrentDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(socket)!);
        return PosixLock.Take(SshSocket.LockFile(socket), exclusive: false, wait: true);
    }
}

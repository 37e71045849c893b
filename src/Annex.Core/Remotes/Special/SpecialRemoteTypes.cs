using Annex.Core.Remotes.DirectoryRemote;
using Annex.Core.Remotes.HookRemote;
using Annex.Core.Remotes.RsyncRemote;

namespace Annex.Core.Remotes.Special;

/// <summary>The special remote types this build implements, and every type the reference knows (for its error message).</summary>
public static class SpecialRemoteTypes
{
    public static readonly IReadOnlyList<SpecialRemoteType> Implemented =
        [new DirectoryRemoteType(), new RsyncRemoteType(), new HookRemoteType()];

    /// <summary>Remote.List.remoteTypes, in the reference's order.</summary>
    public static readonly IReadOnlyList<string> Known =
    [
        "git", "gcrypt", "p2p", "S3", "bup", "directory", "rsync", "web", "bittorrent", "webdav", "adb", "tahoe",
        "glacier", "ddar", "git-lfs", "httpalso", "borg", "rclone", "hook", "external", "compute", "mask",
    ];

    public static SpecialRemoteType? Find(string name) => Implemented.FirstOrDefault(t => t.Name == name);
}

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

    /// <summary>The fields a type's configuration parser lists, in its order (what verifyremote shows after type=).</summary>
    public static IReadOnlyList<string> FieldsOf(IReadOnlyDictionary<string, string> config) =>
        !config.TryGetValue("type", out var t) ? []
        : t == "git" ? GitRemoteRecord.Fields
        : Find(t)?.Fields ?? [];
}

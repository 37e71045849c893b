namespace Annex.Core.Logs;

/// <summary>
/// Old-layout logs whose value is free text kept as is: uuid.log (descriptions),
/// preferred-content.log, required-content.log, schedule.log, activity.log (e.g. <c>Fsck</c>),
/// difference.log (e.g. <c>fromList [OneLevelObjectHash,OneLevelBranchHash]</c>), multicast.log.
/// Interpreting the text (expressions, schedules) belongs to the layers that use it.
/// </summary>
public static class TextUuidLog
{
    public static MapLog<Uuid, string> Parse(ReadOnlySpan<byte> content) =>
        UuidBasedLog.Parse(content, (string s, out string v) => { v = s; return true; });

    public static byte[] Format(MapLog<Uuid, string> log) => UuidBasedLog.Format(log, v => v);

    /// <summary>describeUUID escapes newlines as a literal backslash-n (one way: never unescaped).</summary>
    public static string EscapeDescription(string description) =>
        description.Replace("\r\n", "\n").Replace('\r', '\n').Replace("\n", "\\n");
}

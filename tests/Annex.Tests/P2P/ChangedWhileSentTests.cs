using Annex.Core.Keys;
using Annex.Core.Logs;
using Annex.Core.P2P.Protocol;
using Annex.Core.P2P.Transport;

namespace Annex.Tests.P2P;

/// <summary>
/// An unlocked file edited while it is being sent is flagged INVALID after its DATA (the receiver then
/// verifies and refuses it), and an untouched one VALID. The test plays the server by hand so it can
/// change the file between two chunks of the upload.
/// </summary>
public class ChangedWhileSentTests
{
    private static readonly Uuid ServerUuid = Uuid.Parse("44444444-4444-4444-8444-444444444444");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ChangeDuringUploadIsReportedInvalid(bool touchMidway)
    {
        var path = Path.GetTempFileName();
        var content = new byte[8 << 20];
        Random.Shared.NextBytes(content);
        await File.WriteAllBytesAsync(path, content);
        File.SetLastWriteTimeUtc(path, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var key = Key.Parse($"SHA256-s{content.Length}--{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))}");
        try
        {
            var (clientEnd, serverEnd) = InMemoryDuplex.Create();
            var server = new P2PConnection(serverEnd.Input, serverEnd.Output);
            var serve = Task.Run(async () =>
            {
                await server.WriteMessageAsync(new AuthSuccess(ServerUuid), default);
                Assert.IsType<VersionMessage>((await server.ReadMessageAsync(default)).Message);
                await server.WriteMessageAsync(new VersionMessage(ProtocolVersion.V1), default);
                Assert.IsType<Put>((await server.ReadMessageAsync(default)).Message);
                await server.WriteMessageAsync(new PutFrom(0), default);
                var data = Assert.IsType<Data>((await server.ReadMessageAsync(default)).Message);
                // The client is held back by the pipe's limit well before the end of 8 MiB.
                await server.ReadDataAsync(1 << 20, Stream.Null, null, default);
                if (touchMidway) File.SetLastWriteTimeUtc(path, new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));
                await server.ReadDataAsync(data.Length - (1 << 20), Stream.Null, null, default);
                var verdict = (await server.ReadMessageAsync(default)).Message;
                await server.WriteMessageAsync(verdict is Valid ? new Success() : new Failure(), default);
                return verdict;
            });
            await using var client = await P2PClient.ConnectAsync(clientEnd.Input, clientEnd.Output, ProtocolVersion.V1, default);
            var result = await client.PutAsync(key, "f", path, null, default);
            var verdict = await serve;
            Assert.IsType(touchMidway ? typeof(Invalid) : typeof(Valid), verdict);
            Assert.Equal(!touchMidway, result.Stored);
        }
        finally { File.Delete(path); }
    }
}

using Annex.Core.Annex;
using Annex.Core.Utility;
using Annex.Tests.P2P;

namespace Annex.Tests.Annex;

/// <summary>
/// Retention files (.rtm) written for LOCKCONTENT must stop every removal path of ours, not only the
/// P2P server's: ContentLock.LockExclusive is where drop, move and uninit take their removal lock.
/// </summary>
public class ContentRetentionTests
{
    [Fact]
    public void StampIsPosixSecondsWithNanosecondsAndTrailingS() =>
        Assert.Equal("1795469903.354680700s",
            ContentRetention.Format(DateTimeOffset.UnixEpoch.AddTicks(17954699033546807)));

    [Fact]
    public async Task LocalDropRefusesWhileAPromiseRunsAndClearsAStaleOne()
    {
        await using var t = await P2PTestRepo.CreateAsync();
        var key = t.AddObject("retained\n");
        var obj = t.ObjectPath(key)!;
        var stamp = ContentRetention.Retain(obj, ContentRetention.LockRetention, DateTimeOffset.UtcNow);
        var e = await Assert.ThrowsAsync<UserErrorException>(() => LocalContent.DropAsync(t.Repo, key, CancellationToken.None));
        Assert.Contains("locked", e.Message);
        Assert.NotNull(t.ObjectPath(key));

        // Someone else extended the promise: our release must leave theirs.
        ContentRetention.Release(obj, "1s");
        Assert.True(File.Exists(obj + ".rtm"));
        ContentRetention.Release(obj, stamp);
        Assert.False(File.Exists(obj + ".rtm"));

        ContentRetention.Retain(obj, TimeSpan.FromSeconds(-1), DateTimeOffset.UtcNow);      // already expired
        Assert.False(ContentRetention.IsRetained(obj, DateTimeOffset.UtcNow));
        Assert.False(File.Exists(obj + ".rtm"));
        await LocalContent.DropAsync(t.Repo, key, CancellationToken.None);
        Assert.Null(t.ObjectPath(key));
    }

    [Fact]
    public async Task AShorterPromiseNeverShortensALongerOne()
    {
        await using var t = await P2PTestRepo.CreateAsync();
        var obj = t.ObjectPath(t.AddObject("x\n"))!;
        var now = DateTimeOffset.UtcNow;
        var longer = ContentRetention.Retain(obj, TimeSpan.FromHours(1), now);
        var shorter = ContentRetention.Retain(obj, TimeSpan.FromMinutes(1), now);
        Assert.Null(shorter);
        ContentRetention.Release(obj, shorter);                     // the shorter holder unlocks: the longer promise stays
        Assert.True(ContentRetention.IsRetained(obj, now.AddMinutes(30)));
        ContentRetention.Release(obj, longer);
        Assert.False(File.Exists(obj + ".rtm"));
    }
}

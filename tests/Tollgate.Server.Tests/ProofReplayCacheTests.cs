using Microsoft.Extensions.Time.Testing;
using Tollgate.Server.Dpop;

namespace Tollgate.Server.Tests;

/// <summary>The per-node memory of DPoP proofs: once each, remembered at least a window, forgotten after two.</summary>
public sealed class ProofReplayCacheTests
{
    [Fact]
    public void AProof_IsAcceptedOnce_RememberedForAtLeastAWindow_AndForgottenAfterTwo()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new ProofReplayCache(TimeSpan.FromMinutes(2), time);

        Assert.True(cache.TryUse("key", "j1"));
        Assert.False(cache.TryUse("key", "j1"));
        Assert.True(cache.TryUse("other-key", "j1")); // a jti is the key's own

        time.Advance(TimeSpan.FromMinutes(2)); // one rotation: j1 is in the older generation, still refused
        cache.Rotate();
        Assert.False(cache.TryUse("key", "j1"));
        Assert.True(cache.TryUse("key", "j2"));

        time.Advance(TimeSpan.FromMinutes(2)); // j1's generation is dropped; j2's is kept
        Assert.True(cache.TryUse("key", "j1"));
        Assert.False(cache.TryUse("key", "j2"));

        time.Advance(TimeSpan.FromMinutes(5)); // idle for more than two windows: nothing is kept
        Assert.True(cache.TryUse("key", "j2"));
    }
}

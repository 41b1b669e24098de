using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>One real host shared by the tests of a class (on the system clock).</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

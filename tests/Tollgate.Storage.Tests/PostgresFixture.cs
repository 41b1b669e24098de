using Tollgate.Testing;

namespace Tollgate.Storage.Tests;

/// <summary>One PostgreSQL cluster per test class, started on first use.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly Lazy<Task<PostgresCluster>> _cluster = new(PostgresCluster.StartAsync);

    public Task<PostgresCluster> ClusterAsync() => _cluster.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster.IsValueCreated)
        {
            await (await _cluster.Value).DisposeAsync();
        }
    }
}

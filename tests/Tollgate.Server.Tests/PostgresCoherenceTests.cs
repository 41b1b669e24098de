using System.Net;
using Npgsql;
using Tollgate.Core.Clouds;
using Tollgate.Testing;

namespace Tollgate.Server.Tests;

/// <summary>The change feed on PostgreSQL, where sequence numbers can commit out of order.</summary>
public sealed class PostgresCoherenceTests : IAsyncLifetime
{
    private PostgresCluster _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PostgresCluster.StartAsync();

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    [Fact]
    public async Task ChangeCommittedAfterALaterOne_IsStillApplied()
    {
        var connection = await _postgres.CreateDatabaseAsync();
        await using var host = await TestHost.StartAsync(settings: new() { ["Tollgate:Store:Kind"] = "Postgres", ["Tollgate:Store:Connection"] = connection });
        var credential = await host.CreateCustomerCredentialAsync();
        await host.GetTokenAsync(credential); // cached as valid

        // A writer takes sequence number N for a revocation but has not committed yet…
        await using var slow = new NpgsqlConnection(connection);
        await slow.OpenAsync();
        await using var transaction = await slow.BeginTransactionAsync();
        await using (var revoke = new NpgsqlCommand(
            """
            UPDATE credentials SET "RevokedAt" = now() WHERE "ClientId" = @id;
            INSERT INTO changes ("Cloud", "Kind", "Subject", "At") VALUES ('mainline', 'credential', @id, now());
            """, slow, transaction))
        {
            revoke.Parameters.AddWithValue("id", credential.ClientId);
            await revoke.ExecuteNonQueryAsync();
        }

        // …while another commits N+1, which the node applies.
        var later = await host.Admin.CreateCustomerAsync(CloudName.Mainline, "Later", null);
        await Task.Delay(600);

        await transaction.CommitAsync();

        // N is applied when it commits, not lost behind N+1.
        await Wait.UntilAsync(async () =>
        {
            using var response = await host.RequestTokenAsync(credential);
            return response.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(2));
        Assert.NotNull(later);
    }
}

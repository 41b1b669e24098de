using System.Text;
using Microsoft.Data.Sqlite;
using Tollgate.Core.Credentials;
using Tollgate.Storage;

namespace Tollgate.Bench.Hosts;

/// <summary>Puts COUNT credentials in a store in one transaction (the admin path makes one round trip each), for the scale run.</summary>
internal static class Seeder
{
    public static async Task<int> RunAsync(string data, int count, string output)
    {
        using var store = new TollgateStore(new StoreOptions { DataDirectory = data }, TimeProvider.System);
        await store.Schema.MigrateAsync(CancellationToken.None);
        var customer = (await new Core.Administration.TenantService(store.Msps, store.Customers, TimeProvider.System)
            .CreateCustomerAsync(Core.Clouds.CloudName.Mainline, "Scale", null, null, new Core.Administration.Actor("bench"))).Value!;
        await using var connection = new SqliteConnection($"Data Source={store.Options.SqlitePath}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO credentials ("ClientId","Cloud","OwnerKind","OwnerId","Name","Scopes","AllowList","HashVersion","SecretHash","CreatedAt","CreatedBy")
            VALUES ($id,'mainline',0,$owner,'scale',3,'',1,$hash,$at,'bench')
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        insert.Parameters.AddWithValue("$owner", customer.Id);
        var hash = insert.Parameters.Add("$hash", SqliteType.Blob);
        insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.UtcTicks);
        await using var writer = new StreamWriter(output);
        for (var i = 0; i < count; i++)
        {
            var clientId = SecretHasher.NewClientId();
            var secret = SecretHasher.NewSecret();
            id.Value = clientId;
            hash.Value = SecretHasher.Hash(secret);
            await insert.ExecuteNonQueryAsync();
            await writer.WriteLineAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        }

        await transaction.CommitAsync();
        return 0;
    }
}

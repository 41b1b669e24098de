using Microsoft.EntityFrameworkCore;
using Tollgate.Core.Stores;

namespace Tollgate.Storage.Stores;

/// <summary>
/// The replay check shared by every node: the key is the row's primary key, and an insert that meets it inserts
/// nothing. Concurrent callers share one statement and one commit (group commit): while a batch is being written the
/// next one gathers, so a burst of token requests costs the store one round trip and one fsync per batch, not per
/// request, and a lone request waits for nothing but its own write.
/// </summary>
internal sealed class EfReplayStore(TollgateStore store) : IReplayStore, IDisposable
{
    private const int MaxBatch = 500;

    private readonly Lock _gate = new();
    private List<Pending> _queue = [];
    private bool _writing;

    // The writer's own connection, held open between batches (only the one write loop uses it); dropped on a failure.
    private TollgateDbContext? _writer;

    public Task<bool> TryUseAsync(string key, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var pending = new Pending(key, until);
        bool start;
        lock (_gate)
        {
            _queue.Add(pending);
            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            _ = Task.Run(WriteAsync, CancellationToken.None);
        }

        return pending.Result.Task.WaitAsync(cancellationToken);
    }

    public async Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        return await db.UsedJtis.Where(u => u.Until < now).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteAsync()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }

                if (_queue.Count <= MaxBatch)
                {
                    (batch, _queue) = (_queue, []);
                }
                else
                {
                    batch = _queue[..MaxBatch];
                    _queue.RemoveRange(0, MaxBatch);
                }
            }

            try
            {
                var inserted = await InsertAsync(batch).ConfigureAwait(false);
                foreach (var pending in batch)
                {
                    // A key twice in one batch: the first caller has it, the second is the replay.
                    pending.Result.TrySetResult(inserted.Remove(pending.Key));
                }
            }
#pragma warning disable CA1031 // The store's failure is each waiting request's to report (as unavailable), not this loop's to end on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                DropWriter();
                foreach (var pending in batch)
                {
                    pending.Result.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>
    /// One INSERT for the batch, in plain ADO.NET on the context's connection (EF's query pipeline would cost more
    /// than the statement); returns the keys it inserted (those no node had used).
    /// </summary>
    private async Task<HashSet<string>> InsertAsync(List<Pending> batch)
    {
        var postgres = store.Options.Kind == StoreKind.Postgres;
        if (_writer is null)
        {
            _writer = store.CreateContext();
            await _writer.Database.OpenConnectionAsync().ConfigureAwait(false);
        }

        await using var command = _writer.Database.GetDbConnection().CreateCommand();
        var values = new System.Text.StringBuilder();
        for (var i = 0; i < batch.Count; i++)
        {
            values.Append(i == 0 ? string.Empty : ", ").Append("(@k").Append(i).Append(", @u").Append(i).Append(')');
            var key = command.CreateParameter();
            key.ParameterName = "@k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            key.Value = batch[i].Key;
            command.Parameters.Add(key);
            var until = command.CreateParameter();
            until.ParameterName = "@u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // SQLite keeps times as UTC ticks (the model's converter, which plain ADO.NET does not pass through).
            until.Value = postgres ? batch[i].Until.ToUniversalTime() : batch[i].Until.UtcTicks;
            command.Parameters.Add(until);
        }

#pragma warning disable CA2100 // Only parameter names are put in the text; every value is a parameter.
        command.CommandText = $"""INSERT INTO used_jtis ("Key", "Until") VALUES {values} ON CONFLICT ("Key") DO NOTHING RETURNING "Key" """;
#pragma warning restore CA2100
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            inserted.Add(reader.GetString(0));
        }

        return inserted;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            DropWriter();
        }
    }

    private void DropWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private sealed record Pending(string Key, DateTimeOffset Until)
    {
        public TaskCompletionSource<bool> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

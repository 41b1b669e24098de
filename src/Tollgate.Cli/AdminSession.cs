using System.CommandLine;
using Tollgate.Cli.Commands;
using Tollgate.Core.Administration;
using Tollgate.Server.Options;
using Tollgate.Storage;

namespace Tollgate.Cli;

/// <summary>
/// An admin command's view of the store: the same application services the server's APIs call, so the CLI and
/// the server can never disagree. Only <c>serve</c> and <c>db migrate</c> create a store; every other command
/// refuses a folder or database that holds none, rather than make an empty one.
/// </summary>
internal sealed class AdminSession : IDisposable
{
    private AdminSession(TollgateServerOptions options, TollgateStore store)
    {
        Options = options;
        Store = store;
        var time = TimeProvider.System;
        Tenants = new TenantService(store.Msps, store.Customers, time);
        Credentials = new CredentialService(store.Credentials, Tenants, time);
        Keys = new SigningKeyService(store.SigningKeys, store.Protector, time);
    }

    /// <summary>Who the audit trail names for a command run from a shell.</summary>
    public static Actor Actor { get; } = Actor.Cli($"{Environment.UserName}@{Environment.MachineName}");

    public TollgateServerOptions Options { get; }

    public TollgateStore Store { get; }

    public TenantService Tenants { get; }

    public CredentialService Credentials { get; }

    public SigningKeyService Keys { get; }

    public static async Task<AdminSession> OpenAsync(ParseResult parse, CancellationToken cancellationToken, bool create = false)
    {
        var options = CommonOptions.Load(parse);
        var store = new TollgateStore(options.Store, TimeProvider.System);
        try
        {
            if (!create && !await store.Schema.ExistsAsync(cancellationToken))
            {
                throw new RefusedException(options.Store.Kind == StoreKind.Sqlite
                    ? $"No Tollgate store in {Path.GetFullPath(options.Store.DataDirectory)} (give --data, or create one with `tollgate db migrate`)."
                    : "The PostgreSQL database holds no Tollgate store (create one with `tollgate db migrate --store postgres`).");
            }

            // An existing store is brought up to date, so a newer CLI works on an older store.
            await store.Schema.MigrateAsync(cancellationToken);
            return new AdminSession(options, store);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The value, or the operation's expected failure as the command's one-line error (exit 1).</summary>
    public static T Require<T>(AdminResult<T> result) => result.Succeeded ? result.Value : throw new RefusedException(result.Error.Message);

    /// <summary>Identity and the administrator service for console accounts, on this session's store.</summary>
    public Microsoft.Extensions.DependencyInjection.ServiceProvider CreateAccountServices() =>
        Server.Accounts.TollgateAccounts.CreateServices(Options, Store, Tenants, TimeProvider.System);

    public void Dispose() => Store.Dispose();
}

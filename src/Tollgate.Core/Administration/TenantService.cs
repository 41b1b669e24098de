using Tollgate.Core.Clouds;
using Tollgate.Core.Stores;
using Tollgate.Core.Ids;

namespace Tollgate.Core.Administration;

/// <summary>MSPs and customers: each operation one call, its change, change-feed row and audit event in one transaction.</summary>
public sealed class TenantService(IMspStore msps, ICustomerStore customers, TimeProvider time)
{
    public async Task<AdminResult<MspRecord>> CreateMspAsync(CloudName cloud, string name, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Validate.Name(name) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var msp = new MspRecord(MspId.New().Value, cloud, name.Trim(), now);
        var audit = new AuditEvent(now, cloud.Value, actor.Name, AuditActions.MspCreate, "msp", msp.Id, MspId: msp.Id, SourceIp: actor.Source?.ToString());
        await msps.AddAsync(msp, new JournalEntry(audit, ChangeKinds.Msp, msp.Id), cancellationToken).ConfigureAwait(false);
        return msp;
    }

    public Task<IReadOnlyList<MspRecord>> ListMspsAsync(CloudName? cloud, CancellationToken cancellationToken = default) =>
        msps.ListAsync(cloud, cancellationToken);

    /// <summary>The MSP with this id, or not found (an id that is no GUID names nothing).</summary>
    public async Task<AdminResult<MspRecord>> FindMspAsync(string id, CancellationToken cancellationToken = default) =>
        MspId.TryParse(id, out var key) && await msps.FindAsync(key, cancellationToken).ConfigureAwait(false) is { } msp
            ? msp
            : AdminError.NotFound($"No MSP with id {id}.");

    public async Task<AdminResult<CustomerRecord>> FindCustomerAsync(string id, CancellationToken cancellationToken = default) =>
        CustomerId.TryParse(id, out var key) && await customers.FindAsync(key, cancellationToken).ConfigureAwait(false) is { } customer
            ? customer
            : AdminError.NotFound($"No customer with id {id}.");

    public Task<IReadOnlyList<CustomerRecord>> ListCustomersAsync(CloudName? cloud, MspId? mspId, CancellationToken cancellationToken = default) =>
        customers.ListAsync(cloud, mspId, cancellationToken);

    public async Task<AdminResult<CustomerRecord>> CreateCustomerAsync(
        CloudName cloud,
        string name,
        string? mspId,
        CustomerDetails? details,
        Actor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invalid = Validate.Name(name) ?? Validate.Length(details?.AccountName, 200, "accountName") ?? Validate.Length(details?.Address, 500, "address") ?? Validate.Length(details?.Phone, 50, "phone");
        if (invalid is not null)
        {
            return invalid;
        }

        if (mspId is not null)
        {
            var msp = await FindMspAsync(mspId, cancellationToken).ConfigureAwait(false);
            if (!msp.Succeeded)
            {
                return msp.Error;
            }

            if (msp.Value.Cloud != cloud)
            {
                return AdminError.Invalid($"MSP {mspId} belongs to cloud {msp.Value.Cloud}, not {cloud}.");
            }

            mspId = msp.Value.Id;
        }

        var now = time.GetUtcNow();
        var trimmed = name.Trim();
        var customer = new CustomerRecord(
            CustomerId.New().Value,
            cloud,
            trimmed,
            string.IsNullOrWhiteSpace(details?.AccountName) ? trimmed : details.AccountName.Trim(),
            details?.Address?.Trim() ?? string.Empty,
            details?.Phone?.Trim() ?? string.Empty,
            mspId,
            1,
            now);
        var audit = new AuditEvent(now, cloud.Value, actor.Name, AuditActions.CustomerCreate, "customer", customer.Id, mspId, customer.Id, actor.Source?.ToString());
        await customers.AddAsync(customer, new JournalEntry(audit, ChangeKinds.Customer, customer.Id), cancellationToken).ConfigureAwait(false);
        return customer;
    }
}

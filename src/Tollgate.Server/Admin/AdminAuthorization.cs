using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.Ids;
using Tollgate.Core.Stores;
using Tollgate.Server.Api;

namespace Tollgate.Server.Admin;

/// <summary>
/// What an administrator's token may see and change on the admin API (Druva's roles): a cloud administrator
/// everything on its cloud, read-only nothing to change, an MSP administrator its MSP's credentials and its
/// customers', a customer administrator its customer's. What a token may not see answers 404, exactly like what does not exist (no existence oracle).
/// </summary>
internal sealed class AdminAuthorization(TenantService tenants)
{
    public static ApiProblem? Check(AdminScope token, bool write) => token.Role switch
    {
        AdminRole.None => ApiProblem.Forbidden("The admin API takes the token of a credential with an administrator role."),
        AdminRole.CloudAdminReadOnly when write => ApiProblem.Forbidden("A read-only administrator changes nothing."),
        _ => null,
    };

    /// <summary>
    /// Which credentials the token sees: a cloud role every one of its cloud; an MSP administrator its MSP's and
    /// those of the customers it manages (read once per call, not once per credential).
    /// </summary>
    public async Task<Func<CredentialRecord, bool>> CredentialsVisibleToAsync(AdminScope token, CancellationToken cancellationToken)
    {
        if (AdminRoles.IsCloudWide(token.Role))
        {
            return c => c.Cloud == token.Cloud;
        }

        if (token.Role == AdminRole.CustomerAdmin)
        {
            return c => c.Cloud == token.Cloud && c.Owner == OwnerKind.Customer && c.OwnerId == token.CustomerId;
        }

        if (token.Role != AdminRole.MspAdmin || !MspId.TryParse(token.MspId, out var msp))
        {
            return _ => false;
        }

        var customers = (await tenants.ListCustomersAsync(token.Cloud, msp, cancellationToken).ConfigureAwait(false)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return c => c.Cloud == token.Cloud && c.Owner switch
        {
            OwnerKind.Msp => c.OwnerId == msp.Value,
            OwnerKind.Customer => customers.Contains(c.OwnerId),
            _ => false,
        };
    }

    /// <summary>Whether the token may create a credential for this owner with this role; the refusal otherwise.</summary>
    public async ValueTask<ApiProblem?> MayCreateAsync(AdminScope token, OwnerKind owner, string ownerId, AdminRole role, CancellationToken cancellationToken)
    {
        if (token.Role == AdminRole.MspAdmin && role is not (AdminRole.None or AdminRole.MspAdmin or AdminRole.CustomerAdmin))
        {
            return ApiProblem.Forbidden("An MSP administrator cannot create a cloud administrator's credential.");
        }

        if (token.Role == AdminRole.CustomerAdmin && role is not (AdminRole.None or AdminRole.CustomerAdmin))
        {
            return ApiProblem.Forbidden("A customer administrator creates its customer's credentials only.");
        }

        var visible = owner switch
        {
            OwnerKind.Cloud => AdminRoles.IsCloudWide(token.Role) && ownerId == token.Cloud.Value,
            OwnerKind.Msp => (await tenants.FindMspAsync(ownerId, cancellationToken).ConfigureAwait(false)) is { Succeeded: true } msp
                && msp.Value!.Cloud == token.Cloud && (AdminRoles.IsCloudWide(token.Role) || (token.Role == AdminRole.MspAdmin && msp.Value.Id == token.MspId)),
            _ => (await tenants.FindCustomerAsync(ownerId, cancellationToken).ConfigureAwait(false)) is { Succeeded: true } customer
                && customer.Value!.Cloud == token.Cloud
                && (AdminRoles.IsCloudWide(token.Role)
                    || (token.Role == AdminRole.MspAdmin && customer.Value.MspId is not null && customer.Value.MspId == token.MspId)
                    || (token.Role == AdminRole.CustomerAdmin && customer.Value.Id == token.CustomerId)),
        };
        return visible ? null : ApiProblem.NotFound($"No {OwnerKinds.Name(owner)} {ownerId} here.");
    }

    /// <summary>The customers the administrator sees: all of its cloud, its MSP's, or its own.</summary>
    public async Task<IReadOnlyList<CustomerRecord>> CustomersVisibleToAsync(AdminScope token, CancellationToken cancellationToken)
    {
        if (token.Role == AdminRole.CustomerAdmin)
        {
            return (await tenants.FindCustomerAsync(token.CustomerId ?? string.Empty, cancellationToken).ConfigureAwait(false)) is { Succeeded: true } own && Sees(token, own.Value!)
                ? [own.Value]
                : [];
        }

        var msp = token.Role == AdminRole.MspAdmin && MspId.TryParse(token.MspId, out var id) ? id : (MspId?)null;
        return AdminRoles.IsCloudWide(token.Role) || msp is not null
            ? [.. (await tenants.ListCustomersAsync(token.Cloud, msp, cancellationToken).ConfigureAwait(false)).Where(c => Sees(token, c))]
            : [];
    }

    /// <summary>Whether the administrator sees this customer: all of its cloud, its MSP's, or itself.</summary>
    public static bool Sees(AdminScope token, CustomerRecord customer) =>
        customer.Cloud == token.Cloud && (AdminRoles.IsCloudWide(token.Role)
            || (token.Role == AdminRole.MspAdmin && customer.MspId is not null && customer.MspId == token.MspId)
            || (token.Role == AdminRole.CustomerAdmin && customer.Id == token.CustomerId));

    /// <summary>
    /// Which MSP a customer the administrator creates belongs to: a cloud administrator names any (or none), an
    /// MSP administrator its own (naming another is naming nothing), a customer administrator creates none.
    /// </summary>
    public static ApiProblem? MspForNewCustomer(AdminScope token, string? requested, out string? mspId)
    {
        mspId = requested;
        if (token.Role == AdminRole.CustomerAdmin)
        {
            return ApiProblem.Forbidden("A customer administrator does not create customers.");
        }

        if (token.Role == AdminRole.MspAdmin)
        {
            if (requested is not null && requested != token.MspId)
            {
                return ApiProblem.NotFound($"No MSP {requested} here.");
            }

            mspId = token.MspId;
        }

        return null;
    }
}

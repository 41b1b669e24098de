using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.Ids;
using Tollgate.Core.Tokens;
using Tollgate.Server.Api;
using Tollgate.Server.Caching;

namespace Tollgate.Server.Admin;

/// <summary>
/// What an administrator's token may see and change on the admin API (Druva's roles): a cloud administrator
/// everything on its cloud, read-only nothing to change, an MSP administrator its MSP's credentials and its
/// customers'. What a token may not see answers 404, exactly like what does not exist (no existence oracle).
/// </summary>
internal sealed class AdminAuthorization(CachedCustomerStore customers, TenantService tenants)
{
    public static ApiProblem? Check(AccessTokenInfo token, bool write) => token.Role switch
    {
        AdminRole.None => ApiProblem.Forbidden("The admin API takes the token of a credential with an administrator role."),
        AdminRole.CloudAdminReadOnly when write => ApiProblem.Forbidden("A read-only administrator changes nothing."),
        _ => null,
    };

    public async ValueTask<bool> CanSeeAsync(AccessTokenInfo token, CredentialRecord credential, CancellationToken cancellationToken)
    {
        if (credential.Cloud != token.Cloud)
        {
            return false;
        }

        if (AdminRoles.IsCloudWide(token.Role))
        {
            return true;
        }

        return token.Role == AdminRole.MspAdmin && MspId.TryParse(token.MspId, out var msp) && credential.Owner switch
        {
            OwnerKind.Msp => credential.OwnerId == msp.Value,
            OwnerKind.Customer => CustomerId.TryParse(credential.OwnerId, out var customer)
                && await customers.IsManagedByAsync(customer, msp, token.Cloud, cancellationToken).ConfigureAwait(false),
            _ => false,
        };
    }

    /// <summary>Whether the token may create a credential for this owner with this role; the refusal otherwise.</summary>
    public async ValueTask<ApiProblem?> MayCreateAsync(AccessTokenInfo token, OwnerKind owner, string ownerId, AdminRole role, CancellationToken cancellationToken)
    {
        if (token.Role == AdminRole.MspAdmin && role is not (AdminRole.None or AdminRole.MspAdmin))
        {
            return ApiProblem.Forbidden("An MSP administrator cannot create a cloud administrator's credential.");
        }

        var visible = owner switch
        {
            OwnerKind.Cloud => AdminRoles.IsCloudWide(token.Role) && ownerId == token.Cloud.Value,
            OwnerKind.Msp => (await tenants.FindMspAsync(ownerId, cancellationToken).ConfigureAwait(false)) is { Succeeded: true } msp
                && msp.Value!.Cloud == token.Cloud && (AdminRoles.IsCloudWide(token.Role) || msp.Value.Id == token.MspId),
            _ => (await tenants.FindCustomerAsync(ownerId, cancellationToken).ConfigureAwait(false)) is { Succeeded: true } customer
                && customer.Value!.Cloud == token.Cloud && (AdminRoles.IsCloudWide(token.Role) || (customer.Value.MspId is not null && customer.Value.MspId == token.MspId)),
        };
        return visible ? null : ApiProblem.NotFound($"No {OwnerKinds.Name(owner)} {ownerId} here.");
    }
}

using System.Net;
using Tollgate.Core.Administration;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Ids;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;
using Tollgate.Server.Batching;
using Tollgate.Server.Caching;
using Tollgate.Server.Hosting;
using Tollgate.Core.Stores;
using Microsoft.AspNetCore.Http;
using Tollgate.Server.Observability;
using Tollgate.Server.Protection;

namespace Tollgate.Server.Msp;

/// <summary>
/// Mints a customer token for an MSP (Druva's customer-token route and RFC 8693 token exchange alike):
/// the MSP must manage the customer; the token names the customer and carries the MSP as <c>act</c>.
/// </summary>
internal sealed class CustomerTokenMinter(
    CloudRegistry clouds,
    CachedCustomerStore customers,
    CachedCredentialStore credentials,
    TokenQuotas quotas,
    AccessTokenIssuer issuer,
    AuditBatcher activity,
    TollgateMetrics metrics,
    TimeProvider time)
{
    /// <summary>
    /// Returns the token (bound to the DPoP key <paramref name="jkt"/> when there is one: an MSP's DPoP-bound token
    /// gets customer tokens bound to the same key), or <c>unauthorized_client</c> when the subject is not an MSP token, or
    /// <c>invalid_target</c> when the customer is unknown or not this MSP's (one answer for both).
    /// </summary>
    public async ValueTask<Result<IssuedToken>> MintAsync(HttpContext context, CloudDefinition cloud, AccessTokenInfo msp, string requested, ScopeSet scopes, string? jkt)
    {
        var source = context.Connection.RemoteIpAddress;
        var cancellationToken = context.RequestAborted;
        if (!MspId.TryParse(msp.MspId, out var mspId) || msp.Actor is not null || msp.Cloud != cloud.Name)
        {
            return new OAuthError(OAuthErrors.UnauthorizedClient, "Only an MSP token of this cloud can obtain a customer token.");
        }

        var now = time.GetUtcNow();
        // A GCID is a GUID: anything else is refused before it reaches the store or the audit trail (where raw
        // input could forge rows or drive a terminal), with the same answer as an unknown customer.
        if (!CustomerId.TryParse(requested, out var customerId))
        {
            Record(msp, NotAGcid, now, source, StatusNotFound);
            return new OAuthError(OAuthErrors.InvalidTarget, "No such customer.");
        }

        if (!await customers.IsManagedByAsync(customerId, mspId, cloud.Name, cancellationToken).ConfigureAwait(false))
        {
            Record(msp, customerId.Value, now, source, StatusNotFound);
            return new OAuthError(OAuthErrors.InvalidTarget, "No such customer.");
        }

        if (clouds.Ring(cloud.Name).SigningKeyAt(now) is not { } key)
        {
            return new OAuthError(OAuthErrors.ServerError, "No signing key is active; try again shortly.");
        }

        // A customer token counts against the quota of the MSP credential that asks for it.
        if (ClientId.TryParse(msp.ClientId, out var mspClient)
            && await credentials.FindAsync(mspClient, cancellationToken).ConfigureAwait(false) is { } mspCredential
            && quotas.TryTake(context, mspCredential) is { } overQuota)
        {
            return overQuota;
        }

        var subject = new TokenSubject(msp.ClientId, OwnerKind.Customer, customerId.Value, null, scopes, new TokenActor(msp.ClientId, msp.MspId), msp.SecretGeneration, Jkt: jkt);
        var token = issuer.Issue(cloud, key, subject, now);
        metrics.TokenIssued(cloud.Name.Value, "msp_customer_token", OwnerKind.Customer);
        Record(msp, customerId.Value, now, source, StatusOk);
        return Result<IssuedToken>.Success(token);
    }

    private const string NotAGcid = "(not a GCID)";
    private const int StatusOk = 200;
    private const int StatusNotFound = 404;

    private void Record(AccessTokenInfo msp, string customerId, DateTimeOffset now, IPAddress? source, int status) =>
        activity.Record(new AuditEvent(
            now,
            msp.Cloud.Value,
            Actor.Client(msp.ClientId, null).Name,
            AuditActions.CustomerTokenMint,
            "customer",
            customerId,
            msp.MspId,
            status == StatusOk ? customerId : null,
            source?.ToString(),
            status));
}

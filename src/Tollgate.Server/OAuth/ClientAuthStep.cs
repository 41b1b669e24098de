using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollgate.Core.Authentication;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Server.Batching;
using Tollgate.Server.Hosting;
using Tollgate.Server.Options;
using Tollgate.Server.Observability;
using Tollgate.Server.Protection;
using Tollgate.Core.Stores;

namespace Tollgate.Server.OAuth;

/// <summary>Client authentication as every OAuth endpoint does it: parse, require, check.</summary>
internal sealed class ClientAuthStep(
    ClientAuthenticator authenticator,
    ClientAuthGuard guard,
    TollgateMetrics metrics,
    AuditBatcher activity,
    TimeProvider time,
    IOptions<TollgateServerOptions> options,
    ILogger<ClientAuthStep> logger)
{
    private const string UnknownId = "-";

    /// <summary>
    /// The common start of introspection (RFC 7662 §2.1) and revocation (RFC 7009 §2.1): a form with a
    /// <c>token</c>, sent by an authenticated client of this cloud (customer or MSP).
    /// </summary>
    public async ValueTask<Result<(CredentialRecord Client, string Token)>> ReadTokenRequestAsync(HttpContext context, CloudDefinition cloud)
    {
        var form = await FormReader.ReadAsync(context, options.Value.MaxFormBytes).ConfigureAwait(false);
        if (!form.Succeeded)
        {
            return form.Error;
        }

        var client = await AuthenticateAsync(context, cloud, ClientCredentialsParser.Parse(context.Request.Headers.Authorization, form.Value), expectedOwner: null).ConfigureAwait(false);
        if (!client.Succeeded)
        {
            return client.Error;
        }

        return form.Value.TryGetValue(OAuthParameters.Token, out var token)
            ? Result<(CredentialRecord, string)>.Success((client.Value, token))
            : OAuthError.InvalidRequest("The token parameter is required.");
    }

    /// <summary>Checks the credentials a request presented (already parsed from it, once).</summary>
    public async ValueTask<Result<CredentialRecord>> AuthenticateAsync(
        HttpContext context,
        CloudDefinition cloud,
        Result<ClientCredentials?> parsed,
        OwnerKind? expectedOwner)
    {
        if (!parsed.Succeeded)
        {
            if (parsed.Error.Code == OAuthErrors.InvalidClient)
            {
                guard.Failed(null, context.Connection.RemoteIpAddress);
                RecordFailure(context, cloud, UnknownId, ClientAuthFailures.Malformed);
            }

            return parsed.Error;
        }

        if (parsed.Value is not { } presented)
        {
            // No credentials at all: challenge with Basic, the method the documentation teaches.
            return OAuthError.InvalidClient() with { Description = "Client authentication is required." };
        }

        var source = context.Connection.RemoteIpAddress;
        if (guard.Blocked(presented.ClientId, source) is { } wait)
        {
            // Throttled before the secret is even checked: guessing from here learns nothing until the wait is over.
            RecordFailure(context, cloud, Redact.Hash(presented.ClientId), ClientAuthFailures.Throttled);
            metrics.Throttled();
            await TarpitAsync(wait, context.RequestAborted).ConfigureAwait(false);
            // Druva's service answers a bare 429: under its compatibility switch, so does this one.
            return OAuthError.SlowDown(wait) with { RetryAfter = options.Value.Compatibility.Druva ? null : wait };
        }

        var result = await authenticator.AuthenticateAsync(presented, cloud.Name, source, expectedOwner, AssertionAudiences(context, cloud, presented), context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var clientHash = Redact.Hash(presented.ClientId);
            var reason = result.Error.Reason ?? result.Error.Code;
            Log.ClientAuthenticationFailed(logger, clientHash, source?.ToString(), cloud.Name.Value, reason);
            RecordFailure(context, cloud, clientHash, reason);
            metrics.ClientAuthFailed(reason);
            if (reason != ClientAuthFailures.WrongEndpoint)
            {
                guard.Failed(presented.ClientId, source);
            }
        }
        else
        {
            guard.Succeeded(presented.ClientId, source);
        }

        return result;
    }

    /// <summary>
    /// What a client assertion's <c>aud</c> may name (RFC 7523 §3 item 3): the issuer, the token endpoints, or the
    /// endpoint it was sent to (introspection and revocation take assertions too).
    /// </summary>
    private static IReadOnlyCollection<string> AssertionAudiences(HttpContext context, CloudDefinition cloud, ClientCredentials presented)
    {
        if (presented.Method != ClientAuthMethod.PrivateKeyJwt)
        {
            return [];
        }

        var issuer = cloud.Issuer.TrimEnd('/');
        return [issuer, issuer + "/token", issuer + "/msp/auth/v1/token", issuer + context.Request.Path.Value];
    }

    /// <summary>
    /// Holds a throttled answer back a moment: the attacker's connection waits at no CPU cost, so a flood cannot
    /// crowd out the clients that authenticate correctly.
    /// </summary>
    private async ValueTask TarpitAsync(TimeSpan wait, CancellationToken aborted)
    {
        var delay = options.Value.Guard.Tarpit < wait ? options.Value.Guard.Tarpit : wait;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(delay, time, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client went away; the answer goes nowhere.
        }
    }

    /// <summary>
    /// A failed client authentication goes into the audit trail, queued off the request path like every
    /// event: the client id only as a short hash (people paste a secret into the id field), the source, why.
    /// </summary>
    private void RecordFailure(HttpContext context, CloudDefinition cloud, string clientHash, string reason) =>
        activity.RecordFailure(new AuditEvent(
            time.GetUtcNow(),
            cloud.Name.Value,
            clientHash == UnknownId ? UnknownId : "client:#" + clientHash,
            AuditActions.ClientAuthFailed,
            "client",
            clientHash,
            SourceIp: context.Connection.RemoteIpAddress?.ToString(),
            Status: reason == ClientAuthFailures.WrongEndpoint ? StatusCodes.Status400BadRequest : StatusCodes.Status401Unauthorized,
            Detail: reason));
}

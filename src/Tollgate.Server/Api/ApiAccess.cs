using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;
using Tollgate.Server.Batching;
using Tollgate.Server.Hosting;
using Tollgate.Server.OAuth;
using Tollgate.Core.Stores;

namespace Tollgate.Server.Api;

/// <summary>
/// Bearer-token checks for the protected APIs (RFC 6750): an endpoint filter that validates the token,
/// applies Druva's cross-cloud explicit deny and the endpoint's scope, and hands the token to the handler.
/// </summary>
internal sealed class ApiAccess(AccessTokenValidator validator, AuditBatcher activity, TimeProvider time)
{
    private const string BearerPrefix = "Bearer ";

    public EndpointFilterDelegate Require(ScopeSet scope, EndpointFilterDelegate next) => async invocation =>
    {
        var context = invocation.HttpContext;
        // What a protected API answers is the caller's own data (users' PII among it): no cache may keep it.
        OAuthResults.SetNoStore(context.Response);
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            // "Bearer" and nothing after it is a bearer credential, if an empty one; anything else is no credential.
            var error = header.Trim().Equals("Bearer", StringComparison.OrdinalIgnoreCase)
                ? new OAuthError(OAuthErrors.InvalidToken, "The bearer token is empty.")
                : OAuthResults.NoToken;
            await OAuthResults.WriteApiErrorAsync(context, error).ConfigureAwait(false);
            return EmptyResult;
        }

        // Warm path: the cached token is found by span, no copy of the header value.
        if (!validator.TryValidateCached(header.AsSpan(BearerPrefix.Length).Trim(), out var validation))
        {
            validation = await validator.ValidateAsync(header[BearerPrefix.Length..].Trim(), context.RequestAborted).ConfigureAwait(false);
        }

        if (!validation.Succeeded)
        {
            await OAuthResults.WriteApiErrorAsync(context, validation.Error).ConfigureAwait(false);
            return EmptyResult;
        }

        var token = validation.Value;
        if (token.Cloud != context.GetCloud().Name)
        {
            await OAuthResults.WriteExplicitDenyAsync(context).ConfigureAwait(false);
            return EmptyResult;
        }

        if ((token.Scopes & scope) != scope)
        {
            var required = Scopes.Format(scope);
            await OAuthResults.WriteApiErrorAsync(context, new OAuthError(OAuthErrors.InsufficientScope, $"This call needs the '{required}' scope."), required).ConfigureAwait(false);
            return EmptyResult;
        }

        context.Features.Set(token);
        if (token.Actor is not null)
        {
            RecordOnCompletion(context, token);
        }

        return await next(invocation).ConfigureAwait(false);
    };

    /// <summary>A call made with a customer token an MSP obtained goes into the MSP's activity trail, with its outcome.</summary>
    private void RecordOnCompletion(HttpContext context, AccessTokenInfo token) =>
        context.Response.OnCompleted(() =>
        {
            var operation = $"{context.Request.Method} {(context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value}";
            activity.Record(new AuditEvent(
                time.GetUtcNow(),
                token.Cloud.Value,
                Actor.Client(token.Actor!.Subject, null).Name,
                AuditActions.ApiCall,
                "operation",
                operation,
                token.Actor.MspId,
                token.CustomerId,
                context.Connection.RemoteIpAddress?.ToString(),
                context.Response.StatusCode));
            return Task.CompletedTask;
        });

    /// <summary>A result that writes nothing: the filter already wrote the response.</summary>
    private static readonly IResult EmptyResult = Results.Empty;
}

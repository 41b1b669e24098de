using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Core.Tokens;
using Tollgate.Server.Batching;
using Tollgate.Server.Hosting;
using Tollgate.Server.OAuth;

namespace Tollgate.Server.Api;

/// <summary>
/// The endpoint filter in front of every protected API, Tollgate's and the host's alike
/// (<see cref="EndpointConventionExtensions.RequireTollgateToken"/>): authenticate, then authorize, then
/// hand the validated token to the handler as a request feature.
/// </summary>
internal sealed class ApiAccess(BearerAuthentication authentication, AuditBatcher activity, TimeProvider time)
{
    public EndpointFilterDelegate Require(ScopeSet scope, TokenHolder holder, EndpointFilterDelegate next) => async invocation =>
    {
        var context = invocation.HttpContext;
        // What a protected API answers is the caller's own data (users' PII among it): no cache may keep it.
        OAuthResults.SetNoStore(context.Response);
        var authenticated = await authentication.AuthenticateAsync(context).ConfigureAwait(false);
        if (!authenticated.Succeeded)
        {
            return authenticated.Error == BearerAuthentication.NoToken
                ? ApiProblem.NoToken
                : ApiProblem.Unauthenticated(authenticated.Error, BearerAuthentication.UsesDpop(context));
        }

        var token = authenticated.Value;
        if (ApiAuthorization.Check(token, context.GetCloud().Name, scope, holder) is { } refused)
        {
            return refused;
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
}

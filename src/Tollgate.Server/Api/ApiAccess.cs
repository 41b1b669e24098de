using Microsoft.AspNetCore.Http;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;
using Tollgate.Server.Hosting;
using Tollgate.Server.OAuth;

namespace Tollgate.Server.Api;

/// <summary>
/// Bearer-token checks for the protected APIs (RFC 6750): an endpoint filter that validates the token,
/// applies Druva's cross-cloud explicit deny and the endpoint's scope, and hands the token to the handler.
/// </summary>
internal sealed class ApiAccess(AccessTokenValidator validator)
{
    private const string BearerPrefix = "Bearer ";

    public EndpointFilterDelegate Require(ScopeSet scope, EndpointFilterDelegate next) => async invocation =>
    {
        var context = invocation.HttpContext;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await OAuthResults.WriteApiErrorAsync(context, new OAuthError(OAuthErrors.InvalidToken, "A bearer token is required.")).ConfigureAwait(false);
            return EmptyResult;
        }

        var validation = await validator.ValidateAsync(header[BearerPrefix.Length..].Trim(), context.RequestAborted).ConfigureAwait(false);
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
        return await next(invocation).ConfigureAwait(false);
    };

    /// <summary>A result that writes nothing: the filter already wrote the response.</summary>
    private static readonly IResult EmptyResult = Results.Empty;
}

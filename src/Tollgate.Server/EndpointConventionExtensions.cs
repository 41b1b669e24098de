using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tollgate.Core.Credentials;
using Tollgate.Core.Tokens;
using Tollgate.Server.Api;

namespace Tollgate.Server;

/// <summary>Puts an endpoint of your own behind Tollgate's bearer-token checks, exactly as the built-in APIs are.</summary>
public static class EndpointConventionExtensions
{
    /// <summary>
    /// Requires a valid token of this endpoint's cloud carrying <paramref name="scope"/>, held by
    /// <paramref name="holder"/> (401/403 per RFC 6750, Druva's explicit deny for another cloud's token).
    /// The handler finds the token with <see cref="GetTollgateToken"/>. Tollgate's own APIs are declared this way.
    /// </summary>
    public static TBuilder RequireTollgateToken<TBuilder>(this TBuilder builder, ScopeSet scope, TokenHolder holder = TokenHolder.Any)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilterFactory((context, next) => context.ApplicationServices.GetRequiredService<ApiAccess>().Require(scope, holder, next));
    }

    /// <summary>The validated token of a request that passed <see cref="RequireTollgateToken"/>.</summary>
    public static AccessTokenInfo GetTollgateToken(this HttpContext context) =>
        (context ?? throw new ArgumentNullException(nameof(context))).Features.Get<AccessTokenInfo>()
        ?? throw new InvalidOperationException("This endpoint does not require a Tollgate token (RequireTollgateToken).");
}

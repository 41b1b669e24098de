using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;
using Tollgate.Server.Api;
using Tollgate.Server.Hosting;
using Tollgate.Server.OAuth;
using Tollgate.Server.Options;

namespace Tollgate.Server.Msp;

/// <summary>
/// <c>POST /msp/v2/customers/{customerId}/token</c>: Druva's route for an MSP to get a token for one of its
/// customers, with its MSP token as bearer and <c>grant_type=client_credentials</c> in the body.
/// </summary>
internal static class CustomerTokenEndpoint
{
    public static void MapCustomerToken(this IEndpointRouteBuilder routes)
    {
        var access = routes.ServiceProvider.GetRequiredService<ApiAccess>();
        routes.MapPost("/msp/v2/customers/{customerId}/token", HandleAsync).AddEndpointFilterFactory((_, next) => access.Require(ScopeSet.None, next));
    }

    private static async Task<IResult> HandleAsync(HttpContext context, CustomerTokenMinter minter, IOptions<TollgateServerOptions> options, string customerId)
    {
        var form = await FormReader.ReadAsync(context, options.Value.MaxFormBytes);
        if (!form.Succeeded)
        {
            return ApiErrors.BadRequest(form.Error.Description);
        }

        if (!form.Value.TryGetValue(OAuthParameters.GrantType, out var grantType) || grantType != GrantTypes.ClientCredentials)
        {
            return ApiErrors.BadRequest("grant_type must be client_credentials.");
        }

        var msp = context.Features.Get<AccessTokenInfo>()!;
        var minted = await minter.MintAsync(context.GetCloud(), msp, customerId, msp.Scopes, context.Connection.RemoteIpAddress, context.RequestAborted);
        if (!minted.Succeeded)
        {
            return minted.Error.Code switch
            {
                OAuthErrors.InvalidTarget => ApiErrors.NotFound("No such customer."),
                OAuthErrors.UnauthorizedClient => ApiErrors.Forbidden(minted.Error.Description),
                _ => ApiErrors.Error(StatusCodes.Status503ServiceUnavailable, "Unavailable", minted.Error.Description),
            };
        }

        await TokenEndpoint.WriteTokenAsync(context, minted.Value);
        return Results.Empty;
    }
}

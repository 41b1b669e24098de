using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Server.Api;
using Tollgate.Server.Hosting;
using Tollgate.Server.OAuth;
using Tollgate.Server.OpenApi;
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
        // Any token of the cloud passes the gate; the minter decides whether it is an MSP's (RFC 8693 exchange shares it).
        routes.MapPost("/msp/v2/customers/{customerId}/token", HandleAsync).RequireTollgateToken(ScopeSet.None)
            .WithMetadata(new AcceptsMetadata(["application/x-www-form-urlencoded"], typeof(TokenFormDoc), isOptional: true)).Produces<TokenResponseDoc>()
            .ProducesApiErrors(StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> HandleAsync(HttpContext context, CustomerTokenMinter minter, IOptions<TollgateServerOptions> options, string customerId)
    {
        var form = await FormReader.ReadAsync(context, options.Value.MaxFormBytes);
        if (!form.Succeeded)
        {
            return ApiProblem.BadRequest(form.Error.Description);
        }

        if (!form.Value.TryGetValue(OAuthParameters.GrantType, out var grantType) || grantType != GrantTypes.ClientCredentials)
        {
            return ApiProblem.BadRequest("grant_type must be client_credentials.");
        }

        var msp = context.GetTollgateToken();
        var minted = await minter.MintAsync(context, context.GetCloud(), msp, customerId, msp.Scopes, msp.Jkt);
        if (!minted.Succeeded)
        {
            return ApiProblem.From(minted.Error);
        }

        await TokenEndpoint.WriteTokenAsync(context, minted.Value);
        return Results.Empty;
    }
}

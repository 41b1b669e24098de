using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;
using Tollgate.Server.Dpop;
using Tollgate.Server.Hosting;
using Tollgate.Server.OAuth.Grants;
using Tollgate.Server.Options;

namespace Tollgate.Server.OAuth;

/// <summary>
/// <c>POST /token</c> (customer credentials) and <c>POST /msp/auth/v1/token</c> (MSP credentials): reads the
/// request once, hands it to the handler of its grant, and writes the answer (RFC 6749 §5.1 / §5.2).
/// </summary>
internal sealed class TokenEndpoint(IEnumerable<IGrantHandler> grants, DpopProofs proofs, IOptions<TollgateServerOptions> options)
{
    private readonly IGrantHandler[] _grants = [.. grants];

    public Task HandleCustomerAsync(HttpContext context) => HandleAsync(context, OwnerKind.Customer);

    public Task HandleMspAsync(HttpContext context) => HandleAsync(context, OwnerKind.Msp);

    /// <summary>The grants this kind of token endpoint takes (RFC 8414 <c>grant_types_supported</c> lists them).</summary>
    public IEnumerable<string> GrantsAt(OwnerKind endpoint) => _grants.Where(g => g.OfferedAt(endpoint)).Select(g => g.GrantType);

    private async Task HandleAsync(HttpContext context, OwnerKind endpoint)
    {
        var form = await FormReader.ReadAsync(context, options.Value.MaxFormBytes).ConfigureAwait(false);
        if (!form.Succeeded)
        {
            await OAuthResults.WriteTokenErrorAsync(context, form.Error).ConfigureAwait(false);
            return;
        }

        var request = TokenRequest.Parse(context.Request.Headers.Authorization, form.Value);
        if (request.GrantType is null)
        {
            await OAuthResults.WriteTokenErrorAsync(context, OAuthError.InvalidRequest("The grant_type parameter is required.")).ConfigureAwait(false);
            return;
        }

        if (Array.Find(_grants, g => g.GrantType == request.GrantType && g.OfferedAt(endpoint)) is not { } grant)
        {
            await OAuthResults.WriteTokenErrorAsync(context, new OAuthError(OAuthErrors.UnsupportedGrantType, $"Supported grants here: {string.Join(", ", GrantsAt(endpoint))}.")).ConfigureAwait(false);
            return;
        }

        var result = await grant.HandleAsync(context, context.GetCloud(), endpoint, request).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            await OAuthResults.WriteTokenErrorAsync(context, result.Error).ConfigureAwait(false);
            return;
        }

        if (result.Value.Jkt is not null && proofs.NonceToSend is { } nonce)
        {
            context.Response.Headers[DpopProofs.NonceHeader] = nonce;
        }

        await WriteTokenAsync(context, result.Value, grant.IssuedTokenType).ConfigureAwait(false);
    }

    internal static Task WriteTokenAsync(HttpContext context, IssuedToken token, string? issuedTokenType = null)
    {
        OAuthResults.SetNoStore(context.Response);
        return OAuthResults.WriteJsonAsync(context.Response, writer =>
        {
            writer.WriteString(OAuthParameters.AccessToken, token.AccessToken);
            // RFC 9449 §5: a token bound to the client's key says so.
            writer.WriteString(OAuthParameters.TokenType, token.Jkt is null ? TokenTypes.Bearer : TokenTypes.Dpop);
            writer.WriteNumber(OAuthParameters.ExpiresIn, token.ExpiresIn);
            writer.WriteString(OAuthParameters.Scope, token.Scope);
            if (issuedTokenType is not null)
            {
                writer.WriteString(OAuthParameters.IssuedTokenType, issuedTokenType);
            }
        });
    }
}

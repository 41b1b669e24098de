using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;
using Tollgate.Server.Caching;
using Tollgate.Server.Hosting;
using Tollgate.Server.Options;

namespace Tollgate.Server.OAuth;

/// <summary>
/// <c>POST /token</c> (customer credentials) and <c>POST /msp/auth/v1/token</c> (MSP credentials):
/// the client-credentials grant of RFC 6749 §4.4.
/// </summary>
internal sealed class TokenEndpoint(
    ClientAuthStep clientAuth,
    CloudRegistry clouds,
    AccessTokenIssuer issuer,
    UsageRecorder usage,
    TimeProvider time,
    IOptions<TollgateServerOptions> options,
    ILogger<TokenEndpoint> logger)
{
    public Task HandleCustomerAsync(HttpContext context) => HandleAsync(context, OwnerKind.Customer);

    public Task HandleMspAsync(HttpContext context) => HandleAsync(context, OwnerKind.Msp);

    private async Task HandleAsync(HttpContext context, OwnerKind owner)
    {
        var cloud = context.GetCloud();
        var form = await FormReader.ReadAsync(context, options.Value.MaxFormBytes).ConfigureAwait(false);
        if (!form.Succeeded)
        {
            await OAuthResults.WriteTokenErrorAsync(context, form.Error).ConfigureAwait(false);
            return;
        }

        var result = await IssueAsync(context, cloud, form.Value, owner).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            await OAuthResults.WriteTokenErrorAsync(context, result.Error).ConfigureAwait(false);
            return;
        }

        await WriteTokenAsync(context, result.Value).ConfigureAwait(false);
    }

    private async ValueTask<Result<IssuedToken>> IssueAsync(HttpContext context, CloudDefinition cloud, Dictionary<string, string> form, OwnerKind owner)
    {
        if (!form.TryGetValue(OAuthParameters.GrantType, out var grantType))
        {
            return OAuthError.InvalidRequest("The grant_type parameter is required.");
        }

        if (grantType != GrantTypes.ClientCredentials)
        {
            return new OAuthError(OAuthErrors.UnsupportedGrantType, "Only the client_credentials grant is supported here.");
        }

        var client = await clientAuth.AuthenticateAsync(context, cloud, form, owner).ConfigureAwait(false);
        if (!client.Succeeded)
        {
            return client.Error;
        }

        var credential = client.Value;
        var scopes = credential.Scopes;
        if (form.TryGetValue(OAuthParameters.Scope, out var requested))
        {
            // RFC 6749 §3.3: the requested scope must be known and within what the credential holds.
            if (!Scopes.TryParse(requested, out var asked) || (asked & ~credential.Scopes) != 0)
            {
                return new OAuthError(OAuthErrors.InvalidScope, $"The credential may request: {Scopes.Format(credential.Scopes)}.");
            }

            scopes = asked;
        }

        var now = time.GetUtcNow();
        if (clouds.Ring(cloud.Name).SigningKeyAt(now) is not { } key)
        {
            return new OAuthError(OAuthErrors.ServerError, "No signing key is active; try again shortly.");
        }

        var subject = new TokenSubject(
            credential.ClientId,
            credential.Owner,
            credential.Owner == OwnerKind.Customer ? credential.OwnerId : null,
            credential.Owner == OwnerKind.Msp ? credential.OwnerId : null,
            scopes);
        var token = issuer.Issue(cloud, key, subject, now);
        usage.Record(credential.ClientId, now);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Log.TokenIssued(logger, Redact.Hash(credential.ClientId), cloud.Name.Value);
        }

        return Result<IssuedToken>.Success(token);
    }

    internal static Task WriteTokenAsync(HttpContext context, IssuedToken token, string? issuedTokenType = null)
    {
        OAuthResults.SetNoStore(context.Response);
        return OAuthResults.WriteJsonAsync(context.Response, writer =>
        {
            writer.WriteString(OAuthParameters.AccessToken, token.AccessToken);
            writer.WriteString(OAuthParameters.TokenType, TokenTypes.Bearer);
            writer.WriteNumber(OAuthParameters.ExpiresIn, token.ExpiresIn);
            writer.WriteString(OAuthParameters.Scope, token.Scope);
            if (issuedTokenType is not null)
            {
                writer.WriteString(OAuthParameters.IssuedTokenType, issuedTokenType);
            }
        });
    }
}

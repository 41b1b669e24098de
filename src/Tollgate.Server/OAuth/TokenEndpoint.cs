using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollgate.Core.Authentication;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;
using Tollgate.Server.Batching;
using Tollgate.Server.Hosting;
using Tollgate.Server.Msp;
using Tollgate.Server.Options;

namespace Tollgate.Server.OAuth;

/// <summary>
/// <c>POST /token</c> (customer credentials) and <c>POST /msp/auth/v1/token</c> (MSP credentials):
/// the client-credentials grant of RFC 6749 §4.4.
/// </summary>
internal sealed class TokenEndpoint(
    ClientAuthStep clientAuth,
    AccessTokenValidator validator,
    CustomerTokenMinter minter,
    CloudRegistry clouds,
    AccessTokenIssuer issuer,
    LastUsedBatcher usage,
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

        var exchange = owner == OwnerKind.Customer && form.Value.TryGetValue(OAuthParameters.GrantType, out var grant) && grant == GrantTypes.TokenExchange;
        var result = exchange
            ? await ExchangeAsync(context, cloud, form.Value).ConfigureAwait(false)
            : await IssueAsync(context, cloud, form.Value, owner).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            await OAuthResults.WriteTokenErrorAsync(context, result.Error).ConfigureAwait(false);
            return;
        }

        await WriteTokenAsync(context, result.Value, exchange ? TokenTypes.AccessTokenUrn : null).ConfigureAwait(false);
    }

    private async ValueTask<Result<IssuedToken>> IssueAsync(HttpContext context, CloudDefinition cloud, Dictionary<string, string> form, OwnerKind owner)
    {
        if (!form.TryGetValue(OAuthParameters.GrantType, out var grantType))
        {
            return OAuthError.InvalidRequest("The grant_type parameter is required.");
        }

        if (grantType != GrantTypes.ClientCredentials)
        {
            return new OAuthError(
                OAuthErrors.UnsupportedGrantType,
                owner == OwnerKind.Msp ? "Only the client_credentials grant is supported here." : "Supported grants: client_credentials, and token-exchange for MSP customer tokens.");
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
            scopes,
            SecretGeneration: credential.SecretGeneration);
        var token = issuer.Issue(cloud, key, subject, now);
        usage.Record(credential.ClientId, now);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Log.TokenIssued(logger, Redact.Hash(credential.ClientId), cloud.Name.Value);
        }

        return Result<IssuedToken>.Success(token);
    }

    /// <summary>
    /// RFC 8693 token exchange: an MSP token (subject_token) for a token of one of its customers
    /// (resource or audience). The client may authenticate as the MSP credential that got the subject
    /// token, or not at all: the subject token is the proof.
    /// </summary>
    private async ValueTask<Result<IssuedToken>> ExchangeAsync(HttpContext context, CloudDefinition cloud, Dictionary<string, string> form)
    {
        if (!form.TryGetValue(OAuthParameters.SubjectToken, out var subjectToken))
        {
            return OAuthError.InvalidRequest("subject_token is required.");
        }

        if (!form.TryGetValue(OAuthParameters.SubjectTokenType, out var subjectType) || subjectType != TokenTypes.AccessTokenUrn)
        {
            return OAuthError.InvalidRequest($"subject_token_type must be {TokenTypes.AccessTokenUrn}.");
        }

        form.TryGetValue(OAuthParameters.Resource, out var resource);
        form.TryGetValue(OAuthParameters.Audience, out var audience);
        if ((resource ?? audience) is not { } customerId || (resource is not null && audience is not null && resource != audience))
        {
            return OAuthError.InvalidRequest("Name the customer id in resource or audience (one value).");
        }

        if (form.TryGetValue(OAuthParameters.RequestedTokenType, out var requested) && requested != TokenTypes.AccessTokenUrn)
        {
            return OAuthError.InvalidRequest($"requested_token_type must be {TokenTypes.AccessTokenUrn}.");
        }

        var presented = ClientCredentialsParser.Parse(context.Request.Headers.Authorization, form);
        CredentialRecord? client = null;
        if (!presented.Succeeded)
        {
            return presented.Error;
        }

        if (presented.Value is not null)
        {
            var authenticated = await clientAuth.AuthenticateAsync(context, cloud, form, OwnerKind.Msp).ConfigureAwait(false);
            if (!authenticated.Succeeded)
            {
                return authenticated.Error;
            }

            client = authenticated.Value;
        }

        var subject = await validator.ValidateAsync(subjectToken, context.RequestAborted).ConfigureAwait(false);
        if (!subject.Succeeded || subject.Value.Cloud != cloud.Name)
        {
            return new OAuthError(OAuthErrors.InvalidGrant, "subject_token is not a valid access token of this cloud.");
        }

        if (client is not null && client.ClientId != subject.Value.ClientId)
        {
            return new OAuthError(OAuthErrors.InvalidGrant, "subject_token was not issued to this client.");
        }

        var scopes = subject.Value.Scopes;
        if (form.TryGetValue(OAuthParameters.Scope, out var scopeText))
        {
            if (!Scopes.TryParse(scopeText, out var asked) || (asked & ~scopes) != 0)
            {
                return new OAuthError(OAuthErrors.InvalidScope, $"The subject token allows: {Scopes.Format(scopes)}.");
            }

            scopes = asked;
        }

        var minted = await minter.MintAsync(cloud, subject.Value, customerId, scopes, context.Connection.RemoteIpAddress, context.RequestAborted).ConfigureAwait(false);
        if (!minted.Succeeded && minted.Error.Code == OAuthErrors.UnauthorizedClient)
        {
            return new OAuthError(OAuthErrors.InvalidGrant, "subject_token must be an MSP token.");
        }

        return minted;
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

using Microsoft.AspNetCore.Http;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;
using Tollgate.Server.Dpop;
using Tollgate.Server.Msp;

namespace Tollgate.Server.OAuth.Grants;

/// <summary>
/// RFC 8693 token exchange at <c>/token</c>: an MSP token (subject_token) for a token of one of its customers
/// (resource or audience). The client may authenticate as the MSP credential that got the subject token, or not
/// at all: the subject token is the proof.
/// </summary>
internal sealed class TokenExchangeGrant(ClientAuthStep clientAuth, AccessTokenValidator validator, CustomerTokenMinter minter, DpopProofs proofs) : IGrantHandler
{
    public string GrantType => GrantTypes.TokenExchange;

    public string? IssuedTokenType => TokenTypes.AccessTokenUrn;

    public bool OfferedAt(OwnerKind endpoint) => endpoint == OwnerKind.Customer;

    public async ValueTask<Result<IssuedToken>> HandleAsync(HttpContext context, CloudDefinition cloud, OwnerKind endpoint, TokenRequest request)
    {
        if (request.Get(OAuthParameters.SubjectToken) is not { } subjectToken)
        {
            return OAuthError.InvalidRequest("subject_token is required.");
        }

        if (request.Get(OAuthParameters.SubjectTokenType) != TokenTypes.AccessTokenUrn)
        {
            return OAuthError.InvalidRequest($"subject_token_type must be {TokenTypes.AccessTokenUrn}.");
        }

        var resource = request.Get(OAuthParameters.Resource);
        var audience = request.Get(OAuthParameters.Audience);
        if ((resource ?? audience) is not { } customerId || (resource is not null && audience is not null && resource != audience))
        {
            return OAuthError.InvalidRequest("Name the customer id in resource or audience (one value).");
        }

        if (request.Get(OAuthParameters.RequestedTokenType) is { } requested && requested != TokenTypes.AccessTokenUrn)
        {
            return OAuthError.InvalidRequest($"requested_token_type must be {TokenTypes.AccessTokenUrn}.");
        }

        if (!request.Client.Succeeded)
        {
            return request.Client.Error;
        }

        CredentialRecord? client = null;
        if (request.Client.Value is not null)
        {
            var authenticated = await clientAuth.AuthenticateAsync(context, cloud, request.Client, OwnerKind.Msp).ConfigureAwait(false);
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

        // A DPoP-bound subject token is only good with a proof of its key, and its customer token keeps the binding.
        var bound = await proofs.ReadAtTokenEndpointAsync(context, cloud).ConfigureAwait(false);
        if (!bound.Succeeded)
        {
            return bound.Error;
        }

        if (subject.Value.Jkt is { } subjectKey && bound.Value != subjectKey)
        {
            return OAuthError.InvalidDpopProof("subject_token is DPoP-bound: send a DPoP proof signed with its key.");
        }

        var scopes = subject.Value.Scopes;
        if (request.Scope is { } scopeText)
        {
            if (!Scopes.TryParse(scopeText, out var asked) || (asked & ~scopes) != 0)
            {
                return new OAuthError(OAuthErrors.InvalidScope, $"The subject token allows: {Scopes.Format(scopes)}.");
            }

            scopes = asked;
        }

        var minted = await minter.MintAsync(context, cloud, subject.Value, customerId, scopes, subject.Value.Jkt ?? bound.Value).ConfigureAwait(false);
        if (!minted.Succeeded && minted.Error.Code == OAuthErrors.UnauthorizedClient)
        {
            return new OAuthError(OAuthErrors.InvalidGrant, "subject_token must be an MSP token.");
        }

        return minted;
    }
}

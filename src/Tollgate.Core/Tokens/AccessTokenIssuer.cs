using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;

namespace Tollgate.Core.Tokens;

/// <summary>Mints RFC 9068 JWT access tokens.</summary>
public sealed class AccessTokenIssuer
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public IssuedToken Issue(CloudDefinition cloud, SigningKey key, TokenSubject subject, DateTimeOffset now)
    {
        var lifetime = subject.Kind == OwnerKind.Msp ? cloud.MspTokenLifetime : cloud.CustomerTokenLifetime;
        // Whole seconds: iat/exp are NumericDate (RFC 7519 §2) and expires_in an integer.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var expires = issuedAt + lifetime;
        var jti = NewId();
        var scope = Scopes.Format(subject.Scopes);

        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [ClaimNames.Subject] = subject.ClientId,
            [ClaimNames.ClientId] = subject.ClientId,
            [ClaimNames.JwtId] = jti,
            [ClaimNames.Scope] = scope,
            [ClaimNames.CloudId] = cloud.Name.Value,
            [ClaimNames.SessionId] = NewId(),
        };
        if (subject.CustomerId is not null)
        {
            claims[ClaimNames.CustomerId] = subject.CustomerId;
        }

        if (subject.MspId is not null)
        {
            claims[ClaimNames.MspId] = subject.MspId;
        }

        if (subject.Actor is not null)
        {
            claims[ClaimNames.Actor] = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [ClaimNames.Subject] = subject.Actor.Subject,
                [ClaimNames.MspId] = subject.Actor.MspId,
            };
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = cloud.Issuer,
            Audience = cloud.Audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expires.UtcDateTime,
            TokenType = TokenTypes.AccessTokenJwt,
            SigningCredentials = key.Credentials,
            Claims = claims,
        };

        var token = _handler.CreateToken(descriptor);
        return new IssuedToken(token, jti, (int)lifetime.TotalSeconds, expires, scope);
    }

    private static string NewId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
}

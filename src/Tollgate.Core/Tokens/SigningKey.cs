using Microsoft.IdentityModel.Tokens;

namespace Tollgate.Core.Tokens;

/// <summary>One signing key of one cloud, decrypted, with its schedule.</summary>
/// <param name="Kid">Key id, the JWS <c>kid</c>.</param>
/// <param name="Algorithm">ES256 or RS256.</param>
/// <param name="Key">The private key (signs; its public half verifies).</param>
/// <param name="PublicJwk">The public key as published in JWKS.</param>
/// <param name="CreatedAt">When it was created, and so published.</param>
/// <param name="ActivatesAt">When it starts signing.</param>
public sealed record SigningKey(
    string Kid,
    string Algorithm,
    AsymmetricSecurityKey Key,
    JsonWebKey PublicJwk,
    DateTimeOffset CreatedAt,
    DateTimeOffset ActivatesAt)
{
    private SigningCredentials? _credentials;

    public SigningCredentials Credentials => _credentials ??= new SigningCredentials(Key, Algorithm);
}

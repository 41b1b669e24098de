using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;

namespace Tollgate.Core.Tokens;

/// <summary>
/// Validates bearer tokens of any cloud this process knows: signature, <c>typ</c>, issuer, audience, lifetime,
/// then revocation. A successful validation is cached until the token expires; revocation is checked on every
/// call, from memory. The caller decides what a token of another cloud means (Druva: an explicit deny).
/// </summary>
public sealed class AccessTokenValidator(IKeyResolver keys, RevocationList revocations, TimeProvider time, int cacheCapacity = 100_000)
{
    private const int MaxTokenLength = 8192;

    private readonly JsonWebTokenHandler _handler = new();
    private readonly ValidatedTokenCache _cache = new(cacheCapacity);

    public int CachedCount => _cache.Count;

    public async ValueTask<Result<AccessTokenInfo>> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGet(token, out var cached))
        {
            return Check(cached, now);
        }

        var result = await ValidateUncachedAsync(token, now, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            _cache.Add(token, result.Value);
            return Check(result.Value, now);
        }

        return result;
    }

    /// <summary>
    /// The warm path: answers from the validation cache without allocating. False when the token is not cached
    /// (then call <see cref="ValidateAsync"/>).
    /// </summary>
    public bool TryValidateCached(ReadOnlySpan<char> token, out Result<AccessTokenInfo> result)
    {
        if (_cache.TryGet(token, out var cached))
        {
            result = Check(cached, time.GetUtcNow());
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>Evicts expired entries from the validation cache.</summary>
    public void Sweep() => _cache.RemoveExpired(time.GetUtcNow() - TokenTiming.ClockSkew);

    private Result<AccessTokenInfo> Check(AccessTokenInfo info, DateTimeOffset now)
    {
        // now - skew, never exp + skew: a signed exp near year 9999 must not overflow into a 500.
        if (info.ExpiresAt <= now - TokenTiming.ClockSkew)
        {
            return Invalid("The access token expired.");
        }

        return revocations.IsRevoked(info, now) ? Invalid("The access token was revoked.") : Result<AccessTokenInfo>.Success(info);
    }

    private async ValueTask<Result<AccessTokenInfo>> ValidateUncachedAsync(string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (token.Length > MaxTokenLength || !_handler.CanReadToken(token))
        {
            return Invalid("The access token is malformed.");
        }

        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return Invalid("The access token is malformed.");
        }

        if (jwt.IsEncrypted || !keys.TryGetCloudByIssuer(jwt.Issuer, out var cloud) || string.IsNullOrEmpty(jwt.Kid))
        {
            return Invalid("The access token was not issued here.");
        }

        // RFC 7515 §4.1.11: a recipient that does not understand a critical extension must refuse the JWS.
        // Tollgate issues none and understands none.
        if (jwt.TryGetHeaderValue<object>(ClaimNames.Critical, out _))
        {
            return Invalid("The access token names critical header parameters this server does not understand.");
        }

        var key = await keys.FindKeyAsync(cloud.Name, jwt.Kid, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return Invalid("The access token's signing key is unknown.");
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = cloud.Issuer,
            ValidAudience = cloud.Audience,
            IssuerSigningKey = key.Key,
            ValidAlgorithms = [key.Algorithm],
            ValidTypes = [TokenTypes.AccessTokenJwt], // RFC 9068 §4: reject other JWTs
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = false, // checked below against the TimeProvider
            TryAllIssuerSigningKeys = false,
        };

        var validation = await _handler.ValidateTokenAsync(jwt, parameters).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return Invalid("The access token's signature or claims are invalid.");
        }

        var notBefore = jwt.ValidFrom > jwt.IssuedAt ? jwt.ValidFrom : jwt.IssuedAt;
        if (new DateTimeOffset(notBefore, TimeSpan.Zero) - TokenTiming.ClockSkew > now)
        {
            return Invalid("The access token is not valid yet.");
        }

        // A token that lives longer than this cloud issues them was not issued by this cloud's rules.
        if (jwt.ValidTo - jwt.IssuedAt > cloud.MaxTokenLifetime)
        {
            return Invalid("The access token's lifetime is longer than this cloud issues.");
        }

        try
        {
            return Read(jwt, cloud);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or JsonException)
        {
            // Claims of an unexpected JSON type in a validly signed token: refused, never a 500.
            return Invalid("The access token's claims are malformed.");
        }
    }

    private static Result<AccessTokenInfo> Read(JsonWebToken jwt, Clouds.CloudDefinition cloud)
    {
        if (!jwt.TryGetPayloadValue<string>(ClaimNames.ClientId, out var clientId) ||
            !jwt.TryGetPayloadValue<string>(ClaimNames.JwtId, out var jti) ||
            !jwt.TryGetPayloadValue<string>(ClaimNames.Scope, out var scopeText) ||
            !Scopes.TryParse(scopeText, out var scopes))
        {
            return Invalid("The access token lacks required claims.");
        }

        jwt.TryGetPayloadValue<string>(ClaimNames.CustomerId, out var customerId);
        jwt.TryGetPayloadValue<string>(ClaimNames.MspId, out var mspId);
        jwt.TryGetPayloadValue<string>(ClaimNames.SessionId, out var sessionId);
        var role = AdminRole.None;
        if (jwt.TryGetPayloadValue<string>(ClaimNames.Role, out var roleText) && !AdminRoles.TryParse(roleText, out role))
        {
            return Invalid("The access token's role claim is unknown.");
        }

        // A token names its customer or its MSP; only a cloud administrator's names neither (and then nothing else).
        var consistent = role switch
        {
            _ when AdminRoles.IsCloudWide(role) => customerId is null && mspId is null,
            AdminRole.MspAdmin => customerId is null && mspId is not null,
            AdminRole.CustomerAdmin => customerId is not null && !jwt.TryGetPayloadValue<JsonElement>(ClaimNames.Actor, out _),
            _ => customerId is not null || mspId is not null,
        };
        if (!consistent)
        {
            return Invalid("The access token names no customer or MSP.");
        }

        // Absent in tokens issued before secrets had generations: those count as the first secret's.
        var generation = 0;
        if (jwt.TryGetClaim(ClaimNames.SecretGeneration, out var gen) &&
            (gen.ValueType is not (ClaimValueTypes.Integer or ClaimValueTypes.Integer32 or ClaimValueTypes.Integer64) ||
             !int.TryParse(gen.Value, NumberStyles.None, CultureInfo.InvariantCulture, out generation)))
        {
            return Invalid("The access token's secretGeneration claim is malformed.");
        }

        TokenActor? actor = null;
        if (jwt.TryGetPayloadValue<JsonElement>(ClaimNames.Actor, out var act) && act.ValueKind == JsonValueKind.Object)
        {
            if (!act.TryGetProperty(ClaimNames.Subject, out var actSub) || !act.TryGetProperty(ClaimNames.MspId, out var actMsp) ||
                actSub.ValueKind != JsonValueKind.String || actMsp.ValueKind != JsonValueKind.String ||
                actSub.GetString() is not { } actSubject || actMsp.GetString() is not { } actMspId)
            {
                return Invalid("The access token's act claim is malformed.");
            }

            actor = new TokenActor(actSubject, actMspId);
        }

        string? jkt = null;
        if (jwt.TryGetPayloadValue<JsonElement>(ClaimNames.Confirmation, out var cnf))
        {
            if (cnf.ValueKind != JsonValueKind.Object || !cnf.TryGetProperty(ClaimNames.JwkThumbprint, out var jktElement)
                || jktElement.ValueKind != JsonValueKind.String || jktElement.GetString() is not { Length: > 0 } thumbprint)
            {
                return Invalid("The access token's cnf claim is malformed.");
            }

            jkt = thumbprint;
        }

        return Result<AccessTokenInfo>.Success(new AccessTokenInfo(
            cloud.Name,
            cloud.Issuer,
            cloud.Audience,
            clientId,
            scopes,
            customerId,
            customerId is null ? mspId : null,
            actor,
            jti,
            sessionId,
            new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero),
            new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero),
            generation,
            role,
            jkt));
    }

    private static OAuthError Invalid(string description) => new(OAuthErrors.InvalidToken, description);
}

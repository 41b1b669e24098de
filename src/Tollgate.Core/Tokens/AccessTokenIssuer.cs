using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;

namespace Tollgate.Core.Tokens;

/// <summary>Mints RFC 9068 JWT access tokens.</summary>
public sealed class AccessTokenIssuer
{
    // RFC 9068 §2.1: typ "at+jwt". JsonWebTokenHandler adds alg and kid from the signing credentials.
    private static readonly Dictionary<string, object> Header = new(StringComparer.Ordinal) { ["typ"] = TokenTypes.AccessTokenJwt };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public IssuedToken Issue(CloudDefinition cloud, SigningKey key, TokenSubject subject, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(subject);
        var lifetime = subject.Kind == OwnerKind.Msp ? cloud.MspTokenLifetime : cloud.CustomerTokenLifetime;
        // Whole seconds: iat/exp are NumericDate (RFC 7519 §2) and expires_in an integer.
        var issuedAt = now.ToUnixTimeSeconds();
        var expires = issuedAt + (long)lifetime.TotalSeconds;
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        var jti = Base64UrlEncoder.Encode(random[..16].ToArray());
        var scope = Scopes.Format(subject.Scopes);

        // The payload is written once, straight to UTF-8, in a buffer reused by this thread.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(ClaimNames.Issuer, cloud.Issuer);
            writer.WriteString(ClaimNames.Audience, cloud.Audience);
            writer.WriteString(ClaimNames.Subject, subject.ClientId);
            writer.WriteString(ClaimNames.ClientId, subject.ClientId);
            writer.WriteNumber(ClaimNames.IssuedAt, issuedAt);
            writer.WriteNumber(ClaimNames.NotBefore, issuedAt);
            writer.WriteNumber(ClaimNames.Expires, expires);
            writer.WriteString(ClaimNames.JwtId, jti);
            writer.WriteString(ClaimNames.Scope, scope);
            writer.WriteString(ClaimNames.CloudId, cloud.Name.Value);
            writer.WriteString(ClaimNames.SessionId, Base64UrlEncoder.Encode(random[16..].ToArray()));
            if (subject.CustomerId is not null)
            {
                writer.WriteString(ClaimNames.CustomerId, subject.CustomerId);
            }

            if (subject.MspId is not null)
            {
                writer.WriteString(ClaimNames.MspId, subject.MspId);
            }

            writer.WriteNumber(ClaimNames.SecretGeneration, subject.SecretGeneration);
            if (AdminRoles.Name(subject.Role) is { } role)
            {
                writer.WriteString(ClaimNames.Role, role);
            }

            if (subject.Jkt is not null)
            {
                // RFC 9449 §6.1: bound to the key whose thumbprint this is.
                writer.WriteStartObject(ClaimNames.Confirmation);
                writer.WriteString(ClaimNames.JwkThumbprint, subject.Jkt);
                writer.WriteEndObject();
            }

            if (subject.Actor is not null)
            {
                // RFC 8693 §4.1: the acting party.
                writer.WriteStartObject(ClaimNames.Actor);
                writer.WriteString(ClaimNames.Subject, subject.Actor.Subject);
                writer.WriteString(ClaimNames.MspId, subject.Actor.MspId);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        var token = _handler.CreateToken(Encoding.UTF8.GetString(buffer.WrittenSpan), key.Credentials, Header);
        return new IssuedToken(token, jti, (int)lifetime.TotalSeconds, DateTimeOffset.FromUnixTimeSeconds(expires), scope, subject.Jkt);
    }
}

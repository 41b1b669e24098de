using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Core.OAuth;

namespace Tollgate.Core.Authentication;

/// <summary>
/// <c>private_key_jwt</c> (RFC 7523 §2.2, RFC 7521 §4.2): <c>client_assertion_type</c> jwt-bearer and a
/// <c>client_assertion</c> signed with the client's key. Reading it takes the client id from the assertion's
/// <c>sub</c> (a <c>client_id</c> beside it must agree); <see cref="ClientAuthenticator"/> checks the signature and claims.
/// </summary>
public sealed class PrivateKeyJwt : IClientAuthMethod
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>Longer than any assertion a client needs; a longer one is refused unread.</summary>
    public const int MaxAssertionLength = 8192;

    public string Name => "private_key_jwt";

    public bool UsesAuthorizationHeader => false;

    public Result<ClientCredentials?> Read(string? authorization, IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var hasType = form.TryGetValue(OAuthParameters.ClientAssertionType, out var type);
        var hasAssertion = form.TryGetValue(OAuthParameters.ClientAssertion, out var assertion);
        if (!hasType && !hasAssertion)
        {
            return Result<ClientCredentials?>.Success(null);
        }

        if (!hasType || !hasAssertion)
        {
            return OAuthError.InvalidRequest("client_assertion and client_assertion_type go together.");
        }

        if (type != AssertionType)
        {
            return OAuthError.InvalidClient() with { Description = $"client_assertion_type must be {AssertionType}.", Reason = ClientAuthFailures.Malformed };
        }

        if (assertion!.Length > MaxAssertionLength || SubjectOf(assertion) is not { } subject)
        {
            return OAuthError.InvalidClient() with { Description = "client_assertion is not a JWT naming its client in sub.", Reason = ClientAuthFailures.Malformed };
        }

        if (form.TryGetValue(OAuthParameters.ClientId, out var clientId) && clientId != subject)
        {
            return OAuthError.InvalidClient() with { Description = "client_id and the assertion's sub differ.", Reason = ClientAuthFailures.Malformed };
        }

        return Result<ClientCredentials?>.Success(new ClientCredentials(subject, assertion, ClientAuthMethod.PrivateKeyJwt));
    }

    /// <summary>The unverified <c>sub</c> of a compact JWT: which credential's keys to check it with.</summary>
    private static string? SubjectOf(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[1]));
            return payload.RootElement.ValueKind == JsonValueKind.Object
                && payload.RootElement.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String
                && sub.GetString() is { Length: > 0 and <= 256 } value
                ? value
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}

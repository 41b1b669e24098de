using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Tollgate.Core.OAuth;

namespace Tollgate.Core.Authentication;

/// <summary>
/// Reads the client's credentials from a token-endpoint request: HTTP Basic (RFC 6749 §2.3.1) or
/// <c>client_id</c>/<c>client_secret</c> in the body. Exactly one method per request (RFC 6749 §2.3).
/// </summary>
public static class ClientCredentialsParser
{
    private const string BasicScheme = "Basic ";
    private const int MaxEncodedLength = 4096;
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>
    /// Parses the request. Returns the credentials, <c>null</c> when the client sent none, or an error.
    /// </summary>
    public static Result<ClientCredentials?> Parse(string? authorization, IReadOnlyDictionary<string, string> form)
    {
        form.TryGetValue(OAuthParameters.ClientId, out var bodyId);
        form.TryGetValue(OAuthParameters.ClientSecret, out var bodySecret);

        if (string.IsNullOrEmpty(authorization))
        {
            if (bodySecret is null)
            {
                // A bare client_id is a public client (RFC 6749 §2.1); none is registered here.
                return Result<ClientCredentials?>.Success(null);
            }

            if (string.IsNullOrEmpty(bodyId))
            {
                return OAuthError.InvalidRequest("client_secret was sent without client_id.");
            }

            return Result<ClientCredentials?>.Success(new ClientCredentials(bodyId, bodySecret, ClientAuthMethod.ClientSecretPost));
        }

        if (!authorization.StartsWith(BasicScheme, StringComparison.OrdinalIgnoreCase))
        {
            // Another scheme (Bearer, Digest…) is no client authentication this endpoint knows.
            return OAuthError.InvalidClient() with
            {
                Description = "Client authentication must use HTTP Basic or client_secret_post.",
            };
        }

        if (bodySecret is not null)
        {
            return OAuthError.InvalidRequest("The client used more than one authentication method.");
        }

        if (!TryDecodeBasic(authorization.AsSpan(BasicScheme.Length).Trim(), out var clientId, out var secret))
        {
            return OAuthError.InvalidClient() with
            {
                Description = "The Basic credentials are not base64(client_id:client_secret).",
            };
        }

        // RFC 6749 §3.2.1: a client_id in the body beside Basic must name the same client.
        if (bodyId is not null && !string.Equals(bodyId, clientId, StringComparison.Ordinal))
        {
            return OAuthError.InvalidRequest("client_id in the body does not match the Basic credentials.");
        }

        return Result<ClientCredentials?>.Success(new ClientCredentials(clientId, secret, ClientAuthMethod.ClientSecretBasic));
    }

    /// <summary>
    /// Decodes <c>base64(id:secret)</c>. Druva's documentation and most clients put the raw values in;
    /// RFC 6749 §2.3.1 says to form-url-encode each first. A part is decoded only when it holds a '%':
    /// raw Client IDs and Secret Keys are base64 and never do, and an encoder always escapes '+', '/', '='.
    /// </summary>
    internal static bool TryDecodeBasic(ReadOnlySpan<char> encoded, out string clientId, out string secret)
    {
        clientId = secret = string.Empty;
        if (encoded.IsEmpty || encoded.Length > MaxEncodedLength)
        {
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(encoded.Length));
        try
        {
            if (!Convert.TryFromBase64Chars(encoded, buffer, out var written))
            {
                return false;
            }

            string text;
            try
            {
                text = StrictUtf8.GetString(buffer, 0, written);
            }
            catch (DecoderFallbackException)
            {
                return false;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            return TryFormDecode(text[..colon], out clientId) && TryFormDecode(text[(colon + 1)..], out secret);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool TryFormDecode(string part, out string value)
    {
        if (!part.Contains('%', StringComparison.Ordinal))
        {
            value = part;
            return true;
        }

        try
        {
            // application/x-www-form-urlencoded: '+' is a space, then percent-decoding.
            value = Uri.UnescapeDataString(part.Replace('+', ' '));
            return true;
        }
        catch (UriFormatException)
        {
            value = string.Empty;
            return false;
        }
    }
}

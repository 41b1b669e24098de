using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Tollgate.Core.OAuth;

namespace Tollgate.Core.Authentication;

/// <summary><c>client_secret_basic</c> (RFC 6749 §2.3.1): <c>Authorization: Basic base64(client_id:client_secret)</c>.</summary>
public sealed class ClientSecretBasic : IClientAuthMethod
{
    private const string Scheme = "Basic ";
    private const int MaxEncodedLength = 4096;
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public string Name => "client_secret_basic";

    public bool UsesAuthorizationHeader => true;

    public Result<ClientCredentials?> Read(string? authorization, IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Result<ClientCredentials?>.Success(null);
        }

        if (!TryDecode(authorization.AsSpan(Scheme.Length).Trim(), out var clientId, out var secret))
        {
            return OAuthError.InvalidClient() with
            {
                Description = "The Basic credentials are not base64(client_id:client_secret).",
            };
        }

        // RFC 6749 §3.2.1: a client_id in the body beside Basic must name the same client.
        if (form.TryGetValue(OAuthParameters.ClientId, out var bodyId) && !string.Equals(bodyId, clientId, StringComparison.Ordinal))
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
    internal static bool TryDecode(ReadOnlySpan<char> encoded, out string clientId, out string secret)
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

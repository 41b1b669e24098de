using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tollgate.Core.OAuth;

namespace Tollgate.Server.OAuth;

/// <summary>The OAuth endpoints' error surface (RFC 6749 §5.2): the one place that turns an <see cref="OAuthError"/> into a status, headers and a body.</summary>
internal static class OAuthResults
{
    public const string Realm = "tollgate";

    // Plain quotes and apostrophes in messages: bodies are JSON responses, never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A Retry-After value (RFC 9110 §10.2.3): whole seconds, rounded up, never 0.</summary>
    public static string Seconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Token, introspection and revocation endpoints: RFC 6749 §5.2 JSON.</summary>
    public static Task WriteTokenErrorAsync(HttpContext context, OAuthError error)
    {
        var response = context.Response;
        response.StatusCode = error.Code switch
        {
            OAuthErrors.InvalidClient => StatusCodes.Status401Unauthorized,
            OAuthErrors.ServerError or OAuthErrors.TemporarilyUnavailable => StatusCodes.Status503ServiceUnavailable,
            OAuthErrors.SlowDown => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status400BadRequest,
        };
        if (error.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = Seconds(wait);
        }
        else
        if (response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            // The store or the signing keys are away for a moment: the client may retry (RFC 9110 §10.2.3).
            response.Headers.RetryAfter = "1";
        }

        if (error.DpopNonce is { } nonce)
        {
            // RFC 9449 §8: the nonce to put in the next proof.
            response.Headers["DPoP-Nonce"] = nonce;
        }

        if (error.Code == OAuthErrors.InvalidClient)
        {
            // RFC 7235 §3.1: every 401 carries a challenge, client_secret_post's too; Basic is the scheme this
            // endpoint takes in the Authorization header (RFC 6749 §5.2).
            response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        }

        SetNoStore(response);
        return WriteJsonAsync(response, writer =>
        {
            writer.WriteString(OAuthParameters.Error, error.Code);
            writer.WriteString(OAuthParameters.ErrorDescription, Printable(error.Description));
        });
    }

    /// <summary>
    /// <paramref name="text"/> in the characters RFC 6749 §5.2 allows in <c>error_description</c>
    /// (%x20-21 / %x23-5B / %x5D-7E): anything else, a client's input echoed included, becomes '?'.
    /// The same set is safe inside an RFC 7235 quoted-string. Longer than <paramref name="max"/>: cut, with "...".
    /// </summary>
    public static string Printable(string text, int max = 500)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cut = text.Length > max;
        var length = cut ? max : text.Length;
        var clean = true;
        for (var i = 0; i < length && clean; i++)
        {
            clean = IsAllowed(text[i]);
        }

        if (clean && !cut)
        {
            return text;
        }

        return string.Create(length + (cut ? 3 : 0), (text, length, cut), static (span, state) =>
        {
            for (var i = 0; i < state.length; i++)
            {
                span[i] = IsAllowed(state.text[i]) ? state.text[i] : '?';
            }

            if (state.cut)
            {
                span[state.length..].Fill('.');
            }
        });
    }

    private static bool IsAllowed(char c) => c is >= ' ' and <= '~' and not '"' and not '\\';

    public static void SetNoStore(HttpResponse response)
    {
        // RFC 6749 §5.1: responses carrying tokens or credentials are not cached.
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }

    public static async Task WriteJsonAsync(HttpResponse response, Action<Utf8JsonWriter> body, string contentType = "application/json; charset=utf-8")
    {
        response.ContentType = contentType;
        await using var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
        writer.WriteStartObject();
        body(writer);
        writer.WriteEndObject();
        await writer.FlushAsync().ConfigureAwait(false);
    }
}

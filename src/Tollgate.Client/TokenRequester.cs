using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Tollgate.Client;

/// <summary>Sends token requests: the body, client authentication, retries on 429/5xx honouring Retry-After, and the parse.</summary>
internal sealed class TokenRequester(HttpClient http, TollgateClientOptions options, TimeProvider time, ILogger logger)
{
    private readonly string _clientHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(options.ClientId)), 0, 4);

    public string ClientHash => _clientHash;

    public Task<AccessToken> RequestAsync(Uri endpoint, IEnumerable<KeyValuePair<string, string>> form, AuthenticationHeaderValue authorization, CancellationToken cancellationToken) =>
        SendWithRetriesAsync(() => new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(form),
            Headers = { Authorization = authorization, Accept = { new MediaTypeWithQualityHeaderValue("application/json") } },
        }, cancellationToken);

    /// <summary>HTTP Basic with the credential, encoded as configured.</summary>
    public AuthenticationHeaderValue Basic()
    {
        var (id, secret) = options.BasicEncoding == BasicEncoding.FormUrlEncoded
            ? (FormEncode(options.ClientId), FormEncode(options.SecretKey))
            : (options.ClientId, options.SecretKey);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
    }

    private static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    private async Task<AccessToken> SendWithRetriesAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = create();
            Log.Requesting(logger, _clientHash, request.RequestUri!.GetLeftPart(UriPartial.Path));
            var requestedAt = time.GetUtcNow();
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < options.MaxRetries)
            {
                await DelayAsync(null, attempt, 0, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if ((status == 429 || status >= 500) && attempt < options.MaxRetries)
                {
                    await DelayAsync(response.Headers.RetryAfter, attempt, status, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                return response.IsSuccessStatusCode ? Parse(body, requestedAt, response.StatusCode) : throw Refusal(body, response.StatusCode);
            }
        }
    }

    private async Task DelayAsync(RetryConditionHeaderValue? retryAfter, int attempt, int status, CancellationToken cancellationToken)
    {
        var delay = retryAfter?.Delta
            ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : (TimeSpan?)null)
            ?? options.RetryDelay * Math.Pow(2, attempt) * (0.8 + (0.4 * RandomNumberGenerator.GetInt32(1000) / 1000.0));
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > options.MaxRetryDelay ? options.MaxRetryDelay : delay;
        Log.Retrying(logger, _clientHash, status, delay.TotalMilliseconds, attempt + 1);
        await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
    }

    private static AccessToken Parse(byte[] body, DateTimeOffset requestedAt, HttpStatusCode status)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (!root.TryGetProperty(OAuthNames.AccessToken, out var token) || token.GetString() is not { Length: > 0 } value)
            {
                throw new TollgateTokenException(OAuthNames.InvalidResponse, "The response has no access_token.", status);
            }

            var expiresIn = root.TryGetProperty(OAuthNames.ExpiresIn, out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt32()
                : root.TryGetProperty(OAuthNames.ExpiresIn, out e) && e.ValueKind == JsonValueKind.String && int.TryParse(e.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed
                : 300; // RFC 6749 §5.1 makes expires_in optional; assume a short life rather than forever
            var scope = root.TryGetProperty(OAuthNames.Scope, out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            return new AccessToken(value, requestedAt.AddSeconds(expiresIn), scope);
        }
        catch (JsonException)
        {
            throw new TollgateTokenException(OAuthNames.InvalidResponse, "The token response is not JSON.", status);
        }
    }

    private static TollgateTokenException Refusal(byte[] body, HttpStatusCode status)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            // RFC 6749 §5.2 {error, error_description}, or Druva's API shape {code, message}.
            var error = root.TryGetProperty(OAuthNames.Error, out var e) ? e.GetString() : root.TryGetProperty("code", out var c) ? c.GetString() : null;
            var description = root.TryGetProperty(OAuthNames.ErrorDescription, out var d) ? d.GetString() : root.TryGetProperty("message", out var m) ? m.GetString() : null;
            return new TollgateTokenException(error ?? "http_" + (int)status, description, status);
        }
        catch (JsonException)
        {
            return new TollgateTokenException("http_" + (int)status, null, status);
        }
    }
}

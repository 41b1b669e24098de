using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Tollgate.Client;

/// <summary>Sends token requests: the body, client authentication, retries on 429/5xx honouring Retry-After (Microsoft.Extensions.Http.Resilience), and the parse.</summary>
internal sealed class TokenRequester(HttpClient http, TollgateClientOptions options, TimeProvider time, ILogger logger)
{
    private readonly string _clientHash = HashOf(options.ClientId);
    private readonly ResiliencePipeline<HttpResponseMessage> _retries = Retries(options, time, logger, HashOf(options.ClientId));

    public string ClientHash => _clientHash;

    /// <summary>
    /// Posts a token request. <paramref name="authorize"/> sets the request's client authentication (and, for a
    /// private_key_jwt client, adds a fresh assertion to the form): it runs for every attempt, so nothing single-use is
    /// sent twice. With <paramref name="dpop"/>, every attempt carries a new proof, and a nonce the server asks for is
    /// picked up and the request sent again once.
    /// </summary>
    public async Task<AccessToken> RequestAsync(Uri endpoint, IReadOnlyList<KeyValuePair<string, string>> form, Action<HttpRequestMessage, List<KeyValuePair<string, string>>> authorize, DpopSession? dpop, CancellationToken cancellationToken)
    {
        HttpRequestMessage Create()
        {
            var fields = new List<KeyValuePair<string, string>>(form);
            var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("application/json") } } };
            authorize(request, fields);
            request.Content = new FormUrlEncodedContent(fields);
            // A bound token's request (an MSP's customer token) proves its key with the token's hash in the proof.
            var bound = request.Headers.Authorization is { Scheme: DpopSession.Scheme } auth ? auth.Parameter : null;
            dpop?.Sign(request, bound);
            return request;
        }

        for (var attempt = 0; ; attempt++)
        {
            var (status, body, requestedAt, nonceAsked) = await SendWithRetriesAsync(Create, dpop, cancellationToken).ConfigureAwait(false);
            if (status is >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices)
            {
                return Parse(body, requestedAt, status, dpop);
            }

            if (!(nonceAsked && attempt == 0))
            {
                throw Refusal(body, status);
            }
        }
    }

    /// <summary>A short hash of the client id: what the logs name it by.</summary>
    private static string HashOf(string clientId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientId)), 0, 4);

    /// <summary>HTTP Basic with the credential, encoded as configured.</summary>
    public AuthenticationHeaderValue Basic()
    {
        var (id, secret) = options.BasicEncoding == BasicEncoding.FormUrlEncoded
            ? (FormEncode(options.ClientId), FormEncode(options.SecretKey))
            : (options.ClientId, options.SecretKey);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
    }

    private static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    private async Task<(HttpStatusCode Status, byte[] Body, DateTimeOffset RequestedAt, bool NonceAsked)> SendWithRetriesAsync(Func<HttpRequestMessage> create, DpopSession? dpop, CancellationToken cancellationToken)
    {
        var requestedAt = time.GetUtcNow();
        using var response = await _retries.ExecuteAsync(
            async ct =>
            {
                // A request message is sent once: every attempt builds its own.
                using var request = create();
                Log.Requesting(logger, _clientHash, request.RequestUri!.GetLeftPart(UriPartial.Path));
                requestedAt = time.GetUtcNow();
                var sent = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                return sent;
            },
            cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var nonceAsked = dpop is not null && dpop.TakeNonce(response, response.IsSuccessStatusCode ? null : ErrorCode(body));
        return (response.StatusCode, body, requestedAt, nonceAsked);
    }

    private static string? ErrorCode(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(OAuthNames.Error, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Retries of Microsoft.Extensions.Http.Resilience: on a network failure, 408, 429 and 5xx, up to
    /// <see cref="TollgateClientOptions.MaxRetries"/> times, after the server's <c>Retry-After</c> when it sends one, else
    /// after an exponential back-off with jitter; never longer than <see cref="TollgateClientOptions.MaxRetryDelay"/>.
    /// </summary>
    private static ResiliencePipeline<HttpResponseMessage> Retries(TollgateClientOptions options, TimeProvider time, ILogger logger, string clientHash)
    {
        if (options.MaxRetries == 0)
        {
            return ResiliencePipeline<HttpResponseMessage>.Empty;
        }

        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = false,
                DelayGenerator = args =>
                {
                    // RFC 9110 §10.2.3: the server's wait, capped; none (null) leaves the back-off to the strategy.
                    if (args.Outcome.Result?.Headers.RetryAfter is not { } retryAfter)
                    {
                        return new ValueTask<TimeSpan?>((TimeSpan?)null);
                    }

                    var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : TimeSpan.Zero);
                    wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > options.MaxRetryDelay ? options.MaxRetryDelay : wait;
                    return new ValueTask<TimeSpan?>(wait);
                },
                OnRetry = args =>
                {
                    Log.Retrying(logger, clientHash, (int?)args.Outcome.Result?.StatusCode ?? 0, args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1);
                    return default;
                },
            })
            .Build();
    }

    private static AccessToken Parse(byte[] body, DateTimeOffset requestedAt, HttpStatusCode status, DpopSession? dpop)
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
            var type = root.TryGetProperty("token_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "Bearer";
            var issued = new AccessToken(value, requestedAt.AddSeconds(expiresIn), scope, type);
            if (issued.IsDpopBound && dpop is null)
            {
                throw new TollgateTokenException(OAuthNames.InvalidResponse, "The server issued a DPoP-bound token to a request without a proof.", status);
            }

            return issued.IsDpopBound ? issued with { Dpop = dpop } : issued;
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

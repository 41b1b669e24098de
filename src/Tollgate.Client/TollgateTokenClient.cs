using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tollgate.Client;

/// <summary>
/// Obtains and caches access tokens for one API credential: one cached token per scope (and, for an MSP,
/// per customer), reused until shortly before it expires, refreshed ahead of time in the background, and
/// fetched once however many callers ask at the same moment. Thread-safe; create one per credential and share it.
/// </summary>
public sealed class TollgateTokenClient
{
    private readonly HttpClient _http;
    private readonly TollgateClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IDistributedCache? _distributedCache;
    private readonly SharedTokenProtector? _protector;
    private readonly TokenRequester _requester;
    private readonly ProofSigner? _assertions;
    private readonly DpopSession? _dpop;
    private readonly Uri _tokenEndpoint;
    private readonly ConcurrentDictionary<string, TokenCacheEntry> _byScope = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Customer, string Scope), TokenCacheEntry> _byCustomer = new();

    /// <summary>Creates a token client.</summary>
    /// <param name="http">Sends the token requests; its base address is not used.</param>
    /// <param name="options">The credential and cloud; validated here.</param>
    /// <param name="time">The clock (tests pass a fake one); the system clock by default.</param>
    /// <param name="loggerFactory">Where to log (never a secret or a token).</param>
    /// <param name="distributedCache">Shares tokens between processes when <see cref="TollgateClientOptions.UseDistributedCache"/> is on.</param>
    public TollgateTokenClient(HttpClient http, TollgateClientOptions options, TimeProvider? time = null, ILoggerFactory? loggerFactory = null, IDistributedCache? distributedCache = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Tollgate.Client");
        // A DPoP-bound token is worth nothing to a process without this client's key: such tokens are never shared.
        _distributedCache = options.UseDistributedCache && !options.UseDpop ? distributedCache : null;
        _requester = new TokenRequester(http, options, _time, _logger);
        _tokenEndpoint = new Uri(options.Cloud.BaseAddress, options.Kind == CredentialKind.Msp ? OAuthNames.MspTokenPath : OAuthNames.TokenPath);
        _assertions = options.ClientAssertionKey is { } key ? new ProofSigner(key) : null;
        _dpop = options.UseDpop ? new DpopSession(new ProofSigner(options.DpopKey ?? DpopSession.NewKey()), _time) : null;
        _protector = _distributedCache is null ? null : new SharedTokenProtector(SealingSecret(options), options.ClientId, _tokenEndpoint);
        Default = ForScope(options.Scope);
    }

    /// <summary>Tokens with the configured scope.</summary>
    public ITokenSource Default { get; }

    /// <summary>The endpoint this credential's tokens come from (<c>/token</c> or <c>/msp/auth/v1/token</c>).</summary>
    public Uri TokenEndpoint => _tokenEndpoint;

    /// <summary>A usable token with the configured scope (see <see cref="ITokenSource.GetTokenAsync"/>).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken = default) => Default.GetTokenAsync(cancellationToken);

    /// <summary>Tokens for another scope. A token of one scope is never served for another.</summary>
    /// <param name="scope"><c>read</c>, <c>write</c>, <c>read write</c>, or null for the credential's default.</param>
    public ITokenSource ForScope(string? scope) =>
        _byScope.GetOrAdd(scope ?? string.Empty, s => NewEntry(ct => RequestClientCredentialsAsync(s.Length == 0 ? null : s, ct), $"scope:{s}"));

    /// <summary>
    /// Tokens for one customer of this MSP, minted with the MSP's token through
    /// <c>POST /msp/v2/customers/{customerId}/token</c>; cached per customer, never shared between customers.
    /// </summary>
    /// <param name="customerId">The customer's global id (GCID).</param>
    public ITokenSource ForCustomer(string customerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        if (_options.Kind != CredentialKind.Msp)
        {
            throw new InvalidOperationException("Customer tokens need MSP credentials (TollgateClientOptions.Kind = Msp).");
        }

        return _byCustomer.GetOrAdd((customerId, _options.Scope ?? string.Empty), key => NewEntry(ct => RequestCustomerTokenAsync(key.Customer, ct), $"customer:{key.Customer}"));
    }

    private TokenCacheEntry NewEntry(Func<CancellationToken, Task<AccessToken>> fetch, string purpose)
    {
        if (_distributedCache is { } cache)
        {
            var key = "tollgate:token:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{_tokenEndpoint}\n{_options.ClientId}\n{purpose}")));
            var inner = fetch;
            fetch = ct => SharedAsync(cache, key, inner, ct);
        }

        return new TokenCacheEntry(fetch, _time, _options, _logger);
    }

    private Task<AccessToken> RequestClientCredentialsAsync(string? scope, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>> { new(OAuthNames.GrantType, OAuthNames.ClientCredentials) };
        if (scope is not null)
        {
            form.Add(new(OAuthNames.Scope, scope));
        }

        return _requester.RequestAsync(_tokenEndpoint, form, AuthenticateClient, _dpop, cancellationToken);
    }

    /// <summary>The client's authentication on a token request: a new signed assertion (private_key_jwt), or HTTP Basic.</summary>
    private void AuthenticateClient(HttpRequestMessage request, List<KeyValuePair<string, string>> form)
    {
        if (_assertions is null)
        {
            request.Headers.Authorization = _requester.Basic();
            return;
        }

        form.Add(new(OAuthNames.ClientAssertionType, ProofSigner.AssertionType));
        form.Add(new(OAuthNames.ClientAssertion, _assertions.Assertion(_options.ClientId, _tokenEndpoint.AbsoluteUri, _options.ClientAssertionKeyId, _time.GetUtcNow())));
    }

    /// <summary>What shared-cache entries are sealed with: the Secret Key, or for a private_key_jwt client its private key.</summary>
    private static string SealingSecret(TollgateClientOptions options) =>
        options.ClientAssertionKey is { } key ? Convert.ToBase64String(key.ExportPkcs8PrivateKey()) : options.SecretKey;

    private async Task<AccessToken> RequestCustomerTokenAsync(string customerId, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(_options.Cloud.BaseAddress, $"msp/v2/customers/{Uri.EscapeDataString(customerId)}/token");
        KeyValuePair<string, string>[] form = [new(OAuthNames.GrantType, OAuthNames.ClientCredentials)];
        for (var attempt = 0; ; attempt++)
        {
            var msp = await Default.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // A DPoP-bound MSP token goes with a proof of its key; the customer token keeps the binding.
                return await _requester.RequestAsync(
                    endpoint,
                    form,
                    (request, _) => request.Headers.Authorization = new AuthenticationHeaderValue(msp.IsDpopBound ? DpopSession.Scheme : "Bearer", msp.Value),
                    _dpop,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (TollgateTokenException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                // The MSP token was refused (revoked, or the server restarted its keys): get a new one, once.
                Default.Invalidate(msp);
            }
        }
    }

    private async Task<AccessToken> SharedAsync(IDistributedCache cache, string key, Func<CancellationToken, Task<AccessToken>> fetch, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (await cache.GetAsync(key, cancellationToken).ConfigureAwait(false) is { } bytes
            && _protector!.Open(bytes, key) is { } opened
            && Deserialize(opened) is { } shared
            && shared.ExpiresAt - _options.ExpiryBuffer > now)
        {
            Log.FromDistributedCache(_logger, _requester.ClientHash);
            return shared;
        }

        var token = await fetch(cancellationToken).ConfigureAwait(false);
        var entryOptions = new DistributedCacheEntryOptions { AbsoluteExpiration = token.ExpiresAt - _options.ExpiryBuffer };
        if (entryOptions.AbsoluteExpiration > now)
        {
            await cache.SetAsync(key, _protector!.Seal(Serialize(token), key), entryOptions, cancellationToken).ConfigureAwait(false);
        }

        return token;
    }

    private static byte[] Serialize(AccessToken token)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString(OAuthNames.AccessToken, token.Value);
            writer.WriteNumber("expires_at", token.ExpiresAt.ToUnixTimeMilliseconds());
            writer.WriteString(OAuthNames.Scope, token.Scope);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static AccessToken? Deserialize(byte[] bytes)
    {
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            return new AccessToken(
                root.GetProperty(OAuthNames.AccessToken).GetString()!,
                DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("expires_at").GetInt64()),
                root.GetProperty(OAuthNames.Scope).GetString());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null; // an entry another version wrote, or garbage: fetch a fresh token
        }
    }
}

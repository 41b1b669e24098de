using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
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
    private readonly HybridCache? _shared;
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
    /// <param name="distributedCache">
    /// Shares tokens between processes when <see cref="TollgateClientOptions.UseDistributedCache"/> is on (through a
    /// <see cref="HybridCache"/> over it, when no <paramref name="hybridCache"/> is given).
    /// </param>
    /// <param name="hybridCache">The application's <see cref="HybridCache"/> (local and, when it has one, distributed): used instead of <paramref name="distributedCache"/>.</param>
    public TollgateTokenClient(HttpClient http, TollgateClientOptions options, TimeProvider? time = null, ILoggerFactory? loggerFactory = null, IDistributedCache? distributedCache = null, HybridCache? hybridCache = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Tollgate.Client");
        // A DPoP-bound token is worth nothing to a process without this client's key: such tokens are never shared.
        _shared = options.UseDistributedCache && !options.UseDpop ? hybridCache ?? Over(distributedCache) : null;
        _requester = new TokenRequester(http, options, _time, _logger);
        _tokenEndpoint = new Uri(options.Cloud.BaseAddress, options.Kind == CredentialKind.Msp ? OAuthNames.MspTokenPath : OAuthNames.TokenPath);
        _assertions = options.ClientAssertionKey is { } key ? new ProofSigner(key) : null;
        _dpop = options.UseDpop ? new DpopSession(new ProofSigner(options.DpopKey ?? DpopSession.NewKey()), _time) : null;
        _protector = _shared is null ? null : new SharedTokenProtector(SealingSecret(options), options.ClientId, _tokenEndpoint);
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
        if (_shared is { } cache)
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

    /// <summary>
    /// The shared layer: a token another process (or this one) put in the <see cref="HybridCache"/>, when it is still
    /// good; else a fresh one, put there for the others. What goes in is sealed (<see cref="SharedTokenProtector"/>):
    /// neither the local copy nor the distributed one holds a usable token without the credential's secret.
    /// </summary>
    private async Task<AccessToken> SharedAsync(HybridCache cache, string key, Func<CancellationToken, Task<AccessToken>> fetch, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var found = await cache.GetOrCreateAsync<string?>(key, static _ => ValueTask.FromResult<string?>(null), ReadOnly, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (Sealed(found) is { } bytes
            && _protector!.Open(bytes, key) is { } opened
            && Deserialize(opened) is { } shared
            && shared.ExpiresAt - _options.ExpiryBuffer > now)
        {
            Log.FromDistributedCache(_logger, _requester.ClientHash);
            return shared;
        }

        var token = await fetch(cancellationToken).ConfigureAwait(false);
        var lifetime = token.ExpiresAt - _options.ExpiryBuffer - now;
        if (lifetime > TimeSpan.Zero)
        {
            await cache.SetAsync(key, (string?)Convert.ToBase64String(_protector!.Seal(Serialize(token), key)), new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return token;
    }

    /// <summary>The sealed bytes of a shared entry; null for none, or for one that is not even base64 (tampered).</summary>
    private static byte[]? Sealed(string? entry)
    {
        if (entry is null)
        {
            return null;
        }

        var bytes = new byte[entry.Length];
        return Convert.TryFromBase64String(entry, bytes, out var written) ? bytes[..written] : null;
    }

    /// <summary>A lookup that writes nothing back when the entry is missing.</summary>
    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    /// <summary>A <see cref="HybridCache"/> over the given distributed cache, for callers that registered only that.</summary>
    private static HybridCache? Over(IDistributedCache? distributedCache)
    {
        if (distributedCache is null)
        {
            return null;
        }

        var services = new ServiceCollection();
        services.AddSingleton(distributedCache);
        services.AddHybridCache();
        return services.BuildServiceProvider().GetRequiredService<HybridCache>();
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

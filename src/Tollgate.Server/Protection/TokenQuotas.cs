using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Server.OAuth;
using Tollgate.Server.Observability;
using Tollgate.Server.Options;

namespace Tollgate.Server.Protection;

/// <summary>
/// Per-credential token quotas: fixed windows of <see cref="System.Threading.RateLimiting"/>, one partition per
/// (credential, rate), every rate of a quota having to allow the request. A credential without a quota of its own
/// takes its cloud's default; with neither, nothing is looked up. Answers past half a window's quota carry the IETF
/// <c>RateLimit-Policy</c> and <c>RateLimit</c> fields (draft-ietf-httpapi-ratelimit-headers); a refusal is
/// 429 <c>slow_down</c> with <c>Retry-After</c> — unless <c>Tollgate:Compatibility:Druva</c> asks for Druva's bare
/// 429. Per node: N nodes behind a load balancer let a client have up to N times its quota.
/// </summary>
internal sealed class TokenQuotas : IDisposable
{
    public const string PolicyHeader = "RateLimit-Policy";
    public const string StateHeader = "RateLimit";

    private readonly PartitionedRateLimiter<QuotaKey> _limiter;
    private readonly Dictionary<CloudName, TokenQuota?> _defaults = [];
    private readonly ConcurrentDictionary<QuotaKey, long> _windowStarts = new();
    private readonly ConditionalWeakTable<TokenQuota, string> _policies = [];
    private readonly TollgateMetrics _metrics;
    // The limiter counts on the process's monotonic clock, so the window arithmetic does too (not an injected time).
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly bool _druva;

    public TokenQuotas(IOptions<TollgateServerOptions> options, TollgateMetrics metrics)
    {
        foreach (var (name, cloud) in options.Value.Clouds)
        {
            // Validated at start: a default that does not parse never gets here.
            if (CloudName.TryParse(name, out var cloudName) && TokenQuota.TryParse(cloud.Quota, out var quota, out _))
            {
                _defaults[cloudName] = quota;
            }
        }

        _metrics = metrics;
        _druva = options.Value.Compatibility.Druva;
        Func<QuotaKey, FixedWindowRateLimiterOptions> create = Create;
        _limiter = PartitionedRateLimiter.Create<QuotaKey, QuotaKey>(key => RateLimitPartition.GetFixedWindowLimiter(key, create));
    }

    /// <summary>The quota that applies to <paramref name="credential"/>: its own, else its cloud's, else none.</summary>
    public TokenQuota? QuotaOf(CredentialRecord credential) =>
        credential.Quota ?? _defaults.GetValueOrDefault(credential.Cloud);

    /// <summary>
    /// Takes one token from <paramref name="credential"/>'s quota, writing the RateLimit fields onto the response;
    /// null when the token may be issued, else the 429 to answer.
    /// </summary>
    public OAuthError? TryTake(HttpContext context, CredentialRecord credential)
    {
        if (QuotaOf(credential) is not { } quota)
        {
            return null;
        }

        var rates = quota.Rates;
        var refused = -1;
        for (var i = 0; i < rates.Count; i++)
        {
            using var lease = _limiter.AttemptAcquire(new QuotaKey(credential.ClientId, rates[i]));
            if (!lease.IsAcquired)
            {
                refused = i;
                break;
            }
        }

        TimeSpan? wait = refused < 0 ? null : UntilReset(new QuotaKey(credential.ClientId, rates[refused]));
        if (!_druva)
        {
            Describe(context.Response, credential.ClientId, quota, refused, wait);
        }

        if (refused < 0)
        {
            return null;
        }

        _metrics.QuotaExceeded(credential.Cloud.Value, rates[refused].PolicyName);
        return OAuthError.QuotaExceeded(rates[refused].ToString(), _druva ? null : wait);
    }

    public void Dispose() => _limiter.Dispose();

    private FixedWindowRateLimiterOptions Create(QuotaKey key)
    {
        // The partition's window starts now (the limiter counts from its creation), which is what the RateLimit
        // field's reset time is computed from.
        _windowStarts[key] = _time.GetTimestamp();
        return new FixedWindowRateLimiterOptions
        {
            PermitLimit = key.Rate.Limit,
            Window = key.Rate.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    /// <summary>Time until the current window of <paramref name="key"/> ends.</summary>
    private TimeSpan UntilReset(QuotaKey key)
    {
        var window = key.Rate.Window;
        if (!_windowStarts.TryGetValue(key, out var start))
        {
            return window;
        }

        var elapsed = _time.GetElapsedTime(start).Ticks % window.Ticks;
        return TimeSpan.FromTicks(window.Ticks - elapsed);
    }

    /// <summary>
    /// <c>RateLimit-Policy: "minute";q=60;w=60</c> and <c>RateLimit: "minute";r=59;t=42</c>, one list member per
    /// rate of the quota: the quota units left and the seconds until the window resets. Sent once a client has used
    /// half of a window's quota, and on every refusal: far from its limit a client needs no signal, and two more
    /// header fields on every token answer would cost the busiest path several per cent.
    /// </summary>
    private void Describe(HttpResponse response, string clientId, TokenQuota quota, int refused, TimeSpan? wait)
    {
        var rates = quota.Rates;
        Span<long> left = stackalloc long[rates.Count];
        var near = refused >= 0;
        for (var i = 0; i < rates.Count; i++)
        {
            left[i] = i == refused ? 0 : _limiter.GetStatistics(new QuotaKey(clientId, rates[i]))?.CurrentAvailablePermits ?? rates[i].Limit;
            near |= left[i] * 2 <= rates[i].Limit;
        }

        if (!near)
        {
            return;
        }

        response.Headers[PolicyHeader] = _policies.GetValue(quota, Policies);
        var state = new StringBuilder();
        for (var i = 0; i < rates.Count; i++)
        {
            var reset = i == refused && wait is { } w ? w : UntilReset(new QuotaKey(clientId, rates[i]));
            state.Append(i == 0 ? string.Empty : ", ")
                .Append(CultureInfo.InvariantCulture, $"\"{rates[i].PolicyName}\";r={left[i]};t={OAuthResults.Seconds(reset)}");
        }

        response.Headers[StateHeader] = state.ToString();
    }

    private static string Policies(TokenQuota quota) => string.Join(", ", quota.Rates.Select(r =>
        string.Create(CultureInfo.InvariantCulture, $"\"{r.PolicyName}\";q={r.Limit};w={(long)r.Window.TotalSeconds}")));
}

using System.Diagnostics.Metrics;
using Tollgate.Core.Credentials;
using Tollgate.Server.Background;
using Tollgate.Server.Batching;
using Tollgate.Server.Hosting;

namespace Tollgate.Server.Observability;

/// <summary>
/// The <c>Tollgate</c> meter (System.Diagnostics.Metrics): dotted lowercase names with units, tags of bounded
/// cardinality only (cloud, grant, kind, reason, result, cache, queue; never a client id). Nothing is recorded
/// unless a listener (the OpenTelemetry exporters, dotnet-counters) is attached: a counter with no listener costs a
/// check of one field.
/// </summary>
internal sealed class TollgateMetrics
{
    public const string MeterName = "Tollgate";

    private readonly Counter<long> _tokens;
    private readonly Counter<long> _authFailures;
    private readonly Counter<long> _validations;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _quotaRejections;
    private readonly Histogram<double> _flush;

    public TollgateMetrics(IMeterFactory meters, ChangeFeedHealth feed, AuditBatcher audit, LastUsedBatcher lastUsed, CloudRegistry clouds, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _tokens = meter.CreateCounter<long>("tollgate.tokens.issued", "{token}", "Access tokens issued, by cloud, grant and credential kind.");
        _authFailures = meter.CreateCounter<long>("tollgate.client_auth.failures", "{failure}", "Failed client authentications, by reason.");
        _validations = meter.CreateCounter<long>("tollgate.bearer.validations", "{validation}", "Bearer tokens checked on the protected APIs, by result and validation-cache hit or miss.");
        _throttled = meter.CreateCounter<long>("tollgate.guard.throttled", "{request}", "Requests refused with 429 by the brute-force guard.");
        _quotaRejections = meter.CreateCounter<long>("tollgate.quota.rejections", "{request}", "Token requests refused with 429 because the credential's quota was used up, by cloud and policy.");
        _flush = meter.CreateHistogram<double>("tollgate.write_behind.flush.duration", "s", "How long one flush of the write-behind queues took.");
        meter.CreateObservableGauge("tollgate.change_feed.lag", () => feed.SinceLastPoll?.TotalSeconds ?? double.NaN, "s", "Time since this node last read the change feed successfully.");
        meter.CreateObservableGauge<int>(
            "tollgate.write_behind.depth",
            () => [new Measurement<int>(audit.Pending, new KeyValuePair<string, object?>("queue", "audit")), new Measurement<int>(lastUsed.Pending, new KeyValuePair<string, object?>("queue", "last_used"))],
            "{item}",
            "Events and last-used times waiting to be written.");
        meter.CreateObservableGauge(
            "tollgate.signing_key.age",
            () => clouds.Clouds.Select(c => clouds.Ring(c.Name).SigningKeyAt(time.GetUtcNow()) is { } key
                ? new Measurement<double>((time.GetUtcNow() - key.ActivatesAt).TotalSeconds, new KeyValuePair<string, object?>("cloud", c.Name.Value))
                : new Measurement<double>(double.NaN, new KeyValuePair<string, object?>("cloud", c.Name.Value))),
            "s",
            "How long each cloud's active signing key has been signing.");
    }

    public void TokenIssued(string cloud, string grant, OwnerKind kind)
    {
        if (_tokens.Enabled)
        {
            _tokens.Add(1, new("cloud", cloud), new("grant", grant), new("kind", OwnerKinds.Name(kind)));
        }
    }

    public void ClientAuthFailed(string reason)
    {
        if (_authFailures.Enabled)
        {
            _authFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void BearerValidated(bool valid, bool cacheHit)
    {
        if (_validations.Enabled)
        {
            _validations.Add(1, new("result", valid ? "valid" : "invalid"), new("cache", cacheHit ? "hit" : "miss"));
        }
    }

    public void Throttled()
    {
        if (_throttled.Enabled)
        {
            _throttled.Add(1);
        }
    }

    public void QuotaExceeded(string cloud, string policy)
    {
        if (_quotaRejections.Enabled)
        {
            _quotaRejections.Add(1, new("cloud", cloud), new("policy", policy));
        }
    }

    public void Flushed(TimeSpan duration) => _flush.Record(duration.TotalSeconds);
}

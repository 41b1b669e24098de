using Microsoft.Extensions.Options;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Tokens;

namespace Tollgate.Server.Options;

/// <summary>Refuses to start on a configuration that would misbehave later.</summary>
internal sealed class TollgateServerOptionsValidator : IValidateOptions<TollgateServerOptions>
{
    public ValidateOptionsResult Validate(string? name, TollgateServerOptions options)
    {
        var failures = new List<string>();
        var enabled = 0;
        foreach (var (cloud, settings) in options.Clouds)
        {
            if (!CloudName.TryParse(cloud, out _))
            {
                failures.Add($"Cloud name '{cloud}' must be lower-case letters and digits.");
            }

            if (!settings.Enabled)
            {
                continue;
            }

            enabled++;
            if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.AbsolutePath != "/")
            {
                failures.Add($"Cloud '{cloud}': Url '{settings.Url}' must be http://HOST:PORT or https://HOST:PORT.");
            }

            if (settings.Issuer is not null && !Uri.TryCreate(settings.Issuer, UriKind.Absolute, out _))
            {
                failures.Add($"Cloud '{cloud}': Issuer must be an absolute URL.");
            }

            if (settings.CustomerTokenLifetimeSeconds is < 60 or > 86400 || settings.MspTokenLifetimeSeconds is < 60 or > 86400)
            {
                failures.Add($"Cloud '{cloud}': token lifetimes must be 60–86400 seconds.");
            }

            if (!TokenQuota.TryParse(settings.Quota, out _, out var badQuota))
            {
                failures.Add($"Cloud '{cloud}': Quota {badQuota}");
            }
        }

        if (enabled == 0)
        {
            failures.Add("No cloud is enabled.");
        }

        if (!SigningAlgorithms.IsSupported(options.Signing.Algorithm))
        {
            failures.Add($"Signing algorithm '{options.Signing.Algorithm}' is not ES256 or RS256.");
        }

        if (options.Signing.PublishAhead < TimeSpan.Zero || options.Signing.RotationInterval <= options.Signing.PublishAhead)
        {
            failures.Add("Signing: RotationInterval must be longer than PublishAhead.");
        }

        if (options.Metrics.Listen is { } management
            && (!Uri.TryCreate(management, UriKind.Absolute, out var managementUrl) || (managementUrl.Scheme != Uri.UriSchemeHttp && managementUrl.Scheme != Uri.UriSchemeHttps) || managementUrl.AbsolutePath != "/"))
        {
            failures.Add($"Metrics: Listen '{management}' must be http://HOST:PORT or https://HOST:PORT.");
        }

        if (!string.IsNullOrEmpty(options.Dpop.NonceKey) && !IsKey(options.Dpop.NonceKey))
        {
            failures.Add("Dpop: NonceKey must be 32 bytes in base64 (openssl rand -base64 32).");
        }

        if (options.Dpop.ProofLifetime < TimeSpan.FromSeconds(5) || options.Dpop.ProofLifetime > TimeSpan.FromMinutes(10))
        {
            failures.Add("Dpop: ProofLifetime must be between 5 seconds and 10 minutes.");
        }

        if (options.Dpop.NonceLifetime < TimeSpan.FromSeconds(10) || options.Dpop.NonceLifetime > TimeSpan.FromHours(1))
        {
            failures.Add("Dpop: NonceLifetime must be between 10 seconds and an hour.");
        }

        if (options.Guard.Tarpit < TimeSpan.Zero || options.Guard.Tarpit > TimeSpan.FromSeconds(30))
        {
            failures.Add("Guard: Tarpit must be between 0 and 30 seconds.");
        }

        if (options.Tls.HstsMaxAge <= TimeSpan.Zero)
        {
            failures.Add("Tls: HstsMaxAge must be positive.");
        }

        if (options.ChangeFeedInterval <= TimeSpan.Zero || options.ChangeFeedInterval > TimeSpan.FromSeconds(1))
        {
            failures.Add("ChangeFeedInterval must be between 0 and 1 second: nodes promise coherence within one second.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsKey(string base64)
    {
        Span<byte> bytes = stackalloc byte[64];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == 32;
    }
}

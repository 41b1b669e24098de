namespace Tollgate.Client;

/// <summary>
/// Where the API lives: one of Druva's clouds, or any base URL (a Tollgate server, for example).
/// A token is good only on the cloud that issued it.
/// </summary>
public sealed class TollgateCloud
{
    private TollgateCloud(string name, Uri baseAddress)
    {
        Name = name;
        BaseAddress = baseAddress;
    }

    /// <summary>Enterprise Workloads, Endpoints and Data Governance on the public cloud: https://apis.druva.com.</summary>
    public static TollgateCloud Mainline { get; } = new("mainline", new Uri("https://apis.druva.com/"));

    /// <summary>Endpoints and Data Governance GovCloud: https://govcloudapis.druva.com.</summary>
    public static TollgateCloud GovCloud { get; } = new("govcloud", new Uri("https://govcloudapis.druva.com/"));

    /// <summary>Enterprise Workloads GovCloud: https://govapis.druva.com.</summary>
    public static TollgateCloud GovApis { get; } = new("govapis", new Uri("https://govapis.druva.com/"));

    /// <summary>A short name: mainline, govcloud, govapis, or the base URL.</summary>
    public string Name { get; }

    /// <summary>The base URL of the cloud, ending in '/'.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Any other deployment, such as a Tollgate server or a test double.</summary>
    /// <param name="baseAddress">An absolute http or https URL.</param>
    public static TollgateCloud FromBaseAddress(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The base address must be an absolute http or https URL.", nameof(baseAddress));
        }

        var text = baseAddress.AbsoluteUri;
        return new TollgateCloud(text.TrimEnd('/'), new Uri(text.EndsWith('/') ? text : text + "/"));
    }

    /// <summary>Any other deployment, by its base URL as text (<c>"http://127.0.0.1:5080"</c>).</summary>
    /// <param name="baseAddress">An absolute http or https URL.</param>
    public static TollgateCloud FromBaseAddress(string baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        return Uri.TryCreate(baseAddress, UriKind.Absolute, out var uri)
            ? FromBaseAddress(uri)
            : throw new ArgumentException("The base address must be an absolute http or https URL.", nameof(baseAddress));
    }

    /// <summary>Parses mainline, govcloud, govapis, or an absolute URL.</summary>
    /// <param name="text">A preset name or a URL.</param>
    /// <param name="cloud">The cloud, when the text was understood.</param>
    public static bool TryParse(string? text, out TollgateCloud cloud)
    {
        cloud = text?.ToLowerInvariant() switch
        {
            "mainline" => Mainline,
            "govcloud" => GovCloud,
            "govapis" => GovApis,
            _ => null!,
        };
        if (cloud is not null)
        {
            return true;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            cloud = FromBaseAddress(url);
            return true;
        }

        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

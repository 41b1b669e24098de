using Microsoft.AspNetCore.Http;
using Tollgate.Core.Clouds;

namespace Tollgate.Server.Hosting;

internal static class HttpContextExtensions
{
    /// <summary>The cloud whose listener accepted this request.</summary>
    public static CloudDefinition GetCloud(this HttpContext context) =>
        context.Features.Get<CloudFeature>()?.Cloud
        ?? throw new InvalidOperationException("The request did not come through a cloud listener.");
}

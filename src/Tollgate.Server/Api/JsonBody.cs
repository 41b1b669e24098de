using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Tollgate.Server.Api;

/// <summary>Reads a JSON request body with a size limit; any failure is a 4xx with a clear message, never a 500.</summary>
internal static class JsonBody
{
    public static async Task<(T? Value, ApiProblem? Error)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, int maxBytes)
        where T : class
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) ||
            !mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new ApiProblem(ApiProblemKind.UnsupportedMediaType, "The request body must be application/json."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, ApiProblem.PayloadTooLarge(maxBytes));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, context.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, ApiProblem.BadRequest("The request body must be a JSON object.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblem.BadRequest($"The request body is not valid JSON for this call: {ex.Message.Split('.')[0]}."));
        }
        catch (BadHttpRequestException)
        {
            return (null, ApiProblem.PayloadTooLarge(maxBytes));
        }
    }
}

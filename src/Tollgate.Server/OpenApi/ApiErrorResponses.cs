using System.Net.Mime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Tollgate.Server.OpenApi;

/// <summary>Documents the error bodies of the APIs' endpoints as <see cref="Api.ApiResults"/> writes them: Druva's shape, and problem details.</summary>
internal static class ApiErrorResponses
{
    /// <summary>401 (no or bad token), 403 (scope, holder, another cloud's explicit deny), 400 and 503, plus <paramref name="more"/>.</summary>
    public static TBuilder ProducesApiErrors<TBuilder>(this TBuilder builder, params int[] more)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(more);
        int[] common = [StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status503ServiceUnavailable];
        foreach (var status in common.Concat(more))
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiErrorDoc), [MediaTypeNames.Application.Json]));
        }

        return builder;
    }

    /// <summary>An admin API error: <see cref="ProblemDoc"/> as <c>application/problem+json</c>.</summary>
    public static TBuilder ProducesProblemDoc<TBuilder>(this TBuilder builder, int status)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDoc), [MediaTypeNames.Application.ProblemJson]));
}

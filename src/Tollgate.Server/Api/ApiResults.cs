using Microsoft.AspNetCore.Http;
using Tollgate.Core.OAuth;
using Tollgate.Server.OAuth;

namespace Tollgate.Server.Api;

/// <summary>
/// The one place that turns an <see cref="ApiProblem"/> into a response: RFC 6750 §3 challenges for token
/// failures, Druva's <c>{"code","message"}</c> bodies (and its explicit-deny body) for everything else.
/// </summary>
internal static class ApiResults
{
    /// <summary>Druva's error code for a valid token presented on another cloud.</summary>
    private const string ExplicitDenyCode = "4294971402";

    public static Task WriteAsync(HttpContext context, ApiProblem problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problem);
        var response = context.Response;
        var realm = $"Bearer realm=\"{OAuthResults.Realm}\"";
        switch (problem.Kind)
        {
            case ApiProblemKind.NoToken:
                response.StatusCode = StatusCodes.Status401Unauthorized;
                response.Headers.WWWAuthenticate = realm;
                return OAuthResults.WriteJsonAsync(response, writer => writer.WriteString("message", "Unauthorized"));
            case ApiProblemKind.InvalidToken:
                response.StatusCode = StatusCodes.Status401Unauthorized;
                response.Headers.WWWAuthenticate = $"{realm}, error=\"{OAuthErrors.InvalidToken}\", error_description=\"{OAuthResults.Printable(problem.Message)}\"";
                return OAuthResults.WriteJsonAsync(response, writer => writer.WriteString("message", "Unauthorized"));
            case ApiProblemKind.InsufficientScope:
                response.Headers.WWWAuthenticate =
                    $"{realm}, error=\"{OAuthErrors.InsufficientScope}\", error_description=\"{OAuthResults.Printable(problem.Message)}\", scope=\"{problem.RequiredScope}\"";
                return WriteCodeAsync(response, StatusCodes.Status403Forbidden, "InsufficientScope", problem.Message);
            case ApiProblemKind.ExplicitDeny:
                response.StatusCode = StatusCodes.Status403Forbidden;
                return OAuthResults.WriteJsonAsync(response, writer =>
                {
                    writer.WriteString("message", problem.Message);
                    writer.WriteString("errorCode", ExplicitDenyCode);
                });
            case ApiProblemKind.Unavailable:
                response.Headers.RetryAfter = "1";
                return WriteCodeAsync(response, StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", problem.Message);
            default:
                var (status, code) = problem.Kind switch
                {
                    ApiProblemKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
                    ApiProblemKind.NotFound => (StatusCodes.Status404NotFound, "NotFound"),
                    ApiProblemKind.MethodNotAllowed => (StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed"),
                    ApiProblemKind.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
                    ApiProblemKind.PayloadTooLarge => (StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge"),
                    ApiProblemKind.UnsupportedMediaType => (StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType"),
                    ApiProblemKind.Internal => (StatusCodes.Status500InternalServerError, "InternalError"),
                    ApiProblemKind.Other => (response.StatusCode, "Error"),
                    _ => (StatusCodes.Status400BadRequest, "InvalidRequest"),
                };
                return WriteCodeAsync(response, status, code, problem.Message);
        }
    }

    private static Task WriteCodeAsync(HttpResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        return OAuthResults.WriteJsonAsync(response, writer =>
        {
            writer.WriteString("code", code);
            writer.WriteString("message", message);
        });
    }
}

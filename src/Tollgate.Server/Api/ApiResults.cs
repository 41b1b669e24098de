using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Tollgate.Core.OAuth;
using Tollgate.Server.Dpop;
using Tollgate.Server.OAuth;

namespace Tollgate.Server.Api;

/// <summary>
/// The one place that turns an <see cref="ApiProblem"/> into a response: the status and the RFC 6750 §3
/// challenge, then the body — Druva's <c>{"code","message"}</c> (and its explicit-deny body) on the Druva-shaped
/// APIs, RFC 9457 problem details on endpoints marked with <see cref="ProblemDetailsSurface"/> (the admin API).
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
        // RFC 9449 §7.1: a request that used DPoP is challenged with DPoP and the algorithms its proofs may use.
        var realm = problem.Dpop ? $"DPoP algs=\"{DpopProofs.Algorithms}\"" : $"Bearer realm=\"{OAuthResults.Realm}\"";
        var (status, code) = problem.Kind switch
        {
            ApiProblemKind.NoToken or ApiProblemKind.InvalidToken or ApiProblemKind.InvalidDpopProof or ApiProblemKind.UseDpopNonce => (StatusCodes.Status401Unauthorized, "Unauthorized"),
            ApiProblemKind.InsufficientScope => (StatusCodes.Status403Forbidden, "InsufficientScope"),
            ApiProblemKind.ExplicitDeny => (StatusCodes.Status403Forbidden, ExplicitDenyCode),
            ApiProblemKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            ApiProblemKind.NotFound => (StatusCodes.Status404NotFound, "NotFound"),
            ApiProblemKind.MethodNotAllowed => (StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed"),
            ApiProblemKind.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            ApiProblemKind.PreconditionFailed => (StatusCodes.Status412PreconditionFailed, "PreconditionFailed"),
            ApiProblemKind.PayloadTooLarge => (StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge"),
            ApiProblemKind.UnsupportedMediaType => (StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType"),
            ApiProblemKind.Unavailable => (StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable"),
            ApiProblemKind.TooManyRequests => (StatusCodes.Status429TooManyRequests, "TooManyRequests"),
            ApiProblemKind.Internal => (StatusCodes.Status500InternalServerError, "InternalError"),
            ApiProblemKind.Other => (response.StatusCode, "Error"),
            _ => (StatusCodes.Status400BadRequest, "InvalidRequest"),
        };
        response.StatusCode = status;
        switch (problem.Kind)
        {
            case ApiProblemKind.NoToken:
                // RFC 6750 §3.1: no credentials sent, no error code in the challenge.
                response.Headers.WWWAuthenticate = realm;
                break;
            case ApiProblemKind.InvalidToken:
                response.Headers.WWWAuthenticate = $"{realm}, error=\"{OAuthErrors.InvalidToken}\", error_description=\"{OAuthResults.Printable(problem.Message)}\"";
                break;
            case ApiProblemKind.InvalidDpopProof or ApiProblemKind.UseDpopNonce:
                var error = problem.Kind == ApiProblemKind.InvalidDpopProof ? OAuthErrors.InvalidDpopProof : OAuthErrors.UseDpopNonce;
                response.Headers.WWWAuthenticate = $"{realm}, error=\"{error}\", error_description=\"{OAuthResults.Printable(problem.Message)}\"";
                if (problem.DpopNonce is not null)
                {
                    response.Headers[DpopProofs.NonceHeader] = problem.DpopNonce;
                }

                break;
            case ApiProblemKind.InsufficientScope:
                response.Headers.WWWAuthenticate =
                    $"{realm}, error=\"{OAuthErrors.InsufficientScope}\", error_description=\"{OAuthResults.Printable(problem.Message)}\", scope=\"{problem.RequiredScope}\"";
                break;
            case ApiProblemKind.Unavailable:
                response.Headers.RetryAfter = "1";
                break;
            case ApiProblemKind.TooManyRequests when problem.RetryAfter is { } wait:
                response.Headers.RetryAfter = OAuthResults.Seconds(wait);
                break;
            default:
                break;
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<ProblemDetailsSurface>() is not null)
        {
            return WriteProblemDetailsAsync(response, status, code, problem.Message);
        }

        return problem.Kind switch
        {
            ApiProblemKind.NoToken or ApiProblemKind.InvalidToken or ApiProblemKind.InvalidDpopProof or ApiProblemKind.UseDpopNonce =>
                OAuthResults.WriteJsonAsync(response, writer => writer.WriteString("message", "Unauthorized")),
            ApiProblemKind.ExplicitDeny => OAuthResults.WriteJsonAsync(response, writer =>
            {
                writer.WriteString("message", problem.Message);
                writer.WriteString("errorCode", ExplicitDenyCode);
            }),
            _ => OAuthResults.WriteJsonAsync(response, writer =>
            {
                writer.WriteString("code", code);
                writer.WriteString("message", problem.Message);
            }),
        };
    }

    /// <summary>RFC 9457 §3: <c>type</c> about:blank, so <c>title</c> is the status's phrase; <c>code</c> is an extension member.</summary>
    private static async Task WriteProblemDetailsAsync(HttpResponse response, int status, string code, string detail)
    {
        await OAuthResults.WriteJsonAsync(response, writer =>
        {
            writer.WriteString("type", "about:blank");
            writer.WriteString("title", ReasonPhrases.GetReasonPhrase(status));
            writer.WriteNumber("status", status);
            writer.WriteString("detail", detail);
            writer.WriteString("code", code);
        }, "application/problem+json; charset=utf-8").ConfigureAwait(false);
    }
}

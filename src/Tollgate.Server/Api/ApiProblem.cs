using Microsoft.AspNetCore.Http;
using Tollgate.Core.Administration;
using Tollgate.Core.OAuth;

namespace Tollgate.Server.Api;

/// <summary>
/// An expected failure of a protected API, as a value: endpoints return it (it is an <see cref="IResult"/>)
/// and <see cref="ApiResults"/> writes it, the one place that knows statuses, challenges and Druva's bodies.
/// </summary>
internal sealed record ApiProblem(ApiProblemKind Kind, string Message, string? RequiredScope = null) : IResult
{
    /// <summary>When a refused call may be tried again (429): the Retry-After header.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static ApiProblem NoToken { get; } = new(ApiProblemKind.NoToken, "A bearer token is required.");

    /// <summary>Challenge with the DPoP scheme (RFC 9449 §7.1) rather than Bearer: the request used it.</summary>
    public bool Dpop { get; init; }

    /// <summary>A nonce for the client's next DPoP proof (the <c>DPoP-Nonce</c> header).</summary>
    public string? DpopNonce { get; init; }

    /// <summary>A token or its DPoP proof refused: 401 with the challenge of the scheme the request used.</summary>
    public static ApiProblem Unauthenticated(OAuthError error, bool dpop)
    {
        ArgumentNullException.ThrowIfNull(error);
        var kind = error.Code switch
        {
            OAuthErrors.InvalidDpopProof => ApiProblemKind.InvalidDpopProof,
            OAuthErrors.UseDpopNonce => ApiProblemKind.UseDpopNonce,
            _ => ApiProblemKind.InvalidToken,
        };
        return new(kind, error.Description) { Dpop = dpop || kind != ApiProblemKind.InvalidToken, DpopNonce = error.DpopNonce };
    }

    public static ApiProblem ExplicitDeny { get; } = new(ApiProblemKind.ExplicitDeny, "User is not authorized to access this resource with an explicit deny");

    public static ApiProblem StoreUnavailable { get; } = new(ApiProblemKind.Unavailable, "The store is unavailable; retry shortly.");

    public static ApiProblem BadRequest(string message) => new(ApiProblemKind.BadRequest, message);

    public static ApiProblem NotFound(string message) => new(ApiProblemKind.NotFound, message);

    public static ApiProblem Forbidden(string message) => new(ApiProblemKind.Forbidden, message);

    public static ApiProblem PayloadTooLarge(int maxBytes) => new(ApiProblemKind.PayloadTooLarge, $"The request body is larger than {maxBytes} bytes.");

    /// <summary>An administrative operation's expected failure.</summary>
    public static ApiProblem From(AdminError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            AdminErrorKind.NotFound => NotFound(error.Message),
            AdminErrorKind.Conflict => new(ApiProblemKind.Conflict, error.Message),
            AdminErrorKind.Stale => new(ApiProblemKind.PreconditionFailed, error.Message),
            _ => BadRequest(error.Message),
        };
    }

    /// <summary>An OAuth failure met behind a protected API (Druva's customer-token route mints through the OAuth core).</summary>
    public static ApiProblem From(OAuthError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            OAuthErrors.InvalidToken => new(ApiProblemKind.InvalidToken, error.Description),
            OAuthErrors.InvalidTarget => NotFound(error.Description),
            OAuthErrors.UnauthorizedClient => Forbidden(error.Description),
            OAuthErrors.ServerError or OAuthErrors.TemporarilyUnavailable => new(ApiProblemKind.Unavailable, error.Description),
            OAuthErrors.SlowDown => new(ApiProblemKind.TooManyRequests, error.Description) { RetryAfter = error.RetryAfter },
            _ => BadRequest(error.Description),
        };
    }

    public Task ExecuteAsync(HttpContext httpContext) => ApiResults.WriteAsync(httpContext, this);
}

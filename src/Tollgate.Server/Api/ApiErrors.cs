using Microsoft.AspNetCore.Http;
using Tollgate.Core.Administration;

namespace Tollgate.Server.Api;

/// <summary>Druva's API error shape: <c>{"code":"…","message":"…"}</c>.</summary>
internal static class ApiErrors
{
    public static IResult Error(int status, string code, string message) =>
        Results.Json(new ApiError(code, message), ServerJsonContext.Default.ApiError, statusCode: status);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, "InvalidRequest", message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, "NotFound", message);

    public static IResult Forbidden(string message) => Error(StatusCodes.Status403Forbidden, "Forbidden", message);

    public static IResult Conflict(string message) => Error(StatusCodes.Status409Conflict, "Conflict", message);

    /// <summary>An administrative operation's expected failure, as Druva's APIs answer it.</summary>
    public static IResult From(AdminError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            AdminErrorKind.NotFound => NotFound(error.Message),
            AdminErrorKind.Conflict => Conflict(error.Message),
            _ => BadRequest(error.Message),
        };
    }
}

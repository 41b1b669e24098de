using System.Net.Mime;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.Ids;
using Tollgate.Core.Paging;
using Tollgate.Core.Stores;
using Tollgate.Core.Tokens;
using Tollgate.Server.Api;
using Tollgate.Server.OpenApi;
using Tollgate.Server.Options;

namespace Tollgate.Server.UserManagement;

/// <summary><c>/insync/usermanagement/v1/users</c>: one customer's users, for that customer's tokens only.</summary>
internal static class UsersEndpoints
{
    private const string Base = "/insync/usermanagement/v1/users";
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 100;

    public static void MapUsers(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Base, ListAsync).RequireTollgateToken(ScopeSet.Read, TokenHolder.Customer)
            .Produces<UserListDto>().ProducesApiErrors();
        routes.MapGet(Base + "/{userID:long}", GetAsync).RequireTollgateToken(ScopeSet.Read, TokenHolder.Customer)
            .Produces<UserDto>().ProducesApiErrors(StatusCodes.Status404NotFound);
        routes.MapPost(Base, CreateAsync).RequireTollgateToken(ScopeSet.Write, TokenHolder.Customer)
            .Accepts<UserInput>(MediaTypeNames.Application.Json).Produces<UserDto>(StatusCodes.Status201Created).ProducesApiErrors(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        routes.MapPatch(Base + "/{userID:long}", PatchAsync).RequireTollgateToken(ScopeSet.Write, TokenHolder.Customer)
            .Accepts<UserInput>(MediaTypeNames.Application.Json).Produces<UserDto>().ProducesApiErrors(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        routes.MapDelete(Base + "/{userID:long}", DeleteAsync).RequireTollgateToken(ScopeSet.Write, TokenHolder.Customer)
            .Produces(StatusCodes.Status204NoContent).ProducesApiErrors(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(HttpContext context, UserService users, string? emailID, string? status, string? pageToken, string? pageSize)
    {
        var customerId = context.GetTollgateToken().CustomerId!;
        if (status is not null && !UserService.Statuses.Contains(status.ToLowerInvariant()))
        {
            return ApiProblem.BadRequest($"status must be one of: {string.Join(", ", UserService.Statuses)}.");
        }

        // Emails and statuses are stored lower-case, so the filters compare lower-case too.
        var email = emailID?.ToLowerInvariant();
        var state = status?.ToLowerInvariant();
        var filters = string.Join('\n', "users", customerId, email, state);
        if (!PageRequest.TryRead(pageSize, pageToken, filters, DefaultPageSize, MaxPageSize, out var page, out var invalid))
        {
            return ApiProblem.BadRequest(invalid);
        }

        // The fingerprint binds a token to its filters, not to this server: anyone can compute it, so the key inside
        // is input like any other.
        long after = 0;
        if (page.AfterKey.Length > 0 && !long.TryParse(page.AfterKey, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            return ApiProblem.BadRequest("pageToken is invalid or was issued for other filters.");
        }

        var (total, found) = await users.ListAsync(new UserQuery(customerId, email, state, after, page.Size + 1), context.RequestAborted);
        var next = found.Count > page.Size ? page.Next(found[page.Size - 1].UserId.ToString(CultureInfo.InvariantCulture), filters) : string.Empty;
        return Results.Json(new UserListDto(total, next, [.. found.Take(page.Size).Select(UserDto.From)]), ServerJsonContext.Default.UserListDto);
    }

    private static async Task<IResult> GetAsync(HttpContext context, UserService users, long userID)
    {
        if (!TryTarget(context, userID, out var customerId, out var userId))
        {
            return NoSuchUser;
        }

        var user = await users.GetAsync(customerId, userId, context.RequestAborted);
        return user.Succeeded ? Results.Json(UserDto.From(user.Value), ServerJsonContext.Default.UserDto) : ApiProblem.From(user.Error);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, UserService users, IOptions<TollgateServerOptions> options)
    {
        var token = context.GetTollgateToken();
        if (!CustomerId.TryParse(token.CustomerId, out var customerId))
        {
            return NoSuchCustomer;
        }

        var (input, error) = await JsonBody.ReadAsync(context, ServerJsonContext.Default.UserInput, options.Value.MaxJsonBytes);
        if (error is not null)
        {
            return error;
        }

        var created = await users.CreateAsync(token.Cloud, customerId, input!.ToChanges(), Caller(context, token), context.RequestAborted);
        return created.Succeeded
            ? Results.Json(UserDto.From(created.Value), ServerJsonContext.Default.UserDto, statusCode: StatusCodes.Status201Created)
            : ApiProblem.From(created.Error);
    }

    private static async Task<IResult> PatchAsync(HttpContext context, UserService users, IOptions<TollgateServerOptions> options, long userID)
    {
        if (!TryTarget(context, userID, out var customerId, out var userId))
        {
            return NoSuchUser;
        }

        var (input, error) = await JsonBody.ReadAsync(context, ServerJsonContext.Default.UserInput, options.Value.MaxJsonBytes);
        if (error is not null)
        {
            return error;
        }

        var token = context.GetTollgateToken();
        var updated = await users.UpdateAsync(token.Cloud, customerId, userId, input!.ToChanges(), Caller(context, token), context.RequestAborted);
        return updated.Succeeded ? Results.Json(UserDto.From(updated.Value), ServerJsonContext.Default.UserDto) : ApiProblem.From(updated.Error);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, UserService users, long userID)
    {
        if (!TryTarget(context, userID, out var customerId, out var userId))
        {
            return NoSuchUser;
        }

        var token = context.GetTollgateToken();
        var deleted = await users.DeleteAsync(token.Cloud, customerId, userId, Caller(context, token), context.RequestAborted);
        return deleted.Succeeded ? Results.NoContent() : ApiProblem.From(deleted.Error);
    }

    /// <summary>The caller's customer and the user the route names; a user id of 0 or less names no user.</summary>
    private static bool TryTarget(HttpContext context, long userID, out CustomerId customerId, out UserId userId)
    {
        userId = default;
        return CustomerId.TryParse(context.GetTollgateToken().CustomerId, out customerId) && UserId.TryFrom(userID, out userId);
    }

    /// <summary>Who changes the user, for the audit trail: the MSP acting through a customer token, else the client.</summary>
    private static Actor Caller(HttpContext context, AccessTokenInfo token) =>
        Actor.Client(token.Actor?.Subject ?? token.ClientId, context.Connection.RemoteIpAddress);

    private static ApiProblem NoSuchUser => ApiProblem.NotFound("No such user.");

    private static ApiProblem NoSuchCustomer => ApiProblem.NotFound("No such customer.");
}

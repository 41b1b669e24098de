using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.Paging;
using Tollgate.Core.Stores;
using Tollgate.Core.Tokens;
using Tollgate.Server.Api;
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
        var access = routes.ServiceProvider.GetRequiredService<ApiAccess>();
        routes.MapGet(Base, ListAsync).AddEndpointFilterFactory((_, next) => access.Require(ScopeSet.Read, next));
        routes.MapGet(Base + "/{userID:long}", GetAsync).AddEndpointFilterFactory((_, next) => access.Require(ScopeSet.Read, next));
        routes.MapPost(Base, CreateAsync).AddEndpointFilterFactory((_, next) => access.Require(ScopeSet.Write, next));
        routes.MapPatch(Base + "/{userID:long}", PatchAsync).AddEndpointFilterFactory((_, next) => access.Require(ScopeSet.Write, next));
        routes.MapDelete(Base + "/{userID:long}", DeleteAsync).AddEndpointFilterFactory((_, next) => access.Require(ScopeSet.Write, next));
    }

    private static async Task<IResult> ListAsync(HttpContext context, UserService users, string? emailID, string? status, string? pageToken, string? pageSize)
    {
        if (Token(context) is not { CustomerId: { } customerId })
        {
            return MspForbidden;
        }

        if (status is not null && !UserService.Statuses.Contains(status.ToLowerInvariant()))
        {
            return ApiErrors.BadRequest($"status must be one of: {string.Join(", ", UserService.Statuses)}.");
        }

        // Emails and statuses are stored lower-case, so the filters compare lower-case too.
        var email = emailID?.ToLowerInvariant();
        var state = status?.ToLowerInvariant();
        var filters = string.Join('\n', "users", customerId, email, state);
        if (!PageRequest.TryRead(pageSize, pageToken, filters, DefaultPageSize, MaxPageSize, out var page, out var invalid))
        {
            return ApiErrors.BadRequest(invalid);
        }

        // The fingerprint binds a token to its filters, not to this server: anyone can compute it, so the key inside
        // is input like any other.
        long after = 0;
        if (page.AfterKey.Length > 0 && !long.TryParse(page.AfterKey, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            return ApiErrors.BadRequest("pageToken is invalid or was issued for other filters.");
        }
        var (total, found) = await users.ListAsync(new UserQuery(customerId, email, state, after, page.Size + 1), context.RequestAborted);
        var next = found.Count > page.Size ? page.Next(found[page.Size - 1].UserId.ToString(CultureInfo.InvariantCulture), filters) : string.Empty;
        return Results.Json(new UserListDto(total, next, [.. found.Take(page.Size).Select(UserDto.From)]), ServerJsonContext.Default.UserListDto);
    }

    private static async Task<IResult> GetAsync(HttpContext context, UserService users, long userID)
    {
        if (Token(context) is not { CustomerId: { } customerId })
        {
            return MspForbidden;
        }

        var user = await users.GetAsync(customerId, userID, context.RequestAborted);
        return user.Succeeded ? Results.Json(UserDto.From(user.Value), ServerJsonContext.Default.UserDto) : ApiErrors.From(user.Error);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, UserService users, IOptions<TollgateServerOptions> options)
    {
        if (Token(context) is not { CustomerId: { } customerId } token)
        {
            return MspForbidden;
        }

        var (input, error) = await JsonBody.ReadAsync(context, ServerJsonContext.Default.UserInput, options.Value.MaxJsonBytes);
        if (error is not null)
        {
            return error;
        }

        var created = await users.CreateAsync(token.Cloud, customerId, input!.ToChanges(), Caller(context, token), context.RequestAborted);
        return created.Succeeded
            ? Results.Json(UserDto.From(created.Value), ServerJsonContext.Default.UserDto, statusCode: StatusCodes.Status201Created)
            : ApiErrors.From(created.Error);
    }

    private static async Task<IResult> PatchAsync(HttpContext context, UserService users, IOptions<TollgateServerOptions> options, long userID)
    {
        if (Token(context) is not { CustomerId: { } customerId } token)
        {
            return MspForbidden;
        }

        var (input, error) = await JsonBody.ReadAsync(context, ServerJsonContext.Default.UserInput, options.Value.MaxJsonBytes);
        if (error is not null)
        {
            return error;
        }

        var updated = await users.UpdateAsync(token.Cloud, customerId, userID, input!.ToChanges(), Caller(context, token), context.RequestAborted);
        return updated.Succeeded ? Results.Json(UserDto.From(updated.Value), ServerJsonContext.Default.UserDto) : ApiErrors.From(updated.Error);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, UserService users, long userID)
    {
        if (Token(context) is not { CustomerId: { } customerId } token)
        {
            return MspForbidden;
        }

        var deleted = await users.DeleteAsync(token.Cloud, customerId, userID, Caller(context, token), context.RequestAborted);
        return deleted.Succeeded ? Results.NoContent() : ApiErrors.From(deleted.Error);
    }

    private static AccessTokenInfo Token(HttpContext context) =>
        context.Features.Get<AccessTokenInfo>() ?? throw new InvalidOperationException("No validated token on an API request.");

    /// <summary>Who changes the user, for the audit trail: the MSP acting through a customer token, else the client.</summary>
    private static Actor Caller(HttpContext context, AccessTokenInfo token) =>
        Actor.Client(token.Actor?.Subject ?? token.ClientId, context.Connection.RemoteIpAddress);

    private static IResult MspForbidden => ApiErrors.Forbidden("An MSP token cannot call a customer's API; obtain a customer token first.");
}

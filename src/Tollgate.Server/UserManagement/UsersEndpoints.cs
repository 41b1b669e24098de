using System.Globalization;
using System.Net.Mail;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tollgate.Core.Credentials;
using Tollgate.Core.Paging;
using Tollgate.Core.Tokens;
using Tollgate.Server.Api;
using Tollgate.Server.Options;
using Tollgate.Storage;
using Tollgate.Storage.Entities;

namespace Tollgate.Server.UserManagement;

/// <summary><c>/insync/usermanagement/v1/users</c>: one customer's users, for that customer's tokens only.</summary>
internal static class UsersEndpoints
{
    private const string Base = "/insync/usermanagement/v1/users";
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 100;
    private static readonly string[] Statuses = ["active", "preserved", "blocked"];

    public static void MapUsers(this IEndpointRouteBuilder routes)
    {
        var access = routes.ServiceProvider.GetRequiredService<ApiAccess>();
        routes.MapGet(Base, ListAsync).AddEndpointFilterFactory((_, next) => access.Require(ScopeSet.Read, next));
        routes.MapGet(Base + "/{userID:long}", GetAsync).AddEndpointFilterFactory((_, next) => access.Require(ScopeSet.Read, next));
        routes.MapPost(Base, CreateAsync).AddEndpointFilterFactory((_, next) => access.Require(ScopeSet.Write, next));
        routes.MapPatch(Base + "/{userID:long}", PatchAsync).AddEndpointFilterFactory((_, next) => access.Require(ScopeSet.Write, next));
        routes.MapDelete(Base + "/{userID:long}", DeleteAsync).AddEndpointFilterFactory((_, next) => access.Require(ScopeSet.Write, next));
    }

    private static async Task<IResult> ListAsync(HttpContext context, TollgateStore store, string? emailID, string? status, string? pageToken, string? pageSize)
    {
        if (Customer(context) is not { } customerId)
        {
            return MspForbidden;
        }

        var size = DefaultPageSize;
        if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            return ApiErrors.BadRequest($"pageSize must be between 1 and {MaxPageSize}.");
        }

        if (status is not null && !Statuses.Contains(status.ToLowerInvariant()))
        {
            return ApiErrors.BadRequest($"status must be one of: {string.Join(", ", Statuses)}.");
        }

        var fingerprint = string.Join('\n', customerId, emailID, status?.ToLowerInvariant(), size);
        long after = 0;
        if (pageToken is not null && (!PageToken.TryRead(pageToken, fingerprint, out var key) || !long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            return ApiErrors.BadRequest("pageToken is invalid or was issued for other filters.");
        }

        // Emails and statuses are stored lower-case, so the filters compare lower-case too.
        var email = emailID?.ToLowerInvariant();
        var state = status?.ToLowerInvariant();
        await using var db = store.CreateContext();
        var query = db.Users.AsNoTracking().Where(u => u.CustomerId == customerId);
        if (!string.IsNullOrEmpty(email))
        {
            query = query.Where(u => u.EmailId == email);
        }

        if (!string.IsNullOrEmpty(state))
        {
            query = query.Where(u => u.Status == state);
        }

        var total = await query.CountAsync(context.RequestAborted);
        var page = await query.Where(u => u.UserId > after).OrderBy(u => u.UserId).Take(size + 1).ToListAsync(context.RequestAborted);
        var next = page.Count > size ? PageToken.Create(page[size - 1].UserId.ToString(CultureInfo.InvariantCulture), fingerprint) : string.Empty;
        return Results.Json(new UserListDto(total, next, [.. page.Take(size).Select(UserDto.From)]), ServerJsonContext.Default.UserListDto);
    }

    private static async Task<IResult> GetAsync(HttpContext context, TollgateStore store, long userID)
    {
        if (Customer(context) is not { } customerId)
        {
            return MspForbidden;
        }

        await using var db = store.CreateContext();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserId == userID && u.CustomerId == customerId, context.RequestAborted);
        return user is null ? UserNotFound : Results.Json(UserDto.From(user), ServerJsonContext.Default.UserDto);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, TollgateStore store, TimeProvider time, IOptions<TollgateServerOptions> options)
    {
        if (Customer(context) is not { } customerId)
        {
            return MspForbidden;
        }

        var (input, error) = await JsonBody.ReadAsync(context, ServerJsonContext.Default.UserInput, options.Value.MaxJsonBytes);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(input!.UserName) || string.IsNullOrWhiteSpace(input.EmailId))
        {
            return ApiErrors.BadRequest("userName and emailID are required.");
        }

        var user = new UserEntity { CustomerId = customerId, UserName = string.Empty, EmailId = string.Empty, AddedOn = time.GetUtcNow() };
        if (Apply(input, user) is { } invalid)
        {
            return invalid;
        }

        await using var db = store.CreateContext();
        if (await db.Users.AnyAsync(u => u.CustomerId == customerId && u.EmailId == user.EmailId, context.RequestAborted))
        {
            return DuplicateEmail;
        }

        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(context.RequestAborted);
        }
        catch (DbUpdateException)
        {
            return DuplicateEmail;
        }

        return Results.Json(UserDto.From(user), ServerJsonContext.Default.UserDto, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> PatchAsync(HttpContext context, TollgateStore store, IOptions<TollgateServerOptions> options, long userID)
    {
        if (Customer(context) is not { } customerId)
        {
            return MspForbidden;
        }

        var (input, error) = await JsonBody.ReadAsync(context, ServerJsonContext.Default.UserInput, options.Value.MaxJsonBytes);
        if (error is not null)
        {
            return error;
        }

        await using var db = store.CreateContext();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserId == userID && u.CustomerId == customerId, context.RequestAborted);
        if (user is null)
        {
            return UserNotFound;
        }

        if (Apply(input!, user) is { } invalid)
        {
            return invalid;
        }

        if (await db.Users.AnyAsync(u => u.CustomerId == customerId && u.EmailId == user.EmailId && u.UserId != userID, context.RequestAborted))
        {
            return DuplicateEmail;
        }

        try
        {
            await db.SaveChangesAsync(context.RequestAborted);
        }
        catch (DbUpdateException)
        {
            return DuplicateEmail;
        }

        return Results.Json(UserDto.From(user), ServerJsonContext.Default.UserDto);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, TollgateStore store, long userID)
    {
        if (Customer(context) is not { } customerId)
        {
            return MspForbidden;
        }

        await using var db = store.CreateContext();
        var deleted = await db.Users.Where(u => u.UserId == userID && u.CustomerId == customerId).ExecuteDeleteAsync(context.RequestAborted);
        return deleted == 0 ? UserNotFound : Results.NoContent();
    }

    /// <summary>Copies the given fields onto the user after checking them; returns an error result or null.</summary>
    private static IResult? Apply(UserInput input, UserEntity user)
    {
        if (input.UserName is not null)
        {
            var name = input.UserName.Trim();
            if (name.Length is 0 or > 200)
            {
                return ApiErrors.BadRequest("userName must be 1 to 200 characters.");
            }

            user.UserName = name;
        }

        if (input.EmailId is not null)
        {
            var email = input.EmailId.Trim().ToLowerInvariant();
            if (email.Length > 320 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
            {
                return ApiErrors.BadRequest("emailID must be a valid email address.");
            }

            user.EmailId = email;
        }

        if (input.Status is not null)
        {
            var status = input.Status.ToLowerInvariant();
            if (!Statuses.Contains(status))
            {
                return ApiErrors.BadRequest($"status must be one of: {string.Join(", ", Statuses)}.");
            }

            user.Status = status;
        }

        if (input.ProfileId is { } profile)
        {
            if (profile < 0)
            {
                return ApiErrors.BadRequest("profileID must not be negative.");
            }

            user.ProfileId = profile;
        }

        if (input.StorageId is { } storage)
        {
            if (storage < 0)
            {
                return ApiErrors.BadRequest("storageID must not be negative.");
            }

            user.StorageId = storage;
        }

        if (input.QuotaInBytes is { } bytes)
        {
            if (bytes < 0)
            {
                return ApiErrors.BadRequest("quotaInBytes must not be negative.");
            }

            user.QuotaInBytes = bytes;
        }
        else if (input.Quota is { } quota)
        {
            if (quota is < 0 or > 1L << 32)
            {
                return ApiErrors.BadRequest("quota must be between 0 and 2^32 GiB.");
            }

            user.QuotaInBytes = UserDto.QuotaBytes(quota);
        }

        return null;
    }

    private static string? Customer(HttpContext context) => (context.Features.Get<AccessTokenInfo>() ?? throw new InvalidOperationException("No validated token on an API request.")).CustomerId;

    private static IResult MspForbidden => ApiErrors.Forbidden("An MSP token cannot call a customer's API; obtain a customer token first.");

    private static IResult UserNotFound => ApiErrors.NotFound("No such user.");

    private static IResult DuplicateEmail => ApiErrors.Conflict("A user with this emailID already exists.");
}

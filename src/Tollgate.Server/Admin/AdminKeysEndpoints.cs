using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Server.Hosting;
using Tollgate.Server.Options;

namespace Tollgate.Server.Admin;

/// <summary>
/// <c>/admin/v1/keys</c>: the cloud's signing keys with their schedule (cloud administrators), and
/// <c>POST /admin/v1/keys/rotate</c>, the emergency rotation (a new key signs at once).
/// </summary>
internal static class AdminKeysEndpoints
{
    public static void MapAdminKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapAdminGroup("/admin/v1/keys", "admin: signing keys");
        group.MapGet(string.Empty, ListAsync).RequireTollgateToken(ScopeSet.Read).RequireCloudAdministrator(write: false).Produces<AdminKeyDto[]>();
        group.MapPost("/rotate", RotateAsync).RequireTollgateToken(ScopeSet.Write).RequireCloudAdministrator(write: true).Produces<AdminKeyDto>(StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, SigningKeyService keys, TimeProvider time)
    {
        var states = States(await keys.ListAsync(context.AdminScope().Cloud, context.RequestAborted), time.GetUtcNow());
        return Results.Json([.. states.Select(k => Dto(k.Key, k.State))], ServerJsonContext.Relaxed.AdminKeyDtoArray);
    }

    /// <summary>Each key, oldest first, as pending (published ahead), active (the one signing) or retired (still published for verification).</summary>
    public static IReadOnlyList<(StoredSigningKey Key, string State)> States(IEnumerable<StoredSigningKey> keys, DateTimeOffset now)
    {
        var stored = keys.OrderBy(k => k.ActivatesAt).ThenBy(k => k.Kid, StringComparer.Ordinal).ToList();
        var active = stored.LastOrDefault(k => k.ActivatesAt <= now);
        return [.. stored.Select(k => (k, k.ActivatesAt > now ? "pending" : k == active ? "active" : "retired"))];
    }

    private static async Task<IResult> RotateAsync(HttpContext context, SigningKeyService keys, CloudRegistry clouds, IOptions<TollgateServerOptions> options)
    {
        var token = context.AdminScope();
        var key = await keys.RotateNowAsync(token.Cloud, options.Value.Signing.Algorithm, context.AdminActor(), context.RequestAborted);
        await clouds.ReloadAsync(token.Cloud, context.RequestAborted); // this node signs with it at once; the others within a second
        return Results.Json(Dto(key, "active"), ServerJsonContext.Relaxed.AdminKeyDto, statusCode: StatusCodes.Status201Created);
    }

    private static AdminKeyDto Dto(StoredSigningKey key, string state) => new(key.Kid, key.Algorithm, key.CreatedAt, key.ActivatesAt, state);
}

using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.Keys;
using Tollgate.Core.Stores;
using Tollgate.Server.Api;
using Tollgate.Server.Options;

using Tollgate.Server.OpenApi;

namespace Tollgate.Server.Admin;

/// <summary>
/// <c>/admin/v1/credentials</c>: API credentials for automation, the same operations as the CLI through the same
/// application services, for tokens of credentials with an administrator role. Errors are RFC 9457 problem
/// details; a credential's ETag is its version, and <c>If-Match</c> makes a change conditional (RFC 9110 §13.1.1).
/// </summary>
internal static class AdminCredentialsEndpoints
{
    public const string Base = "/admin/v1/credentials";

    public static void MapAdminCredentials(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapAdminGroup(Base, "admin: credentials");
        group.MapGet(string.Empty, ListAsync).RequireTollgateToken(ScopeSet.Read).RequireAdministrator(write: false)
            .Produces<AdminCredentialListDto>().ProducesProblemDoc(StatusCodes.Status400BadRequest);
        group.MapGet("/{clientId}", GetAsync).RequireTollgateToken(ScopeSet.Read).RequireAdministrator(write: false)
            .Produces<AdminCredentialDto>().ProducesProblemDoc(StatusCodes.Status404NotFound);
        group.MapPost(string.Empty, CreateAsync).RequireTollgateToken(ScopeSet.Write).RequireAdministrator(write: true)
            .Accepts<AdminCredentialInput>("application/json").Produces<AdminSecretDto>(StatusCodes.Status201Created)
            .ProducesProblemDoc(StatusCodes.Status400BadRequest).ProducesProblemDoc(StatusCodes.Status404NotFound);
        group.MapPost("/{clientId}/rotate", RotateAsync).RequireTollgateToken(ScopeSet.Write).RequireAdministrator(write: true)
            .Produces<AdminSecretDto>().ProducesProblemDoc(StatusCodes.Status404NotFound).ProducesProblemDoc(StatusCodes.Status409Conflict).ProducesProblemDoc(StatusCodes.Status412PreconditionFailed);
        group.MapPatch("/{clientId}", UpdateAsync).RequireTollgateToken(ScopeSet.Write).RequireAdministrator(write: true)
            .Accepts<AdminCredentialChangesInput>("application/json").Produces<AdminCredentialDto>()
            .ProducesProblemDoc(StatusCodes.Status400BadRequest).ProducesProblemDoc(StatusCodes.Status404NotFound).ProducesProblemDoc(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{clientId}/keys", AddKeysAsync).RequireTollgateToken(ScopeSet.Write).RequireAdministrator(write: true)
            .Accepts<JwksDoc>("application/json").Produces<AdminCredentialDto>()
            .ProducesProblemDoc(StatusCodes.Status400BadRequest).ProducesProblemDoc(StatusCodes.Status404NotFound).ProducesProblemDoc(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{clientId}/keys/{kid}", RemoveKeyAsync).RequireTollgateToken(ScopeSet.Write).RequireAdministrator(write: true)
            .Produces<AdminCredentialDto>().ProducesProblemDoc(StatusCodes.Status404NotFound).ProducesProblemDoc(StatusCodes.Status409Conflict).ProducesProblemDoc(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{clientId}", RevokeAsync).RequireTollgateToken(ScopeSet.Write).RequireAdministrator(write: true)
            .Produces(StatusCodes.Status204NoContent).ProducesProblemDoc(StatusCodes.Status404NotFound).ProducesProblemDoc(StatusCodes.Status412PreconditionFailed);
    }

    private static async Task<IResult> ListAsync(HttpContext context, CredentialService credentials, AdminAuthorization access, string? pageToken, string? pageSize)
    {
        var token = context.AdminScope();
        var sees = await access.CredentialsVisibleToAsync(token, context.RequestAborted);
        var visible = (await credentials.ListAsync(token.Cloud, context.RequestAborted)).Where(d => sees(d.Credential));

        // A page token is bound to the caller's view: replayed by an administrator who sees other things, it is refused.
        var filters = string.Join('\n', "admin-credentials", token.Cloud.Value, AdminRoles.Name(token.Role), token.MspId);
        if (AdminPaging.TryPage(visible, d => d.Credential.ClientId, pageSize, pageToken, filters, out var page, out var next) is { } invalid)
        {
            return invalid;
        }

        return Results.Json(new AdminCredentialListDto([.. page.Select(AdminCredentialDto.From)], next), ServerJsonContext.Relaxed.AdminCredentialListDto);
    }

    private static async Task<IResult> GetAsync(HttpContext context, CredentialService credentials, AdminAuthorization access, string clientId)
    {
        if (await FindVisibleAsync(context, credentials, access, clientId) is not { } details)
        {
            return NotFound(clientId);
        }

        SetETag(context, details.Credential);
        return Results.Json(AdminCredentialDto.From(details), ServerJsonContext.Relaxed.AdminCredentialDto);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, CredentialService credentials, AdminAuthorization access, IOptions<TollgateServerOptions> options, TimeProvider time)
    {
        var token = context.AdminScope();
        var (input, error) = await JsonBody.ReadAsync(context, ServerJsonContext.Relaxed.AdminCredentialInput, options.Value.MaxJsonBytes);
        if (error is not null)
        {
            return error;
        }

        if (!OwnerKinds.TryParse(input!.OwnerKind, out var owner) || string.IsNullOrEmpty(input.OwnerId))
        {
            return ApiProblem.BadRequest($"ownerKind ({OwnerKinds.Customer}, {OwnerKinds.Msp} or {OwnerKinds.Cloud}) and ownerId are required.");
        }

        var role = AdminRole.None;
        if (input.Role is not null && !AdminRoles.TryParse(input.Role, out role))
        {
            return ApiProblem.BadRequest($"role must be one of: {string.Join(", ", AdminRoles.Names)}.");
        }

        var scopes = ScopeSet.All;
        if (input.Scope is not null && !Scopes.TryParse(input.Scope, out scopes))
        {
            return ApiProblem.BadRequest("scope must be \"read\", \"write\" or \"read write\".");
        }

        ClientKeySet? keys = null;
        if (input.Jwks is { } jwks && (keys = ClientKeySet.TryParse(jwks.GetRawText(), out var badKeys)) is null)
        {
            return ApiProblem.BadRequest("jwks: " + badKeys);
        }

        if (await access.MayCreateAsync(token, owner, input.OwnerId, role, context.RequestAborted) is { } refused)
        {
            return refused;
        }

        var created = await credentials.CreateAsync(
            new CredentialSpec(owner, input.OwnerId, input.Name ?? string.Empty, scopes, input.Allow ?? [], role, input.Quota, input.ExpiresAt, keys, input.WithSecret ?? false, input.RequireDpop ?? false),
            context.AdminActor(),
            context.RequestAborted);
        if (!created.Succeeded)
        {
            return ApiProblem.From(created.Error);
        }

        var credential = created.Value.Credential;
        SetETag(context, credential);
        context.Response.Headers.Location = $"{Base}/{Uri.EscapeDataString(credential.ClientId)}";
        var dto = AdminCredentialDto.From(credential, time.GetUtcNow(), context.AdminActor().Name, null);
        return Results.Json(new AdminSecretDto(dto, created.Value.SecretKey), ServerJsonContext.Relaxed.AdminSecretDto, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RotateAsync(HttpContext context, CredentialService credentials, AdminAuthorization access, string clientId, string? grace)
    {
        TimeSpan? overlap = null;
        if (grace is not null)
        {
            if (!DurationText.TryParse(grace, out var parsed))
            {
                return ApiProblem.BadRequest("grace is a duration like 30m, 24h, 7d.");
            }

            overlap = parsed;
        }

        if (await FindVisibleAsync(context, credentials, access, clientId) is not { } details)
        {
            return NotFound(clientId);
        }

        if (!TryIfMatch(context, out var expected))
        {
            return Changed;
        }

        var rotated = await credentials.RotateAsync(details.Credential.ClientId, context.AdminActor(), expected, overlap, context.RequestAborted);
        if (!rotated.Succeeded)
        {
            return ApiProblem.From(rotated.Error);
        }

        SetETag(context, rotated.Value.Credential);
        var dto = AdminCredentialDto.From(details with { Credential = rotated.Value.Credential, PreviousSecretLastUsedAt = null });
        return Results.Json(new AdminSecretDto(dto, rotated.Value.SecretKey), ServerJsonContext.Relaxed.AdminSecretDto);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, CredentialService credentials, AdminAuthorization access, IOptions<TollgateServerOptions> options, string clientId)
    {
        if (await FindVisibleAsync(context, credentials, access, clientId) is not { } details)
        {
            return NotFound(clientId);
        }

        var (input, error) = await JsonBody.ReadAsync(context, ServerJsonContext.Relaxed.AdminCredentialChangesInput, options.Value.MaxJsonBytes);
        if (error is not null)
        {
            return error;
        }

        ScopeSet? scopes = null;
        if (input!.Scope is not null)
        {
            if (!Scopes.TryParse(input.Scope, out var parsed))
            {
                return ApiProblem.BadRequest("scope must be \"read\", \"write\" or \"read write\".");
            }

            scopes = parsed;
        }

        if (!TryIfMatch(context, out var expected))
        {
            return Changed;
        }

        var updated = await credentials.UpdateAsync(details.Credential.ClientId, new CredentialChanges(input.Name, scopes, input.Allow, input.Quota, input.ExpiresAt, input.NeverExpires ?? false, input.RequireDpop), context.AdminActor(), expected, context.RequestAborted);
        if (!updated.Succeeded)
        {
            return ApiProblem.From(updated.Error);
        }

        SetETag(context, updated.Value);
        return Results.Json(AdminCredentialDto.From(updated.Value, details.CreatedAt, details.CreatedBy, details.LastUsedAt), ServerJsonContext.Relaxed.AdminCredentialDto);
    }

    private static async Task<IResult> AddKeysAsync(HttpContext context, CredentialService credentials, AdminAuthorization access, IOptions<TollgateServerOptions> options, string clientId)
    {
        if (await FindVisibleAsync(context, credentials, access, clientId) is not { } details)
        {
            return NotFound(clientId);
        }

        var (input, error) = await JsonBody.ReadAsync(context, ServerJsonContext.Relaxed.JsonDocument, options.Value.MaxJsonBytes);
        if (error is not null)
        {
            return error;
        }

        using var body = input!;
        if (ClientKeySet.TryParse(body.RootElement.GetRawText(), out var badKeys) is not { } keys)
        {
            return ApiProblem.BadRequest(badKeys!);
        }

        if (!TryIfMatch(context, out var expected))
        {
            return Changed;
        }

        return KeysChanged(context, details, await credentials.AddKeysAsync(details.Credential.ClientId, keys, context.AdminActor(), expected, context.RequestAborted));
    }

    private static async Task<IResult> RemoveKeyAsync(HttpContext context, CredentialService credentials, AdminAuthorization access, string clientId, string kid)
    {
        if (await FindVisibleAsync(context, credentials, access, clientId) is not { } details)
        {
            return NotFound(clientId);
        }

        if (!TryIfMatch(context, out var expected))
        {
            return Changed;
        }

        return KeysChanged(context, details, await credentials.RemoveKeyAsync(details.Credential.ClientId, kid, context.AdminActor(), expected, context.RequestAborted));
    }

    private static IResult KeysChanged(HttpContext context, CredentialDetails details, AdminResult<CredentialRecord> changed)
    {
        if (!changed.Succeeded)
        {
            return ApiProblem.From(changed.Error);
        }

        SetETag(context, changed.Value);
        return Results.Json(AdminCredentialDto.From(details with { Credential = changed.Value }), ServerJsonContext.Relaxed.AdminCredentialDto);
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, CredentialService credentials, AdminAuthorization access, string clientId)
    {
        if (await FindVisibleAsync(context, credentials, access, clientId) is not { } details)
        {
            return NotFound(clientId);
        }

        if (!TryIfMatch(context, out var expected))
        {
            return Changed;
        }

        var revoked = await credentials.RevokeAsync(details.Credential.ClientId, context.AdminActor(), expected, context.RequestAborted);
        return revoked.Succeeded ? Results.NoContent() : ApiProblem.From(revoked.Error);
    }

    /// <summary>
    /// The credential the route names, when this administrator may see it. Kestrel leaves <c>%2F</c> encoded in
    /// paths, and a Client ID is base64 (it may hold '/'): the route value is unescaped once more.
    /// </summary>
    private static Task<CredentialDetails?> FindVisibleAsync(HttpContext context, CredentialService credentials, AdminAuthorization access, string clientId) =>
        VisibleCredential.FindAsync(credentials, access, context.AdminScope(), clientId, context.RequestAborted);

    /// <summary>The ETag of a credential: its version, which every change moves on.</summary>
    private static string ETag(CredentialRecord credential) => string.Create(CultureInfo.InvariantCulture, $"\"{credential.Version}\"");

    private static void SetETag(HttpContext context, CredentialRecord credential) => context.Response.Headers.ETag = ETag(credential);

    /// <summary>
    /// The version <c>If-Match</c> names (RFC 9110 §13.1.1), for the service's conditional write; none for no header
    /// or <c>*</c>. False for a tag that can be no version of ours (it can never match: 412).
    /// </summary>
    private static bool TryIfMatch(HttpContext context, out int? expected)
    {
        expected = null;
        var ifMatch = context.Request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0 || ifMatch == "*")
        {
            return true;
        }

        if (ifMatch.Length > 2 && ifMatch[0] == '"' && ifMatch[^1] == '"' &&
            int.TryParse(ifMatch.AsSpan(1, ifMatch.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            expected = version;
            return true;
        }

        return false;
    }


    private static ApiProblem NotFound(string clientId) => ApiProblem.NotFound($"No credential {Uri.UnescapeDataString(clientId)} here.");

    private static ApiProblem Changed => new(ApiProblemKind.PreconditionFailed, "The credential changed since that ETag; read it again.");
}

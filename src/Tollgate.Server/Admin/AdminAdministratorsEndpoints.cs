using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Server.Accounts;
using Tollgate.Server.Api;
using Tollgate.Server.Options;

using Tollgate.Server.OpenApi;

namespace Tollgate.Server.Admin;

/// <summary>
/// <c>/admin/v1/administrators</c>: the cloud's console administrators, for a cloud-wide role (read-only lists
/// them; a Cloud Administrator invites, disables and resets). A new or reset account's one-time password is in
/// that one answer only.
/// </summary>
internal static class AdminAdministratorsEndpoints
{
    public const string Base = "/admin/v1/administrators";

    public static void MapAdminAdministrators(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapAdminGroup(Base, "admin: administrators");
        group.MapGet(string.Empty, ListAsync).RequireTollgateToken(ScopeSet.Read).RequireCloudAdministrator(write: false)
            .Produces<AdminPageDto<AdminAdministratorDto>>().ProducesProblemDoc(StatusCodes.Status400BadRequest);
        group.MapGet("/{id}", GetAsync).RequireTollgateToken(ScopeSet.Read).RequireCloudAdministrator(write: false)
            .Produces<AdminAdministratorDto>().ProducesProblemDoc(StatusCodes.Status404NotFound);
        group.MapPost(string.Empty, CreateAsync).RequireTollgateToken(ScopeSet.Write).RequireCloudAdministrator(write: true)
            .Accepts<AdminAdministratorInput>("application/json").Produces<AdminInvitationDto>(StatusCodes.Status201Created)
            .ProducesProblemDoc(StatusCodes.Status400BadRequest).ProducesProblemDoc(StatusCodes.Status404NotFound).ProducesProblemDoc(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/disable", DisableAsync).RequireTollgateToken(ScopeSet.Write).RequireCloudAdministrator(write: true)
            .Produces<AdminAdministratorDto>().ProducesProblemDoc(StatusCodes.Status404NotFound).ProducesProblemDoc(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/reset-password", ResetAsync).RequireTollgateToken(ScopeSet.Write).RequireCloudAdministrator(write: true)
            .Produces<AdminInvitationDto>().ProducesProblemDoc(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(HttpContext context, AdministratorService accounts, string? pageToken, string? pageSize)
    {
        var scope = context.AdminScope();
        var all = await accounts.ListAsync(scope.Cloud, context.RequestAborted);
        return AdminPaging.TryPage(all, a => a.Id, pageSize, pageToken, "admin-administrators\n" + scope.Cloud.Value, out var page, out var next) is { } invalid
            ? invalid
            : Results.Json(new AdminPageDto<AdminAdministratorDto>([.. page.Select(AdminAdministratorDto.From)], next), ServerJsonContext.Relaxed.AdminPageDtoAdminAdministratorDto);
    }

    private static async Task<IResult> GetAsync(HttpContext context, AdministratorService accounts, string id)
    {
        // By id only: an address in the path would be an existence oracle in access logs.
        var found = Guid.TryParse(id, out _) ? await accounts.FindAsync(context.AdminScope().Cloud, id, context.RequestAborted) : AdminError.NotFound(id);
        return found.Succeeded
            ? Results.Json(AdminAdministratorDto.From(found.Value), ServerJsonContext.Relaxed.AdminAdministratorDto)
            : ApiProblem.NotFound($"No administrator {id} here.");
    }

    private static async Task<IResult> CreateAsync(HttpContext context, AdministratorService accounts, IOptions<TollgateServerOptions> options)
    {
        var (input, error) = await JsonBody.ReadAsync(context, ServerJsonContext.Relaxed.AdminAdministratorInput, options.Value.MaxJsonBytes);
        if (error is not null)
        {
            return error;
        }

        if (!AdminRoles.TryParse(input!.Role, out var role))
        {
            return ApiProblem.BadRequest($"role must be one of: {string.Join(", ", AdminRoles.Names)}.");
        }

        var created = await accounts.CreateAsync(context.AdminScope().Cloud, input.Email ?? string.Empty, role, input.MspId, input.CustomerId, context.AdminActor(), context.RequestAborted);
        if (!created.Succeeded)
        {
            return ApiProblem.From(created.Error);
        }

        context.Response.Headers.Location = $"{Base}/{created.Value.Account.Id}";
        return Results.Json(Invitation(created.Value), ServerJsonContext.Relaxed.AdminInvitationDto, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> DisableAsync(HttpContext context, AdministratorService accounts, string id)
    {
        if (!Guid.TryParse(id, out _))
        {
            return ApiProblem.NotFound($"No administrator {id} here.");
        }

        var disabled = await accounts.DisableAsync(context.AdminScope().Cloud, id, context.AdminActor(), context.RequestAborted);
        return disabled.Succeeded
            ? Results.Json(AdminAdministratorDto.From(disabled.Value), ServerJsonContext.Relaxed.AdminAdministratorDto)
            : ApiProblem.From(disabled.Error);
    }

    private static async Task<IResult> ResetAsync(HttpContext context, AdministratorService accounts, string id)
    {
        if (!Guid.TryParse(id, out _))
        {
            return ApiProblem.NotFound($"No administrator {id} here.");
        }

        var reset = await accounts.ResetPasswordAsync(context.AdminScope().Cloud, id, context.AdminActor(), context.RequestAborted);
        return reset.Succeeded ? Results.Json(Invitation(reset.Value), ServerJsonContext.Relaxed.AdminInvitationDto) : ApiProblem.From(reset.Error);
    }

    private static AdminInvitationDto Invitation(AdministratorInvitation invitation) =>
        new(AdminAdministratorDto.From(invitation.Account), invitation.OneTimePassword);
}

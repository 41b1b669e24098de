using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Server.Api;
using Tollgate.Server.Options;

using Tollgate.Server.OpenApi;

namespace Tollgate.Server.Admin;

/// <summary>
/// <c>/admin/v1/msps</c> and <c>/admin/v1/customers</c>: a cloud administrator sees and creates both; an MSP
/// administrator sees its own MSP and its customers, and creates customers for itself.
/// </summary>
internal static class AdminTenantsEndpoints
{
    public static void MapAdminTenants(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapAdminGroup("/admin/v1", "admin: tenants");
        group.MapGet("/msps", ListMspsAsync).RequireTollgateToken(ScopeSet.Read).RequireAdministrator(write: false).Produces<AdminPageDto<AdminMspDto>>();
        group.MapPost("/msps", CreateMspAsync).RequireTollgateToken(ScopeSet.Write).RequireCloudAdministrator(write: true)
            .Accepts<AdminTenantInput>("application/json").Produces<AdminMspDto>(StatusCodes.Status201Created).ProducesProblemDoc(StatusCodes.Status400BadRequest);
        group.MapGet("/customers", ListCustomersAsync).RequireTollgateToken(ScopeSet.Read).RequireAdministrator(write: false).Produces<AdminPageDto<AdminCustomerDto>>();
        group.MapGet("/customers/{customerId}", GetCustomerAsync).RequireTollgateToken(ScopeSet.Read).RequireAdministrator(write: false)
            .Produces<AdminCustomerDto>().ProducesProblemDoc(StatusCodes.Status404NotFound);
        group.MapPost("/customers", CreateCustomerAsync).RequireTollgateToken(ScopeSet.Write).RequireAdministrator(write: true)
            .Accepts<AdminTenantInput>("application/json").Produces<AdminCustomerDto>(StatusCodes.Status201Created).ProducesProblemDoc(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ListMspsAsync(HttpContext context, TenantService tenants, string? pageToken, string? pageSize)
    {
        var token = context.AdminScope();
        var msps = (await tenants.ListMspsAsync(token.Cloud, context.RequestAborted)).Where(m => AdminRoles.IsCloudWide(token.Role) || m.Id == token.MspId);
        var filters = string.Join('\n', "admin-msps", token.Cloud.Value, AdminRoles.Name(token.Role), token.MspId);
        return AdminPaging.TryPage(msps, m => m.Id, pageSize, pageToken, filters, out var page, out var next) is { } invalid
            ? invalid
            : Results.Json(new AdminPageDto<AdminMspDto>([.. page.Select(AdminMspDto.From)], next), ServerJsonContext.Relaxed.AdminPageDtoAdminMspDto);
    }

    private static async Task<IResult> CreateMspAsync(HttpContext context, TenantService tenants, IOptions<TollgateServerOptions> options)
    {
        var (input, error) = await JsonBody.ReadAsync(context, ServerJsonContext.Relaxed.AdminTenantInput, options.Value.MaxJsonBytes);
        if (error is not null)
        {
            return error;
        }

        var token = context.AdminScope();
        var created = await tenants.CreateMspAsync(token.Cloud, input!.Name ?? string.Empty, context.AdminActor(), context.RequestAborted);
        if (!created.Succeeded)
        {
            return ApiProblem.From(created.Error);
        }

        context.Response.Headers.Location = $"/admin/v1/msps/{created.Value.Id}";
        return Results.Json(AdminMspDto.From(created.Value), ServerJsonContext.Relaxed.AdminMspDto, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListCustomersAsync(HttpContext context, AdminAuthorization access, string? pageToken, string? pageSize)
    {
        var token = context.AdminScope();
        var customers = await access.CustomersVisibleToAsync(token, context.RequestAborted);
        var filters = string.Join('\n', "admin-customers", token.Cloud.Value, AdminRoles.Name(token.Role), token.MspId, token.CustomerId);
        return AdminPaging.TryPage(customers, c => c.Id, pageSize, pageToken, filters, out var page, out var next) is { } invalid
            ? invalid
            : Results.Json(new AdminPageDto<AdminCustomerDto>([.. page.Select(AdminCustomerDto.From)], next), ServerJsonContext.Relaxed.AdminPageDtoAdminCustomerDto);
    }

    private static async Task<IResult> GetCustomerAsync(HttpContext context, TenantService tenants, string customerId)
    {
        var token = context.AdminScope();
        var customer = await tenants.FindCustomerAsync(customerId, context.RequestAborted);
        // Unknown, malformed, of another cloud, of another MSP or another customer: one answer.
        return customer.Succeeded && AdminAuthorization.Sees(token, customer.Value!)
            ? Results.Json(AdminCustomerDto.From(customer.Value!), ServerJsonContext.Relaxed.AdminCustomerDto)
            : ApiProblem.NotFound($"No customer {customerId} here.");
    }

    private static async Task<IResult> CreateCustomerAsync(HttpContext context, TenantService tenants, IOptions<TollgateServerOptions> options)
    {
        var (input, error) = await JsonBody.ReadAsync(context, ServerJsonContext.Relaxed.AdminTenantInput, options.Value.MaxJsonBytes);
        if (error is not null)
        {
            return error;
        }

        var token = context.AdminScope();
        if (AdminAuthorization.MspForNewCustomer(token, input!.MspId, out var mspId) is { } refused)
        {
            return refused;
        }

        var created = await tenants.CreateCustomerAsync(token.Cloud, input!.Name ?? string.Empty, mspId, null, context.AdminActor(), context.RequestAborted);
        if (!created.Succeeded)
        {
            return ApiProblem.From(created.Error);
        }

        context.Response.Headers.Location = $"/admin/v1/customers/{created.Value.Id}";
        return Results.Json(AdminCustomerDto.From(created.Value), ServerJsonContext.Relaxed.AdminCustomerDto, statusCode: StatusCodes.Status201Created);
    }
}

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
using Tollgate.Server.Caching;
using Tollgate.Server.Options;

namespace Tollgate.Server.Msp;

/// <summary><c>/msp/v3/customers</c> (and the older <c>/msp/mspservice/v1/customers</c>): an MSP's own customers.</summary>
internal static class CustomersEndpoints
{
    private const string Base = "/msp/v3/customers";
    private const string Legacy = "/msp/mspservice/v1/customers";
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 100;

    public static void MapCustomers(this IEndpointRouteBuilder routes)
    {
        var access = routes.ServiceProvider.GetRequiredService<ApiAccess>();
        routes.MapGet(Base, ListAsync).AddEndpointFilterFactory((_, next) => access.Require(ScopeSet.Read, next));
        routes.MapGet(Legacy, ListAsync).AddEndpointFilterFactory((_, next) => access.Require(ScopeSet.Read, next));
        routes.MapGet(Base + "/{customerId}", GetAsync).AddEndpointFilterFactory((_, next) => access.Require(ScopeSet.Read, next));
        routes.MapPost(Base, CreateAsync).AddEndpointFilterFactory((_, next) => access.Require(ScopeSet.Write, next));
    }

    private static async Task<IResult> ListAsync(HttpContext context, ICustomerStore customers, string? pageToken, string? pageSize)
    {
        if (Msp(context) is not { } token)
        {
            return CustomerTokenForbidden;
        }

        // The token is bound to this MSP's list: replayed by another MSP it is refused, not misread.
        var filters = string.Join('\n', "customers", token.MspId, token.Cloud.Value);
        if (!PageRequest.TryRead(pageSize, pageToken, filters, DefaultPageSize, MaxPageSize, out var page, out var invalid))
        {
            return ApiErrors.BadRequest(invalid);
        }

        var found = await customers.PageAsync(token.MspId!, token.Cloud, page.AfterKey, page.Size + 1, context.RequestAborted);
        var next = found.Count > page.Size ? page.Next(found[page.Size - 1].Id, filters) : string.Empty;
        return Results.Json(new CustomerListDto([.. found.Take(page.Size).Select(CustomerDto.From)], next), ServerJsonContext.Default.CustomerListDto);
    }

    private static async Task<IResult> GetAsync(HttpContext context, TenantService tenants, string customerId)
    {
        if (Msp(context) is not { } token)
        {
            return CustomerTokenForbidden;
        }

        // Unknown, malformed, and another MSP's customer: one answer (no existence oracle).
        var customer = await tenants.FindCustomerAsync(customerId, context.RequestAborted);
        return customer.Succeeded && customer.Value.MspId == token.MspId && customer.Value.Cloud == token.Cloud
            ? Results.Json(CustomerDto.From(customer.Value), ServerJsonContext.Default.CustomerDto)
            : CustomerNotFound;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, TenantService tenants, CustomerDirectory directory, IOptions<TollgateServerOptions> options)
    {
        if (Msp(context) is not { } token)
        {
            return CustomerTokenForbidden;
        }

        var (input, error) = await JsonBody.ReadAsync(context, ServerJsonContext.Default.CustomerInput, options.Value.MaxJsonBytes);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(input!.CustomerName))
        {
            return ApiErrors.BadRequest("customerName is required.");
        }

        var created = await tenants.CreateCustomerAsync(
            token.Cloud,
            input.CustomerName,
            token.MspId,
            new CustomerDetails(input.AccountName, input.Address, input.Phone),
            Actor.Client(token.ClientId, context.Connection.RemoteIpAddress),
            context.RequestAborted);
        if (!created.Succeeded)
        {
            return ApiErrors.From(created.Error);
        }

        // This node knows at once (other nodes through the change feed): a customer token can be minted right away.
        await directory.RefreshAsync(created.Value.Id, context.RequestAborted);
        return Results.Json(CustomerDto.From(created.Value), ServerJsonContext.Default.CustomerDto, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The validated token when it is an MSP's own (not a customer token, minted or not).</summary>
    private static AccessTokenInfo? Msp(HttpContext context) =>
        context.Features.Get<AccessTokenInfo>() is { MspId: not null, Actor: null } token ? token : null;

    private static IResult CustomerTokenForbidden => ApiErrors.Forbidden("This API takes an MSP token; a customer token cannot call it.");

    private static IResult CustomerNotFound => ApiErrors.NotFound("No such customer.");
}

using System.Net.Mime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Core.Ids;
using Tollgate.Core.Paging;
using Tollgate.Core.Stores;
using Tollgate.Server.Api;
using Tollgate.Server.OpenApi;
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
        routes.MapGet(Base, ListAsync).RequireTollgateToken(ScopeSet.Read, TokenHolder.Msp)
            .Produces<CustomerListDto>().ProducesApiErrors();
        routes.MapGet(Legacy, ListAsync).RequireTollgateToken(ScopeSet.Read, TokenHolder.Msp)
            .Produces<CustomerListDto>().ProducesApiErrors();
        routes.MapGet(Base + "/{customerId}", GetAsync).RequireTollgateToken(ScopeSet.Read, TokenHolder.Msp)
            .Produces<CustomerDto>().ProducesApiErrors(StatusCodes.Status404NotFound);
        routes.MapPost(Base, CreateAsync).RequireTollgateToken(ScopeSet.Write, TokenHolder.Msp)
            .Accepts<CustomerInput>(MediaTypeNames.Application.Json).Produces<CustomerDto>(StatusCodes.Status201Created).ProducesApiErrors(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<IResult> ListAsync(HttpContext context, ICustomerStore customers, string? pageToken, string? pageSize)
    {
        var token = context.GetTollgateToken();
        if (!MspId.TryParse(token.MspId, out var mspId))
        {
            return CustomerNotFound;
        }

        // The token is bound to this MSP's list: replayed by another MSP it is refused, not misread.
        var filters = string.Join('\n', "customers", token.MspId, token.Cloud.Value);
        if (!PageRequest.TryRead(pageSize, pageToken, filters, DefaultPageSize, MaxPageSize, out var page, out var invalid))
        {
            return ApiProblem.BadRequest(invalid);
        }

        var found = await customers.PageAsync(mspId, token.Cloud, page.AfterKey, page.Size + 1, context.RequestAborted);
        var next = found.Count > page.Size ? page.Next(found[page.Size - 1].Id, filters) : string.Empty;
        return Results.Json(new CustomerListDto([.. found.Take(page.Size).Select(CustomerDto.From)], next), ServerJsonContext.Default.CustomerListDto);
    }

    private static async Task<IResult> GetAsync(HttpContext context, TenantService tenants, string customerId)
    {
        var token = context.GetTollgateToken();

        // Unknown, malformed, and another MSP's customer: one answer (no existence oracle).
        var customer = await tenants.FindCustomerAsync(customerId, context.RequestAborted);
        return customer.Succeeded && customer.Value.MspId == token.MspId && customer.Value.Cloud == token.Cloud
            ? Results.Json(CustomerDto.From(customer.Value), ServerJsonContext.Default.CustomerDto)
            : CustomerNotFound;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, TenantService tenants, IOptions<TollgateServerOptions> options)
    {
        var token = context.GetTollgateToken();

        var (input, error) = await JsonBody.ReadAsync(context, ServerJsonContext.Default.CustomerInput, options.Value.MaxJsonBytes);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(input!.CustomerName))
        {
            return ApiProblem.BadRequest("customerName is required.");
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
            return ApiProblem.From(created.Error);
        }

        // The customer store's cache on this node learnt it as it was written (other nodes through the change
        // feed): a customer token can be minted right away.
        return Results.Json(CustomerDto.From(created.Value), ServerJsonContext.Default.CustomerDto, statusCode: StatusCodes.Status201Created);
    }

    private static ApiProblem CustomerNotFound => ApiProblem.NotFound("No such customer.");
}

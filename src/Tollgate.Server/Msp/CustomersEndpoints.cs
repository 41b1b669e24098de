using System.Globalization;
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
using Tollgate.Server.Caching;
using Tollgate.Server.Options;
using Tollgate.Storage;

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

    private static async Task<IResult> ListAsync(HttpContext context, TollgateStore store, string? pageToken, string? pageSize)
    {
        if (Msp(context) is not { } token)
        {
            return CustomerTokenForbidden;
        }

        var size = DefaultPageSize;
        if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            return ApiErrors.BadRequest($"pageSize must be between 1 and {MaxPageSize}.");
        }

        // The token is bound to this MSP and page size: replayed with others it is refused, not misread.
        var fingerprint = string.Join('\n', "customers", token.MspId, size);
        var after = string.Empty;
        if (pageToken is not null && !PageToken.TryRead(pageToken, fingerprint, out after))
        {
            return ApiErrors.BadRequest("pageToken is invalid or was issued for other parameters.");
        }

        await using var db = store.CreateContext();
        var page = await db.Customers.AsNoTracking()
            .Where(c => c.MspId == token.MspId && c.Cloud == token.Cloud.Value && string.Compare(c.Id, after) > 0)
            .OrderBy(c => c.Id)
            .Take(size + 1)
            .ToListAsync(context.RequestAborted);
        var next = page.Count > size ? PageToken.Create(page[size - 1].Id, fingerprint) : string.Empty;
        return Results.Json(new CustomerListDto([.. page.Take(size).Select(CustomerDto.From)], next), ServerJsonContext.Default.CustomerListDto);
    }

    private static async Task<IResult> GetAsync(HttpContext context, TollgateStore store, string customerId)
    {
        if (Msp(context) is not { } token)
        {
            return CustomerTokenForbidden;
        }

        await using var db = store.CreateContext();
        var customer = await db.Customers.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == customerId && c.MspId == token.MspId && c.Cloud == token.Cloud.Value, context.RequestAborted);
        return customer is null ? CustomerNotFound : Results.Json(CustomerDto.From(customer), ServerJsonContext.Default.CustomerDto);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, TollgateStore store, CustomerDirectory directory, IOptions<TollgateServerOptions> options)
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

        var name = input!.CustomerName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return ApiErrors.BadRequest("customerName is required.");
        }

        try
        {
            var customer = await new Administration(store, "msp:" + token.ClientId)
                .CreateCustomerAsync(token.Cloud, name, token.MspId, new CustomerDetails(input.AccountName?.Trim(), input.Address?.Trim(), input.Phone?.Trim()), context.RequestAborted);
            // This node knows at once (other nodes through the change feed): a customer token can be minted right away.
            await directory.RefreshAsync(customer.Id, context.RequestAborted);
            return Results.Json(CustomerDto.From(customer), ServerJsonContext.Default.CustomerDto, statusCode: StatusCodes.Status201Created);
        }
        catch (AdminException ex)
        {
            return ApiErrors.BadRequest(ex.Message);
        }
    }

    /// <summary>The validated token when it is an MSP's own (not a customer token, minted or not).</summary>
    private static AccessTokenInfo? Msp(HttpContext context) =>
        context.Features.Get<AccessTokenInfo>() is { MspId: not null, Actor: null } token ? token : null;

    private static IResult CustomerTokenForbidden => ApiErrors.Forbidden("This API takes an MSP token; a customer token cannot call it.");

    private static IResult CustomerNotFound => ApiErrors.NotFound("No such customer.");
}

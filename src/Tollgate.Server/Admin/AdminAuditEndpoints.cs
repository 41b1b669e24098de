using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Server.Api;

namespace Tollgate.Server.Admin;

/// <summary>
/// <c>GET /admin/v1/audit</c>: the audit trail, oldest first — of the whole cloud for a cloud role, of its own MSP
/// (what it did, and what was done for its customers) for an MSP administrator. Filters: <c>since</c>
/// (ISO 8601), <c>action</c>, <c>mspId</c>, <c>customerId</c>, <c>limit</c> (≤ 1000, the newest that match).
/// JSON, or CSV for <c>Accept: text/csv</c> (or <c>?format=csv</c>).
/// </summary>
internal static class AdminAuditEndpoints
{
    private const int MaxLimit = 1000;

    public static void MapAdminAudit(this IEndpointRouteBuilder routes) =>
        routes.MapAdminGroup("/admin/v1/audit", "admin: audit").MapGet(string.Empty, ListAsync)
            .RequireTollgateToken(ScopeSet.Read).RequireAdministrator(write: false)
            .Produces<AdminAuditDto[]>().Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesProblem(StatusCodes.Status400BadRequest);

    /// <summary>CSV when the client asks for it (<c>Accept: text/csv</c>, or <c>?format=csv</c> for a browser link).</summary>
    private static bool WantsCsv(HttpRequest request) =>
        request.Query["format"] == "csv" || request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    private static async Task<IResult> ListAsync(HttpContext context, IAuditLog audit, string? since, string? action, string? mspId, string? customerId, string? limit)
    {
        var token = context.AdminScope();
        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return ApiProblem.BadRequest("since must be an ISO 8601 time.");
            }

            from = parsed;
        }

        var take = MaxLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > MaxLimit))
        {
            return ApiProblem.BadRequest($"limit must be a number from 1 to {MaxLimit}.");
        }

        if (token.Role == AdminRole.CustomerAdmin)
        {
            // A customer administrator reads its own customer's trail.
            if ((customerId is not null && customerId != token.CustomerId) || mspId is not null)
            {
                return Results.Json(Array.Empty<AdminAuditDto>(), ServerJsonContext.Relaxed.AdminAuditDtoArray);
            }

            customerId = token.CustomerId;
        }
        else if (token.Role == AdminRole.MspAdmin)
        {
            // An MSP administrator reads its own MSP's trail: asking for another's is asking for nothing.
            if (mspId is not null && mspId != token.MspId)
            {
                return Results.Json(Array.Empty<AdminAuditDto>(), ServerJsonContext.Relaxed.AdminAuditDtoArray);
            }

            mspId = token.MspId;
        }

        // The store filters by MSP, customer and time; the cloud and the action are checked here.
        var events = await audit.ListAsync(new AuditQuery(mspId, customerId, from, MaxLimit * 10), context.RequestAborted);
        var matching = events.Where(e => e.Cloud == token.Cloud.Value && (action is null || e.Action == action)).TakeLast(take);
        if (WantsCsv(context.Request))
        {
            context.Response.Headers.ContentDisposition = "attachment; filename=\"audit.csv\"";
            return Results.Text(AuditCsv.Write(matching), "text/csv; charset=utf-8");
        }

        return Results.Json([.. matching.Select(AdminAuditDto.From)], ServerJsonContext.Relaxed.AdminAuditDtoArray);
    }
}

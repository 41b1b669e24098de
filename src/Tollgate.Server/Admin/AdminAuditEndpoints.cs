using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using Microsoft.AspNetCore.Routing;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;
using Tollgate.Server.Api;
using Tollgate.Server.OpenApi;

namespace Tollgate.Server.Admin;

/// <summary>
/// <c>GET /admin/v1/audit</c>: the audit trail, oldest first — of the whole cloud for a cloud role, of its own MSP
/// (what it did, and what was done for its customers) for an MSP administrator. Filters: <c>since</c>
/// and <c>until</c> (ISO 8601), <c>actor</c> (a part of its name), <c>action</c>, <c>mspId</c>, <c>customerId</c>,
/// <c>limit</c> (≤ 1000, the newest that match).
/// JSON, or CSV for <c>Accept: text/csv</c> (or <c>?format=csv</c>).
/// </summary>
internal static class AdminAuditEndpoints
{
    private const string CsvType = "text/csv";

    public static void MapAdminAudit(this IEndpointRouteBuilder routes) =>
        routes.MapAdminGroup("/admin/v1/audit", "admin: audit").MapGet(string.Empty, ListAsync)
            .RequireTollgateToken(ScopeSet.Read).RequireAdministrator(write: false)
            .Produces<AdminAuditDto[]>().ProducesProblemDoc(StatusCodes.Status400BadRequest)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The same 200 as CSV, for Accept: text/csv (the generator keeps one body per status from Produces).
                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } content)
                {
                    content[CsvType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                }

                return Task.CompletedTask;
            });

    /// <summary>CSV when the client asks for it (<c>Accept: text/csv</c>, or <c>?format=csv</c> for a browser link).</summary>
    private static bool WantsCsv(HttpRequest request) =>
        request.Query["format"] == "csv" || request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(CsvType, StringComparison.OrdinalIgnoreCase));

    private static async Task<IResult> ListAsync(HttpContext context, IAuditLog audit, string? since, string? until, string? actor, string? action, string? mspId, string? customerId, string? limit)
    {
        var (matching, invalid) = await AuditSearch.RunAsync(audit, context.AdminScope(), new AuditFilter(since, until, actor, action, mspId, customerId, limit), context.RequestAborted);
        if (invalid is not null)
        {
            return ApiProblem.BadRequest(invalid);
        }

        if (WantsCsv(context.Request))
        {
            context.Response.Headers.ContentDisposition = "attachment; filename=\"audit.csv\"";
            return Results.Text(AuditCsv.Write(matching), "text/csv; charset=utf-8");
        }

        return Results.Json([.. matching.Select(AdminAuditDto.From)], ServerJsonContext.Relaxed.AdminAuditDtoArray);
    }
}

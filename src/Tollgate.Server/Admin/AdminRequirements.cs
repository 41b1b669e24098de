using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;
using Tollgate.Server.Api;

using Tollgate.Server.OpenApi;

namespace Tollgate.Server.Admin;

/// <summary>How the admin endpoints declare who may call them, after <see cref="EndpointConventionExtensions.RequireTollgateToken"/>.</summary>
internal static class AdminRequirements
{
    /// <summary>A group of admin API endpoints: problem details on every error, documented under <paramref name="tag"/>.</summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder routes, string prefix, string tag) =>
        routes.MapGroup(prefix).WithMetadata(ProblemDetailsSurface.Instance).WithTags(tag)
            .ProducesProblemDoc(StatusCodes.Status401Unauthorized).ProducesProblemDoc(StatusCodes.Status403Forbidden);

    /// <summary>Who acts, for the audit trail: the administrator's credential, from where.</summary>
    public static Actor AdminActor(this HttpContext context) =>
        Actor.Client(context.GetTollgateToken().ClientId, context.Connection.RemoteIpAddress);

    /// <summary>Any administrator role (and, for a change, not the read-only one).</summary>
    public static RouteHandlerBuilder RequireAdministrator(this RouteHandlerBuilder builder, bool write) =>
        builder.AddEndpointFilter(async (invocation, next) =>
            AdminAuthorization.Check(invocation.HttpContext.AdminScope(), write) is { } refused ? refused : await next(invocation).ConfigureAwait(false));

    /// <summary>A cloud-wide role only (signing keys, creating MSPs): an MSP administrator is refused.</summary>
    public static RouteHandlerBuilder RequireCloudAdministrator(this RouteHandlerBuilder builder, bool write) =>
        builder.RequireAdministrator(write).AddEndpointFilter(async (invocation, next) =>
            AdminRoles.IsCloudWide(invocation.HttpContext.GetTollgateToken().Role)
                ? await next(invocation).ConfigureAwait(false)
                : ApiProblem.Forbidden("This takes a cloud administrator."));
}

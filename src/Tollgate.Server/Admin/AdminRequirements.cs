using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tollgate.Core.Credentials;
using Tollgate.Server.Api;

namespace Tollgate.Server.Admin;

/// <summary>How the admin endpoints declare who may call them, after <see cref="EndpointConventionExtensions.RequireTollgateToken"/>.</summary>
internal static class AdminRequirements
{
    /// <summary>Any administrator role (and, for a change, not the read-only one).</summary>
    public static RouteHandlerBuilder RequireAdministrator(this RouteHandlerBuilder builder, bool write) =>
        builder.AddEndpointFilter(async (invocation, next) =>
            AdminAuthorization.Check(invocation.HttpContext.GetTollgateToken(), write) is { } refused ? refused : await next(invocation).ConfigureAwait(false));

    /// <summary>A cloud-wide role only (signing keys, creating MSPs): an MSP administrator is refused.</summary>
    public static RouteHandlerBuilder RequireCloudAdministrator(this RouteHandlerBuilder builder, bool write) =>
        builder.RequireAdministrator(write).AddEndpointFilter(async (invocation, next) =>
            AdminRoles.IsCloudWide(invocation.HttpContext.GetTollgateToken().Role)
                ? await next(invocation).ConfigureAwait(false)
                : ApiProblem.Forbidden("This takes a cloud administrator."));
}

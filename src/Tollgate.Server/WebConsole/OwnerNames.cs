using Tollgate.Core.Administration;
using Tollgate.Server.Admin;

namespace Tollgate.Server.WebConsole;

/// <summary>The names of the MSPs and customers an administrator sees, by id: what the console shows instead of GUIDs.</summary>
internal static class OwnerNames
{
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(AdminAuthorization access, TenantService tenants, AdminScope scope, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var customer in await access.CustomersVisibleToAsync(scope, cancellationToken).ConfigureAwait(false))
        {
            names[customer.Id] = customer.CustomerName;
        }

        foreach (var msp in await tenants.ListMspsAsync(scope.Cloud, cancellationToken).ConfigureAwait(false))
        {
            if (scope.IsCloudWide || msp.Id == scope.MspId)
            {
                names[msp.Id] = msp.Name;
            }
        }

        return names;
    }
}

using Tollgate.Core.Administration;
using Tollgate.Core.Stores;
using Tollgate.Server.Admin;

namespace Tollgate.Server.WebConsole;

/// <summary>A credential by Client ID, if the administrator sees it (otherwise, as if it did not exist).</summary>
internal static class VisibleCredential
{
    public static async Task<CredentialDetails?> FindAsync(CredentialService credentials, AdminAuthorization access, AdminScope scope, string clientId, CancellationToken cancellationToken)
    {
        var details = (await credentials.ListAsync(scope.Cloud, cancellationToken).ConfigureAwait(false)).FirstOrDefault(d => d.Credential.ClientId == clientId);
        return details is not null && (await access.CredentialsVisibleToAsync(scope, cancellationToken).ConfigureAwait(false))(details.Credential) ? details : null;
    }
}

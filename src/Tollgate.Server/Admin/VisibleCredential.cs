using Tollgate.Core.Administration;
using Tollgate.Core.Stores;

namespace Tollgate.Server.Admin;

/// <summary>A credential by Client ID, if the administrator sees it (otherwise, as if it did not exist): for the admin API and the console.
/// The Client ID is as it came in the URL: its '/' arrives escaped (%2F), which routing leaves as it is.</summary>
internal static class VisibleCredential
{
    public static async Task<CredentialDetails?> FindAsync(CredentialService credentials, AdminAuthorization access, AdminScope scope, string clientId, CancellationToken cancellationToken)
    {
        var id = Uri.UnescapeDataString(clientId);
        var details = (await credentials.ListAsync(scope.Cloud, cancellationToken).ConfigureAwait(false)).FirstOrDefault(d => d.Credential.ClientId == id);
        return details is not null && (await access.CredentialsVisibleToAsync(scope, cancellationToken).ConfigureAwait(false))(details.Credential) ? details : null;
    }
}

using Tollgate.Core.Administration;
using Tollgate.Core.Credentials;

namespace Tollgate.Server.WebConsole;

/// <summary>A secret being shown its one time: the Client ID, the Secret Key and a ready <c>curl</c> line for a token.</summary>
internal sealed record SecretView(string Title, string ClientId, string SecretKey, string Curl)
{
    internal static SecretView Of(string title, CreatedCredential created, string baseUrl)
    {
        var credential = created.Credential;
        var path = credential.Owner == OwnerKind.Msp ? "/msp/auth/v1/token" : "/token";
        var curl = $"curl -s -u '{credential.ClientId}:{created.SecretKey}' -d grant_type=client_credentials {baseUrl}{path}";
        return new SecretView(title, credential.ClientId, created.SecretKey, curl);
    }

    public override string ToString() => $"{ClientId} (secret withheld)";
}

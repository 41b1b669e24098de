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
        // The console creates and rotates credentials with secrets only (keys are registered with the CLI or the admin API).
        var secret = created.SecretKey ?? string.Empty;
        var curl = $"curl -s -u '{credential.ClientId}:{secret}' -d grant_type=client_credentials {baseUrl}{path}";
        return new SecretView(title, credential.ClientId, secret, curl);
    }

    public override string ToString() => $"{ClientId} (secret withheld)";
}

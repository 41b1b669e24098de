using Tollgate.Core.OAuth;

namespace Tollgate.Core.Authentication;

/// <summary><c>client_secret_post</c> (RFC 6749 §2.3.1): <c>client_id</c> and <c>client_secret</c> in the form body.</summary>
public sealed class ClientSecretPost : IClientAuthMethod
{
    public string Name => "client_secret_post";

    public bool UsesAuthorizationHeader => false;

    public Result<ClientCredentials?> Read(string? authorization, IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!form.TryGetValue(OAuthParameters.ClientSecret, out var secret))
        {
            // A bare client_id is a public client (RFC 6749 §2.1), or names the Basic client (§3.2.1).
            return Result<ClientCredentials?>.Success(null);
        }

        return form.TryGetValue(OAuthParameters.ClientId, out var clientId) && !string.IsNullOrEmpty(clientId)
            ? Result<ClientCredentials?>.Success(new ClientCredentials(clientId, secret, ClientAuthMethod.ClientSecretPost))
            : OAuthError.InvalidRequest("client_secret was sent without client_id.");
    }
}

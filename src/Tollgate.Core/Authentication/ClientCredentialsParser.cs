using Tollgate.Core.OAuth;

namespace Tollgate.Core.Authentication;

/// <summary>
/// Reads the client's credentials from a token, introspection or revocation request with every
/// <see cref="IClientAuthMethod"/> there is; a request uses exactly one (RFC 6749 §2.3).
/// </summary>
public static class ClientCredentialsParser
{
    /// <summary>The methods, in the order metadata lists them.</summary>
    public static IReadOnlyList<IClientAuthMethod> Methods { get; } = [new ClientSecretBasic(), new ClientSecretPost(), new PrivateKeyJwt()];

    /// <summary>Returns the credentials, <c>null</c> when the client sent none, or an error.</summary>
    public static Result<ClientCredentials?> Parse(string? authorization, IReadOnlyDictionary<string, string> form)
    {
        Result<ClientCredentials?>? found = null;
        var headerTaken = false;
        foreach (var method in Methods)
        {
            var read = method.Read(authorization, form);
            if (read.Succeeded && read.Value is null)
            {
                continue;
            }

            if (found is not null)
            {
                return OAuthError.InvalidRequest("The client used more than one authentication method.");
            }

            found = read;
            headerTaken |= method.UsesAuthorizationHeader;
        }

        if (!string.IsNullOrEmpty(authorization) && !headerTaken)
        {
            // Another scheme (Bearer, Digest…) is no client authentication these endpoints know.
            return OAuthError.InvalidClient() with
            {
                Description = $"Client authentication must use one of: {string.Join(", ", Methods.Select(m => m.Name))}.",
            };
        }

        return found ?? Result<ClientCredentials?>.Success(null);
    }
}

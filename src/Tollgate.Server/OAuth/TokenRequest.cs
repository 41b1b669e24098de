using Tollgate.Core.Authentication;
using Tollgate.Core.OAuth;

namespace Tollgate.Server.OAuth;

/// <summary>
/// A token-endpoint request, read once: the grant, the scope, the client's credentials as presented (parsed, not
/// yet checked), and the other parameters by name. Grant handlers and client authentication work from this.
/// </summary>
internal sealed class TokenRequest
{
    private readonly IReadOnlyDictionary<string, string> _form;

    private TokenRequest(IReadOnlyDictionary<string, string> form, Result<ClientCredentials?> client)
    {
        _form = form;
        Client = client;
        GrantType = Get(OAuthParameters.GrantType);
        Scope = Get(OAuthParameters.Scope);
    }

    public string? GrantType { get; }

    public string? Scope { get; }

    /// <summary>The credentials the client presented (HTTP Basic or client_secret_post), null for none, or why they are unreadable.</summary>
    public Result<ClientCredentials?> Client { get; }

    public IReadOnlyDictionary<string, string> Form => _form;

    public static TokenRequest Parse(string? authorization, IReadOnlyDictionary<string, string> form) =>
        new(form, ClientCredentialsParser.Parse(authorization, form));

    /// <summary>A parameter's value; absent and empty are the same (RFC 6749 §3.1).</summary>
    public string? Get(string name) => _form.TryGetValue(name, out var value) ? value : null;
}

namespace Tollgate.Client;

/// <summary>An access token and when it stops being usable.</summary>
/// <param name="Value">The bearer token. Never logged by this library.</param>
/// <param name="ExpiresAt">When it expires, measured from when it was requested.</param>
/// <param name="Scope">The scope granted, when the server said.</param>
/// <param name="TokenType"><c>Bearer</c>, or <c>DPoP</c> for a token bound to this client's DPoP key (RFC 9449).</param>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt, string? Scope, string TokenType = "Bearer")
{
    /// <summary>The key a DPoP-bound token is used with; null for a bearer token.</summary>
    internal DpopSession? Dpop { get; init; }

    /// <summary>Whether the token must be sent with <c>Authorization: DPoP</c> and a proof.</summary>
    public bool IsDpopBound => string.Equals(TokenType, DpopSession.Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Sets the request's Authorization (and, for a DPoP-bound token, a fresh proof of its key).</summary>
    internal void Authorize(HttpRequestMessage request)
    {
        if (IsDpopBound && Dpop is { } dpop)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(DpopSession.Scheme, Value);
            dpop.Sign(request, Value);
            return;
        }

        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Value);
    }

    /// <inheritdoc/>
    public override string ToString() => $"AccessToken(expires {ExpiresAt:O}, scope {Scope})";
}

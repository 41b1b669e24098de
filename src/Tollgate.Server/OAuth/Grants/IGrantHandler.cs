using Microsoft.AspNetCore.Http;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;

namespace Tollgate.Server.OAuth.Grants;

/// <summary>
/// One grant type of the token endpoint: a class each, found by <see cref="GrantType"/>, so a new grant is an
/// addition to the list rather than another branch in the endpoint.
/// </summary>
internal interface IGrantHandler
{
    /// <summary>The <c>grant_type</c> value this handler serves.</summary>
    string GrantType { get; }

    /// <summary>The RFC 8693 <c>issued_token_type</c> of its answers, or null where that grant has none.</summary>
    string? IssuedTokenType { get; }

    /// <summary>Whether the grant is offered at the token endpoint of this kind of credential.</summary>
    bool OfferedAt(OwnerKind endpoint);

    ValueTask<Result<IssuedToken>> HandleAsync(HttpContext context, CloudDefinition cloud, OwnerKind endpoint, TokenRequest request);
}

using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Tokens;

namespace Tollgate.Server.Api;

/// <summary>
/// Authorization on the protected APIs: "may this caller make this call?" — the token's cloud (Druva's
/// explicit deny elsewhere), the endpoint's scope, and whose token the endpoint takes.
/// </summary>
internal static class ApiAuthorization
{
    public static ApiProblem? Check(AccessTokenInfo token, CloudName cloud, ScopeSet scope, TokenHolder holder)
    {
        if (token.Cloud != cloud)
        {
            return ApiProblem.ExplicitDeny;
        }

        if ((token.Scopes & scope) != scope)
        {
            var required = Scopes.Format(scope);
            return new ApiProblem(ApiProblemKind.InsufficientScope, $"This call needs the '{required}' scope.", required);
        }

        return holder switch
        {
            TokenHolder.Customer when token.CustomerId is null =>
                ApiProblem.Forbidden("An MSP token cannot call a customer's API; obtain a customer token first."),
            TokenHolder.Msp when token.MspId is null || token.Actor is not null =>
                ApiProblem.Forbidden("This API takes an MSP token; a customer token cannot call it."),
            _ => null,
        };
    }
}

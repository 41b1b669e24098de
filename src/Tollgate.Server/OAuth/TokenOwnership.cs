using Tollgate.Core.Credentials;
using Tollgate.Core.Tokens;

namespace Tollgate.Server.OAuth;

/// <summary>Whether a credential may introspect or revoke a token: only tokens of its own customer or MSP.</summary>
internal static class TokenOwnership
{
    public static bool Owns(this CredentialRecord credential, AccessTokenInfo token) =>
        credential.Cloud == token.Cloud && credential.Owner switch
        {
            OwnerKind.Customer => token.CustomerId == credential.OwnerId,
            OwnerKind.Msp => token.MspId == credential.OwnerId || token.Actor?.MspId == credential.OwnerId,
            _ => false,
        };
}

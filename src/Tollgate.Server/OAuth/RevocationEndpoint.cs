using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tollgate.Core.Administration;
using Tollgate.Core.Tokens;
using Tollgate.Server.Hosting;

namespace Tollgate.Server.OAuth;

/// <summary><c>POST /revoke</c> (RFC 7009): a client revokes one of its own access tokens.</summary>
internal sealed class RevocationEndpoint(
    ClientAuthStep clientAuth,
    AccessTokenValidator validator,
    RevocationList revocations,
    TokenRevocationService service,
    ILogger<RevocationEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = await clientAuth.ReadTokenRequestAsync(context, context.GetCloud()).ConfigureAwait(false);
        if (!request.Succeeded)
        {
            await OAuthResults.WriteTokenErrorAsync(context, request.Error).ConfigureAwait(false);
            return;
        }

        var (client, token) = request.Value;
        // RFC 7009 §2.2: an invalid token, or one that is not the caller's, still gets 200 (no oracle).
        var validation = await validator.ValidateAsync(token, context.RequestAborted).ConfigureAwait(false);
        if (validation.Succeeded && client.Owns(validation.Value))
        {
            var info = validation.Value;
            revocations.RevokeToken(info.JwtId, info.ExpiresAt);
            if (await service.RevokeAsync(info, Actor.Client(client.ClientId, context.Connection.RemoteIpAddress), context.RequestAborted).ConfigureAwait(false))
            {
                Log.TokenRevoked(logger, Redact.Hash(info.JwtId), Redact.Hash(info.ClientId));
            }
        }

        OAuthResults.SetNoStore(context.Response);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}

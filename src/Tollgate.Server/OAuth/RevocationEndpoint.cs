using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tollgate.Core.Tokens;
using Tollgate.Server.Hosting;
using Tollgate.Storage;
using Tollgate.Storage.Entities;

namespace Tollgate.Server.OAuth;

/// <summary><c>POST /revoke</c> (RFC 7009): a client revokes one of its own access tokens.</summary>
internal sealed class RevocationEndpoint(
    ClientAuthStep clientAuth,
    AccessTokenValidator validator,
    RevocationList revocations,
    TollgateStore store,
    TimeProvider time,
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
            await using var db = store.CreateContext();
            if (!await db.RevokedTokens.AnyAsync(t => t.JwtId == info.JwtId, context.RequestAborted).ConfigureAwait(false))
            {
                db.RevokedTokens.Add(new RevokedTokenEntity { JwtId = info.JwtId, Cloud = info.Cloud.Value, ClientId = info.ClientId, ExpiresAt = info.ExpiresAt });
                db.Changes.Add(new ChangeEntity { Cloud = info.Cloud.Value, Kind = ChangeKinds.RevokedToken, Subject = info.JwtId, At = time.GetUtcNow() });
                try
                {
                    await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
                    Log.TokenRevoked(logger, Redact.Hash(info.JwtId), Redact.Hash(info.ClientId));
                }
                catch (DbUpdateException)
                {
                    // A concurrent request revoked it first: the outcome is the same.
                }
            }
        }

        OAuthResults.SetNoStore(context.Response);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}

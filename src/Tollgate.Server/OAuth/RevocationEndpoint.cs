using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollgate.Core.OAuth;
using Tollgate.Core.Tokens;
using Tollgate.Server.Hosting;
using Tollgate.Server.Options;
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
    IOptions<TollgateServerOptions> options,
    ILogger<RevocationEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cloud = context.GetCloud();
        var form = await FormReader.ReadAsync(context, options.Value.MaxFormBytes).ConfigureAwait(false);
        if (!form.Succeeded)
        {
            await OAuthResults.WriteTokenErrorAsync(context, form.Error).ConfigureAwait(false);
            return;
        }

        var client = await clientAuth.AuthenticateAsync(context, cloud, form.Value, expectedOwner: null).ConfigureAwait(false);
        if (!client.Succeeded)
        {
            await OAuthResults.WriteTokenErrorAsync(context, client.Error).ConfigureAwait(false);
            return;
        }

        if (!form.Value.TryGetValue(OAuthParameters.Token, out var token))
        {
            await OAuthResults.WriteTokenErrorAsync(context, OAuthError.InvalidRequest("The token parameter is required.")).ConfigureAwait(false);
            return;
        }

        // RFC 7009 §2.2: an invalid token, or one that is not the caller's, still gets 200 (no oracle).
        var validation = await validator.ValidateAsync(token, context.RequestAborted).ConfigureAwait(false);
        if (validation.Succeeded && client.Value.Owns(validation.Value))
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

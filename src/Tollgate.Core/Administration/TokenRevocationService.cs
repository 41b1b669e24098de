using Tollgate.Core.Stores;
using Tollgate.Core.Tokens;

namespace Tollgate.Core.Administration;

/// <summary>RFC 7009 revocation of one access token: the revocation, its change-feed row and its audit event in one transaction.</summary>
public sealed class TokenRevocationService(IRevocationStore revocations, TimeProvider time)
{
    /// <summary>Records the revocation; false when the token was revoked already (by this or a concurrent request).</summary>
    public async Task<bool> RevokeAsync(AccessTokenInfo token, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(actor);
        if (await revocations.FindAsync(token.JwtId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        var audit = new AuditEvent(
            time.GetUtcNow(), token.Cloud.Value, actor.Name, AuditActions.TokenRevoke, "token", token.JwtId, token.Actor?.MspId ?? token.MspId, token.CustomerId, actor.Source?.ToString());
        var record = new RevokedTokenRecord(token.JwtId, token.Cloud, token.ClientId, token.ExpiresAt);
        return await revocations.AddAsync(record, new JournalEntry(audit, ChangeKinds.RevokedToken, token.JwtId), cancellationToken).ConfigureAwait(false);
    }
}

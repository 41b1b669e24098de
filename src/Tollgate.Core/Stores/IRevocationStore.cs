namespace Tollgate.Core.Stores;

/// <summary>Access tokens revoked through RFC 7009.</summary>
public interface IRevocationStore
{
    /// <summary>Adds the revocation with its journal entry, in one transaction; false when it was revoked already.</summary>
    Task<bool> AddAsync(RevokedTokenRecord token, JournalEntry journal, CancellationToken cancellationToken);

    Task<RevokedTokenRecord?> FindAsync(string jwtId, CancellationToken cancellationToken);

    /// <summary>Revocations of tokens that expire after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<RevokedTokenRecord>> ListExpiringAfterAsync(DateTimeOffset after, CancellationToken cancellationToken);
}

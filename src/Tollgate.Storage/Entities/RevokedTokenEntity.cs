namespace Tollgate.Storage.Entities;

/// <summary>An access token revoked through RFC 7009, kept until it would have expired.</summary>
internal sealed class RevokedTokenEntity
{
    public required string JwtId { get; set; }

    public required string Cloud { get; set; }

    public required string ClientId { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

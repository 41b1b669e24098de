namespace Tollgate.Storage.Entities;

/// <summary>A one-time value already used (a client assertion's or a DPoP proof's jti, hashed with its issuer), kept until it expires.</summary>
internal sealed class UsedJtiEntity
{
    public required string Key { get; set; }

    public DateTimeOffset Until { get; set; }
}

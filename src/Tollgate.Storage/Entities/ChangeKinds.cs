namespace Tollgate.Storage.Entities;

/// <summary>Values of <see cref="ChangeEntity.Kind"/>.</summary>
public static class ChangeKinds
{
    public const string Credential = "credential";
    public const string SigningKeys = "keys";
    public const string RevokedToken = "token";
    public const string Customer = "customer";
}

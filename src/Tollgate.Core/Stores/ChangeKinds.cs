namespace Tollgate.Core.Stores;

/// <summary>What a change-feed row says changed, so nodes know which cache to refresh.</summary>
public static class ChangeKinds
{
    public const string Credential = "credential";
    public const string SigningKeys = "keys";
    public const string RevokedToken = "token";
    public const string Customer = "customer";
    public const string Msp = "msp";
    public const string User = "user";
}

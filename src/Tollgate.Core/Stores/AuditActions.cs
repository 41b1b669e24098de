namespace Tollgate.Core.Stores;

/// <summary>The actions the audit trail records, by name.</summary>
public static class AuditActions
{
    public const string MspCreate = "msp.create";
    public const string CustomerCreate = "customer.create";
    public const string CredentialCreate = "credential.create";
    public const string CredentialRevoke = "credential.revoke";
    public const string CredentialUpdate = "credential.update";
    public const string CredentialRotate = "credential.rotate";
    public const string KeysSchedule = "keys.schedule";
    public const string KeysRotate = "keys.rotate";
    public const string CustomerTokenMint = "customer_token.mint";
    public const string ApiCall = "api.call";
    public const string TokenRevoke = "token.revoke";
    public const string UserCreate = "user.create";
    public const string UserUpdate = "user.update";
    public const string UserDelete = "user.delete";

    /// <summary>A client authentication that failed: the client id hashed, the source address, the reason.</summary>
    public const string ClientAuthFailed = "client_auth.failed";
}

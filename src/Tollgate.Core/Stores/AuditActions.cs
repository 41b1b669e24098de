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
    public const string CredentialKeyAdd = "credential.key_add";
    public const string CredentialKeyRemove = "credential.key_remove";
    public const string KeysSchedule = "keys.schedule";
    public const string KeysRotate = "keys.rotate";
    public const string CustomerTokenMint = "customer_token.mint";
    public const string ApiCall = "api.call";
    public const string TokenRevoke = "token.revoke";
    public const string UserCreate = "user.create";
    public const string UserUpdate = "user.update";
    public const string UserDelete = "user.delete";
    public const string AdministratorCreate = "administrator.create";
    public const string AdministratorDisable = "administrator.disable";
    public const string AdministratorResetPassword = "administrator.reset_password";
    public const string AdministratorChangePassword = "administrator.change_password";
    public const string AdministratorTwoFactor = "administrator.two_factor";
    public const string AdministratorSignIn = "administrator.sign_in";

    /// <summary>A console sign-in that failed (wrong password or code, locked or disabled account, unknown address).</summary>
    public const string AdministratorSignInFailed = "administrator.sign_in_failed";

    /// <summary>A client authentication that failed: the client id hashed, the source address, the reason.</summary>
    public const string ClientAuthFailed = "client_auth.failed";
}

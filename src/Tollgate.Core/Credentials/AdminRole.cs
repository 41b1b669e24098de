namespace Tollgate.Core.Credentials;

/// <summary>
/// An administrator role an API credential can carry (Druva's "authorization restriction"): its tokens may use
/// the admin API within that role. A credential without one is an ordinary API credential.
/// </summary>
public enum AdminRole
{
    None = 0,

    /// <summary>Everything on one cloud: MSPs, customers, every credential, signing keys, the audit trail.</summary>
    CloudAdmin = 1,

    /// <summary>Sees everything a Cloud Administrator sees on one cloud; changes nothing.</summary>
    CloudAdminReadOnly = 2,

    /// <summary>One MSP: its own credentials, its customers and their credentials.</summary>
    MspAdmin = 3,

    /// <summary>One customer: its credentials and its audit trail.</summary>
    CustomerAdmin = 4,
}

namespace Tollgate.Core.Credentials;

/// <summary>Who owns an API credential, which picks its token endpoint.</summary>
public enum OwnerKind
{
    /// <summary>A customer: tokens from <c>POST /token</c>.</summary>
    Customer = 0,

    /// <summary>A managed-service provider: tokens from <c>POST /msp/auth/v1/token</c>.</summary>
    Msp = 1,
}

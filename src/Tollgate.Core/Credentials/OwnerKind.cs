namespace Tollgate.Core.Credentials;

/// <summary>Who owns an API credential, which picks its token endpoint.</summary>
public enum OwnerKind
{
    /// <summary>A customer: tokens from <c>POST /token</c>.</summary>
    Customer = 0,

    /// <summary>A managed-service provider: tokens from <c>POST /msp/auth/v1/token</c>.</summary>
    Msp = 1,

    /// <summary>
    /// The cloud itself: a credential of a cloud administrator (it always carries a cloud-wide
    /// <see cref="AdminRole"/>, and names no customer or MSP); tokens from <c>POST /token</c>.
    /// </summary>
    Cloud = 2,
}

namespace Tollgate.Client;

/// <summary>Whose credential it is, which picks the token endpoint.</summary>
public enum CredentialKind
{
    /// <summary>A customer's API credential: tokens from <c>POST /token</c>.</summary>
    Customer = 0,

    /// <summary>An MSP's API credential: tokens from <c>POST /msp/auth/v1/token</c>, and customer tokens for the MSP's customers.</summary>
    Msp = 1,
}

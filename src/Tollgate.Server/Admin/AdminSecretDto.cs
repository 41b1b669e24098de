namespace Tollgate.Server.Admin;

/// <summary>A credential just created or rotated, with its Secret Key: shown in this one response, kept nowhere.</summary>
internal sealed record AdminSecretDto(AdminCredentialDto Credential, string? SecretKey);

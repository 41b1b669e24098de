using Tollgate.Storage.Entities;

namespace Tollgate.Server.Demo;

/// <summary>A demo credential; its secret only when it was just created.</summary>
public sealed record DemoCredential(CredentialEntity Credential, string? SecretKey);

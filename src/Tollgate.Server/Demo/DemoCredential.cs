using Tollgate.Core.Credentials;

namespace Tollgate.Server.Demo;

/// <summary>A demo credential; its secret only when it was just created.</summary>
public sealed record DemoCredential(CredentialRecord Credential, string? SecretKey);

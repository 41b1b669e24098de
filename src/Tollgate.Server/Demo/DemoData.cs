using Tollgate.Storage.Entities;

namespace Tollgate.Server.Demo;

/// <summary>What the demo seeding made (or found).</summary>
public sealed record DemoData(bool Created, MspEntity Msp, IReadOnlyList<CustomerEntity> Customers, IReadOnlyList<DemoCredential> Credentials);

/// <summary>A demo credential; its secret only when it was just created.</summary>
public sealed record DemoCredential(CredentialEntity Credential, string? SecretKey);

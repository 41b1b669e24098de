using Tollgate.Storage.Entities;

namespace Tollgate.Server.Demo;

/// <summary>What the demo seeding made (or found).</summary>
public sealed record DemoData(bool Created, MspEntity Msp, IReadOnlyList<CustomerEntity> Customers, IReadOnlyList<DemoCredential> Credentials);

using Tollgate.Core.Stores;

namespace Tollgate.Server.Demo;

/// <summary>What the demo seeding made (or found).</summary>
public sealed record DemoData(bool Created, MspRecord Msp, IReadOnlyList<CustomerRecord> Customers, IReadOnlyList<DemoCredential> Credentials);

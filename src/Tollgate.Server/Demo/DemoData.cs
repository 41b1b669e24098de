using Tollgate.Core.Stores;
using Tollgate.Server.Accounts;

namespace Tollgate.Server.Demo;

/// <summary>What the demo seeding made (or found): console administrators with their one-time passwords when just made.</summary>
public sealed record DemoData(
    bool Created, MspRecord Msp, IReadOnlyList<CustomerRecord> Customers, IReadOnlyList<DemoCredential> Credentials, IReadOnlyList<AdministratorInvitation> Administrators);

using Tollgate.Core.Stores;

namespace Tollgate.Server.Admin;

/// <summary>An MSP as the admin API shows it.</summary>
internal sealed record AdminMspDto(string Id, string Name, string Cloud, DateTimeOffset CreatedAt)
{
    public static AdminMspDto From(MspRecord m) => new(m.Id, m.Name, m.Cloud.Value, m.CreatedAt);
}

/// <summary>A customer as the admin API shows it.</summary>
internal sealed record AdminCustomerDto(string Id, string Name, string Cloud, string? MspId, DateTimeOffset CreatedAt)
{
    public static AdminCustomerDto From(CustomerRecord c) => new(c.Id, c.CustomerName, c.Cloud.Value, c.MspId, c.CreatedOn);
}

/// <summary>The body of <c>POST /admin/v1/msps</c> and <c>POST /admin/v1/customers</c> (<c>mspId</c> for customers only).</summary>
internal sealed record AdminTenantInput(string? Name, string? MspId);

/// <summary>A signing key: its schedule and state (pending, active, retired); never key material.</summary>
internal sealed record AdminKeyDto(string Kid, string Algorithm, DateTimeOffset CreatedAt, DateTimeOffset ActivatesAt, string State);

/// <summary>One audit event.</summary>
internal sealed record AdminAuditDto(
    DateTimeOffset At,
    string Actor,
    string Action,
    string EntityType,
    string EntityId,
    string? MspId,
    string? CustomerId,
    string? SourceIp,
    int? Status,
    string? Detail)
{
    public static AdminAuditDto From(AuditEvent e) => new(e.At, e.Actor, e.Action, e.EntityType, e.EntityId, e.MspId, e.CustomerId, e.SourceIp, e.Status, e.Detail);
}

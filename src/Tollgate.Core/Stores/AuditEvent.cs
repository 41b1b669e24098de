namespace Tollgate.Core.Stores;

/// <summary>One row of the audit trail: who did what to which entity, from where, when, and with what outcome.</summary>
public sealed record AuditEvent(
    DateTimeOffset At,
    string Cloud,
    string Actor,
    string Action,
    string EntityType,
    string EntityId,
    string? MspId = null,
    string? CustomerId = null,
    string? SourceIp = null,
    int? Status = null,
    string? Detail = null);

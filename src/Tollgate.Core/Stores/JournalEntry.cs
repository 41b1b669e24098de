namespace Tollgate.Core.Stores;

/// <summary>
/// What every write of an administrative operation carries: its audit event and, when nodes must refresh a
/// cache, its change-feed row (<see cref="ChangeKinds"/>, the changed id). A store writes the change, this
/// row and this event in one transaction: all of them or none.
/// </summary>
public sealed record JournalEntry(AuditEvent Audit, string? ChangeKind = null, string? ChangeSubject = null);

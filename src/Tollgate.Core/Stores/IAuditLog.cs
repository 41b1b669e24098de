namespace Tollgate.Core.Stores;

/// <summary>The audit trail: administrators' changes (written with them) and events batched off the request path.</summary>
public interface IAuditLog
{
    /// <summary>Appends events that change nothing else (an API call, a failed authentication), in one batch.</summary>
    Task AppendAsync(IReadOnlyCollection<AuditEvent> events, CancellationToken cancellationToken);

    /// <summary>The newest events that match, oldest first.</summary>
    Task<IReadOnlyList<AuditEvent>> ListAsync(AuditQuery query, CancellationToken cancellationToken);
}

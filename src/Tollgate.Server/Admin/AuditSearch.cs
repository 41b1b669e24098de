using System.Globalization;
using Tollgate.Core.Credentials;
using Tollgate.Core.Stores;

namespace Tollgate.Server.Admin;

/// <summary>What an administrator asks of the audit trail (every field optional), as the API and the console take it.</summary>
internal sealed record AuditFilter(string? Since = null, string? Until = null, string? Actor = null, string? Action = null, string? MspId = null, string? CustomerId = null, string? Limit = null);

/// <summary>
/// The audit trail as an administrator sees it: of the whole cloud for a cloud role, of its own MSP (what it did,
/// and what was done for its customers) for an MSP administrator, of its customer for a customer administrator.
/// Asking for another tenant's rows is asking for nothing.
/// </summary>
internal static class AuditSearch
{
    public const int MaxLimit = 1000;

    /// <summary>The matching events, oldest first, or the message saying which filter is malformed.</summary>
    public static async Task<(IReadOnlyList<AuditEvent> Events, string? Invalid)> RunAsync(IAuditLog audit, AdminScope scope, AuditFilter filter, CancellationToken cancellationToken)
    {
        if (!TryTime(filter.Since, out var since) || !TryTime(filter.Until, out var until))
        {
            return ([], "since and until must be ISO 8601 times.");
        }

        var take = MaxLimit;
        if (!string.IsNullOrEmpty(filter.Limit) && (!int.TryParse(filter.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > MaxLimit))
        {
            return ([], $"limit must be a number from 1 to {MaxLimit}.");
        }

        var (mspId, customerId) = (Blank(filter.MspId), Blank(filter.CustomerId));
        if (scope.Role == AdminRole.CustomerAdmin)
        {
            if ((customerId is not null && customerId != scope.CustomerId) || mspId is not null)
            {
                return ([], null);
            }

            customerId = scope.CustomerId;
        }
        else if (scope.Role == AdminRole.MspAdmin)
        {
            if (mspId is not null && mspId != scope.MspId)
            {
                return ([], null);
            }

            mspId = scope.MspId;
        }

        // The store filters by MSP, customer and time; the cloud, the end, the actor and the action are checked here.
        var (action, actor) = (Blank(filter.Action), Blank(filter.Actor));
        var events = await audit.ListAsync(new AuditQuery(mspId, customerId, since, MaxLimit * 10), cancellationToken).ConfigureAwait(false);
        return ([.. events.Where(e => e.Cloud == scope.Cloud.Value
                && (until is null || e.At <= until)
                && (action is null || e.Action == action)
                && (actor is null || e.Actor.Contains(actor, StringComparison.OrdinalIgnoreCase)))
            .TakeLast(take)], null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryTime(string? text, out DateTimeOffset? at)
    {
        at = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        at = parsed;
        return true;
    }
}

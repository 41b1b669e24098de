using Tollgate.Core.Paging;
using Tollgate.Server.Api;

namespace Tollgate.Server.Admin;

/// <summary>One page of an admin list, in key order, with Tollgate's page tokens (bound to the caller's filters).</summary>
internal static class AdminPaging
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public static ApiProblem? TryPage<T>(
        IEnumerable<T> items,
        Func<T, string> key,
        string? pageSize,
        string? pageToken,
        string filters,
        out List<T> page,
        out string next)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(key);
        page = [];
        next = string.Empty;
        if (!PageRequest.TryRead(pageSize, pageToken, filters, DefaultPageSize, MaxPageSize, out var request, out var invalid))
        {
            return ApiProblem.BadRequest(invalid);
        }

        page = [.. items.Where(i => string.CompareOrdinal(key(i), request.AfterKey) > 0).OrderBy(key, StringComparer.Ordinal).Take(request.Size + 1)];
        if (page.Count > request.Size)
        {
            page.RemoveAt(request.Size);
            next = request.Next(key(page[^1]), filters);
        }

        return null;
    }
}

using System.Globalization;

namespace Tollgate.Core.Paging;

/// <summary>
/// One page of a keyset-paged list, read once from <c>pageSize</c> and <c>pageToken</c>: after which key, how many.
/// The token carries the page size it was issued with, so a client that follows <c>nextPageToken</c> alone keeps
/// its page size; it is bound to the list's filters, so a token replayed on another list is refused.
/// </summary>
public readonly record struct PageRequest(string AfterKey, int Size)
{
    /// <summary>
    /// Reads the page. <paramref name="filters"/> names the list and its filters (not the page size: a client may
    /// change it between pages). Returns false, with the message, for a page size out of range or a token that
    /// is not one of this list's.
    /// </summary>
    public static bool TryRead(string? pageSize, string? pageToken, string filters, int defaultSize, int maxSize, out PageRequest page, out string error)
    {
        page = new PageRequest(string.Empty, defaultSize);
        error = string.Empty;
        var size = 0;
        if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > maxSize))
        {
            error = $"pageSize must be between 1 and {maxSize}.";
            return false;
        }

        if (string.IsNullOrEmpty(pageToken))
        {
            page = new PageRequest(string.Empty, pageSize is null ? defaultSize : size);
            return true;
        }

        var colon = 0;
        if (!PageToken.TryRead(pageToken, filters, out var key) || (colon = key.IndexOf(':', StringComparison.Ordinal)) < 1 ||
            !int.TryParse(key.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var issuedSize) || issuedSize < 1 || issuedSize > maxSize)
        {
            error = "pageToken is invalid or was issued for other filters.";
            return false;
        }

        page = new PageRequest(key[(colon + 1)..], pageSize is null ? issuedSize : size);
        return true;
    }

    /// <summary>The token of the page after <paramref name="lastKey"/> (the last key of this page).</summary>
    public string Next(string lastKey, string filters) =>
        PageToken.Create(Size.ToString(CultureInfo.InvariantCulture) + ":" + lastKey, filters);
}

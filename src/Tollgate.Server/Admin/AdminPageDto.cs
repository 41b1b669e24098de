namespace Tollgate.Server.Admin;

/// <summary>One page of an admin list; <see cref="NextPageToken"/> is empty on the last page.</summary>
internal sealed record AdminPageDto<T>(IReadOnlyList<T> Items, string NextPageToken);

namespace Tollgate.Server.Admin;

/// <summary>One page of credentials; <see cref="NextPageToken"/> is empty on the last page.</summary>
internal sealed record AdminCredentialListDto(IReadOnlyList<AdminCredentialDto> Credentials, string NextPageToken);

namespace Tollgate.Server.Api;

/// <summary>The body of an API error.</summary>
internal sealed record ApiError(string Code, string Message);

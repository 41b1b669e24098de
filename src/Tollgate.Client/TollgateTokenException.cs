using System.Net;

namespace Tollgate.Client;

/// <summary>A token request the server refused, with the OAuth error code it gave (<c>invalid_client</c>, <c>invalid_scope</c>…).</summary>
public sealed class TollgateTokenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TollgateTokenException()
        : this("unknown", null, 0)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public TollgateTokenException(string message)
        : base(message)
    {
        Error = "unknown";
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TollgateTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = "unknown";
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="error">The OAuth <c>error</c> (or the API's <c>code</c>).</param>
    /// <param name="description">The server's description, if any.</param>
    /// <param name="statusCode">The HTTP status.</param>
    public TollgateTokenException(string error, string? description, HttpStatusCode statusCode)
        : base($"The token request failed: {(int)statusCode} {error}{(description is null ? string.Empty : ": " + description)}")
    {
        Error = error;
        ErrorDescription = description;
        StatusCode = statusCode;
    }

    /// <summary>The OAuth error code (RFC 6749 §5.2), or the API's error code.</summary>
    public string Error { get; }

    /// <summary>The server's human-readable description.</summary>
    public string? ErrorDescription { get; }

    /// <summary>The HTTP status of the refusal.</summary>
    public HttpStatusCode StatusCode { get; }
}

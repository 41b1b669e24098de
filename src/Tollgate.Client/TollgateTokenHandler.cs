using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tollgate.Client;

/// <summary>
/// Adds <c>Authorization: Bearer</c> from a token source to every request, or for a DPoP-bound token
/// <c>Authorization: DPoP</c> and a fresh proof (retried once with the server's nonce when it asks for one). On 401 it
/// refreshes the token once and retries once; a 403 is passed through (it means "not allowed", not "expired").
/// </summary>
public sealed class TollgateTokenHandler : DelegatingHandler
{
    private readonly ITokenSource _tokens;
    private readonly ILogger _logger;

    /// <summary>Creates the handler.</summary>
    /// <param name="tokens">Where tokens come from: <see cref="TollgateTokenClient.Default"/>, a scope, or a customer.</param>
    /// <param name="logger">Where to log; nothing by default.</param>
    public TollgateTokenHandler(ITokenSource tokens, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens = tokens;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Content is not null)
        {
            // A retry sends the body again: make sure it can be read twice.
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        token.Authorize(request);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            token.Dpop?.TakeNonce(response, null);
            return response;
        }

        if (token.Dpop is { } dpop && dpop.TakeNonce(response, null))
        {
            // RFC 9449 §9: the server wants its nonce in the proof; the same token, a new proof.
            response.Dispose();
            token.Authorize(request);
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return response;
            }
        }

        _tokens.Invalidate(token);
        var fresh = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (fresh.Value == token.Value)
        {
            return response;
        }

        Log.RetryingAfter401(_logger);
        response.Dispose();
        fresh.Authorize(request);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

namespace Tollgate.Client;

/// <summary>
/// How to obtain tokens. <see cref="ClientId"/> is required, and <see cref="SecretKey"/> or
/// <see cref="ClientAssertionKey"/> (private_key_jwt: no shared secret at all).
/// </summary>
public sealed class TollgateClientOptions
{
    /// <summary>The cloud to talk to; <see cref="TollgateCloud.Mainline"/> by default.</summary>
    public TollgateCloud Cloud { get; set; } = TollgateCloud.Mainline;

    /// <summary>The API credential's Client ID.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The API credential's Secret Key. Never logged.</summary>
    public string SecretKey { get; set; } = string.Empty;

    /// <summary>
    /// The client's private key (ECDsa P-256 or RSA ≥ 2048) for <c>private_key_jwt</c> (RFC 7523): each token request
    /// carries a fresh assertion signed with it instead of the Secret Key. Its public key is registered with the credential.
    /// </summary>
    public System.Security.Cryptography.AsymmetricAlgorithm? ClientAssertionKey { get; set; }

    /// <summary>The kid the credential knows <see cref="ClientAssertionKey"/> by; none: the server tries the credential's keys.</summary>
    public string? ClientAssertionKeyId { get; set; }

    /// <summary>
    /// Bind tokens to a key of this client with DPoP (RFC 9449): a thief of the token cannot use it. Every token and API
    /// request then carries a proof; a server nonce is picked up and retried with. Tokens are not shared through the
    /// distributed cache (another process does not hold the key).
    /// </summary>
    public bool UseDpop { get; set; }

    /// <summary>The DPoP key (ECDsa P-256 or RSA ≥ 2048); none: a new P-256 key for this client's lifetime.</summary>
    public System.Security.Cryptography.AsymmetricAlgorithm? DpopKey { get; set; }

    /// <summary>Customer (default) or MSP credentials.</summary>
    public CredentialKind Kind { get; set; } = CredentialKind.Customer;

    /// <summary>The scope to ask for (<c>read</c>, <c>write</c>, <c>read write</c>); null asks for the credential's default (all).</summary>
    public string? Scope { get; set; }

    /// <summary>How the Basic header is encoded; raw by default, as Druva documents it.</summary>
    public BasicEncoding BasicEncoding { get; set; } = BasicEncoding.Raw;

    /// <summary>A token is not handed out when it expires within this margin (clock skew, request time). Default 60 s.</summary>
    public TimeSpan ExpiryBuffer { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Within this window before the buffer, a call still gets the cached token but a refresh starts in the
    /// background, so callers never wait for one. Default 5 minutes, at most a quarter of the token's life.
    /// </summary>
    public TimeSpan RefreshAhead { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Retries of a token request answered 429 or 5xx (or not at all). Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first back-off delay when the server gives no <c>Retry-After</c>; it doubles each retry. Default 500 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait this client accepts, from <c>Retry-After</c> or back-off. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Share tokens through the registered <c>IDistributedCache</c>, so a farm of workers asks for one token, not one each.</summary>
    public bool UseDistributedCache { get; set; }

    internal void Validate()
    {
        if (Problem() is { } problem)
        {
            throw new InvalidOperationException("TollgateClientOptions: " + problem);
        }
    }

    /// <summary>What is wrong with these options, or null.</summary>
    internal string? Problem() =>
        string.IsNullOrWhiteSpace(ClientId) || (string.IsNullOrEmpty(SecretKey) && ClientAssertionKey is null) ? "ClientId and SecretKey (or ClientAssertionKey) are required."
        : Cloud is null || ExpiryBuffer < TimeSpan.Zero || RefreshAhead < TimeSpan.Zero || MaxRetries < 0 || RetryDelay < TimeSpan.Zero || MaxRetryDelay < TimeSpan.Zero
            ? "Cloud is required and times and counts cannot be negative."
            : null;
}

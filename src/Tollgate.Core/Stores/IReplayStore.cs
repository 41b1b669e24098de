namespace Tollgate.Core.Stores;

/// <summary>
/// One-time values seen by any node: client-assertion <c>jti</c>s (RFC 7523 §3 item 7) and the <c>jti</c>s of DPoP
/// proofs sent to the token endpoint (RFC 9449 §11.1). A value is remembered until its <c>until</c> has passed,
/// after which its JWT is refused as expired anyway.
/// </summary>
public interface IReplayStore
{
    /// <summary>True the first time <paramref name="key"/> is used anywhere; false when any node has seen it before.</summary>
    Task<bool> TryUseAsync(string key, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Forgets values whose time has passed; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

using System.Net;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Ids;
using Tollgate.Core.OAuth;
using Tollgate.Core.Stores;

namespace Tollgate.Core.Authentication;

/// <summary>Checks presented client credentials against the credential store.</summary>
public sealed class ClientAuthenticator(ICredentialStore credentials, IReplayStore replays, TimeProvider time)
{
    /// <summary>
    /// Authenticates a client of <paramref name="cloud"/>. Every failure is the same <c>invalid_client</c>
    /// (no oracle for which part was wrong), and an unknown client id costs the same hash and comparison
    /// as a wrong secret. <paramref name="expectedOwner"/> null accepts customer and MSP credentials alike.
    /// </summary>
    public ValueTask<Result<CredentialRecord>> AuthenticateAsync(
        ClientCredentials presented,
        CloudName cloud,
        IPAddress? remote,
        OwnerKind? expectedOwner,
        CancellationToken cancellationToken) =>
        AuthenticateAsync(presented, cloud, remote, expectedOwner, [], cancellationToken);

    /// <summary>
    /// As above; a client assertion (<c>private_key_jwt</c>) must name one of <paramref name="audiences"/> in its
    /// <c>aud</c>, and its <c>jti</c> is used once across every node.
    /// </summary>
    public async ValueTask<Result<CredentialRecord>> AuthenticateAsync(
        ClientCredentials presented,
        CloudName cloud,
        IPAddress? remote,
        OwnerKind? expectedOwner,
        IReadOnlyCollection<string> audiences,
        CancellationToken cancellationToken)
    {
        // An id that cannot name a credential is an unknown client, checked against the decoy hash like any other.
        var record = ClientId.TryParse(presented.ClientId, out var clientId)
            ? await credentials.FindAsync(clientId, cancellationToken).ConfigureAwait(false)
            : null;
        var now = time.GetUtcNow();
        if (presented.Method == ClientAuthMethod.PrivateKeyJwt)
        {
            return await AuthenticateWithAssertionAsync(presented.Secret, record, cloud, remote, expectedOwner, audiences, now, cancellationToken).ConfigureAwait(false);
        }

        var secretOk = SecretHasher.Verify(presented.Secret, record?.HashVersion ?? SecretHasher.CurrentVersion, record?.SecretHash);
        if (!secretOk && record is not null && record.PreviousSecretWorksAt(now)
            && SecretHasher.Verify(presented.Secret, record.PreviousHashVersion, record.PreviousSecretHash))
        {
            // The secret before a rotation, within its grace: the client is the credential as that secret knew it,
            // and its tokens carry that secret's generation (they stop when the grace ends).
            record = record with { SecretGeneration = record.SecretGeneration - 1 };
            secretOk = true;
        }

        return Decide(record, secretOk, cloud, remote, expectedOwner, now);
    }

    /// <summary>
    /// <c>private_key_jwt</c>: the assertion verifies with one of the credential's keys and keeps RFC 7523's rules;
    /// then the same checks as a secret, then (last, so a refused request uses nothing up) the jti's one use.
    /// </summary>
    private async ValueTask<Result<CredentialRecord>> AuthenticateWithAssertionAsync(
        string assertion,
        CredentialRecord? record,
        CloudName cloud,
        IPAddress? remote,
        OwnerKind? expectedOwner,
        IReadOnlyCollection<string> audiences,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (record is null)
        {
            return OAuthError.InvalidClient() with { Reason = ClientAuthFailures.UnknownClient };
        }

        var check = ClientAssertions.Check(assertion, record, audiences, now);
        if (!check.Succeeded)
        {
            return check.Error;
        }

        var decided = Decide(record, proofOk: true, cloud, remote, expectedOwner, now);
        if (decided.Succeeded && !await replays.TryUseAsync(check.Value.ReplayKey, check.Value.Until, cancellationToken).ConfigureAwait(false))
        {
            return OAuthError.InvalidClient() with { Description = "The client assertion's jti was used before; sign a new assertion for each request.", Reason = ClientAuthFailures.ReplayedAssertion };
        }

        return decided;
    }

    private static Result<CredentialRecord> Decide(CredentialRecord? record, bool proofOk, CloudName cloud, IPAddress? remote, OwnerKind? expectedOwner, DateTimeOffset now)
    {
        var failure = record is null ? ClientAuthFailures.UnknownClient
            : !proofOk ? ClientAuthFailures.WrongSecret
            : record.Cloud != cloud ? ClientAuthFailures.OtherCloud
            : record.IsRevoked ? ClientAuthFailures.Revoked
            : record.IsExpiredAt(now) ? ClientAuthFailures.Expired
            // Checked only once the secret is right, so the answer must not differ from a wrong secret's:
            // a distinct message would confirm a stolen secret to whoever tries it from elsewhere.
            : !record.AllowList.Allows(remote) ? ClientAuthFailures.OutsideAllowedNetworks
            : null;
        if (failure is not null)
        {
            // Only the holder of the right secret learns that the credential expired (it must be replaced, not retried).
            return failure == ClientAuthFailures.Expired
                ? OAuthError.InvalidClient() with { Description = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The credential expired at {record!.ExpiresAt!.Value.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}; an administrator can extend it or create a new one."), Reason = failure }
                : OAuthError.InvalidClient() with { Reason = failure };
        }

        // A cloud administrator's credential gets its tokens where customers do (Druva's /token).
        if (expectedOwner is { } expected && record!.Owner != expected && !(expected == OwnerKind.Customer && record.Owner == OwnerKind.Cloud))
        {
            return new OAuthError(
                OAuthErrors.UnauthorizedClient,
                record.Owner == OwnerKind.Msp
                    ? "MSP credentials get tokens from /msp/auth/v1/token."
                    : "Customer credentials get tokens from /token.") { Reason = ClientAuthFailures.WrongEndpoint };
        }

        return Result<CredentialRecord>.Success(record!);
    }
}

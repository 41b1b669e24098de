namespace Tollgate.Core.Credentials;

/// <summary>Finds a credential by client id; the server's implementation answers from memory when warm.</summary>
public interface ICredentialSource
{
    ValueTask<CredentialRecord?> FindAsync(string clientId, CancellationToken cancellationToken);
}

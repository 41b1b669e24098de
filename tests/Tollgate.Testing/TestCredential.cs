using System.Text;

namespace Tollgate.Testing;

/// <summary>A credential created for a test, with its secret and owner.</summary>
public sealed record TestCredential(string ClientId, string Secret, string OwnerId, string Cloud)
{
    /// <summary><c>base64(clientId:secret)</c> with the raw values, as Druva's documentation shows.</summary>
    public string RawBasic => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{Secret}"));

    /// <summary>RFC 6749 §2.3.1: each value form-url-encoded before base64.</summary>
    public string EncodedBasic =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(ClientId)}:{Uri.EscapeDataString(Secret)}"));
}

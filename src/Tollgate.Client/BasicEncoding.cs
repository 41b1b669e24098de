namespace Tollgate.Client;

/// <summary>How the Client ID and Secret Key go into the HTTP Basic header.</summary>
public enum BasicEncoding
{
    /// <summary><c>base64(clientId:secret)</c> with the raw values, as Druva's documentation shows and its service expects.</summary>
    Raw = 0,

    /// <summary>RFC 6749 §2.3.1: each value form-url-encoded before base64 (Tollgate accepts both).</summary>
    FormUrlEncoded = 1,
}

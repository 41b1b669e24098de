using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Tollgate.Client;

namespace Tollgate.Cli.Commands;

/// <summary>
/// The client side: <c>tollgate token</c>, <c>tollgate call METHOD PATH</c>, <c>tollgate customer-token ID</c>,
/// against any cloud (Druva's or a Tollgate server), with credentials from flags or the environment.
/// </summary>
internal static class ClientCommands
{
    /// <summary>Where the client commands go when nobody named a cloud: the local server, never a remote host.</summary>
    private const string LocalServer = "http://127.0.0.1:5080";

    private static readonly Option<string?> Cloud = new("--cloud") { Description = $"A base URL (default {LocalServer}, the local `tollgate serve`), or Druva's clouds by name: mainline, govcloud, govapis. Env: TOLLGATE_CLOUD." };
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
    private static readonly Option<string?> ClientId = new("--client-id") { Description = "The Client ID. Env: TOLLGATE_CLIENT_ID." };
    private static readonly Option<string?> SecretKey = new("--secret-key") { Description = "The Secret Key (prefer the environment). Env: TOLLGATE_SECRET_KEY." };
    private static readonly Option<bool> Msp = new("--msp") { Description = "The credential is an MSP's (token from /msp/auth/v1/token)." };
    private static readonly Option<string?> Scope = new("--scope") { Description = "read, write or \"read write\"." };
    private static readonly Option<string?> Key = new("--key") { Description = "A private key file (PEM: EC P-256 or RSA ≥ 2048) to authenticate with private_key_jwt instead of a Secret Key. Env: TOLLGATE_KEY_FILE." };
    private static readonly Option<string?> KeyId = new("--key-id") { Description = "The kid the credential knows --key by (default: the server tries its keys)." };
    private static readonly Option<bool> Dpop = new("--dpop") { Description = "Bind the token to a key of this process with DPoP (RFC 9449); `call` then sends a proof with every request." };

    public static IEnumerable<Command> Build(TextWriter output)
    {
        var token = new Command("token", "Get an access token and print it as JSON.") { Cloud, ClientId, SecretKey, Key, KeyId, Dpop, Msp, Scope };
        token.SetAction(async (parse, cancellationToken) =>
        {
            var tokens = Tokens(parse, parse.GetValue(Msp));
            WriteToken(output, await tokens.GetTokenAsync(cancellationToken));
        });

        var customerId = new Argument<string>("CUSTOMER_ID") { Description = "The customer's global id (GCID)." };
        var customerToken = new Command("customer-token", "As an MSP, get a token for one of your customers.") { customerId, Cloud, ClientId, SecretKey, Key, KeyId, Dpop, Scope };
        customerToken.SetAction(async (parse, cancellationToken) =>
        {
            var tokens = Tokens(parse, msp: true);
            WriteToken(output, await tokens.ForCustomer(parse.GetValue(customerId)!).GetTokenAsync(cancellationToken));
        });

        var method = new Argument<string>("METHOD") { Description = "GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS." };
        var path = new Argument<string>("PATH") { Description = "The API path, e.g. /insync/usermanagement/v1/users." };
        var body = new Option<string?>("--body") { Description = "A JSON request body." };
        var customer = new Option<string?>("--customer") { Description = "As an MSP, call this customer's API with a customer token." };
        var call = new Command("call", "Call an API with a bearer (or, with --dpop, a DPoP-bound) token; prints the response body.") { method, path, body, customer, Cloud, ClientId, SecretKey, Key, KeyId, Dpop, Msp, Scope };
        call.SetAction(async (parse, cancellationToken) =>
        {
            var verb = parse.GetValue(method)!.ToUpperInvariant();
            if (!Methods.Contains(verb))
            {
                throw new CliException($"METHOD must be one of {string.Join(", ", Methods)}, not '{parse.GetValue(method)}'.");
            }

            var forCustomer = parse.GetValue(customer);
            var tokens = Tokens(parse, parse.GetValue(Msp) || forCustomer is not null);
            var source = forCustomer is null ? tokens.Default : tokens.ForCustomer(forCustomer);
            using var http = new HttpClient(new TollgateTokenHandler(source) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = CloudOf(parse).BaseAddress };
            using var request = new HttpRequestMessage(new HttpMethod(verb), parse.GetValue(path)!.TrimStart('/'));
            if (parse.GetValue(body) is { } json)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CallFailedException($"HTTP {(int)response.StatusCode}: {text.ReplaceLineEndings(" ")}");
            }

            // The body is the remote server's: printed for a person, with its control characters made visible.
            output.WriteLine(Output.Escape(text.ReplaceLineEndings("\n"), keepNewlines: true));
        });

        return [token, customerToken, call];
    }

    private static TollgateTokenClient Tokens(ParseResult parse, bool msp)
    {
        var options = new TollgateClientOptions
        {
            Cloud = CloudOf(parse),
            ClientId = parse.GetValue(ClientId) ?? Environment.GetEnvironmentVariable("TOLLGATE_CLIENT_ID") ?? string.Empty,
            SecretKey = parse.GetValue(SecretKey) ?? Environment.GetEnvironmentVariable("TOLLGATE_SECRET_KEY") ?? string.Empty,
            ClientAssertionKey = PrivateKey(parse.GetValue(Key) ?? (Environment.GetEnvironmentVariable("TOLLGATE_KEY_FILE") is { Length: > 0 } file ? file : null)),
            ClientAssertionKeyId = parse.GetValue(KeyId),
            UseDpop = parse.GetValue(Dpop),
            Kind = msp ? CredentialKind.Msp : CredentialKind.Customer,
            Scope = parse.GetValue(Scope),
            MaxRetries = 2,
        };
        if (options.ClientId.Length == 0 || (options.SecretKey.Length == 0 && options.ClientAssertionKey is null))
        {
            throw new CliException("Give the credential with --client-id and --secret-key (or --key), or TOLLGATE_CLIENT_ID and TOLLGATE_SECRET_KEY (or TOLLGATE_KEY_FILE).");
        }

        return new TollgateTokenClient(SharedHttp, options);
    }

    /// <summary>A private key from a PEM file (PKCS#8, SEC1 or PKCS#1): EC P-256 or RSA.</summary>
    private static AsymmetricAlgorithm? PrivateKey(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var pem = CliException.ReadFile(path, "--key");

        if (!pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new CliException($"--key {path}: expected a PEM private key (-----BEGIN PRIVATE KEY-----).");
        }

        AsymmetricAlgorithm key = pem.Contains("RSA PRIVATE KEY", StringComparison.Ordinal) ? RSA.Create() : ECDsa.Create();
        try
        {
            switch (key)
            {
                case ECDsa ec:
                    ec.ImportFromPem(pem);
                    break;
                case RSA rsa:
                    rsa.ImportFromPem(pem);
                    break;
            }
        }
        catch (CryptographicException)
        {
            // A PKCS#8 key does not say its type in the label: an RSA one fails the EC import.
            key.Dispose();
            var rsa = RSA.Create();
            try
            {
                rsa.ImportFromPem(pem);
                key = rsa;
            }
            catch (CryptographicException ex)
            {
                rsa.Dispose();
                throw new CliException($"--key {path}: not an EC or RSA private key ({ex.Message}).");
            }
        }

        if (key is ECDsa { KeySize: not 256 } || key is RSA { KeySize: < 2048 })
        {
            key.Dispose();
            throw new CliException($"--key {path}: the key must be EC P-256 or RSA of 2048 bits or more.");
        }

        return key;
    }

    private static TollgateCloud CloudOf(ParseResult parse)
    {
        // Druva's real hosts only when named: a walk-through against `serve --demo` must never leave the machine.
        var text = parse.GetValue(Cloud) ?? (Environment.GetEnvironmentVariable("TOLLGATE_CLOUD") is { Length: > 0 } named ? named : LocalServer);
        return TollgateCloud.TryParse(text, out var cloud) ? cloud : throw new CliException($"--cloud must be an http(s) URL or one of mainline, govcloud, govapis, not '{text}'.");
    }

    private static void WriteToken(TextWriter output, AccessToken token) =>
        Output.Json(output, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token.Value);
            w.WriteString("token_type", token.IsDpopBound ? "DPoP" : "bearer");
            w.WriteNumber("expires_in", Math.Max(0, (long)(token.ExpiresAt - TimeProvider.System.GetUtcNow()).TotalSeconds));
            if (token.Scope is not null)
            {
                w.WriteString("scope", token.Scope);
            }

            w.WriteEndObject();
        });

    private static readonly HttpClient SharedHttp = new();
}

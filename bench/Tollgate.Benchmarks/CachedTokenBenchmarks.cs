using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Tollgate.Client;

namespace Tollgate.Benchmarks;

/// <summary>
/// The SDK's warm path: a caller asks for a token that is cached. The baseline is what integrators often
/// write instead: a token request per call (here against an in-memory handler, so no network is counted).
/// </summary>
[MemoryDiagnoser]
public class CachedTokenBenchmarks
{
    private TollgateTokenClient _tokens = null!;
    private ITokenSource _customer = null!;
    private HttpClient _http = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _http = new HttpClient(new FixedTokenHandler());
        var options = new TollgateClientOptions
        {
            Cloud = TollgateCloud.FromBaseAddress(new Uri("http://127.0.0.1:5080")),
            ClientId = "bench-client",
            SecretKey = "bench-secret",
            Kind = CredentialKind.Msp,
        };
        _tokens = new TollgateTokenClient(_http, options);
        _customer = _tokens.ForCustomer("customer-1");
        await _tokens.GetTokenAsync();
        await _customer.GetTokenAsync();
    }

    [Benchmark(Baseline = true, Description = "new token per call (naive)")]
    public async Task<string> NewTokenPerCall()
    {
        using var response = await _http.PostAsync("http://127.0.0.1:5080/token", new FormUrlEncodedContent([new("grant_type", "client_credentials")]));
        return await response.Content.ReadAsStringAsync();
    }

    [Benchmark(Description = "cached token")]
    public ValueTask<AccessToken> Cached() => _tokens.GetTokenAsync();

    [Benchmark(Description = "cached MSP customer token")]
    public ValueTask<AccessToken> CachedCustomer() => _customer.GetTokenAsync();

    private sealed class FixedTokenHandler : HttpMessageHandler
    {
        private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"access_token":"eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9.c2lnbmF0dXJl","token_type":"bearer","expires_in":1800,"scope":"read write"}""");

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Body) });
    }
}

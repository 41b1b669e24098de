using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tollgate.Testing;

namespace Tollgate.Client.Tests;

/// <summary>The DelegatingHandler through IHttpClientFactory, as an application wires it.</summary>
public sealed class HandlerTests
{
    private const string Users = "insync/usermanagement/v1/users";

    [Fact]
    public async Task HttpClientFactory_AddsTokens_AndOn401RefreshesOnceAndRetries()
    {
        await using var server = await CountingHost.StartAsync();
        var credential = await server.Host.CreateCustomerCredentialAsync();
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddHttpClient("druva").AddTollgateClientCredentials(o =>
        {
            o.Cloud = TollgateCloud.FromBaseAddress(server.BaseAddress);
            o.ClientId = credential.ClientId;
            o.SecretKey = credential.Secret;
        });
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("druva");

        using (var created = await http.PostAsync(Users, new StringContent("""{"userName":"Ada","emailID":"ada@example.com"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var first = JsonDocument.Parse(await http.GetStringAsync(Users)).RootElement;
        Assert.Equal(1, first.GetProperty("totalSize").GetInt32());
        Assert.Equal(1, server.Count("/token"));

        // The server stops accepting the cached token: the handler gets 401, refreshes once, retries once.
        var tokens = provider.GetRequiredKeyedService<TollgateTokenClient>("druva");
        var current = await tokens.GetTokenAsync();
        using (var revoke = await server.Host.PostFormAsync("revoke", $"token={current.Value}", basic: credential))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        using var after = await http.GetAsync(Users);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(2, server.Count("/token"));
        Assert.Equal(4, server.Count("/" + Users)); // the POST, the first GET, the refused one, the retry

        // Logs name the client by hash only.
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(credential.Secret, StringComparison.Ordinal) || l.Contains(credential.ClientId, StringComparison.Ordinal) || l.Contains(current.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HttpClientFactory_ForAnMspCustomer_UsesCustomerTokens()
    {
        await using var server = await CountingHost.StartAsync();
        var (msp, customers) = await server.Host.CreateMspWithCustomersAsync(1);
        var services = new ServiceCollection();
        services.AddHttpClient("acme").AddTollgateClientCredentials(
            o =>
            {
                o.Cloud = TollgateCloud.FromBaseAddress(server.BaseAddress);
                o.ClientId = msp.ClientId;
                o.SecretKey = msp.Secret;
                o.Kind = CredentialKind.Msp;
            },
            customerId: customers[0]);
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("acme");

        using var response = await http.GetAsync(Users);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, server.Count($"/msp/v2/customers/{customers[0]}/token"));
    }

    [Fact]
    public async Task Forbidden_IsNotMistakenForExpiry()
    {
        await using var server = await CountingHost.StartAsync();
        var (msp, _) = await server.Host.CreateMspWithCustomersAsync(0);
        using var inner = new HttpClient();
        var tokens = new TollgateTokenClient(inner, TokenClientTests.Options(server, msp, CredentialKind.Msp));
        using var http = new HttpClient(new TollgateTokenHandler(tokens.Default) { InnerHandler = new HttpClientHandler() }) { BaseAddress = server.BaseAddress };

        using var response = await http.GetAsync(Users); // an MSP token on a customer API: 403

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(1, server.Count("/msp/auth/v1/token"));
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new ListLogger(this);

        public void Dispose()
        {
        }

        private sealed class ListLogger(ListLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (provider.Lines)
                {
                    provider.Lines.Add(formatter(state, exception));
                }
            }
        }
    }
}

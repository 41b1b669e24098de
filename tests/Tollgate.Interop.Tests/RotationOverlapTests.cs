using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tollgate.Client;
using Tollgate.Testing;

namespace Tollgate.Interop.Tests;

/// <summary>
/// A rotation with a grace seen from two running SDK instances, as a farm of workers meets it: the one still
/// holding the old Secret Key keeps working until the grace ends, the one given the new key works throughout.
/// </summary>
public sealed class RotationOverlapTests
{
    private static HttpClient Worker(ServiceProvider provider) => provider.GetRequiredService<IHttpClientFactory>().CreateClient("druva");

    private static ServiceProvider Sdk(TestHost host, string clientId, string secretKey)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("druva").AddTollgateClientCredentials(o =>
        {
            o.Cloud = TollgateCloud.FromBaseAddress(host.Mainline);
            o.ClientId = clientId;
            o.SecretKey = secretKey;
        });
        return services.BuildServiceProvider();
    }

    private static async Task<HttpStatusCode> UsersAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("insync/usermanagement/v1/users", UriKind.Relative));
            return response.StatusCode;
        }
        catch (TollgateTokenException refused)
        {
            // The SDK could not get a token at all: what a worker with a dead secret meets.
            Assert.Equal("invalid_client", refused.Error);
            return refused.StatusCode;
        }
    }

    [Fact]
    public async Task TheWorkerWithTheOldSecret_KeepsWorkingUntilTheGraceEnds_TheOneWithTheNewSecretThroughout()
    {
        await using var host = await TestHost.StartAsync();
        var credential = await host.CreateCustomerCredentialAsync();
        await using var oldWorker = Sdk(host, credential.ClientId, credential.Secret);
        Assert.Equal(HttpStatusCode.OK, await UsersAsync(Worker(oldWorker)));

        var rotated = await host.Admin.RotateCredentialAsync(credential.ClientId, grace: TimeSpan.FromSeconds(3));
        await host.SyncAsync();
        await using var newWorker = Sdk(host, credential.ClientId, rotated.SecretKey!);
        Assert.Equal(HttpStatusCode.OK, await UsersAsync(Worker(newWorker)));
        Assert.Equal(HttpStatusCode.OK, await UsersAsync(Worker(oldWorker)));

        var wait = rotated.Credential.PreviousSecretUntil!.Value - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await UsersAsync(Worker(oldWorker)));
        Assert.Equal(HttpStatusCode.OK, await UsersAsync(Worker(newWorker)));
    }
}

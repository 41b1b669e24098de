using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tollgate.Testing;

namespace Tollgate.Client.Tests;

/// <summary>The README's SDK sample is this file's code, word for word, and it runs against a real server.</summary>
public sealed class ReadmeSampleTests
{
    [Fact]
    public async Task ReadmeSample_CompilesAsPasted_AndGetsTheUsers()
    {
        await using var server = await TestHost.StartAsync();
        var credential = await server.CreateCustomerCredentialAsync();
        var baseAddress = server.Mainline;
        var clientId = credential.ClientId;
        var secretKey = credential.Secret;

        // README sample begins
        var services = new ServiceCollection();
        services.AddHttpClient("druva").AddTollgateClientCredentials(o =>
            { o.Cloud = TollgateCloud.FromBaseAddress(baseAddress); o.ClientId = clientId; o.SecretKey = secretKey; });
        var http = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("druva");
        var users = await http.GetStringAsync("insync/usermanagement/v1/users");
        // README sample ends

        Assert.Equal(0, JsonDocument.Parse(users).RootElement.GetProperty("totalSize").GetInt32());
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "README.md"));
        Assert.Contains(Sample().ReplaceLineEndings("\n"), readme.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_WithoutACredential_FailsWhenTheHostStarts_NotAtTheFirstRequest()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHttpClient("druva").AddTollgateClientCredentials(o => o.Cloud = TollgateCloud.FromBaseAddress("http://127.0.0.1:5080"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ClientId and SecretKey (or ClientAssertionKey) are required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBaseAddress_TakesAString_AndRefusesWhatIsNoHttpUrl()
    {
        Assert.Equal(new Uri("http://127.0.0.1:5080/"), TollgateCloud.FromBaseAddress("http://127.0.0.1:5080").BaseAddress);
        Assert.Throws<ArgumentException>(() => TollgateCloud.FromBaseAddress("127.0.0.1:5080"));
        Assert.Throws<ArgumentException>(() => TollgateCloud.FromBaseAddress("ftp://example.com"));
    }

    /// <summary>The README block: its using lines, then the sample lines of the test above.</summary>
    private static string Sample([CallerFilePath] string path = "")
    {
        var lines = File.ReadAllLines(path);
        var start = Array.FindIndex(lines, l => l.Trim() == "// README sample begins") + 1;
        var end = Array.FindIndex(lines, l => l.Trim() == "// README sample ends");
        var body = lines[start..end].Select(l => l.Length >= 8 ? l[8..] : l.Trim());
        return string.Join('\n', ["```csharp", "using Microsoft.Extensions.DependencyInjection;", "using Tollgate.Client;", "", .. body, "```"]);
    }

    private static string RepositoryRoot([CallerFilePath] string path = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}

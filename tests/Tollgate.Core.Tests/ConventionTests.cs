using System.Reflection;
using System.Runtime.CompilerServices;

namespace Tollgate.Core.Tests;

/// <summary>House rules the compiler does not enforce: public classes are sealed (or static/abstract).</summary>
public sealed class ConventionTests
{
    public static TheoryData<string> Assemblies => new() { "Tollgate.Core", "Tollgate.Storage", "Tollgate.Server", "tollgate", "Tollgate.Client" };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void PublicClasses_AreSealedStaticOrAbstract(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);

        var open = assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract && !t.IsDefined(typeof(CompilerGeneratedAttribute)))
            .Where(t => !t.Namespace!.EndsWith(".Migrations", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(open);
    }

    [Fact]
    public void Client_DependsOnNothingOfTheServer()
    {
        var references = Assembly.Load("Tollgate.Client").GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain(references, name => name is "Tollgate.Core" or "Tollgate.Storage" or "Tollgate.Server" or "tollgate");
        Assert.DoesNotContain(references, name => name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Tollgate.Server")]
    [InlineData("tollgate")]
    public void HostAndCli_ExposeOnlyTheirEntryPoints(string assemblyName)
    {
        var exported = Assembly.Load(assemblyName).GetExportedTypes().Select(t => t.FullName!).ToList();

        Assert.All(exported, name => Assert.True(
            name.StartsWith("Tollgate.Server.Options.", StringComparison.Ordinal)
            || name.StartsWith("Tollgate.Server.Demo.", StringComparison.Ordinal)
            // The administrator accounts' service: the CLI's `admins` commands call it, as the console does.
            || name.StartsWith("Tollgate.Server.Accounts.", StringComparison.Ordinal)
            // serve --https's certificate: the CLI prints where it is, and how to trust it.
            || name == "Tollgate.Server.Hosting.SelfSignedCertificate"
            || name is "Tollgate.Server.TollgateServer" or "Tollgate.Server.ServiceCollectionExtensions" or "Tollgate.Server.EndpointConventionExtensions" or "Tollgate.Server.TokenHolder",
            $"{name} should be internal"));
    }

    [Fact]
    public void Storage_ExposesOnlyTheStoreAndItsOptions_NeverEfTypes()
    {
        var exported = Assembly.Load("Tollgate.Storage").GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(
            ["Tollgate.Storage.MasterKeyLoader", "Tollgate.Storage.StoreKind", "Tollgate.Storage.StoreOptions", "Tollgate.Storage.TollgateStore"],
            exported);
    }

    [Fact]
    public void OnlyTheStorageTests_SeeStorageInternals()
    {
        var friends = Assembly.Load("Tollgate.Storage").GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToList();

        Assert.Equal(["Tollgate.Storage.Tests"], friends);
    }

    [Theory]
    [InlineData("Tollgate.Server")]
    [InlineData("tollgate")]
    [InlineData("Tollgate.Core")]
    public void ServerCliAndCore_NeverTouchEfCore(string assemblyName)
    {
        var references = Assembly.Load(assemblyName).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || name.StartsWith("Npgsql", StringComparison.Ordinal));
    }

    [Fact]
    public void StoreImplementations_AreInternalAndSealed_AndEveryStoreInterfaceHasOne()
    {
        var interfaces = Assembly.Load("Tollgate.Core").GetExportedTypes()
            .Where(t => t.IsInterface && t.Namespace == "Tollgate.Core.Stores")
            .ToList();
        var implementations = Assembly.Load("Tollgate.Storage").GetTypes()
            .Where(t => t.IsClass && t.GetInterfaces().Any(interfaces.Contains))
            .ToList();

        Assert.NotEmpty(interfaces);
        Assert.All(implementations, t => Assert.True(!t.IsPublic && t.IsSealed, $"{t.FullName} should be internal sealed"));
        Assert.All(interfaces, i => Assert.Contains(implementations, t => i.IsAssignableFrom(t)));
    }
}

using System.Globalization;
using Tollgate.Core.Credentials;

namespace Tollgate.Server.WebConsole;

/// <summary>How the console writes times and owners.</summary>
internal static class ConsoleText
{
    public static string? Time(DateTimeOffset? at) => at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Owner(CredentialRecord credential, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(names);
        var kind = OwnerKinds.Name(credential.Owner);
        var role = AdminRoles.Name(credential.Role) is { } r ? $" ({r})" : string.Empty;
        return names.TryGetValue(credential.OwnerId, out var name) ? $"{kind} {name}{role}" : $"{kind} {credential.OwnerId}{role}";
    }
}

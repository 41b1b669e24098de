using System.Diagnostics.CodeAnalysis;

namespace Tollgate.Core.Credentials;

/// <summary>The wire names of <see cref="AdminRole"/> (CLI flags, the <c>role</c> claim, the admin API).</summary>
public static class AdminRoles
{
    public const string CloudAdmin = "cloud-admin";
    public const string CloudAdminReadOnly = "cloud-admin-read-only";
    public const string MspAdmin = "msp-admin";
    public const string CustomerAdmin = "customer-admin";

    public static IReadOnlyList<string> Names { get; } = [CloudAdmin, CloudAdminReadOnly, MspAdmin, CustomerAdmin];

    public static string? Name(AdminRole role) => role switch
    {
        AdminRole.CloudAdmin => CloudAdmin,
        AdminRole.CloudAdminReadOnly => CloudAdminReadOnly,
        AdminRole.MspAdmin => MspAdmin,
        AdminRole.CustomerAdmin => CustomerAdmin,
        _ => null,
    };

    public static bool TryParse([NotNullWhen(true)] string? text, out AdminRole role)
    {
        role = text switch
        {
            CloudAdmin => AdminRole.CloudAdmin,
            CloudAdminReadOnly => AdminRole.CloudAdminReadOnly,
            MspAdmin => AdminRole.MspAdmin,
            CustomerAdmin => AdminRole.CustomerAdmin,
            _ => AdminRole.None,
        };
        return role != AdminRole.None;
    }

    /// <summary>The owner a credential with <paramref name="role"/> must have.</summary>
    public static OwnerKind OwnerOf(AdminRole role) => role switch
    {
        AdminRole.MspAdmin => OwnerKind.Msp,
        AdminRole.CustomerAdmin => OwnerKind.Customer,
        _ => OwnerKind.Cloud,
    };

    /// <summary>True for the roles that see a whole cloud.</summary>
    public static bool IsCloudWide(AdminRole role) => role is AdminRole.CloudAdmin or AdminRole.CloudAdminReadOnly;
}

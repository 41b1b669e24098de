using System.Diagnostics.CodeAnalysis;

namespace Tollgate.Core.Credentials;

/// <summary>The wire names of <see cref="OwnerKind"/>.</summary>
public static class OwnerKinds
{
    public const string Customer = "customer";
    public const string Msp = "msp";
    public const string Cloud = "cloud";

    public static string Name(OwnerKind kind) => kind switch
    {
        OwnerKind.Msp => Msp,
        OwnerKind.Cloud => Cloud,
        _ => Customer,
    };

    public static bool TryParse([NotNullWhen(true)] string? text, out OwnerKind kind)
    {
        kind = text switch
        {
            Customer => OwnerKind.Customer,
            Msp => OwnerKind.Msp,
            Cloud => OwnerKind.Cloud,
            _ => (OwnerKind)(-1),
        };
        return kind >= 0;
    }
}

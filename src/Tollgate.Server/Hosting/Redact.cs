using System.Security.Cryptography;
using System.Text;

namespace Tollgate.Server.Hosting;

/// <summary>Short, stable hashes for logs: enough to correlate lines, useless to an attacker.</summary>
internal static class Redact
{
    public static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)), 0, 4);
}

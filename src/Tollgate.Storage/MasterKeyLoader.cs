using System.Security.Cryptography;

namespace Tollgate.Storage;

/// <summary>Finds the master key: configuration first, else the key file in the data folder (created once, mode 0600).</summary>
public static class MasterKeyLoader
{
    public const string FileName = "master.key";

    public static byte[] Load(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.MasterKey))
        {
            return Decode(options.MasterKey, "the configured master key");
        }

        var path = Path.Combine(options.DataDirectory, FileName);
        PrivateFiles.EnsureFolder(options.DataDirectory);
        if (!File.Exists(path))
        {
            PrivateFiles.CreateNew(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(Core.Protection.KeyProtector.MasterKeyBytes)));
        }

        return Decode(File.ReadAllText(path).Trim(), path);
    }

    private static byte[] Decode(string base64, string source)
    {
        var bytes = new byte[Core.Protection.KeyProtector.MasterKeyBytes];
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || written != bytes.Length)
        {
            throw new InvalidOperationException($"{source} is not base64 of {bytes.Length} bytes.");
        }

        return bytes;
    }
}

using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Core.Clouds;
using Tollgate.Core.Credentials;
using Tollgate.Core.Tokens;

namespace Tollgate.Benchmarks;

/// <summary>
/// The pieces of the token and API paths, each beside its floor measured in the same run: the secret check
/// against one SHA-256, token issuing against one bare ES256 signature, validation against one bare ES256
/// verification.
/// </summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private static readonly CloudDefinition Cloud = new(CloudName.Mainline, "https://apis.example", "https://apis.example", TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15));
    private readonly AccessTokenIssuer _issuer = new();
    private readonly TokenSubject _subject = new("McNk4Vic4Ldp09UxYz12AbCdEfGh", OwnerKind.Customer, "0a781d66-bd13-4472-a43f-a9016916c094", null, ScopeSet.Read);
    private SigningKey _key = null!;
    private string _secret = null!;
    private byte[] _hash = null!;
    private string _token = null!;
    private string _header = null!;
    private byte[] _data = null!;
    private byte[] _signature = null!;
    private ECDsa _ecdsa = null!;
    private AccessTokenValidator _cached = null!;
    private Resolver _resolver = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var (kid, pkcs8) = SigningKeyFactory.Create(SigningAlgorithms.ES256);
        _key = SigningKeyFactory.Load(kid, SigningAlgorithms.ES256, pkcs8, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(-1));
        _ecdsa = ((ECDsaSecurityKey)_key.Key).ECDsa;
        _secret = SecretHasher.NewSecret();
        _hash = SecretHasher.Hash(_secret);
        _token = _issuer.Issue(Cloud, _key, _subject, DateTimeOffset.UtcNow).AccessToken;
        _data = System.Text.Encoding.ASCII.GetBytes(_token[.._token.LastIndexOf('.')]);
        _signature = _ecdsa.SignData(_data, HashAlgorithmName.SHA256);
        _resolver = new Resolver(_key);
        _cached = new AccessTokenValidator(_resolver, new RevocationList(), TimeProvider.System);
        await _cached.ValidateAsync(_token, default);
        _header = "Bearer " + _token;
    }

    [Benchmark(Description = "floor: one SHA-256 of the secret")]
    public byte[] Sha256() => SHA256.HashData(_data.AsSpan(0, 44));

    [Benchmark(Description = "secret check (fixed time)")]
    public bool SecretCheck() => SecretHasher.Verify(_secret, SecretHasher.CurrentVersion, _hash);

    [Benchmark(Description = "floor: one ES256 signature")]
    public byte[] Sign() => _ecdsa.SignData(_data, HashAlgorithmName.SHA256);

    [Benchmark(Description = "token issuing (claims, JSON, signature)")]
    public IssuedToken Issue() => _issuer.Issue(Cloud, _key, _subject, DateTimeOffset.UtcNow);

    [Benchmark(Description = "floor: one ES256 verification")]
    public bool Verify() => _ecdsa.VerifyData(_data, _signature, HashAlgorithmName.SHA256);

    [Benchmark(Description = "validation, cold (parse, verify, claims)")]
    public ValueTask<Core.OAuth.Result<AccessTokenInfo>> ValidateCold() =>
        new AccessTokenValidator(_resolver, new RevocationList(), TimeProvider.System).ValidateAsync(_token, default);

    [Benchmark(Description = "validation, cached (+ revocation check)")]
    public bool ValidateCached() => _cached.TryValidateCached(_header.AsSpan(7), out _);

    private sealed class Resolver(SigningKey key) : IKeyResolver
    {
        public bool TryGetCloudByIssuer(string issuer, out CloudDefinition cloud)
        {
            cloud = Cloud;
            return issuer == Cloud.Issuer;
        }

        public ValueTask<SigningKey?> FindKeyAsync(CloudName cloud, string kid, CancellationToken cancellationToken) =>
            ValueTask.FromResult<SigningKey?>(kid == key.Kid ? key : null);
    }
}

// One executable, one server per run, chosen by the first argument; bench/run.sh starts each pinned to a core.
//   ceiling URL BYTES              bare Kestrel: POST /token answers a fixed JSON body of BYTES bytes; GET /bench/protected {"ok":true}
//   tollgate URL DATA              `tollgate serve` on SQLite in DATA, plus GET /bench/protected behind Tollgate's bearer checks
//   jwtbearer URL ISSUER           GET /bench/protected behind Microsoft's JwtBearer, keys from ISSUER's metadata
//   openiddict-validation URL ISSUER   GET /bench/protected behind OpenIddict validation, keys from ISSUER's metadata
//   openiddict URL DATA [nostore]  an OpenIddict 7 client-credentials server with its defaults (or token storage off)
//   sign-rate SECONDS              ES256 signatures per second on this core
//   seed DATA COUNT OUT            COUNT customer credentials straight into DATA's store; their Basic values to OUT
//   proofs ISSUER DATA KIND COUNT OUT   COUNT signed one-time JWTs for a tollgate server's DATA, a line each: kind
//                                  assertion (form bodies), dpop-token (proofs for POST /token), dpop-get (proofs for the GET)
using Tollgate.Bench.Hosts;

return args.FirstOrDefault() switch
{
    "ceiling" => await Hosts.CeilingAsync(args[1], int.Parse(args[2])),
    "tollgate" => await Hosts.TollgateAsync(args[1], args[2]),
    "jwtbearer" => await Hosts.JwtBearerAsync(args[1], args[2]),
    "openiddict-validation" => await Hosts.OpenIddictValidationAsync(args[1], args[2]),
    "openiddict" => await OpenIddictServer.RunAsync(args[1], args[2], args.Length > 3 && args[3] == "nostore"),
    "sign-rate" => Hosts.SignRate(double.Parse(args[1])),
    "seed" => await Seeder.RunAsync(args[1], int.Parse(args[2]), args[3]),
    "proofs" => await Proofs.RunAsync(args[1], args[2], args[3], int.Parse(args[4]), args[5]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: see the comment at the top of bench/Tollgate.Bench.Hosts/Program.cs");
    return 2;
}

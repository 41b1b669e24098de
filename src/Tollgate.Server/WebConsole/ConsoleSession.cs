using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Tollgate.Core.Stores;
using Tollgate.Server.Accounts;
using Tollgate.Server.Admin;

namespace Tollgate.Server.WebConsole;

/// <summary>The signed-in administrator of this console request, read from the store once per request.</summary>
internal sealed class ConsoleSession(AdministratorAccount account)
{
    public const string Scheme = "tollgate-console";
    public const string Policy = "tollgate-console";
    public const string CodePolicy = "tollgate-console-code";
    public const string StampClaim = "tollgate:stamp";
    public const string CloudClaim = "tollgate:cloud";
    public const string StageClaim = "tollgate:stage";
    public const string FullStage = "signed-in";
    public const string CodeStage = "code";

    public AdministratorAccount Account { get; } = account;

    public AdminScope Scope { get; } = AdminScope.Of(account);

    public static ConsoleSession? Of(HttpContext context) =>
        (context ?? throw new ArgumentNullException(nameof(context))).Features.Get<ConsoleSession>();

    /// <summary>The cookie's identity: the account, its security stamp (a change ends the session) and its cloud.</summary>
    public static ClaimsPrincipal Principal(AdministratorAccount account, string stage)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id),
                new Claim(ClaimTypes.Name, account.Email),
                new Claim(StampClaim, account.SecurityStamp),
                new Claim(CloudClaim, account.Cloud.Value),
                new Claim(StageClaim, stage),
            ],
            Scheme));
    }

    public Core.Administration.Actor Actor(HttpContext context) => AdministratorService.ActorOf(Account, context.Connection.RemoteIpAddress);
}

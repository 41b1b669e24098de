using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Tollgate.Server.Hosting;

namespace Tollgate.Server.WebConsole;

/// <summary>
/// One session cookie per cloud: browsers do not keep cookies apart by port, and the clouds of one process
/// listen on one host, so the cloud's name is part of the cookie's name. A session of one cloud is never
/// even read by another.
/// </summary>
internal sealed class CloudCookieManager : ICookieManager
{
    private readonly ChunkingCookieManager _inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, Name(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        _inner.AppendResponseCookie(context, Name(context, key), value, options);

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) => _inner.DeleteCookie(context, Name(context, key), options);

    private static string Name(HttpContext context, string key) => key + "." + context.GetCloud().Name.Value;
}

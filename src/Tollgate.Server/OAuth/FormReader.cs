using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Tollgate.Core.OAuth;

namespace Tollgate.Server.OAuth;

/// <summary>Reads an OAuth request body: form-encoded, size-limited, every parameter at most once.</summary>
internal static class FormReader
{
    // US-ASCII and ISO-8859-1 agree with UTF-8 on every character a Client ID, a Secret Key or a grant uses;
    // some HTTP clients label forms with them by default.
    private static readonly HashSet<string> SupportedCharsets = new(StringComparer.OrdinalIgnoreCase) { "utf-8", "utf8", "us-ascii", "iso-8859-1" };

    /// <summary>
    /// Whether a body's declared charset is one the framework's readers decode without looking anything up (an
    /// unknown or utf-7 charset makes them throw): for the console, whose forms ASP.NET Core reads itself.
    /// </summary>
    public static bool HasUnsupportedCharset(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse((request ?? throw new ArgumentNullException(nameof(request))).ContentType, out var mediaType) && !IsSupported(mediaType);

    private static bool IsSupported(MediaTypeHeaderValue mediaType) =>
        !mediaType.Charset.HasValue || SupportedCharsets.Contains(HeaderUtilities.RemoveQuotes(mediaType.Charset).Value!);

    public static async Task<Result<Dictionary<string, string>>> ReadAsync(HttpContext context, int maxBytes)
    {
        var request = context.Request;
        // RFC 6749 §4.4.2 / RFC 7662 §2.1 / RFC 7009 §2.1: application/x-www-form-urlencoded.
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) ||
            !mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return OAuthError.InvalidRequest("The request body must be application/x-www-form-urlencoded.");
        }

        // RFC 6749 Appendix B: parameters are UTF-8. A charset the form reader would have to look up (utf-7
        // and its aliases among them) is refused here, before anything decodes the body.
        if (!IsSupported(mediaType))
        {
            return OAuthError.InvalidRequest("The request body's charset must be UTF-8.");
        }

        if (request.ContentLength > maxBytes)
        {
            return OAuthError.InvalidRequest($"The request body is larger than {maxBytes} bytes.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { ValueCountLimit = 64, KeyLengthLimit = 64, ValueLengthLimit = maxBytes }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return OAuthError.InvalidRequest("The request body is not a valid form or is too large.");
        }

        var parameters = new Dictionary<string, string>(form.Count, StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            // RFC 6749 §3.1/§3.2: parameters must not be included more than once.
            if (values.Count > 1)
            {
                return OAuthError.InvalidRequest($"The parameter '{OAuthResults.Printable(key, 32)}' is repeated.");
            }

            // RFC 6749 §3.1: parameters sent without a value are treated as omitted.
            if (!string.IsNullOrEmpty(values[0]))
            {
                parameters[key] = values[0]!;
            }
        }

        return Result<Dictionary<string, string>>.Success(parameters);
    }
}

using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Net.Http.Headers;

namespace Vigil.Web.Platform.Security;

/// <summary>
/// The headers every answer carries, and the proxies whose forwarded headers are believed.
/// <list type="bullet">
/// <item>A Content-Security-Policy that allows scripts, styles, fonts and images from Vigil itself only:
/// no inline script or style, no other origin, no framing, forms posted only to Vigil.</item>
/// <item>Referrer-Policy no-referrer (a record's address never leaves in a Referer), frame protection
/// twice over (X-Frame-Options for old browsers, frame-ancestors for new), a Permissions-Policy that
/// turns off what a casework system never needs, and nosniff.</item>
/// <item><c>Cache-Control: no-store</c> on everything but the static assets: pages, the API, exports
/// and files all hold personal data, which must not stay in a shared or browser cache.</item>
/// <item>HSTS on every answer over HTTPS.</item>
/// </list>
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    /// <summary>The static assets (the GOV.UK Frontend files, Vigil's stylesheet and scripts): the same for
    /// everyone, so a cache may keep them.</summary>
    public static bool IsStaticAsset(PathString path) =>
        path.StartsWithSegments("/govuk") || path.StartsWithSegments("/assets") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js");

    public const string Immutable = "max-age=31536000, immutable";

    /// <summary>GOV.UK Frontend's fonts, whose names already carry a hash of their content
    /// ("light-94a07e06a1-v2.woff2") and which its stylesheet asks for by those names: a new version is a
    /// new name, so they may be cached for a year like the assets the build fingerprints.</summary>
    public static bool IsNamedByContent(PathString path) => path.StartsWithSegments("/assets/fonts");

    public static void Apply(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (http.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
        if (!IsStaticAsset(http.Request.Path))
        {
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
        }
        else if (IsNamedByContent(http.Request.Path) && http.Response.StatusCode == StatusCodes.Status200OK)
        {
            headers.CacheControl = Immutable;
        }
    }

    /// <summary>Forwarded headers (client address and scheme) are believed only from the proxies named in
    /// <c>Vigil:ForwardedHeaders:KnownProxies</c> (addresses) and <c>Vigil:ForwardedHeaders:KnownNetworks</c>
    /// (CIDR ranges), comma-separated; with none named, from nobody. Behind a TLS proxy that is named,
    /// the request is seen as HTTPS (so cookies are Secure and HSTS is sent) and rate limits key on the
    /// caller's own address, not the proxy's.</summary>
    public static IServiceCollection AddForwardedHeadersFromConfiguration(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in Split(config["Vigil:ForwardedHeaders:KnownProxies"]))
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
            foreach (var network in Split(config["Vigil:ForwardedHeaders:KnownNetworks"]))
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
            o.ForwardLimit = 1;
        });
        return services;
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Production must name the host names it answers to: with "*" any Host header is accepted,
    /// and links and redirects could be built on a name an attacker chose.</summary>
    public static string? ProductionHostRefusal(IHostEnvironment environment, IConfiguration config) =>
        environment.IsProduction() && config["AllowedHosts"] is null or "" or "*"
            ? "AllowedHosts must name the host names Vigil is served under in production (for example \"vigil.police.example\"); it is \"*\"."
            : null;
}

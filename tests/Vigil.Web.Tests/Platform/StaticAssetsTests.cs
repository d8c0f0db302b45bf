using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Vigil.Web.Tests.Platform;

/// <summary>The stylesheets, scripts and fonts are asked for by fingerprinted addresses, served compressed to a
/// client that accepts it, and cached for a year; the fonts the first screen uses are preloaded by the
/// addresses the stylesheet asks for.</summary>
public sealed partial class StaticAssetsTests(VigilApp app) : IClassFixture<VigilApp>
{
    // "/govuk/govuk-frontend.min.9xauec5dku.css": the name, a fingerprint of the content, the extension.
    [GeneratedRegex(@"^/?govuk/govuk-frontend\.min\.[a-z0-9]{6,}\.css$")]
    private static partial Regex FingerprintedGovukCss();

    [Fact]
    public async Task Page_AsksForFingerprintedAssets_ServedCompressedAndImmutable()
    {
        var anonymous = new PageClient(app.CreateClient());
        var (_, page) = await anonymous.GetAsync("/account/sign-in");
        var css = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).Single(h => h.Contains("govuk-frontend", StringComparison.Ordinal));
        Assert.Matches(FingerprintedGovukCss(), css);
        var scripts = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();
        Assert.All(scripts, s => Assert.Matches(@"\.[a-z0-9]{6,}\.js$", s));
        Assert.Matches(@"\.[a-z0-9]{6,}\.js$", page.Body!.GetAttribute("data-govuk-frontend")!);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + css.TrimStart('/'));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await anonymous.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl is { MaxAge.TotalDays: >= 365 } cache && cache.Extensions.Any(e => e.Name == "immutable"), $"Cache-Control: {response.Headers.CacheControl}; {response.Headers}; {response.Content.Headers}");
        Assert.Contains(response.Content.Headers.ContentEncoding, e => e is "br" or "gzip");
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        // Still under the service's security headers.
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        // A client that does not accept compression gets the file as it is.
        using var plain = await anonymous.Http.GetAsync("/" + css.TrimStart('/'));
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains(".govuk-header", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_PreloadsTheFontsTheStylesheetUses_CachedForAYear()
    {
        var anonymous = new PageClient(app.CreateClient());
        var (_, page) = await anonymous.GetAsync("/prevent/refer");
        var fonts = page.QuerySelectorAll("link[rel=preload][as=font]").ToList();
        Assert.Equal(2, fonts.Count);
        var css = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).Single(h => h.Contains("govuk-frontend", StringComparison.Ordinal));
        var stylesheet = await anonymous.Http.GetStringAsync("/" + css.TrimStart('/'));
        foreach (var font in fonts)
        {
            var href = font.GetAttribute("href")!;
            Assert.EndsWith(".woff2", href, StringComparison.Ordinal);
            Assert.Equal("font/woff2", font.GetAttribute("type"));
            Assert.True(font.HasAttribute("crossorigin"));
            // The same address as the stylesheet's, or the browser would fetch the font twice.
            Assert.Contains($"url({href})", stylesheet, StringComparison.Ordinal);
            using var response = await anonymous.Http.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        }
    }
}

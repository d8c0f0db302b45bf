namespace Vigil.Browser.Tests.Tests;

/// <summary>The axe check every page passes must be able to fail: a page with an image that has no text alternative
/// and a form field with no label is refused, with the rules named.</summary>
public sealed class AccessibilityCheckTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AxeCheck_APageWithAnUnlabelledFieldAndAnImageWithoutAlt_Fails()
    {
        var session = await NewSessionAsync();
        await session.Page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>Broken</title></head>
            <body><main><h1>Broken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>
            """);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Accessibility.AssertNoSeriousViolationsAsync(session.Page, "a broken page"));
        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
        Assert.Contains("label", failure.Message, StringComparison.Ordinal);
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Web.Tests.Platform;

public sealed class HostingTests(VigilApp app) : IClassFixture<VigilApp>
{
    [Fact]
    public async Task HealthReady_WithDatabase_IsHealthy()
    {
        var client = app.CreateClient();
        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        // Ready once the database takes writes and the matching index is built and current (it builds in
        // the background just after start).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var ready = await client.GetAsync("/health/ready");
        while (ready.StatusCode != HttpStatusCode.OK && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            await Task.Delay(200);
            ready = await client.GetAsync("/health/ready");
        }
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(app.Services.GetRequiredService<Vigil.Web.Subjects.Deconfliction.SubjectIndex>().IsBuilt);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HostArguments_AfterDemoSwitch_ReachTheHost()
    {
        // --demo takes no value: the host must still see the --urls that follows it.
        await using var built = Program.BuildApp(["--demo", "--urls", "http://127.0.0.1:5999", "--Database:Provider=Sqlite"]);
        Assert.Equal("http://127.0.0.1:5999", built.Configuration["urls"]);
        Assert.True(built.Services.GetRequiredService<Vigil.Web.Platform.VigilOptions>().DemoMode);
    }

    [Fact]
    public async Task OpenApi_Document_ListsTheApi()
    {
        var json = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/subjects", json, StringComparison.Ordinal);
        Assert.Contains("/api/v1/network/units", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_Anonymous_RedirectsToSignIn()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPage_SignedIn_IsGovukNotFoundPage()
    {
        var page = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        var (response, document) = await page.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Api_WithoutToken_Is401ProblemDetails()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/subjects");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task SignIn_DemoUser_SeesTheirNameAndUnit()
    {
        var page = await app.SignInAsync(DemoUsers.SioLondon);
        var (response, document) = await page.GetAsync("/");
        Assert.True(HttpStatusCode.OK == response.StatusCode, response.Headers.Location?.ToString());
        var banner = document.QuerySelector("[data-testid=signed-in-as]")!.TextContent;
        Assert.Contains("DCI Morgan Ellery", banner, StringComparison.Ordinal);
        Assert.Contains("London", banner, StringComparison.Ordinal);
    }
}

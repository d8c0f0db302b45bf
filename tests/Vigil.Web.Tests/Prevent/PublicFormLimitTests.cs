using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;

namespace Vigil.Web.Tests.Prevent;

/// <summary>The app with a low limit on the public forms, so that the test reaches it.</summary>
public sealed class LowPublicFormLimitApp : VigilApp
{
    public const int Permits = 3;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>(DefaultSettings)
    {
        ["Vigil:PublicForm:PermitsPerTenMinutes"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>The public forms' limit is kept in the database: one limit for every node, surviving a
/// restart (it was in each process's memory), and its refusal says plainly when to try again.</summary>
public sealed class PublicFormLimitTests(LowPublicFormLimitApp app) : IClassFixture<LowPublicFormLimitApp>
{
    private static HttpClient From(VigilApp node, string address)
    {
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-Client-Address", address);
        return client;
    }

    [Fact]
    public async Task PublicReferrals_OverTheLimit_Get429WithRetryAfter_OnEveryNode_AndAfterARestart()
    {
        // Another node on the same database (or this one restarted: its memory is gone either way). The
        // test clocks of the two are set to the same moment, early in a window.
        await using var second = new SecondNode(app);
        await second.InitializeAsync();
        var latest = Math.Max(app.Clock.GetUtcNow().UtcTicks, second.Clock.GetUtcNow().UtcTicks);
        var early = new DateTimeOffset(latest - latest % PublicFormLimitWindow.Ticks, TimeSpan.Zero) + PublicFormLimitWindow + TimeSpan.FromMinutes(1);
        app.Clock.SetUtcNow(early);
        second.Clock.SetUtcNow(early);

        var address = TestClientAddress.Next();
        using var first = From(app, address);
        for (var i = 0; i < LowPublicFormLimitApp.Permits; i++)
        {
            // An incomplete form still counts as a post: it is refused for what it lacks, not for the limit.
            Assert.Equal(HttpStatusCode.BadRequest, (await first.PostAsJsonAsync("/api/v1/prevent/public-referrals", new { })).StatusCode);
        }
        var refused = await first.PostAsJsonAsync("/api/v1/prevent/public-referrals", new { });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var wait = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Too many requests: wait a few minutes, then try again", problem.GetProperty("title").GetString());
        Assert.Contains("Wait", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var again = From(second, address);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await again.PostAsJsonAsync("/api/v1/prevent/public-referrals", new { })).StatusCode);

        // Another caller is not held back, and reading the form is not limited.
        using var other = From(second, TestClientAddress.Next());
        Assert.Equal(HttpStatusCode.BadRequest, (await other.PostAsJsonAsync("/api/v1/prevent/public-referrals", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/prevent/refer")).StatusCode);

        // The window passes.
        app.Clock.Advance(PublicFormLimitWindow);
        Assert.Equal(HttpStatusCode.BadRequest, (await first.PostAsJsonAsync("/api/v1/prevent/public-referrals", new { })).StatusCode);
    }

    private static readonly TimeSpan PublicFormLimitWindow = Vigil.Web.Platform.Security.PublicFormLimit.Window;
}

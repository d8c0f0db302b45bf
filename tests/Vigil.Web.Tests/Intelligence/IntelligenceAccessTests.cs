using System.Text.Json;

namespace Vigil.Web.Tests.Intelligence;

/// <summary>Every intelligence endpoint, asked by another unit about a report it may not see, answers exactly as
/// it does about one that does not exist, in status and body; and its pages the same.</summary>
public sealed class IntelligenceAccessTests(VigilApp app) : IClassFixture<VigilApp>
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "" }, { "GET", "/entities" }, { "POST", "/entities" }, { "POST", "/entities/0193a000-0000-7000-8000-000000000001/link" },
        { "GET", "/disseminations" }, { "POST", "/disseminations" }, { "POST", "/acknowledgement" }, { "POST", "/grading" },
        { "POST", "/grading/accept" }, { "POST", "/reviews" }, { "POST", "/investigations" }, { "GET", "/export" },
    };

    private async Task<Guid> LondonReportAsync()
    {
        using var london = await app.ApiClientAsync(DemoUsers.IntelligenceLondon);
        var response = await london.PostAsJsonAsync("/api/v1/intelligence/reports", new { text = "A fictional hidden report.", source = "1", assessment = "A", handling = "P", classification = "Official" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task HiddenReport_AnswersAsAMissingOne(string method, string path)
    {
        var hidden = await LondonReportAsync();
        using var northWest = await app.ApiClientAsync(DemoUsers.IntelligenceNorthWest);
        async Task<(HttpStatusCode, string)> AskAsync(Guid id)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/v1/intelligence/reports/{id}{path}");
            if (method == "POST")
            {
                // A body each endpoint binds (the API refuses members it does not know, before any lookup).
                request.Content = JsonContent.Create<object>(path switch
                {
                    "/entities" => new { kind = "Phone", value = "07700900123" },
                    "/disseminations" => new { toUnit = "north-west", purpose = "A fictional purpose." },
                    "/grading" => new { source = "1", assessment = "A", handling = "P", reason = "Fictional." },
                    "/reviews" => new { nextReview = "2031-01-01" },
                    "/investigations" => new { operationName = "KESTREL" },
                    _ when path.EndsWith("/link", StringComparison.Ordinal) => new { subjectId = Guid.NewGuid() },
                    _ => new { },
                });
            }
            var response = await northWest.SendAsync(request);
            return (response.StatusCode, Problems.WithoutTrace(await response.Content.ReadAsStringAsync()));
        }
        var (hiddenStatus, hiddenBody) = await AskAsync(hidden);
        var (missingStatus, missingBody) = await AskAsync(Guid.NewGuid());
        Assert.Equal(HttpStatusCode.NotFound, hiddenStatus);
        Assert.Equal(missingStatus, hiddenStatus);
        Assert.Equal(missingBody, hiddenBody);
    }

    [Fact]
    public async Task HiddenReport_Pages_AnswerAsMissingOnes_AndTheFormIsForWritersOnly()
    {
        var hidden = await LondonReportAsync();
        var officer = await app.SignInAsync(DemoUsers.IntelligenceNorthWest);
        foreach (var path in new[] { "", "/print" })
        {
            var (shown, page) = await officer.GetAsync($"/intelligence/reports/{hidden}{path}");
            var (missing, missingPage) = await officer.GetAsync($"/intelligence/reports/{Guid.NewGuid()}{path}");
            Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
            Assert.Equal(missing.StatusCode, shown.StatusCode);
            Assert.Equal(missingPage.QuerySelector("main")!.TextContent, page.QuerySelector("main")!.TextContent);
        }
        var export = await officer.GetAsync($"/intelligence/reports/{hidden}/export");
        Assert.Equal(HttpStatusCode.NotFound, export.Response.StatusCode);

        var auditor = await app.SignInAsync(DemoUsers.Auditor);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync("/intelligence/reports/new")).Response.StatusCode);
    }
}

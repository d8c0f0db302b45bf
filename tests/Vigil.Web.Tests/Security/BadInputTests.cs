using System.Text;
using System.Text.Json;

namespace Vigil.Web.Tests.Security;

/// <summary>Bad input gets a clear 4xx with ProblemDetails, never a 500, and saves nothing.</summary>
public sealed class BadInputTests(VigilApp app) : IClassFixture<VigilApp>
{
    [Theory]
    [InlineData("/api/v1/investigations?phase=bogus", "phase", "'bogus' is not valid for phase: it takes one of: IntelligenceDevelopment, ")]
    [InlineData("/api/v1/investigations?page=two", "page", "'two' is not valid for page: it takes a whole number")]
    [InlineData("/api/v1/subjects?descending=perhaps", "descending", "'perhaps' is not valid for descending: it takes true or false")]
    public async Task QueryValue_ThatDoesNotBind_NamesTheFieldAndWhatItTakes(string url, string field, string start)
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var response = await api.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = Assert.Single(body.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString()!;
        Assert.StartsWith(start, message, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to bind", body.GetRawText(), StringComparison.Ordinal);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("""{"givenName": "A", "surname": """, "malformed JSON")]
    [InlineData("""{"givenName":"A","surname":"B","classification":"Official","shoeSize":11}""", "unknown field")]
    [InlineData("""{"givenName":"A","surname":"B","classification":"Restricted"}""", "invalid enum value")]
    [InlineData("""{"givenName":"A","surname":"B","classification":2}""", "enum as a number")]
    [InlineData("""{"givenName":"A","surname":"B","classification":"Official","dateOfBirth":"1990-02-30"}""", "impossible date")]
    [InlineData("""[1,2,3]""", "wrong shape")]
    public async Task CreateSubject_BadBody_Is400ProblemDetails(string body, string why)
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var response = await api.PostAsync("/api/v1/subjects", Json(body));
        Assert.True(HttpStatusCode.BadRequest == response.StatusCode, $"{why}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("""{"givenName":"","surname":"B","classification":"Official"}""", "givenName", "Enter the given name")]
    [InlineData("""{"givenName":"A","surname":"B","classification":"Official","dateOfBirth":"2099-01-01"}""", "dateOfBirth", "must be in the past")]
    [InlineData("""{"givenName":"A","surname":"B"}""", "classification", "Choose a classification")]
    public async Task CreateSubject_InvalidValue_NamesTheField(string body, string field, string message)
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var response = await api.PostAsync("/api/v1/subjects", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var entry = errors.EnumerateObject().Single(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(message, entry.Value[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSubject_TenThousandCharacterName_IsRefusedClearly()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var response = await api.PostAsJsonAsync("/api/v1/subjects", new { givenName = new string('x', 10_000), surname = "B", classification = "Official" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("200 characters or fewer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_OversizedBody_Is413()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var huge = "{\"givenName\":\"" + new string('x', 2_000_000) + "\"}";
        var response = await api.PostAsync("/api/v1/subjects", Json(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Api_WrongContentType_Is415()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var response = await api.PostAsync("/api/v1/subjects", new StringContent("givenName=A", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/subjects/not-a-guid")]
    [InlineData("/api/v1/subjects/00000000-0000-0000-0000-000000000000")]
    [InlineData("/api/v1/nothing-here")]
    public async Task Api_UnknownRecordOrRoute_Is404ProblemDetails(string url)
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var response = await api.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("/api/v1/subjects?page=-5&pageSize=100000")]
    [InlineData("/api/v1/subjects?sort=Nonsense")]
    [InlineData("/api/v1/audit?from=not-a-date")]
    public async Task Api_BadQueryString_IsNeverA500(string url)
    {
        using var api = await app.ApiClientAsync(DemoUsers.Auditor);
        var response = await api.GetAsync(url);
        Assert.True((int)response.StatusCode is 200 or 400 or 404, $"{url}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task SubjectForm_FutureDateOfBirth_ShowsErrorSummaryAndKeepsInput()
    {
        var page = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        var response = await page.SubmitAsync("/subjects/new", "subject", new()
        {
            ["Input.GivenName"] = "Keep",
            ["Input.Surname"] = "Mytyping",
            ["Input.DateOfBirth"] = "2099-01-01",
            ["Input.Classification"] = "Official",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await Html.DocumentAsync(response);
        Assert.Contains("Date of birth must be in the past", html.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Mytyping", ((AngleSharp.Html.Dom.IHtmlInputElement)html.QuerySelector("#Surname")!).Value);
        Assert.False(await app.AsSystemAsync(db => db.Set<Vigil.Web.Subjects.Subject>().AnyAsync(s => s.Surname == "Mytyping")));
    }

    [Fact]
    public async Task SubjectForm_Valid_CreatesAndShowsTheRecord()
    {
        var page = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        var response = await page.SubmitAsync("/subjects/new", "subject", new()
        {
            ["Input.GivenName"] = "Petra",
            ["Input.Surname"] = "Vantongeren",
            ["Input.DateOfBirth"] = "1988-07-14",
            ["Input.Classification"] = "Official",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (view, document) = await page.GetAsync(PageClient.PathOf(response));
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Equal("Petra Vantongeren", document.QuerySelector("[data-testid=subject-name]")!.TextContent.Trim());
    }
}

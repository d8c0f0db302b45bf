using System.Text.Json;
using static Vigil.Web.Tests.Pursue.PursueApi;

namespace Vigil.Web.Tests.Platform;

/// <summary>The link chart draws only what the user may see; a hidden record that connects two visible people
/// is a restricted link naming its unit and nothing else, and asking tells its holders; the shortest path runs
/// only through what the user may see.</summary>
public sealed class LinkChartTests(VigilApp app) : IClassFixture<VigilApp>
{
    private static string Word(string stem) => stem + Guid.NewGuid().ToString("N")[..8];

    private static async Task<Guid> SubjectAsync(HttpClient api, string given, string? phone = null)
    {
        var response = await api.PostAsJsonAsync("/api/v1/subjects", new
        {
            givenName = given, surname = Word("Chartwell"), classification = "Official", acknowledgedCandidates = true,
            contacts = phone is null ? Array.Empty<object>() : [new { kind = "Phone", value = phone }],
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static List<string> Nodes(JsonElement view) => [.. view.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!)];

    [Fact]
    public async Task Chart_FromAReport_DrawsWhatItNames_AndNothingForAnotherUnit()
    {
        using var london = await app.ApiClientAsync(DemoUsers.IntelligenceLondon);
        var person = await SubjectAsync(london, "Aurelio");
        var phone = $"01632 960{Random.Shared.Next(100, 999)}"; // Ofcom's drama range, which no demo record holds
        var report = await london.PostAsJsonAsync("/api/v1/intelligence/reports", new
        {
            text = "A fictional meeting.", source = "1", assessment = "B", handling = "P", classification = "Secret",
            entities = new object[] { new { kind = "Person", subjectId = person }, new { kind = "Phone", value = phone } },
        });
        var id = (await report.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var view = await london.GetFromJsonAsync<JsonElement>($"/api/v1/graph?from=intelligence-report:{id}");
        var nodes = Nodes(view);
        Assert.Contains($"subject:{person}", nodes);
        Assert.Contains("phone:" + phone.Replace(" ", "", StringComparison.Ordinal), nodes);
        Assert.Equal(2, view.GetProperty("edges").GetArrayLength());
        Assert.All(view.GetProperty("edges").EnumerateArray(), e => Assert.Equal("1B", e.GetProperty("grade").GetString()));

        // From the person, the report comes back: the chart expands both ways.
        var back = await london.GetFromJsonAsync<JsonElement>($"/api/v1/graph?from=subject:{person}");
        Assert.Contains($"intelligence-report:{id}", Nodes(back));

        using var northWest = await app.ApiClientAsync(DemoUsers.IntelligenceNorthWest);
        var hidden = await northWest.GetAsync($"/api/v1/graph?from=intelligence-report:{id}");
        var missing = await northWest.GetAsync($"/api/v1/graph?from=intelligence-report:{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(missing.StatusCode, hidden.StatusCode);
        Assert.Equal(Problems.WithoutTrace(await missing.Content.ReadAsStringAsync()), Problems.WithoutTrace(await hidden.Content.ReadAsStringAsync()));
        // From the phone, North West finds nothing of London's.
        var fromPhone = await northWest.GetFromJsonAsync<JsonElement>($"/api/v1/graph?from=phone:{Uri.EscapeDataString(phone)}");
        Assert.Single(Nodes(fromPhone));
    }

    [Fact]
    public async Task HiddenInvestigation_LinkingTwoVisiblePeople_IsARestrictedLink_AndAskingTellsItsTeam()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var first = await SubjectAsync(sio, "Bellamy");
        var second = await SubjectAsync(sio, "Cordelia");
        var operation = (await OpenAsync(sio, UniqueOperation("RESTRICTED"))).GetProperty("id").GetGuid();
        foreach (var person in new[] { first, second })
        {
            await PostAsync(sio, $"/api/v1/investigations/{operation}/subjects", new { subjectId = person, role = "Suspect" }, HttpStatusCode.Created);
        }

        // The disclosure officer of London sees both people (London's, unrestricted) but not the operation.
        using var officer = await app.ApiClientAsync(DemoUsers.DisclosureLondon);
        var view = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/graph?from=subject:{first}");
        Assert.DoesNotContain(Nodes(view), n => n.StartsWith("investigation:", StringComparison.Ordinal));
        var restricted = Assert.Single(view.GetProperty("restricted").EnumerateArray());
        Assert.Equal("London", restricted.GetProperty("unit").GetString()!.Split(' ')[0]);
        Assert.Contains($"subject:{second}", new[] { restricted.GetProperty("source").GetString(), restricted.GetProperty("target").GetString() });
        Assert.DoesNotContain(operation.ToString(), view.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var asked = await PostAsync(officer, "/api/v1/graph/ask", new { from = $"subject:{first}", to = $"subject:{second}" });
        Assert.Contains("holders have been told", asked.GetString(), StringComparison.Ordinal);
        var inbox = await sio.GetFromJsonAsync<JsonElement>("/api/v1/inbox?pageSize=50");
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("recordId").GetString() == operation.ToString()
            && i.GetProperty("subject").GetString()!.Contains("asked about a link", StringComparison.Ordinal));

        // The team sees the investigation itself, and no restricted link.
        var theirs = await sio.GetFromJsonAsync<JsonElement>($"/api/v1/graph?from=subject:{first}&depth=2");
        Assert.Contains($"investigation:{operation}", Nodes(theirs));
        Assert.Contains($"subject:{second}", Nodes(theirs));
        Assert.Empty(theirs.GetProperty("restricted").EnumerateArray());

        // The shortest path runs through the investigation for the team, and does not exist for the officer.
        var path = await sio.GetFromJsonAsync<JsonElement>($"/api/v1/graph/path?from=subject:{first}&to=subject:{second}");
        Assert.Equal([$"subject:{first}", $"investigation:{operation}", $"subject:{second}"], Nodes(path));
        var none = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/graph/path?from=subject:{first}&to=subject:{second}");
        Assert.Empty(Nodes(none));
    }

    [Theory]
    [InlineData("from=nonsense")]
    [InlineData("from=subject:")]
    [InlineData("from=subject:not-a-guid")]
    [InlineData("from=subject:0193a000-0000-7000-8000-000000000000&depth=9")]
    public async Task Chart_BadInput_IsAClearAnswer_NeverAFailure(string query)
    {
        using var api = await app.ApiClientAsync(DemoUsers.AnalystWales);
        var response = await api.GetAsync($"/api/v1/graph?{query}");
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{query}: {response.StatusCode}");
    }
}

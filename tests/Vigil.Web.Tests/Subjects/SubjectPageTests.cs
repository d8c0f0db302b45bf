using System.Text.Json;

namespace Vigil.Web.Tests.Subjects;

/// <summary>What an officer does from the subject page itself, without the API.</summary>
public sealed class SubjectPageTests(VigilApp app) : IClassFixture<VigilApp>
{
    private async Task<Guid> CreateAsync(string given, string surname)
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var response = await api.PostAsJsonAsync("/api/v1/subjects", new { givenName = given, surname, classification = "Official", acknowledgedCandidates = true });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task SubjectPage_AddPhoneWarningAndTier_AllShowAndAreFound()
    {
        var id = await CreateAsync("Pagework", "Thistlewood");
        var page = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        var url = $"/subjects/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync(url, "add-detail", new() { ["Detail.Kind"] = "phone", ["Detail.Value"] = "07700 900555", ["Detail.Source"] = "IR 77" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync(url, "add-detail", new() { ["Detail.Kind"] = "alias", ["Detail.Value"] = "Pip Thistle" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync(url, "add-warning", new() { ["Warning.Kind"] = "Violence", ["Warning.Notes"] = "fictional" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync(url, "set-tier", new() { ["Tier.Tier"] = "priority" })).StatusCode);

        var (_, view) = await page.GetAsync(url);
        var text = view.Body!.TextContent;
        Assert.Contains("07700900555", text, StringComparison.Ordinal);
        Assert.Contains("source: IR 77", text, StringComparison.Ordinal);
        Assert.Contains("Pip Thistle", text, StringComparison.Ordinal);
        Assert.Contains("Violence", view.QuerySelector("[data-testid=warning-markers]")!.TextContent, StringComparison.Ordinal);

        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var due = await api.GetFromJsonAsync<JsonElement>("/api/v1/subjects/reviews-due?withinDays=60");
        Assert.Contains(due.EnumerateArray(), d => d.GetProperty("id").GetGuid() == id);
        var check = await (await api.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = "page-added phone", phone = "07700900555" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(check.GetProperty("hits").EnumerateArray(), h => h.GetProperty("subject").GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task SubjectPage_EmptyValue_ShowsErrorSummaryAndChangesNothing()
    {
        var id = await CreateAsync("Emptyvalue", "Marchbank");
        var page = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        var response = await page.SubmitAsync($"/subjects/{id}", "add-detail", new() { ["Detail.Kind"] = "vehicle", ["Detail.Value"] = "" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter the value to add", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var bad = await page.SubmitAsync($"/subjects/{id}", "add-detail", new() { ["Detail.Kind"] = "vehicle", ["Detail.Value"] = "!!" });
        Assert.Contains("registration mark", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubjectPage_MergeThenUndo()
    {
        var survivor = await CreateAsync("Keeper", "Ravensworth");
        var duplicate = await CreateAsync("Keepr", "Ravensworth");
        var page = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        var merged = await page.SubmitAsync($"/subjects/{survivor}", "merge", new() { ["Merge.Duplicate"] = duplicate.ToString(), ["Merge.Purpose"] = "same person, misspelt" });
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        var (_, view) = await page.GetAsync($"/subjects/{survivor}");
        Assert.Contains("Keepr Ravensworth", view.Body!.TextContent, StringComparison.Ordinal);

        var undone = await page.SubmitAsync($"/subjects/{survivor}", $"unmerge-{duplicate}", []);
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        Assert.Equal(JsonValueKind.Null, (await api.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{duplicate}")).GetProperty("mergedInto").ValueKind);
    }
}

public sealed class OrganisationPageTests(VigilApp app) : IClassFixture<VigilApp>
{
    [Fact]
    public async Task OrganisationPage_WriterRecordsOne_OthersCannot()
    {
        var writer = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        var created = await writer.SubmitAsync("/organisations", "organisation", new() { ["New.Name"] = "Fictional Allotment Society", ["New.Kind"] = "club", ["New.Classification"] = "Official" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var (view, document) = await writer.GetAsync(PageClient.PathOf(created));
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Equal("Fictional Allotment Society", document.QuerySelector("[data-testid=organisation-name]")!.TextContent.Trim());

        var empty = await writer.SubmitAsync("/organisations", "organisation", new() { ["New.Name"] = "", ["New.Classification"] = "Official" });
        Assert.Contains("Enter the organisation", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // An auditor has no form, and a crafted post records nothing.
        var auditor = await app.SignInAsync(DemoUsers.Auditor);
        var (_, list) = await auditor.GetAsync("/organisations");
        Assert.Null(list.QuerySelector("[data-testid=new-organisation]"));
        var token = ((AngleSharp.Html.Dom.IHtmlInputElement)list.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        await auditor.PostFormAsync("/organisations", [new("_handler", "organisation"), new("__RequestVerificationToken", token), new("New.Name", "Crafted"), new("New.Classification", "Official")]);
        Assert.False(await app.AsSystemAsync(db => db.Set<Vigil.Web.Subjects.Organisation>().IgnoreQueryFilters().AnyAsync(o => o.Name == "Crafted")));
    }
}

using System.Text.Json;
using Vigil.Web.Platform.Audit;

namespace Vigil.Web.Tests.Subjects;

public sealed class SubjectCaseworkTests(VigilApp app) : IClassFixture<VigilApp>
{
    private static async Task<JsonElement> CreateAsync(HttpClient api, object body)
    {
        var response = await api.PostAsJsonAsync("/api/v1/subjects", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<Guid>> FoundAsync(HttpClient api, string name) =>
        [.. (await api.GetFromJsonAsync<JsonElement>($"/api/v1/subjects?name={Uri.EscapeDataString(name)}&pageSize=200"))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

    [Fact]
    public async Task NameSearch_FindsTheStartOfAnyWordOfAnyName_WithoutAccentsOrHyphens_AndNothingMidWord()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var id = (await CreateAsync(api, Person("Zélie", "Okonkwo-Brandtvale"))).GetProperty("id").GetGuid();
        Assert.Contains(id, await FoundAsync(api, "okonkwo"));
        Assert.Contains(id, await FoundAsync(api, "BRANDTV zel"));
        Assert.Contains(id, await FoundAsync(api, "Zelie Okonkwo-Brandtvale"));
        Assert.Contains(id, await FoundAsync(api, "okonkwobrandtvale"));
        Assert.Contains(id, await FoundAsync(api, "Zx Okonk")); // the alias the person was recorded with
        Assert.DoesNotContain(id, await FoundAsync(api, "konkwo"));
        Assert.DoesNotContain(id, await FoundAsync(api, "Zelie Okonkwo-Brandtvalez"));

        // A new name replaces the old words: found by the new, no longer by the old.
        var record = await api.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{id}");
        var renamed = await api.PutAsJsonAsync($"/api/v1/subjects/{id}", new
        {
            givenName = "Philippa", surname = "Marchetti-Fairweather", classification = "Official", dateOfBirth = "1990-03-27", dateOfBirthAccuracy = "MonthAndYear",
            gender = "Female", version = record.GetProperty("version").GetGuid(),
        });
        Assert.True(renamed.IsSuccessStatusCode, await renamed.Content.ReadAsStringAsync());
        Assert.Contains(id, await FoundAsync(api, "fairweather phil"));
        Assert.Contains(id, await FoundAsync(api, "okonkwo")); // still the alias's surname
        Assert.DoesNotContain(id, await FoundAsync(api, "zelie"));
    }

    private static object Person(string given, string surname, params (string Kind, string Value)[] contacts) => new
    {
        givenName = given,
        surname,
        classification = "Official",
        dateOfBirth = "1990-03-27",
        dateOfBirthAccuracy = "MonthAndYear",
        gender = "Female",
        otherNames = new[] { new { kind = "Alias", givenName = given[..1] + "x", surname, source = "intelligence report 12" } },
        identifiers = new[] { new { kind = "Passport", value = "p1234567x", issuingCountry = "Narnia" } },
        addresses = new[] { new { text = "1 Example Street, Testtown", postcode = "tt1 1aa", from = "2020-01-01", to = "2024-06-30" } },
        contacts = contacts.Select(c => new { kind = c.Kind, value = c.Value }).ToArray(),
        vehicles = new[] { new { registration = "ab12 cde", description = "blue hatchback" } },
        nationalities = new[] { new { country = "Ruritania" } },
        // These tests record look-alikes on purpose (to merge them): the check at the door is tested elsewhere.
        acknowledgedCandidates = true,
    };

    [Fact]
    public async Task Create_WithDetails_NormalisesAndKeepsThem()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var created = await CreateAsync(api, Person("Orla", "Fenwick-Dabrowska", ("Phone", "+44 7700 900123"), ("Email", "Orla.F@Example.org")));
        var details = created.GetProperty("details");
        Assert.Equal("AB12CDE", details.GetProperty("vehicles")[0].GetProperty("registration").GetString());
        Assert.Equal("07700900123", details.GetProperty("contacts")[0].GetProperty("value").GetString());
        Assert.Equal("orla.f@example.org", details.GetProperty("contacts")[1].GetProperty("value").GetString());
        Assert.Equal("TT11AA", details.GetProperty("addresses")[0].GetProperty("postcode").GetString());
        Assert.Equal("P1234567X", details.GetProperty("identifiers")[0].GetProperty("value").GetString());
        Assert.Equal("intelligence report 12", details.GetProperty("otherNames")[0].GetProperty("source").GetString());
        Assert.Equal("MonthAndYear", created.GetProperty("dateOfBirthAccuracy").GetString());
    }

    [Theory]
    [InlineData("""{"givenName":"A","surname":"B","classification":"Official","vehicles":[{"registration":"!"}]}""", "Vehicles[0]")]
    [InlineData("""{"givenName":"A","surname":"B","classification":"Official","addresses":[{"text":"x","from":"2024-01-01","to":"2020-01-01"}]}""", "Addresses[0]")]
    [InlineData("""{"givenName":"A","surname":"B","classification":"Official","contacts":[{"kind":"Email","value":"not-an-email"}]}""", "Contacts[0]")]
    [InlineData("""{"givenName":"A","surname":"B","classification":"Official","otherNames":[{"kind":"Alias","givenName":"","surname":"B"}]}""", "OtherNames[0].GivenName")]
    public async Task Create_InvalidDetail_NamesIt(string body, string field)
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var response = await api.PostAsync("/api/v1/subjects", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task WarningMarker_Added_ShowsOnRecordListAndPage()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var created = await CreateAsync(api, new { givenName = "Warned", surname = "Quenby", classification = "Official" });
        var id = created.GetProperty("id").GetGuid();
        var add = await api.PostAsJsonAsync($"/api/v1/subjects/{id}/warning-markers", new { kind = "Weapons", notes = "known to carry a knife (fictional)" });
        Assert.Equal(HttpStatusCode.NoContent, add.StatusCode);
        var subject = await api.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{id}");
        var marker = subject.GetProperty("details").GetProperty("warningMarkers")[0];
        Assert.Equal("Weapons", marker.GetProperty("kind").GetString());
        Assert.Equal(DemoUsers.InvestigatorNorthWest, marker.GetProperty("addedBy").GetString());
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/subjects?name=Quenby");
        Assert.Equal(1, list.GetProperty("items")[0].GetProperty("warningMarkers").GetInt32());

        var page = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        var (_, view) = await page.GetAsync($"/subjects/{id}");
        Assert.Contains("Weapons", view.QuerySelector("[data-testid=warning-markers]")!.TextContent, StringComparison.Ordinal);
        var (_, listPage) = await page.GetAsync("/subjects?name=Quenby");
        Assert.NotNull(listPage.QuerySelector("[data-testid=subjects] [data-testid=warning-tag]"));
    }

    [Fact]
    public async Task Tier_WithReviewDate_AppearsInReviewsDueOnlyForThoseWhoMaySee()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var created = await CreateAsync(api, new { givenName = "Tiered", surname = "Ashworth", classification = "Official" });
        var id = created.GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var set = await api.PutAsJsonAsync($"/api/v1/subjects/{id}/tier", new { tier = "priority", reviewDue = today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        var due = await api.GetFromJsonAsync<JsonElement>("/api/v1/subjects/reviews-due?withinDays=7");
        var item = due.EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == id);
        Assert.Equal("Priority", item.GetProperty("tier").GetString());
        Assert.False(item.GetProperty("overdue").GetBoolean());
        Assert.DoesNotContain((await api.GetFromJsonAsync<JsonElement>("/api/v1/subjects/reviews-due?withinDays=1")).EnumerateArray(), d => d.GetProperty("id").GetGuid() == id);

        using var wales = await app.ApiClientAsync(DemoUsers.AnalystWales);
        Assert.DoesNotContain((await wales.GetFromJsonAsync<JsonElement>("/api/v1/subjects/reviews-due?withinDays=30")).EnumerateArray(), d => d.GetProperty("id").GetGuid() == id);
        var past = await api.PutAsJsonAsync($"/api/v1/subjects/{id}/tier", new { tier = "priority", reviewDue = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
    }

    [Fact]
    public async Task Merge_ThenUnmerge_MovesDetailsWithProvenanceAndBack()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var a = await CreateAsync(api, Person("Imogen", "Strand", ("Phone", "07700 900001")));
        var b = await CreateAsync(api, Person("Imogene", "Strande", ("Phone", "07700 900002")));
        var (aId, bId) = (a.GetProperty("id").GetGuid(), b.GetProperty("id").GetGuid());

        var merge = await api.PostAsJsonAsync($"/api/v1/subjects/{aId}/merge", new { duplicate = bId, purpose = "same passport on both records" });
        Assert.Equal(HttpStatusCode.NoContent, merge.StatusCode);
        var merged = await api.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{aId}");
        var phones = merged.GetProperty("details").GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(2, phones.Count);
        Assert.Contains(phones, p => p.GetProperty("value").GetString() == "07700900002" && p.GetProperty("fromSubjectId").GetGuid() == bId);
        Assert.Contains(merged.GetProperty("details").GetProperty("otherNames").EnumerateArray(), n => n.GetProperty("givenName").GetString() == "Imogene" && n.GetProperty("fromSubjectId").GetGuid() == bId);
        Assert.Equal(aId, (await api.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{bId}")).GetProperty("mergedInto").GetGuid());
        var search = await api.GetFromJsonAsync<JsonElement>("/api/v1/subjects?name=Strand");
        Assert.DoesNotContain(search.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == bId);
        // The duplicate's name is now one of the record's other names, and the name search finds it by that.
        Assert.Equal([aId], await FoundAsync(api, "Imogene Strande"));

        var again = await api.PostAsJsonAsync($"/api/v1/subjects/{aId}/merge", new { duplicate = bId, purpose = "twice" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        var unmerge = await api.PostAsJsonAsync($"/api/v1/subjects/{aId}/unmerge", new { duplicate = bId, purpose = "different dates of birth after all" });
        Assert.Equal(HttpStatusCode.NoContent, unmerge.StatusCode);
        var aAfter = await api.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{aId}");
        var bAfter = await api.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{bId}");
        Assert.Single(aAfter.GetProperty("details").GetProperty("contacts").EnumerateArray());
        Assert.Equal("07700900002", bAfter.GetProperty("details").GetProperty("contacts")[0].GetProperty("value").GetString());
        Assert.Equal(JsonValueKind.Null, bAfter.GetProperty("mergedInto").ValueKind);
        Assert.DoesNotContain(aAfter.GetProperty("details").GetProperty("otherNames").EnumerateArray(), n => n.GetProperty("givenName").GetString() == "Imogene");
        Assert.Equal([bId], await FoundAsync(api, "Imogene Strande"));

        var actions = await app.AsSystemAsync(db => db.AuditEntries.Where(e => e.RecordId == aId.ToString() && (e.Action == AuditActions.Merge || e.Action == AuditActions.Unmerge)).OrderBy(e => e.Sequence).Select(e => e.Purpose).ToListAsync());
        Assert.Equal(["same passport on both records", "different dates of birth after all"], actions);
    }

    [Fact]
    public async Task Links_ToRecordsTheReaderMayNotSee_AreLeftOut()
    {
        var kestrel = await app.GroupIdAsync(Vigil.Web.Platform.Data.DemoData.KestrelGroup);
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var restricted = (await CreateAsync(sio, new { givenName = "Hidden", surname = "Associate", classification = "Official", needToKnowGroups = new[] { kestrel } })).GetProperty("id").GetGuid();
        var open = (await CreateAsync(sio, new { givenName = "Open", surname = "Associate", classification = "Official" })).GetProperty("id").GetGuid();
        var org = await (await sio.PostAsJsonAsync("/api/v1/organisations/", new { name = "Fictional Reading Circle", kind = "online community", classification = "Official" })).Content.ReadFromJsonAsync<JsonElement>();
        var main = await CreateAsync(sio, new
        {
            givenName = "Linked", surname = "Centre", classification = "Official",
            links = new object[]
            {
                new { type = "Associate", toSubjectId = restricted, source = "surveillance log" },
                new { type = "Family", toSubjectId = open },
                new { type = "Member", toOrganisationId = org.GetProperty("id").GetGuid(), from = "2024-01-01" },
            },
        });
        var id = main.GetProperty("id").GetGuid();
        Assert.Equal(3, main.GetProperty("details").GetProperty("links").GetArrayLength());

        using var disclosure = await app.ApiClientAsync(DemoUsers.DisclosureLondon);
        var seen = await disclosure.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{id}");
        var links = seen.GetProperty("details").GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(2, links.Count);
        Assert.DoesNotContain(restricted.ToString(), seen.GetRawText(), StringComparison.Ordinal);

        var missing = await sio.PostAsJsonAsync("/api/v1/subjects", new { givenName = "X", surname = "Y", classification = "Official", links = new[] { new { type = "Associate", toSubjectId = Guid.NewGuid() } } });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("There is no such record to link to", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_WithRecordUserCannotSee_IsNotFoundAndChangesNothing()
    {
        using var nw = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        using var wales = await app.ApiClientAsync(DemoUsers.AnalystWales);
        var mine = (await CreateAsync(nw, new { givenName = "Mine", surname = "Holloway", classification = "Official" })).GetProperty("id").GetGuid();
        var theirs = (await CreateAsync(wales, new { givenName = "Theirs", surname = "Holloway", classification = "Official" })).GetProperty("id").GetGuid();
        var merge = await nw.PostAsJsonAsync($"/api/v1/subjects/{mine}/merge", new { duplicate = theirs, purpose = "looks the same" });
        Assert.Equal(HttpStatusCode.NotFound, merge.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await wales.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{theirs}")).GetProperty("mergedInto").ValueKind);
    }
}

using System.Text.Json;
using Vigil.Web.Subjects.Deconfliction;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Tests.Subjects;

/// <summary>Deconfliction searches the whole network, shows records the asker may see, masks the rest
/// down to "a match exists, this strong, ask this unit", and tells the owner who asked and why.</summary>
public sealed class DeconflictionTests(VigilApp app) : IClassFixture<VigilApp>
{
    private static async Task<(Guid Id, string Surname)> RecordAsync(HttpClient api, string surname, string classification, string phone, string vehicle)
    {
        var response = await api.PostAsJsonAsync("/api/v1/subjects", new
        {
            givenName = "Deconflict",
            surname,
            classification,
            contacts = new[] { new { kind = "Phone", value = phone } },
            vehicles = new[] { new { registration = vehicle } },
            addresses = new[] { new { text = "9 Check Lane", postcode = "ZZ9 9ZZ" } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), surname);
    }

    [Fact]
    public async Task Check_RecordAskerMayNotSee_IsMaskedAndOwnerIsTold()
    {
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var (id, surname) = await RecordAsync(northWest, "Maskington", "Official", "07700 900771", "DC11 AAA");

        using var wales = await app.ApiClientAsync(DemoUsers.AnalystWales);
        var response = await wales.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = "Operation DEMOFIELD: phone from a seized handset", phone = "+44 7700 900771" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(surname, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString(), raw, StringComparison.Ordinal);
        var hit = JsonDocument.Parse(raw).RootElement.GetProperty("hits").EnumerateArray().Single();
        Assert.False(hit.GetProperty("visible").GetBoolean());
        Assert.Equal("phone", hit.GetProperty("matchedOn").GetString());
        // How strong, in words only: no score for a record the asker may not see.
        Assert.Equal(JsonValueKind.Null, hit.GetProperty("strength").ValueKind);
        Assert.Equal("Strong", hit.GetProperty("band").GetString());
        Assert.Equal("North West", hit.GetProperty("owningUnit").GetString());
        Assert.Contains("duty.north-west@", hit.GetProperty("contact").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, hit.GetProperty("subject").ValueKind);
        Assert.Equal(JsonValueKind.Null, hit.GetProperty("explanation").ValueKind);

        var inbox = await northWest.GetFromJsonAsync<JsonElement>("/api/v1/inbox/");
        var message = inbox.GetProperty("items").EnumerateArray().First(i => i.GetProperty("recordId").GetString() == id.ToString());
        Assert.Contains(DemoUsers.AnalystWales, message.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Contains("Operation DEMOFIELD", message.GetProperty("body").GetString(), StringComparison.Ordinal);
        // The holders can match the reference the asker quotes to them.
        Assert.Contains(JsonDocument.Parse(raw).RootElement.GetProperty("reference").GetString()!, message.GetProperty("body").GetString(), StringComparison.Ordinal);
        var walesInbox = await wales.GetFromJsonAsync<JsonElement>("/api/v1/inbox/");
        Assert.DoesNotContain(walesInbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("recordId").GetString() == id.ToString());

        var audit = await app.AsSystemAsync(db => db.AuditEntries.Where(e => e.UserName == DemoUsers.AnalystWales && e.Action.StartsWith("deconfliction")).ToListAsync());
        Assert.Contains(audit, e => e.Action == "deconfliction-check" && e.Purpose!.Contains("DEMOFIELD"));
        Assert.Contains(audit, e => e.Action == "deconfliction-hit" && e.RecordId == id.ToString() && e.Outcome == "denied");
    }

    [Fact]
    public async Task Check_RecordAskerMaySee_ShowsItAndTellsNobody()
    {
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var (id, surname) = await RecordAsync(northWest, "Openshaw", "Official", "07700 900772", "DC22 BBB");
        var result = await (await northWest.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = "before recording a new subject", vehicle = "dc22bbb" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var hit = result.GetProperty("hits").EnumerateArray().Single();
        Assert.True(hit.GetProperty("visible").GetBoolean());
        Assert.Equal(id, hit.GetProperty("subject").GetProperty("id").GetGuid());
        Assert.Equal(surname, hit.GetProperty("subject").GetProperty("surname").GetString());
        Assert.Equal("vehicle", hit.GetProperty("matchedOn").GetString());
        // The API keeps the score of a match the asker may see, and gives the reference to quote.
        Assert.Equal(1, hit.GetProperty("strength").GetDouble());
        Assert.StartsWith("DC-", result.GetProperty("reference").GetString(), StringComparison.Ordinal);
        Assert.False(await app.AsSystemAsync(db => db.Set<Vigil.Web.Platform.Inbox.InboxItem>().AnyAsync(i => i.RecordId == id.ToString())));
    }

    [Fact]
    public async Task Check_SameUnitAboveClearance_IsMasked()
    {
        var email = "secret.officer@test.vigil.example";
        await app.CreateUserAsync(email, Roles.Investigator, "wales", Classification.Secret);
        using var secret = await app.ApiClientAsync(email);
        var (id, surname) = await RecordAsync(secret, "Highclear", "Secret", "07700 900773", "DC33 CCC");
        using var official = await app.ApiClientAsync(DemoUsers.AnalystWales);
        var raw = await (await official.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = "routine check of a postcode", postcode = "zz99zz" })).Content.ReadAsStringAsync();
        Assert.DoesNotContain(surname, raw, StringComparison.Ordinal);
        var hits = JsonDocument.Parse(raw).RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.Contains(hits, h => !h.GetProperty("visible").GetBoolean() && h.GetProperty("owningUnit").GetString() == "Wales");
        Assert.DoesNotContain(id.ToString(), raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckPerson_TransliteratedNameAndSameBirthDate_FindsTheRecordWithExplanation()
    {
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var created = await northWest.PostAsJsonAsync("/api/v1/subjects", new { givenName = "Mohammed", surname = "Quarshie-Lind", dateOfBirth = "1990-03-27", classification = "Official" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var own = await (await northWest.PostAsJsonAsync("/api/v1/deconfliction/checks", new
        {
            purpose = "person check before an interview",
            person = new { givenName = "Muhammad", surname = "Quarshie Lind", dateOfBirth = "1990-03-27" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var hit = own.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("subject").ValueKind == JsonValueKind.Object && h.GetProperty("subject").GetProperty("id").GetGuid() == id);
        Assert.Equal("person", hit.GetProperty("matchedOn").GetString());
        Assert.True(hit.GetProperty("strength").GetDouble() >= 0.5);
        Assert.Contains(hit.GetProperty("explanation").EnumerateArray(), line => line.GetString()!.StartsWith("DateOfBirth", StringComparison.Ordinal));

        using var wales = await app.ApiClientAsync(DemoUsers.AnalystWales);
        var raw = await (await wales.PostAsJsonAsync("/api/v1/deconfliction/checks", new
        {
            purpose = "person check for a referral",
            person = new { givenName = "Mohamed", surname = "Quarshie-Lind", dateOfBirth = "1990-03-27" },
        })).Content.ReadAsStringAsync();
        Assert.DoesNotContain(id.ToString(), raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Quarshie", raw, StringComparison.Ordinal);
        Assert.Contains(JsonDocument.Parse(raw).RootElement.GetProperty("hits").EnumerateArray(),
            h => !h.GetProperty("visible").GetBoolean() && h.GetProperty("matchedOn").GetString() == "person" && h.GetProperty("owningUnit").GetString() == "North West");
    }

    [Fact]
    public async Task CheckPerson_NameOnly_TwoKnownNamesakes_SaysSeveralPossibleMatches()
    {
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        foreach (var (born, street, postcode) in new[] { ("1961-04-02", "1 Moor Lane, Lancaster", "LA1 1AA"), ("1993-11-19", "44 Quay Street, Truro", "TR1 2BB") })
        {
            Assert.Equal(HttpStatusCode.Created, (await northWest.PostAsJsonAsync("/api/v1/subjects", new
            {
                givenName = "Ignatius", surname = "Fernsbury", dateOfBirth = born, classification = "Official", acknowledgedCandidates = true,
                addresses = new[] { new { text = street, postcode } },
            })).StatusCode);
        }

        var nameOnly = await (await northWest.PostAsJsonAsync("/api/v1/deconfliction/checks", new
        {
            purpose = "name given by a witness",
            person = new { givenName = "Ignatius", surname = "Fernsbury" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var people = nameOnly.GetProperty("hits").EnumerateArray().Where(h => h.GetProperty("matchedOn").GetString() == "person").ToList();
        Assert.Equal(2, people.Count);
        Assert.True(nameOnly.GetProperty("severalPossibleMatches").GetBoolean());
        // They share the evidence: neither is strong, and neither reaches one half.
        Assert.All(people, h => Assert.Equal("Possible", h.GetProperty("band").GetString()));
        Assert.All(people, h => Assert.InRange(h.GetProperty("strength").GetDouble(), 0, 0.5));

        var withBirthDate = await (await northWest.PostAsJsonAsync("/api/v1/deconfliction/checks", new
        {
            purpose = "name and birth date from the custody record",
            person = new { givenName = "Ignatius", surname = "Fernsbury", dateOfBirth = "1993-11-19" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(withBirthDate.GetProperty("severalPossibleMatches").GetBoolean());
        var best = withBirthDate.GetProperty("hits").EnumerateArray().First(h => h.GetProperty("matchedOn").GetString() == "person");
        Assert.Equal("1993-11-19", best.GetProperty("subject").GetProperty("dateOfBirth").GetString());
    }

    [Fact]
    public async Task CheckPage_TwinSister_IsExplainedAsPossiblyARelative_AndNamesakesAsSeveralPossibleMatches()
    {
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        Assert.Equal(HttpStatusCode.Created, (await northWest.PostAsJsonAsync("/api/v1/subjects", new
        {
            givenName = "Agnieszka", surname = "Marchetti-Boyle", dateOfBirth = "1990-02-02", classification = "Official",
            addresses = new[] { new { text = "3 Twin Row, Bolton", postcode = "BL1 1AA" } },
        })).StatusCode);

        var nw = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        // Her sister's name and birth date: the record is shown (as a possible match or, below the match threshold,
        // as a possible relative: in this small demo population the rare surname weighs heavily), and its Why says
        // in words what the comparison suggests.
        var sister = await nw.SubmitAsync("/deconfliction", "check", new()
        {
            ["Input.Purpose"] = "sister named in a referral", ["Input.GivenName"] = "Ameena", ["Input.Surname"] = "Marchetti-Boyle", ["Input.DateOfBirth"] = "1990-02-02",
        });
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await sister.Content.ReadAsStringAsync());
        var relative = page.QuerySelectorAll("[data-testid=visible-hit]").Single(row => row.TextContent.Contains("Agnieszka", StringComparison.Ordinal));
        // How strongly the rest of the pair scores follows what the engine learnt from the demo's population (four more
        // people made it "Strong" once); a different given name is never a strong match of the person.
        Assert.Contains(relative.QuerySelector("[data-testid=band]")!.TextContent.Trim(), new[] { "Possibly a relative", "Possible match" });
        Assert.Equal("Same surname and birth date; given names differ: possibly a relative",
            relative.QuerySelectorAll(".govuk-details__text li").Select(li => li.TextContent.Trim()).First());

        // With the postcode too the record matches on its address, and its Why still leads with what the person suggests.
        var withPostcode = await nw.SubmitAsync("/deconfliction", "check", new()
        {
            ["Input.Purpose"] = "sister named in a referral", ["Input.GivenName"] = "Ameena", ["Input.Surname"] = "Marchetti-Boyle",
            ["Input.DateOfBirth"] = "1990-02-02", ["Input.Postcode"] = "BL1 1AA",
        });
        var addressPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await withPostcode.Content.ReadAsStringAsync());
        var atAddress = addressPage.QuerySelectorAll("[data-testid=visible-hit]").Single(row => row.TextContent.Contains("Agnieszka", StringComparison.Ordinal));
        Assert.Equal("Same surname, birth date and address; given names differ: possibly a relative",
            atAddress.QuerySelectorAll(".govuk-details__text li").Select(li => li.TextContent.Trim()).First());

        // Of a record the asker may not see, nothing but a match is told: never "possibly a relative".
        var wales = await app.SignInAsync(DemoUsers.AnalystWales);
        var masked = await wales.SubmitAsync("/deconfliction", "check", new()
        {
            ["Input.Purpose"] = "sister named in a referral", ["Input.GivenName"] = "Ameena", ["Input.Surname"] = "Marchetti-Boyle", ["Input.DateOfBirth"] = "1990-02-02",
        });
        var maskedPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await masked.Content.ReadAsStringAsync());
        Assert.All(maskedPage.QuerySelectorAll("[data-testid=masked-hit] [data-testid=band]"), b => Assert.NotEqual("Possibly a relative", b.TextContent.Trim()));
        Assert.DoesNotContain("relative", maskedPage.QuerySelector("[data-testid=result-heading]")!.TextContent, StringComparison.Ordinal);

        foreach (var (born, street, postcode) in new[] { ("1950-07-07", "3 Fore Street, Exeter", "EX1 1AA"), ("1984-03-30", "90 Grey Street, Newcastle", "NE1 2BB") })
        {
            Assert.Equal(HttpStatusCode.Created, (await northWest.PostAsJsonAsync("/api/v1/subjects", new
            {
                givenName = "Leopold", surname = "Ashcombe-Reyes", dateOfBirth = born, classification = "Official", acknowledgedCandidates = true,
                addresses = new[] { new { text = street, postcode } },
            })).StatusCode);
        }

        var several = await nw.SubmitAsync("/deconfliction", "check", new() { ["Input.Purpose"] = "name from an informant", ["Input.GivenName"] = "Leopold", ["Input.Surname"] = "Ashcombe-Reyes" });
        var severalPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await several.Content.ReadAsStringAsync());
        Assert.StartsWith("Several possible matches: more details needed.", severalPage.QuerySelector("[data-testid=several-possible]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.All(severalPage.QuerySelectorAll("[data-testid=visible-hit] [data-testid=band]"), b => Assert.Equal("Possible match", b.TextContent.Trim()));
    }

    [Fact]
    public void IndexCandidates_MatchesArePeople_RelativesBelowTheThreshold_TheRestDropped()
    {
        static Vigil.Matching.MatchExplanation Pattern(int given, int dob) => new(0,
        [
            new(Vigil.Matching.PersonField.GivenName, given, "", 0, 0), new(Vigil.Matching.PersonField.Surname, 0, "", 0, 0),
            new(Vigil.Matching.PersonField.DateOfBirth, dob, "", 0, 0),
        ], false);
        Guid match = Guid.NewGuid(), twin = Guid.NewGuid(), stranger = Guid.NewGuid();
        var found = SubjectIndex.Candidates(
        [
            new(match.ToString(), 0.97, 5, Pattern(0, 0)),
            new($"{match}/1", 0.6, 1, Pattern(2, 0)), // the same subject under another name: its best entry counts
            new(twin.ToString(), 0.2, -2, Pattern(4, 0)),
            new(stranger.ToString(), 0.3, -1, Pattern(3, 4)),
        ]);
        Assert.Equal(2, found.Count);
        Assert.Equal(("person", 0.97), (found.Single(c => c.SubjectId == match).MatchedOn, found.Single(c => c.SubjectId == match).Strength));
        var relative = found.Single(c => c.SubjectId == twin);
        Assert.Equal("relative", relative.MatchedOn);
        Assert.Equal("Same surname and birth date; given names differ: possibly a relative", relative.Explanation[0]);
    }

    [Fact]
    public void AStrongScore_ThatSuggestsARelative_IsAPossibleMatch_NeverStrong()
    {
        Assert.Equal(MatchBand.Strong, DeconflictionService.Band(0.999, suggestsRelative: false, strongFrom: 0.95));
        Assert.Equal(MatchBand.Possible, DeconflictionService.Band(0.999, suggestsRelative: true, strongFrom: 0.95));
        Assert.Equal(MatchBand.Possible, DeconflictionService.Band(0.9, suggestsRelative: false, strongFrom: 0.95));
    }

    [Fact]
    public void SharedEvidence_NamesakesShare_OnePersonHeldTwiceDoesNot_HiddenRecordsTakeNoPart()
    {
        DeconflictionCandidate Person(double strength) => new(Guid.NewGuid(), "person", strength, []);
        var a = Person(0.97);
        var b = Person(0.97);
        var c = Person(0.6);

        // Two different people who fit equally: each below one half, neither strong.
        var (namesakes, several) = DeconflictionService.ShareAmongPeople([a, b], [a, b], (_, _) => 0.01, 0.95);
        Assert.True(several);
        Assert.All(new[] { a, b }, x => Assert.InRange(namesakes[x], 0.3, 0.5));

        // One person held by two units: they resemble each other, so both keep their strength.
        var (twice, severalTwice) = DeconflictionService.ShareAmongPeople([a, b], [a, b], (_, _) => 0.99, 0.95);
        Assert.False(severalTwice);
        Assert.Equal(0.97, twice[a]);
        Assert.Equal(0.97, twice[b]);

        // A clear best stays strong, and the weaker one falls: no "several".
        var clear = Person(0.999);
        var (clearly, severalClear) = DeconflictionService.ShareAmongPeople([clear, c], [clear, c], (_, _) => 0.01, 0.95);
        Assert.False(severalClear);
        Assert.True(clearly[clear] >= 0.95);
        Assert.True(clearly[c] < 0.01);

        // Only the people passed in share (the service passes the visible ones): the hidden hit, and what is not a
        // person, keep their own strength, and a visible one is not moved by them.
        var hidden = Person(0.99);
        var phone = new DeconflictionCandidate(Guid.NewGuid(), "phone", 1, []);
        var (alone, severalAlone) = DeconflictionService.ShareAmongPeople([a], [a, hidden, phone], (_, _) => 0.01, 0.95);
        Assert.False(severalAlone);
        Assert.Equal(0.97, alone[a]);
        Assert.Equal(0.99, alone[hidden]);
        Assert.Equal(1, alone[phone]);
    }

    [Fact]
    public async Task CheckPerson_ByAnAliasAddedLater_FindsTheRecord()
    {
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var created = await (await northWest.PostAsJsonAsync("/api/v1/subjects", new { givenName = "Tobias", surname = "Wrenfield", dateOfBirth = "1979-08-01", classification = "Official" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        async Task<bool> FoundAsync() => (await (await northWest.PostAsJsonAsync("/api/v1/deconfliction/checks", new
        {
            purpose = "alias check",
            person = new { givenName = "Yusuf", surname = "Karimov", dateOfBirth = "1979-08-01" },
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hits").EnumerateArray()
            .Any(h => h.GetProperty("subject").ValueKind == JsonValueKind.Object && h.GetProperty("subject").GetProperty("id").GetGuid() == id);
        Assert.False(await FoundAsync());

        var update = await northWest.PutAsJsonAsync($"/api/v1/subjects/{id}", new
        {
            givenName = "Tobias", surname = "Wrenfield", dateOfBirth = "1979-08-01", classification = "Official",
            otherNames = new[] { new { kind = "Alias", givenName = "Youssef", surname = "Karimov" } },
            version = created.GetProperty("version").GetGuid(),
        });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.True(await FoundAsync(), "the index is kept current on every change");

        Assert.Equal(HttpStatusCode.NoContent, (await northWest.DeleteAsync($"/api/v1/subjects/{id}?purpose=test")).StatusCode);
        Assert.False(await FoundAsync(), "a deleted subject leaves the index");
    }

    [Fact]
    public async Task CreateSubject_PossiblyAlreadyKnown_ShowsCandidatesUntilAcknowledged()
    {
        using var wales = await app.ApiClientAsync(DemoUsers.AnalystWales);
        var first = await wales.PostAsJsonAsync("/api/v1/subjects", new { givenName = "Aleksander", surname = "Brightwater", dateOfBirth = "1983-12-09", classification = "Official" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var again = new { givenName = "Alexander", surname = "Brightwater", dateOfBirth = "1983-12-09", classification = "Official" };
        var refused = await wales.PostAsJsonAsync("/api/v1/subjects", again);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("subject").GetProperty("id").GetGuid() == id);
        Assert.Equal(1, await app.AsSystemAsync(db => db.Set<Vigil.Web.Subjects.Subject>().CountAsync(s => s.Surname == "Brightwater")));

        var acknowledged = await wales.PostAsJsonAsync("/api/v1/subjects", new { again.givenName, again.surname, again.dateOfBirth, again.classification, acknowledgedCandidates = true });
        Assert.Equal(HttpStatusCode.Created, acknowledged.StatusCode);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "deconfliction-check" && e.Purpose == Vigil.Web.Subjects.SubjectRecords.CheckBeforeCreatePurpose && e.UserName == DemoUsers.AnalystWales)));

        var page = await app.SignInAsync(DemoUsers.AnalystWales);
        var form = await page.SubmitAsync("/subjects/new", "subject", new() { ["Input.GivenName"] = "Aleksandr", ["Input.Surname"] = "Brightwater", ["Input.DateOfBirth"] = "1983-12-09", ["Input.Classification"] = "Official" });
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("data-testid=\"candidates\"", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var confirmed = await page.SubmitAsync("/subjects/new", "subject", new() { ["Input.GivenName"] = "Aleksandr", ["Input.Surname"] = "Brightwater", ["Input.DateOfBirth"] = "1983-12-09", ["Input.Classification"] = "Official", ["Input.AcknowledgedCandidates"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
    }

    [Theory]
    [InlineData("Мухаммед", "Рахман", "1990-03-27")]
    [InlineData("محمد", "رحمن", null)]
    [InlineData("", "O'Neill-Ó Súilleabháin", "2000-02-29")]
    [InlineData("李", "小龙", "1940-11-27")]
    public async Task CheckPerson_UnusualNames_AnswersWithoutError(string given, string surname, string? dob)
    {
        using var api = await app.ApiClientAsync(DemoUsers.AnalystWales);
        var response = await api.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = "bad input check", person = new { givenName = given, surname, dateOfBirth = dob } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tooLong = await api.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = "bad input check", person = new { givenName = new string('x', 10_000), surname } });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Theory]
    [InlineData("""{"phone":"07700900771"}""", "purpose")]
    [InlineData("""{"purpose":"no subject of the check given"}""", "person")]
    [InlineData("""{"purpose":"ok purpose","phone":"12"}""", "phone")]
    public async Task Check_Incomplete_Is400NamingTheField(string body, string field)
    {
        using var api = await app.ApiClientAsync(DemoUsers.AnalystWales);
        var response = await api.PostAsync("/api/v1/deconfliction/checks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task CheckPage_ShowsVisibleAndMaskedRows()
    {
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var (_, surname) = await RecordAsync(northWest, "Pagecheck", "Official", "07700 900774", "DC44 DDD");
        var wales = await app.SignInAsync(DemoUsers.AnalystWales);
        var masked = await wales.SubmitAsync("/deconfliction", "check", new() { ["Input.Purpose"] = "page check of a vehicle", ["Input.Vehicle"] = "DC44 DDD" });
        var html = await masked.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"masked-hit\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(surname, html, StringComparison.Ordinal);
        var maskedPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        // The result is the first thing in the main content, announced and focused on arrival.
        var banner = maskedPage.QuerySelector("main [data-testid=result]")!;
        Assert.Same(banner, maskedPage.QuerySelector("main .govuk-grid-row, main [data-testid=result]"));
        Assert.Equal("alert", banner.GetAttribute("role"));
        Assert.Equal("-1", banner.GetAttribute("tabindex"));
        Assert.True(banner.HasAttribute("autofocus"));
        Assert.Equal("1 match in the network", maskedPage.QuerySelector("[data-testid=result-heading]")!.TextContent.Trim());
        // The unit to contact is a mailto: link whose subject quotes the check's reference.
        var reference = maskedPage.QuerySelector("[data-testid=check-reference]")!.TextContent.Trim();
        Assert.Matches("^DC-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$", reference);
        var mail = maskedPage.QuerySelector("[data-testid=masked-hit] a[data-testid=contact-email]")!;
        Assert.StartsWith("mailto:duty.north-west@", mail.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(reference), mail.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("Strong match", maskedPage.QuerySelector("[data-testid=masked-hit] [data-testid=band]")!.TextContent.Trim());
        var stored = await app.AsSystemAsync(db => db.Set<Vigil.Web.Subjects.Deconfliction.CheckLogEntry>().Where(c => c.Reference == reference).Select(c => c.Purpose).SingleAsync());
        Assert.Equal("page check of a vehicle", stored);

        var nw = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        var visible = await nw.SubmitAsync("/deconfliction", "check", new() { ["Input.Purpose"] = "page check of a vehicle", ["Input.Vehicle"] = "DC44 DDD" });
        var visibleHtml = await visible.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"visible-hit\"", visibleHtml, StringComparison.Ordinal);
        Assert.Contains(surname, visibleHtml, StringComparison.Ordinal);
        // Strength in words only on the page: the score stays in the API.
        var band = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(visibleHtml).QuerySelector("[data-testid=visible-hit] [data-testid=band]")!.TextContent.Trim();
        Assert.Equal("Strong match", band);
        var secondReference = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(visibleHtml).QuerySelector("[data-testid=check-reference]")!.TextContent.Trim();
        Assert.NotEqual(reference, secondReference);

        var noPurpose = await nw.SubmitAsync("/deconfliction", "check", new() { ["Input.Purpose"] = "", ["Input.Vehicle"] = "DC44 DDD" });
        Assert.Contains("Say why you are running this check", await noPurpose.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

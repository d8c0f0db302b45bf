using System.Text.Json;
using Vigil.Web.Platform.Inbox;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;

namespace Vigil.Web.Tests.Security;

/// <summary>The app with a low check limit and a low probe threshold, so that the tests reach them.</summary>
public sealed class DeconflictionLimitsApp : VigilApp
{
    public const int Checks = 6;
    public const int ProbeHits = 3;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Vigil:SignIn:PermitsPerMinute"] = "100000",
        ["Vigil:Rejections:PerMinute"] = "100000",
        ["Vigil:Deconfliction:ChecksPerWindow"] = Checks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Vigil:Deconfliction:ProbeHits"] = ProbeHits.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Deconfliction must not be an oracle: what a masked hit says cannot be read as a score, put together
/// into a profile of a hidden person, or asked for without limit, and its holders hear of probing. Each
/// test plays the patient outsider of the red team: an analyst of another unit with ordinary rights.
/// </summary>
public sealed class DeconflictionOracleTests(DeconflictionLimitsApp app) : IClassFixture<DeconflictionLimitsApp>
{
    private static readonly DateOnly BornOn = new(1987, 6, 14);

    /// <summary>A London person that nobody outside London may see, under a name nobody else has.</summary>
    private Task<Guid> HiddenLondonPersonAsync(string givenName, string surname, string phone, string vehicle) => app.AsSystemAsync(async db =>
    {
        var london = await db.Set<Vigil.Web.Network.Unit>().Where(u => u.Code == "london").Select(u => u.Id).SingleAsync();
        var subject = new Subject
        {
            GivenName = givenName, Surname = surname, DateOfBirth = BornOn, DateOfBirthAccuracy = DateOfBirthAccuracy.Exact, Gender = Gender.Female,
            Classification = Classification.Official, OwningUnitId = london, CreatedAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow(),
            Contacts = [new SubjectContact { Kind = ContactKind.Phone, Value = SubjectDetails.NormalisePhone(phone) }],
            Vehicles = [new SubjectVehicle { Registration = SubjectDetails.NormaliseRegistration(vehicle) }],
            Addresses = [new SubjectAddress { Text = "4 Probe Row, London", Postcode = SubjectDetails.NormalisePostcode("E1 6AN") }],
        };
        db.Add(subject);
        await db.SaveChangesAsync();
        return subject.Id;
    });

    private async Task<HttpClient> OutsiderAsync(string name)
    {
        var email = $"{name}@test.vigil.example";
        await app.CreateUserAsync(email, Roles.Analyst, "wales", Classification.Official);
        return await app.ApiClientAsync(email);
    }

    private static async Task<List<JsonElement>> HitsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hits").EnumerateArray().ToList();
    }

    [Fact]
    public async Task DobProbe_OfOneHiddenPerson_YieldsAtMostTwoDistinguishableAnswers()
    {
        var id = await HiddenLondonPersonAsync("Zephyrine", "Quillbrook-Adair", "07700 900851", "PR08 BEA");
        using var wales = await OutsiderAsync("dob.prober");
        // The red team's dozen dates of birth: none, exact, the same month, a year or two either side, far off.
        DateOnly?[] probes =
        [
            null, BornOn, BornOn.AddDays(3), BornOn.AddDays(-20), BornOn.AddYears(1), BornOn.AddYears(-1), BornOn.AddYears(2),
            BornOn.AddYears(-2), BornOn.AddYears(5), BornOn.AddYears(-11), new DateOnly(1987, 1, 1), new DateOnly(2001, 12, 31),
        ];
        var answers = new List<string>();
        foreach (var dob in probes.Take(DeconflictionLimitsApp.Checks))
        {
            var response = await wales.PostAsJsonAsync("/api/v1/deconfliction/checks", new
            {
                purpose = "probe of a date of birth", person = new { givenName = "Zephyrine", surname = "Quillbrook-Adair", dateOfBirth = dob },
            });
            var raw = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(id.ToString(), raw, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Quillbrook", raw, StringComparison.Ordinal);
            var hit = Assert.Single(await HitsAsync(response), h => h.GetProperty("owningUnit").GetString() == "London");
            Assert.False(hit.GetProperty("visible").GetBoolean());
            Assert.Equal(JsonValueKind.Null, hit.GetProperty("strength").ValueKind);
            Assert.Equal(JsonValueKind.Null, hit.GetProperty("explanation").ValueKind);
            // The whole masked hit, as the asker sees it, is the answer: it may take two forms at most.
            answers.Add(hit.GetRawText());
        }
        // The rest of the dozen in a second window (the throttle allows a few checks at a time here).
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        foreach (var dob in probes.Skip(DeconflictionLimitsApp.Checks))
        {
            var response = await wales.PostAsJsonAsync("/api/v1/deconfliction/checks", new
            {
                purpose = "probe of a date of birth", person = new { givenName = "Zephyrine", surname = "Quillbrook-Adair", dateOfBirth = dob },
            });
            answers.Add(Assert.Single(await HitsAsync(response), h => h.GetProperty("owningUnit").GetString() == "London").GetRawText());
        }
        Assert.Equal(probes.Length, answers.Count);
        var distinct = answers.Distinct(StringComparer.Ordinal).ToList();
        Assert.True(distinct.Count <= 2, $"{distinct.Count} distinguishable answers:\n{string.Join("\n", distinct)}");
        Assert.All(distinct, a => Assert.Matches("\"band\":\"(Strong|Possible)\"", a));
    }

    [Fact]
    public async Task PhoneAndVehicle_OfOneHiddenPerson_AreTwoSeparateHits()
    {
        await HiddenLondonPersonAsync("Marisol", "Teague-Ondaatje", "07700 900852", "PR08 VEH");
        using var wales = await OutsiderAsync("profile.builder");
        var hits = await HitsAsync(await wales.PostAsJsonAsync("/api/v1/deconfliction/checks", new
        {
            purpose = "phone and vehicle from one stop", phone = "07700900852", vehicle = "pr08veh",
        }));
        // One hit per thing asked about: nothing says the two belong to one person.
        Assert.Equal(["phone", "vehicle"], hits.Select(h => h.GetProperty("matchedOn").GetString()).ToArray());
        Assert.All(hits, h => Assert.False(h.GetProperty("visible").GetBoolean()));
        Assert.Equal(hits[0].GetProperty("band").GetString(), hits[1].GetProperty("band").GetString());
        Assert.Equal(hits[0].GetProperty("contact").GetString(), hits[1].GetProperty("contact").GetString());
        Assert.All(hits, h => Assert.Equal(JsonValueKind.Null, h.GetProperty("subject").ValueKind));

        // The holders still see it as one record: visible hits are merged per record.
        using var london = await app.ApiClientAsync(DemoUsers.SioLondon);
        var own = await HitsAsync(await london.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = "own check", phone = "07700900852", vehicle = "pr08veh" }));
        Assert.Single(own);
        Assert.True(own[0].GetProperty("visible").GetBoolean());
    }

    [Fact]
    public async Task VisibleRecord_StillShowsItsFullDetailAndScore()
    {
        var id = await HiddenLondonPersonAsync("Ilse", "Varga-Montfort", "07700 900853", "PR08 VIS");
        using var london = await app.ApiClientAsync(DemoUsers.SioLondon);
        var hit = Assert.Single(await HitsAsync(await london.PostAsJsonAsync("/api/v1/deconfliction/checks", new
        {
            purpose = "own record", person = new { givenName = "Ilse", surname = "Varga-Montfort", dateOfBirth = BornOn },
        })), h => h.GetProperty("visible").GetBoolean() && h.GetProperty("subject").GetProperty("id").GetGuid() == id);
        Assert.True(hit.GetProperty("strength").GetDouble() is > 0.5 and <= 1);
        Assert.Equal("Strong", hit.GetProperty("band").GetString());
        Assert.Equal("Varga-Montfort", hit.GetProperty("subject").GetProperty("surname").GetString());
        Assert.NotEmpty(hit.GetProperty("explanation").EnumerateArray());
    }

    [Fact]
    public async Task DoorCheck_WhenRecordingASubject_MasksCandidatesTheSameWay()
    {
        var id = await HiddenLondonPersonAsync("Oriane", "Blackwood-Essien", "07700 900854", "PR08 DOR");
        using var wales = await OutsiderAsync("door.checker");
        var response = await wales.PostAsJsonAsync("/api/v1/subjects", new { givenName = "Oriane", surname = "Blackwood-Essien", dateOfBirth = BornOn, classification = "Official" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(id.ToString(), raw, StringComparison.OrdinalIgnoreCase);
        var candidate = Assert.Single(JsonDocument.Parse(raw).RootElement.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("owningUnit").GetString() == "London");
        Assert.Equal(JsonValueKind.Null, candidate.GetProperty("strength").ValueKind);
        Assert.Equal(JsonValueKind.Null, candidate.GetProperty("explanation").ValueKind);
        Assert.Equal("Strong", candidate.GetProperty("band").GetString());
    }

    [Fact]
    public async Task Checks_BeyondTheLimit_Answer429WithRetryAfter_AndAreAudited()
    {
        using var wales = await OutsiderAsync("throttled.analyst");
        for (var i = 0; i < DeconflictionLimitsApp.Checks; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await wales.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = $"routine check {i}", vehicle = $"TH{i:00} ROT" })).StatusCode);
        }
        var refused = await wales.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = "one check too many", vehicle = "TH99 ROT" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var wait = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        Assert.InRange(wait.Value.TotalSeconds, 1, 600);
        Assert.Contains("Try again in", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "deconfliction-throttled" && e.UserName == "throttled.analyst@test.vigil.example")));

        // The check at the door counts too: recording a subject is refused the same way, and nothing is recorded.
        var door = await wales.PostAsJsonAsync("/api/v1/subjects", new { givenName = "Door", surname = "Throttleby", classification = "Official" });
        Assert.Equal(HttpStatusCode.TooManyRequests, door.StatusCode);
        Assert.False(await app.AsSystemAsync(db => db.Set<Subject>().AnyAsync(s => s.Surname == "Throttleby")));

        // Once the oldest check has left the window, the next is answered.
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.OK, (await wales.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = "after the wait", vehicle = "TH98 ROT" })).StatusCode);
    }

    [Fact]
    public async Task ChecksSentTogether_CannotRacePastTheLimit()
    {
        using var wales = await OutsiderAsync("racing.analyst");
        var answers = await Task.WhenAll(Enumerable.Range(0, DeconflictionLimitsApp.Checks * 3).Select(i =>
            wales.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = $"burst check {i}", vehicle = $"RC{i:00} ROT" })));
        var answered = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.InRange(answered, 0, DeconflictionLimitsApp.Checks);
        // Refused checks are not held against the user: once the window has passed, checks are answered again.
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.OK, (await wales.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = "after the burst", vehicle = "RC99 ROT" })).StatusCode);
    }

    [Fact]
    public async Task ProbesSentTogether_AreStillReported()
    {
        var id = await HiddenLondonPersonAsync("Isolde", "Marchbank-Oyelaran", "07700 900866", "PR09 PRB");
        using var wales = await OutsiderAsync("racing.prober");
        await Task.WhenAll(Enumerable.Range(0, DeconflictionLimitsApp.ProbeHits + 1).Select(i =>
            wales.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = $"burst enquiry {i}", phone = "07700900866" })));
        var reports = await app.AsSystemAsync(db => db.AuditEntries.CountAsync(e => e.Action == "deconfliction-probe" && e.RecordId == id.ToString()));
        Assert.InRange(reports, 1, 2);
    }

    [Fact]
    public async Task Page_BeyondTheLimit_SaysWhyAndWhen()
    {
        var email = "throttled.page@test.vigil.example";
        await app.CreateUserAsync(email, Roles.Analyst, "wales", Classification.Official);
        var page = await app.SignInAsync(email, VigilApp.TestPassword);
        HttpResponseMessage last = default!;
        for (var i = 0; i <= DeconflictionLimitsApp.Checks; i++)
        {
            last = await page.SubmitAsync("/deconfliction", "check", new() { ["Input.Purpose"] = $"page check {i}", ["Input.Vehicle"] = $"PG{i:00} ROT" });
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
        var html = await last.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("Try again in", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedHits_OnAHiddenRecord_TellItsHoldersOnce_WhoAndWhy()
    {
        var id = await HiddenLondonPersonAsync("Ottilie", "Ferncastle-Rao", "07700 900855", "PR08 PRB");
        var email = "probing.analyst@test.vigil.example";
        await app.CreateUserAsync(email, Roles.Analyst, "wales", Classification.Official);
        using var wales = await app.ApiClientAsync(email);
        for (var i = 0; i < DeconflictionLimitsApp.ProbeHits + 2; i++)
        {
            await HitsAsync(await wales.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = $"enquiry {i} about a phone", phone = "07700900855" }));
        }
        using var london = await app.ApiClientAsync(DemoUsers.SioLondon);
        var inbox = (await london.GetFromJsonAsync<JsonElement>("/api/v1/inbox/?pageSize=200")).GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("recordId").GetString() == id.ToString()).ToList();
        var probe = Assert.Single(inbox, i => i.GetProperty("subject").GetString()!.StartsWith("Possible probe", StringComparison.Ordinal));
        var body = probe.GetProperty("body").GetString()!;
        Assert.Contains(email, body, StringComparison.Ordinal);
        Assert.Contains("enquiry 0 about a phone", body, StringComparison.Ordinal);
        Assert.Contains($"enquiry {DeconflictionLimitsApp.ProbeHits - 1} about a phone", body, StringComparison.Ordinal);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "deconfliction-probe" && e.RecordId == id.ToString())));
    }

    [Fact]
    public async Task MaskedHit_InTheAskersOwnUnit_TellsTheRecordsGroupOnly()
    {
        // A London record restricted to a group: a London investigator outside it checks the person.
        var (group, id) = await app.AsSystemAsync(async db =>
        {
            var london = await db.Set<Vigil.Web.Network.Unit>().Where(u => u.Code == "london").Select(u => u.Id).SingleAsync();
            var compartment = new NeedToKnowGroup { Name = "Test compartment " + Guid.NewGuid().ToString("N")[..8], OwningUnitId = london };
            var subject = new Subject
            {
                GivenName = "Perpetua", Surname = "Holloway-Njoku", Classification = Classification.Official, OwningUnitId = london,
                NeedToKnow = [new Vigil.Web.Platform.Security.RecordGroup { GroupId = compartment.Id }],
                Contacts = [new SubjectContact { Kind = ContactKind.Phone, Value = SubjectDetails.NormalisePhone("07700 900856") }],
            };
            db.AddRange(compartment, subject);
            await db.SaveChangesAsync();
            return (compartment.Id, subject.Id);
        });
        await app.CreateUserAsync("compartment.holder@test.vigil.example", Roles.Investigator, "london", Classification.Official, [group]);
        await app.CreateUserAsync("same.unit.asker@test.vigil.example", Roles.Investigator, "london", Classification.Official);
        using var asker = await app.ApiClientAsync("same.unit.asker@test.vigil.example");
        var hit = Assert.Single(await HitsAsync(await asker.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = "same-unit enquiry", phone = "07700900856" })));
        Assert.False(hit.GetProperty("visible").GetBoolean());

        using var holder = await app.ApiClientAsync("compartment.holder@test.vigil.example");
        var told = (await holder.GetFromJsonAsync<JsonElement>("/api/v1/inbox/?pageSize=200")).GetProperty("items").EnumerateArray();
        Assert.Contains(told, i => i.GetProperty("recordId").GetString() == id.ToString() && i.GetProperty("body").GetString()!.Contains("same.unit.asker@", StringComparison.Ordinal));
        // The rest of London (the asker included) is not told of a record it may not see.
        foreach (var other in new[] { "same.unit.asker@test.vigil.example", DemoUsers.SioLondon })
        {
            using var api = await app.ApiClientAsync(other);
            var items = (await api.GetFromJsonAsync<JsonElement>("/api/v1/inbox/?pageSize=200")).GetProperty("items").EnumerateArray();
            Assert.DoesNotContain(items, i => i.GetProperty("recordId").GetString() == id.ToString());
        }
        Assert.True(await app.AsSystemAsync(db => db.Set<InboxItem>().IgnoreQueryFilters().AnyAsync(i => i.RecordId == id.ToString() && i.NeedToKnow.Any(g => g.GroupId == group))));
    }
}

using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Inbox;
using Vigil.Web.Reporting;

namespace Vigil.Web.Tests.Reporting;

/// <summary>The public side of ACT: a report saved whole or not at all, routed by its postcode, its contact details under
/// their own label, no caller address stored anywhere, the robots' field, files checked and stripped, the follow-up by
/// reference and code (a wrong pair answers alike), clustering and the operations centre's flag after the save.</summary>
public sealed class ActIntakeTests(VigilApp app) : IClassFixture<VigilApp>
{
    internal static HttpClient Public(VigilApp app)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, TestClientAddress.Next());
        return client;
    }

    internal static object Report(string what, string? postcode = "M11 3FF", bool online = false, string? link = null, object[]? people = null, object[]? vehicles = null,
        object? contact = null, bool immediate = false, object[]? files = null, string? website = null) =>
        new
        {
            behaviour = online ? "online-content" : "hostile-reconnaissance", whatHappened = what, postcode, online, onlineLink = link, people, vehicles, contact,
            immediateThreat = immediate, files, website, seenOn = "2026-11-27", seenAt = "14:30",
        };

    internal static async Task<JsonElement> SendAsync(HttpClient client, object body, HttpStatusCode status = HttpStatusCode.Accepted)
    {
        var response = await client.PostAsJsonAsync("/api/v1/act/reports", body);
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<int> CountAsync() => app.AsSystemAsync(db => db.Set<ActReport>().CountAsync());

    [Fact]
    public async Task Submit_IsAccepted_WithAnUnguessableReferenceAndCode_RoutedByPostcode_ContactApart_NoAddressKept()
    {
        using var client = Public(app);
        client.DefaultRequestHeaders.Remove(TestClientAddress.Header);
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, "198.19.77.201");
        var receipt = await SendAsync(client, Report("A fictional man filmed the turnstiles for an hour.", contact: new { name = "Fictional Reporter", phone = "07700 900 555" }));
        var reference = receipt.GetProperty("reference").GetString()!;
        Assert.Matches("^ACT-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", reference);
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", receipt.GetProperty("followUpCode").GetString()!);

        var (report, contact, audit) = await app.AsSystemAsync(async db =>
        {
            var r = await db.Set<ActReport>().SingleAsync(x => x.Reference == reference);
            var c = await db.Set<ActReporterContact>().Include(x => x.NeedToKnow).SingleAsync(x => x.ReportId == r.Id);
            var a = await db.AuditEntries.Where(e => e.RecordId == r.Id.ToString()).ToListAsync();
            return (r, c, a);
        });
        var units = await app.AsSystemAsync(db => db.Set<Vigil.Web.Network.Unit>().ToDictionaryAsync(u => u.Code, u => u.Id));
        Assert.Equal(units["north-west"], report.OwningUnitId);
        Assert.Equal("Greater Manchester", report.Force);
        Assert.Equal("M11 3FF", report.Postcode);
        Assert.True(report.OfficialSensitive);
        Assert.NotEqual(receipt.GetProperty("followUpCode").GetString(), report.FollowUpCodeHash);
        // The contact details: a record of their own, restricted to the unit's ACT contact group.
        var group = await app.GroupIdAsync("ACT contact details (North West)");
        Assert.Equal([group], contact.NeedToKnow.Select(g => g.GroupId));
        Assert.Equal("07700 900 555", contact.Phone);
        // Nothing anywhere holds the caller's address.
        Assert.NotEmpty(audit);
        Assert.DoesNotContain(audit, e => (e.Detail ?? "").Contains("198.19.77.201", StringComparison.Ordinal) || (e.Purpose ?? "").Contains("198.19.77.201", StringComparison.Ordinal));
        var stored = await app.AsSystemAsync(db => db.Set<ActReport>().Where(r => r.Id == report.Id).Select(r => r.WhatHappened + r.RoutedBecause + r.Address).SingleAsync());
        Assert.DoesNotContain("198.19", stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SW1A 1AA", false, "london")]
    [InlineData("CF10 1EP", false, "wales")]
    [InlineData(null, true, "noc-coordination-centre")]
    public async Task Routing_ThePlaceGivesTheUnit_OnlineGoesToTheNationalQueue(string? postcode, bool online, string unit)
    {
        using var client = Public(app);
        var receipt = await SendAsync(client, Report("Fictional routing test.", postcode, online, online ? "https://video.example/x" : null));
        var owner = await app.AsSystemAsync(db => db.Set<ActReport>().Where(r => r.Reference == receipt.GetProperty("reference").GetString())
            .Join(db.Set<Vigil.Web.Network.Unit>(), r => r.OwningUnitId, u => u.Id, (_, u) => u.Code).SingleAsync());
        Assert.Equal(unit, owner);
    }

    [Fact]
    public async Task Submit_Invalid_IsRefusedWithMessages_AndNothingIsSaved()
    {
        using var client = Public(app);
        var before = await CountAsync();
        var problem = await SendAsync(client, new { behaviour = "not-a-kind", postcode = "NOT A POSTCODE", seenOn = "2099-01-01", seenAt = "25:99", contact = new { email = "nope" } }, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains("from the list", errors.GetProperty("Behaviour")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Tell us what you saw", errors.GetProperty("WhatHappened")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("real postcode", errors.GetProperty("Postcode")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("today or in the past", errors.GetProperty("SeenOn")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("like 14:30", errors.GetProperty("SeenAt")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("correct format", errors.GetProperty("Contact.Email")[0].GetString(), StringComparison.Ordinal);
        // A bad file spoils the whole report: nothing is kept.
        var fake = Convert.ToBase64String(Encoding.UTF8.GetBytes("MZ this is not an image"));
        var badFile = await SendAsync(client, Report("Fictional.", files: [new { fileName = "photo.jpg", contentBase64 = fake }]), HttpStatusCode.BadRequest);
        Assert.Contains("JPEG or PNG", badFile.GetProperty("errors").GetProperty("Files[0].ContentBase64")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Honeypot_IsAnsweredAsAPersonWouldBe_AndNothingIsKept()
    {
        using var client = Public(app);
        var before = await CountAsync();
        var receipt = await SendAsync(client, Report("Fictional robot text.", website: "http://spam.example"));
        Assert.StartsWith("ACT-", receipt.GetProperty("reference").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
        Assert.False(await app.AsSystemAsync(db => db.Set<ActReport>().AnyAsync(r => r.Reference == receipt.GetProperty("reference").GetString())));
    }

    /// <summary>A small JPEG with an EXIF segment naming a GPS position and a comment, which must not be stored.</summary>
    internal static byte[] JpegWithMetadata()
    {
        var exif = Encoding.ASCII.GetBytes("Exif\0\0GPSLatitude 53.4831 SECRET-CAMERA");
        var comment = Encoding.ASCII.GetBytes("taken by Fictional Reporter");
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        jpeg.Write([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        jpeg.Write([0xFF, 0xE1, (byte)((exif.Length + 2) >> 8), (byte)(exif.Length + 2)]);
        jpeg.Write(exif);
        jpeg.Write([0xFF, 0xFE, (byte)((comment.Length + 2) >> 8), (byte)(comment.Length + 2)]);
        jpeg.Write(comment);
        jpeg.Write([0xFF, 0xDB, 0x00, 0x04, 0x00, 0x01]);
        jpeg.Write([0xFF, 0xDA, 0x00, 0x02, 0x11, 0x22, 0x33, 0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    [Fact]
    public async Task Photo_IsKeptWithoutItsMetadata_AndItsHash()
    {
        using var client = Public(app);
        var receipt = await SendAsync(client, Report("Fictional photo test.", files: [new { fileName = "../../etc/IMG_0001.jpg", contentBase64 = Convert.ToBase64String(JpegWithMetadata()) }]));
        var file = await app.AsSystemAsync(db => db.Set<ActAttachment>().Join(db.Set<ActReport>().Where(r => r.Reference == receipt.GetProperty("reference").GetString()),
            a => a.ReportId, r => r.Id, (a, _) => a).SingleAsync());
        Assert.Equal("image/jpeg", file.ContentType);
        Assert.Equal("IMG_0001.jpg", file.FileName);
        var text = Encoding.ASCII.GetString(file.Content);
        Assert.DoesNotContain("GPSLatitude", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Fictional Reporter", text, StringComparison.Ordinal);
        Assert.Contains("JFIF", text, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Content)), file.Sha256);
    }

    [Fact]
    public async Task FollowUp_NeedsReferenceAndCodeTogether_AWrongPairAnswersAlike_AndTheReporterCanAdd()
    {
        using var client = Public(app);
        var receipt = await SendAsync(client, Report("Fictional follow-up test."));
        var reference = receipt.GetProperty("reference").GetString()!;
        var code = receipt.GetProperty("followUpCode").GetString()!;

        var wrongCode = await client.PostAsJsonAsync("/api/v1/act/follow-up", new { reference, code = ActReport.NewFollowUpCode() });
        var wrongReference = await client.PostAsJsonAsync("/api/v1/act/follow-up", new { reference = ActReport.NewReference(), code });
        Assert.Equal(HttpStatusCode.BadRequest, wrongCode.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongReference.StatusCode);
        static string Without(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"traceId\":\"[^\"]*\"", "");
        Assert.Equal(Without(await wrongCode.Content.ReadAsStringAsync()), Without(await wrongReference.Content.ReadAsStringAsync()));

        // Typed loosely (lower case, spaces, O for 0) it is still theirs.
        var loose = code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal).Replace("0", "o", StringComparison.Ordinal);
        var added = await client.PostAsJsonAsync("/api/v1/act/follow-up", new { reference = reference.ToLowerInvariant(), code = loose, information = "The car was a blue Ford." });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var view = await added.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The car was a blue Ford.", view.GetProperty("conversation")[0].GetProperty("text").GetString());
        Assert.True(view.GetProperty("conversation")[0].GetProperty("fromReporter").GetBoolean());
        // Nothing about what happened to the report reaches the reporter.
        Assert.False(view.TryGetProperty("outcome", out _));
        Assert.False(view.TryGetProperty("unit", out _));
    }

    [Fact]
    public async Task Arrival_ClustersWithAnEarlierReportOfThePlaceOrVehicle_AndAnImmediateThreatIsFlaggedToTheOperationsCentre()
    {
        using var client = Public(app);
        var registration = $"DM{Random.Shared.Next(10, 99)}TST";
        var first = await SendAsync(client, Report("Fictional first sighting.", "PR1 2HE", vehicles: [new { registration, make = "Ford", colour = "blue" }]));
        var second = await SendAsync(client, Report("Fictional second sighting, elsewhere.", "L3 4FP", vehicles: [new { registration = registration.ToLowerInvariant(), make = "Ford" }], immediate: true));
        var processor = app.Services.GetRequiredService<ActProcessor>();
        while (await processor.ProcessPendingAsync(CancellationToken.None) > 0)
        {
        }
        var (a, b) = await app.AsSystemAsync(async db => (
            await db.Set<ActReport>().SingleAsync(r => r.Reference == first.GetProperty("reference").GetString()),
            await db.Set<ActReport>().SingleAsync(r => r.Reference == second.GetProperty("reference").GetString())));
        Assert.True(a.Processed && b.Processed);
        var links = await app.AsSystemAsync(db => db.Set<ActClusterLink>().Where(l => l.ReportId == a.Id || l.ReportId == b.Id).ToListAsync());
        Assert.Contains(links, l => l.ReportId == a.Id && l.OtherId == b.Id && l.Reason.Contains(registration, StringComparison.Ordinal));
        Assert.Contains(links, l => l.ReportId == b.Id && l.OtherId == a.Id);
        var notices = await app.AsSystemAsync(db => db.Set<InboxItem>().Where(i => i.RecordId == b.Id.ToString()).ToListAsync());
        var noc = await app.AsSystemAsync(db => db.Set<Vigil.Web.Network.Unit>().Where(u => u.Code == "noc-coordination-centre").Select(u => u.Id).SingleAsync());
        Assert.Single(notices);
        Assert.Equal(noc, notices[0].OwningUnitId);
        Assert.Contains("Immediate threat", notices[0].Subject, StringComparison.Ordinal);
        Assert.Empty(await app.AsSystemAsync(db => db.Set<InboxItem>().Where(i => i.RecordId == a.Id.ToString()).ToListAsync()));
    }

    [Fact]
    public async Task QuestionPages_KeepWhatWasTyped_CheckYourAnswers_ThenShowTheCodeOnce()
    {
        using var client = Public(app);
        var page = new PageClient(client);
        async Task<HttpResponseMessage> Answer(string step, Dictionary<string, string> fields) =>
            await page.SubmitAsync($"/act/report/{step}", "act", fields.ToDictionary(f => "Input." + f.Key, f => f.Value));

        Assert.Equal("/act/call-999", PageClient.PathOf(await Answer("now", new() { ["HappeningNow"] = "yes" })));
        Assert.Equal("/act/report/when", PageClient.PathOf(await Answer("what", new() { ["Behaviour"] = "hostile-reconnaissance", ["WhatHappened"] = "A fictional person photographed the gates." })));
        // A page that fails keeps what was typed and says what is wrong.
        var failed = await Answer("when", new() { ["SeenOn.Day"] = "31", ["SeenOn.Month"] = "2", ["SeenOn.Year"] = "2026", ["SeenAt"] = "9pm" });
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        var html = await failed.Content.ReadAsStringAsync();
        Assert.Contains("must be a real date", html, StringComparison.Ordinal);
        Assert.Contains("value=\"9pm\"", html, StringComparison.Ordinal);
        Assert.Equal("/act/report/where", PageClient.PathOf(await Answer("when", new() { ["SeenOn.Day"] = "27", ["SeenOn.Month"] = "11", ["SeenOn.Year"] = "2026" })));
        Assert.Equal("/act/report/who", PageClient.PathOf(await Answer("where", new() { ["Where"] = "place", ["Postcode"] = "e20 2st" })));
        Assert.Equal("/act/report/vehicles", PageClient.PathOf(await Answer("who", new() { ["Person1Description"] = "tall, grey coat" })));
        Assert.Equal("/act/report/more", PageClient.PathOf(await Answer("vehicles", new() { ["Vehicle1Registration"] = "DM70 XYZ" })));
        Assert.Equal("/act/report/files", PageClient.PathOf(await Answer("more", new())));
        Assert.Equal("/act/report/contact", PageClient.PathOf(await Answer("files", new())));
        Assert.Equal("/act/report/check", PageClient.PathOf(await Answer("contact", new())));

        var (_, check) = await page.GetAsync("/act/report/check");
        var summary = check.QuerySelector("[data-testid=check-answers]")!.TextContent;
        Assert.Contains("A fictional person photographed the gates.", summary, StringComparison.Ordinal);
        Assert.Contains("E20 2ST", summary.ToUpperInvariant(), StringComparison.Ordinal);
        Assert.Contains("Anonymous", summary, StringComparison.Ordinal);
        Assert.Contains("/act/report/what?from=check", check.QuerySelector("[data-testid=check-answers] a")!.GetAttribute("href") + check.QuerySelectorAll("[data-testid=check-answers] a")[1].GetAttribute("href"), StringComparison.Ordinal);

        var before = await CountAsync();
        Assert.Equal("/act/confirmation", PageClient.PathOf(await page.SubmitAsync("/act/report/check", "act", new())));
        var (_, done) = await page.GetAsync("/act/confirmation");
        var reference = done.QuerySelector("[data-testid=act-reference]")!.TextContent;
        var code = done.QuerySelector("[data-testid=act-code]")!.TextContent;
        Assert.Matches("^[0-9A-Z-]{19}$", code);
        Assert.Equal(before + 1, await CountAsync());
        var saved = await app.AsSystemAsync(db => db.Set<ActReport>().SingleAsync(r => r.Reference == reference));
        Assert.True(saved.ImmediateThreat);
        Assert.Equal("E20 2ST", saved.Postcode);
        Assert.Equal("DM70 XYZ", saved.Vehicles.Single().Registration);
        // Shown once: the page does not show them again, and the draft is gone.
        var (_, again) = await page.GetAsync("/act/confirmation");
        Assert.Null(again.QuerySelector("[data-testid=act-code]"));
        Assert.DoesNotContain(code, again.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }
}

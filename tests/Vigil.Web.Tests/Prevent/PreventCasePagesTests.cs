using System.Text.Json;
using AngleSharp.Html.Dom;
using Vigil.Web.Prevent;
using Vigil.Web.Tests.Pursue;
using static Vigil.Web.Tests.Prevent.PreventApi;

namespace Vigil.Web.Tests.Prevent;

/// <summary>The Prevent case page, the VAF page and the Channel panel pages, driven as a browser without
/// JavaScript would: the case is made by API, every later step is taken through the pages.</summary>
public sealed class PreventCasePagesTests(VigilApp app) : IClassFixture<VigilApp>
{
    private string Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Posts the form and expects a redirect: back to the page itself (post, redirect, get), or to <paramref name="then"/>.</summary>
    private static async Task SubmitOkAsync(PageClient page, string url, string form, Dictionary<string, string> fields, string? then = null)
    {
        var response = await page.SubmitAsync(url, form, fields);
        var body = response.StatusCode == HttpStatusCode.Redirect ? "" : Html.ErrorSummaryText(await Html.DocumentAsync(response));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{form} on {url}: {(int)response.StatusCode} {body}");
        var location = PageClient.PathOf(response);
        Assert.Equal(then ?? url, location.Split('?')[0]);
        if (location.Contains("done=", StringComparison.Ordinal))
        {
            // Post, redirect, get: the page it comes back to says what was done.
            var (_, done) = await page.GetAsync(location);
            Assert.False(string.IsNullOrWhiteSpace(Html.Text(done, "done")), $"{form}: no banner saying what was done at {location}");
        }
    }

    /// <summary>A GOV.UK date input's three boxes, from an ISO date.</summary>
    private static IEnumerable<KeyValuePair<string, string>> DateFields(string name, string iso)
    {
        var date = DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return [new($"{name}.Day", date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new($"{name}.Month", date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new($"{name}.Year", date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static Dictionary<string, string> Fields(Dictionary<string, string> fields, string dateName, string iso) =>
        fields.Concat(DateFields(dateName, iso)).ToDictionary();

    /// <summary>What axe would catch in the markup alone: one h1, unique ids, a label for every field, a scope on every table header.</summary>
    private static void AssertWellFormed(IHtmlDocument page, string what)
    {
        Assert.True(page.QuerySelectorAll("h1").Length == 1, $"{what}: one h1");
        var ids = page.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
        Assert.True(ids.Count == ids.Distinct(StringComparer.Ordinal).Count(), $"{what}: duplicate ids {string.Join(", ", ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key))}");
        foreach (var field in page.QuerySelectorAll("main input:not([type=hidden]), main select, main textarea"))
        {
            Assert.True(field.Id is { Length: > 0 } id && page.QuerySelector($"label[for='{id}']") is not null, $"{what}: no label for {field.OuterHtml}");
        }
        foreach (var th in page.QuerySelectorAll("main table th"))
        {
            Assert.True(th.GetAttribute("scope") is "col" or "row", $"{what}: {th.OuterHtml} has no scope");
        }
        Assert.DoesNotContain(page.QuerySelectorAll("h1, h2, h3, h4, h5"), h => h.TextContent.Trim().Length == 0);
    }

    private static async Task<JsonElement> CaseAsync(HttpClient api, Guid id) =>
        await PursueApi.ExpectAsync(await api.GetAsync($"/api/v1/prevent/cases/{id}"), HttpStatusCode.OK);

    [Fact]
    public async Task ACase_GoesThroughThePages_FromTheGatewayToTheSixMonthReview()
    {
        using var api = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var surname = UniqueSurname("Pagecase");
        var made = await ReferAsync(api, surname, dateOfBirth: "2011-02-14"); // a date of birth no other test here uses: the check finds nobody else
        var id = made.GetProperty("id").GetGuid();
        var reference = made.GetProperty("reference").GetString()!;
        var url = $"/prevent/cases/{id}";
        var officer = await app.SignInAsync(DemoUsers.PreventNorthWest);

        // The gateway: the police run the deconfliction check, then record the outcome.
        var (response, page) = await officer.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(reference, Html.Text(page, "reference"));
        Assert.Equal("Gateway assessment", Html.Text(page, "stage"));
        Assert.Equal("Child", Html.Text(page, "age-group"));
        Assert.Contains(surname, Html.Text(page, "person"), StringComparison.Ordinal);
        Assert.Contains("Education", Html.Text(page, "referrals"), StringComparison.Ordinal);
        Assert.Contains("Shared extremist material", Html.Text(page, "referrals"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=deconflict-form]"));
        Assert.Null(page.QuerySelector("[data-testid=gateway-form]"));

        await SubmitOkAsync(officer, url, "deconflict", []);
        (_, page) = await officer.GetAsync(url);
        Assert.Contains("No other record of this person", Html.Text(page, "deconfliction"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=gateway-form]"));
        AssertWellFormed(page, "case page, at the gateway");
        await SubmitOkAsync(officer, url, "gateway", new()
        {
            ["Gateway.Finding"] = "ClearVulnerability", ["Gateway.Outcome"] = "ReferredToChannel", ["Gateway.Reason"] = "Clear vulnerability; the panel should consider support.",
        });
        (_, page) = await officer.GetAsync(url);
        Assert.Equal("Channel panel", Html.Text(page, "stage"));
        Assert.Equal("Referred to the Channel panel", Html.Text(page, "gateway-outcome"));
        Assert.Null(page.QuerySelector("[data-testid=gateway-form]"));
        Assert.Null(page.QuerySelector("[data-testid=deconflict-form]"));

        // The panel's chair, from the local authority: sees the case, never what deconfliction found, and no gateway form.
        var member = await app.SignInAsync(DemoUsers.ChannelManchester);
        (response, page) = await member.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(reference, Html.Text(page, "reference"));
        Assert.Equal("Channel panel", Html.Text(page, "stage"));
        Assert.Null(page.QuerySelector("[data-testid=deconfliction]"));
        Assert.DoesNotContain("No other record", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("other record(s)", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=gateway-form]"));
        Assert.Null(page.QuerySelector("[data-testid=deconflict-form]"));
        Assert.NotNull(page.QuerySelector("[data-testid=consent-form]"));
        AssertWellFormed(page, "case page, before the panel");

        // A meeting, recorded on the panel's page; the case is on its agenda.
        const string panelUrl = "/prevent/panels/manchester";
        await SubmitOkAsync(member, panelUrl, "add-meeting", new()
        {
            ["Meeting.HeldOn"] = Today, ["Meeting.Location"] = "Town hall (fictional)", ["Meeting.Attendees"] = "Chair; Police (Prevent); Children's services",
        });
        (_, page) = await member.GetAsync(panelUrl);
        Assert.Contains(page.QuerySelectorAll("[data-testid=agenda-panel] [data-testid=agenda-case]"), r => r.TextContent.Contains(reference, StringComparison.Ordinal));
        var meetingLink = page.QuerySelectorAll("[data-testid=meeting] a").First(a => a.TextContent.Contains("28 November 2026", StringComparison.Ordinal)).GetAttribute("href")!;
        var meetingId = meetingLink.Split('/')[^1];
        AssertWellFormed(page, "panel page");

        // The VAF page: a factor left without a judgement is named in the error summary, and nothing is recorded.
        var vafUrl = $"{url}/vaf";
        var judgements = new[] { "NotPresent", "Present", "StronglyPresent", "NotKnown" };
        var fields = new Dictionary<string, string>
        {
            ["Vaf.AssessedOn"] = Today, ["Vaf.MeetingId"] = meetingId,
            ["Vaf.EngagementSummary"] = "Drawn to an online group (fictional).", ["Vaf.IntentSummary"] = "No intent to harm seen.", ["Vaf.CapabilitySummary"] = "No capability seen.",
        };
        var factors = PreventReferenceSeed.VafFactors;
        for (var i = 0; i < factors.Count; i++)
        {
            fields[$"Vaf.Judgement[{factors[i].Code}]"] = judgements[i % judgements.Length];
            fields[$"Vaf.Notes[{factors[i].Code}]"] = $"Notes on {factors[i].Code} (fictional).";
        }
        (_, page) = await member.GetAsync(vafUrl);
        Assert.Equal(22, page.QuerySelectorAll("[data-testid=factor]").Length);
        Assert.Equal(13, page.QuerySelectorAll("[data-testid=dimension-engagement] [data-testid=factor]").Length);
        AssertWellFormed(page, "VAF page");
        var partial = new Dictionary<string, string>(fields);
        partial.Remove("Vaf.Judgement[threat]");
        var refused = await member.SubmitAsync(vafUrl, "vaf", partial);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await Html.DocumentAsync(refused);
        Assert.Contains("Feeling under threat", Html.ErrorSummaryText(refusedPage), StringComparison.Ordinal);
        Assert.True(((IHtmlInputElement)refusedPage.QuerySelector("#vaf-grievance-NotPresent")!).IsChecked);
        Assert.Empty((await CaseAsync(api, id)).GetProperty("assessments").EnumerateArray());

        await SubmitOkAsync(member, vafUrl, "vaf", fields, then: url);
        (_, page) = await member.GetAsync(url);
        var rows = page.QuerySelectorAll("[data-testid=assessment] [data-testid=judgement]");
        Assert.Equal(22, rows.Length);
        Assert.Contains("Not present", rows.Single(r => r.GetAttribute("data-factor") == "grievance").TextContent, StringComparison.Ordinal);
        Assert.Contains("Strongly present", rows.Single(r => r.GetAttribute("data-factor") == "identity").TextContent, StringComparison.Ordinal);
        Assert.Contains("Notes on identity (fictional).", rows.Single(r => r.GetAttribute("data-factor") == "identity").TextContent, StringComparison.Ordinal);
        Assert.Equal("Drawn to an online group (fictional).", Html.Text(page, "summary-engagement"));
        Assert.DoesNotContain("score", page.QuerySelector("[data-testid=assessments]")!.TextContent, StringComparison.OrdinalIgnoreCase);

        // Adopting without consent is refused, with the reason, and the case stays before the panel.
        var decision = new Dictionary<string, string>
        {
            ["Decision.MeetingId"] = meetingId, ["Decision.Decision"] = "Adopt", ["Decision.Rationale"] = "Vulnerable; a mentor is the right support.",
        };
        var noConsent = await member.SubmitAsync(url, "decision", decision);
        Assert.Equal(HttpStatusCode.OK, noConsent.StatusCode);
        var noConsentPage = await Html.DocumentAsync(noConsent);
        Assert.Contains("a parent or guardian must give consent", Html.ErrorSummaryText(noConsentPage), StringComparison.Ordinal);
        Assert.Equal("Vulnerable; a mentor is the right support.", noConsentPage.QuerySelector("#decision-rationale")!.TextContent);
        (_, page) = await member.GetAsync(url);
        Assert.Equal("Channel panel", Html.Text(page, "stage"));

        // A child cannot consent for themselves; a parent can.
        var consent = new Dictionary<string, string>
        {
            ["Consent.Given"] = "true", ["Consent.GivenBy"] = "Person", ["Consent.Name"] = $"Robin {surname}",
            ["Consent.Method"] = "InPerson", ["Consent.HasCapacity"] = "true",
        };
        consent = Fields(consent, "Consent.On", Today);
        var byChild = await member.SubmitAsync(url, "consent", consent);
        Assert.Equal(HttpStatusCode.OK, byChild.StatusCode);
        Assert.Contains("The person is a child", Html.ErrorSummaryText(await Html.DocumentAsync(byChild)), StringComparison.Ordinal);
        consent["Consent.GivenBy"] = "ParentOrGuardian";
        consent["Consent.Name"] = "Fictional Parent";
        consent["Consent.Relationship"] = "Mother";
        consent["Consent.HasCapacity"] = "false";
        await SubmitOkAsync(member, url, "consent", consent);
        (_, page) = await member.GetAsync(url);
        Assert.Equal("Given", Html.Text(page, "consent-status"));
        Assert.Contains("Fictional Parent (Mother), parent or guardian", Html.Text(page, "consents"), StringComparison.Ordinal);

        // Adopted; support added; then the exit schedules the reviews at 6 and 12 months.
        await SubmitOkAsync(member, url, "decision", decision);
        (_, page) = await member.GetAsync(url);
        Assert.Equal("Channel support", Html.Text(page, "stage"));
        Assert.Contains("Adopted as a Channel case", Html.Text(page, "decisions"), StringComparison.Ordinal);
        await SubmitOkAsync(member, url, "intervention", Fields(new()
        {
            ["Intervention.Type"] = "InterventionProvider", ["Intervention.Provider"] = "Fictional Mentoring Ltd",
        }, "Intervention.StartsOn", Today));
        (_, page) = await member.GetAsync(url);
        var intervention = Assert.Single(page.QuerySelectorAll("[data-testid=intervention]"));
        Assert.Contains("Intervention provider (mentor)", intervention.TextContent, StringComparison.Ordinal);
        Assert.Contains("Fictional Mentoring Ltd", intervention.TextContent, StringComparison.Ordinal);

        await SubmitOkAsync(member, url, "exit", Fields(new() { ["Exit.Reason"] = "Vulnerability significantly reduced." }, "Exit.ExitedOn", Today));
        (_, page) = await member.GetAsync(url);
        Assert.Equal("Left Channel", Html.Text(page, "stage"));
        Assert.Null(page.QuerySelector("[data-testid=intervention-form]"));
        Assert.Null(page.QuerySelector("[data-testid=exit-form]"));
        Assert.NotNull(page.QuerySelector("[data-testid=reopen-form]"));
        var six = page.QuerySelector("[data-testid=review][data-kind=SixMonth]")!;
        var twelve = page.QuerySelector("[data-testid=review][data-kind=TwelveMonth]")!;
        Assert.Contains("28 May 2027", six.TextContent, StringComparison.Ordinal);
        Assert.Contains("Due", six.QuerySelector("[data-testid=review-status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("28 November 2027", twelve.TextContent, StringComparison.Ordinal);
        Assert.Contains("Cancelled", page.QuerySelector("[data-testid=review][data-kind=Progress]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=review-form]").Length);
        AssertWellFormed(page, "case page, after exit");

        // The 6-month review, recorded through its own form.
        var sixForm = page.QuerySelector("[data-testid=review-form][data-kind=SixMonth]")!;
        var handler = ((IHtmlInputElement)sixForm.QuerySelector("input[name=_handler]")!).Value;
        await SubmitOkAsync(member, url, handler, Fields(new()
        {
            ["Review.Notes"] = "Settled at school; no further concerns.", ["Review.ConcernsRemain"] = "false",
        }, "Review.CompletedOn", Today));
        (_, page) = await member.GetAsync(url);
        six = page.QuerySelector("[data-testid=review][data-kind=SixMonth]")!;
        Assert.Contains("Completed", six.TextContent, StringComparison.Ordinal);
        Assert.Contains("No remaining concerns.", six.TextContent, StringComparison.Ordinal);
        Assert.Contains("Due", page.QuerySelector("[data-testid=review][data-kind=TwelveMonth] [data-testid=review-status]")!.TextContent, StringComparison.Ordinal);
        var form = Assert.Single(page.QuerySelectorAll("[data-testid=review-form]"));
        Assert.Equal("TwelveMonth", form.GetAttribute("data-kind"));
        var history = page.QuerySelectorAll("[data-testid=history-item]").Select(h => h.TextContent).ToList();
        Assert.Contains("6-month review recorded", history[^1], StringComparison.Ordinal);
        Assert.Equal("Exited", (await CaseAsync(api, id)).GetProperty("stage").GetString());

        // The meeting's page lists the decision taken at it, linking to the case.
        (response, page) = await member.GetAsync(meetingLink);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var discussed = page.QuerySelectorAll("[data-testid=discussed-case]").Single(r => r.TextContent.Contains(reference, StringComparison.Ordinal));
        Assert.Contains("Adopted as a Channel case", discussed.TextContent, StringComparison.Ordinal);
        Assert.Equal(url, discussed.QuerySelector("a")!.GetAttribute("href"));
        AssertWellFormed(page, "meeting page");
        (_, page) = await officer.GetAsync("/prevent/panels");
        Assert.Contains(page.QuerySelectorAll("[data-testid=panel]"), p => p.GetAttribute("data-code") == "manchester");
        Assert.NotNull(page.QuerySelector("[data-testid=create-panel]"));
        AssertWellFormed(page, "panel list");
    }

    [Fact]
    public async Task TheGatewayForm_WithoutAReason_ShowsTheErrorSummaryAndChangesNothing()
    {
        using var api = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var id = (await ReferAsync(api)).GetProperty("id").GetGuid();
        await PursueApi.PostAsync(api, $"/api/v1/prevent/cases/{id}/deconfliction", new { });
        var before = await CaseAsync(api, id);
        var url = $"/prevent/cases/{id}";
        var officer = await app.SignInAsync(DemoUsers.PreventNorthWest);

        var response = await officer.SubmitAsync(url, "gateway", new() { ["Gateway.Finding"] = "ClearVulnerability", ["Gateway.Outcome"] = "ReferredToChannel" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.DocumentAsync(response);
        Assert.Contains("Give the reason for the outcome", Html.ErrorSummaryText(page), StringComparison.Ordinal);
        Assert.Equal("#gateway-reason", page.QuerySelector(".govuk-error-summary a")!.GetAttribute("href"));
        Assert.True(((IHtmlInputElement)page.QuerySelector("#gateway-outcome-ReferredToChannel")!).IsChecked);
        Assert.Equal("Gateway assessment", Html.Text(page, "stage"));

        var after = await CaseAsync(api, id);
        Assert.Equal("Gateway", after.GetProperty("stage").GetString());
        Assert.Equal(before.GetProperty("history").GetArrayLength(), after.GetProperty("history").GetArrayLength());
        Assert.Equal(before.GetProperty("version").GetGuid(), after.GetProperty("version").GetGuid());
    }

    [Fact]
    public async Task APursueOfficer_GetsNotFound_OnTheCaseAndPanelPages()
    {
        using var api = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var id = (await ReferAsync(api)).GetProperty("id").GetGuid();
        await ToPanelAsync(api, id);
        var meeting = await MeetingAsync(api);
        var sio = await app.SignInAsync(DemoUsers.SioNorthWest);

        foreach (var url in new[] { $"/prevent/cases/{id}", $"/prevent/cases/{id}/vaf", "/prevent/panels", "/prevent/panels/manchester", $"/prevent/panels/manchester/meetings/{meeting}" })
        {
            var (response, page) = await sio.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
            Assert.DoesNotContain("Manchester City Council", page.Body?.TextContent ?? "", StringComparison.Ordinal);
        }

        // And a panel member from elsewhere, or a missing case, answers the same.
        var member = await app.SignInAsync(DemoUsers.ChannelManchester);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/prevent/panels/bolton")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/prevent/cases/{Guid.NewGuid()}")).Response.StatusCode);
    }
}

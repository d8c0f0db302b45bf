using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Prevent;
using static Vigil.Web.Tests.Prevent.PreventApi;

namespace Vigil.Web.Tests.Prevent;

/// <summary>The Prevent intake pages as their users meet them: the public form (anonymous), the new
/// referrals queue and one referral accepted, the officer's form with the open-case offer, the queues
/// and the case list, and who may not see them. The API sets the scene where it can; the pages are
/// what is tested.</summary>
public sealed partial class PreventIntakePagesTests(VigilApp app) : IClassFixture<VigilApp>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    /// <summary>A browser with no account: cookies (for the antiforgery token), no automatic redirects.</summary>
    private PageClient Anonymous() => new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    private static IReadOnlyList<string> FormNames(IHtmlDocument document) =>
        document.QuerySelectorAll("form input[name=_handler]").Select(i => i.GetAttribute("value")!).ToList();

    private static Dictionary<string, string> Fields(string surname, string givenName = "Robin", string dateOfBirth = "2009-03-01",
        string whatPrompted = "Fictional: shared extremist videos with classmates and talked about them at length.") => new()
        {
            ["Input.Panel"] = "manchester",
            ["Input.Sector"] = "Education",
            ["Input.ReferrerName"] = "Fictional Teacher",
            ["Input.ReferrerOrganisation"] = "Example Academy",
            ["Input.ReferrerRole"] = "Designated safeguarding lead",
            ["Input.ReferrerContact"] = "dsl@example.org",
            ["Input.GivenName"] = givenName,
            ["Input.Surname"] = surname,
            ["Input.DateOfBirth"] = dateOfBirth,
            ["Input.Gender"] = "Male",
            ["Input.Address"] = "1 Example Street, Manchester",
            ["Input.Postcode"] = "M1 1AA",
            ["Input.ConcernType"] = "extreme-right-wing",
            ["Input.WhatPrompted"] = whatPrompted,
        };

    private Task<int> CaseCountAsync() => app.AsSystemAsync(db => db.Set<PreventCase>().IgnoreQueryFilters().CountAsync());

    private Task<int> SubmissionsAboutAsync(string surname) =>
        app.AsSystemAsync(db => db.Set<PublicReferral>().IgnoreQueryFilters().CountAsync(r => r.Surname == surname));

    private async Task<JsonElement> CaseByApiAsync(Guid id)
    {
        using var api = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        return await Vigil.Web.Tests.Pursue.PursueApi.ExpectAsync(await api.GetAsync($"/api/v1/prevent/cases/{id}"), HttpStatusCode.OK);
    }

    [GeneratedRegex("^/prevent/cases/([0-9a-f-]{36})$")]
    private static partial Regex CasePath();

    private static Guid CaseIdFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var match = CasePath().Match(PageClient.PathOf(response));
        Assert.True(match.Success, $"redirected to {PageClient.PathOf(response)}");
        return Guid.Parse(match.Groups[1].Value);
    }

    [Fact]
    public async Task PublicForm_Anonymous_SendsAReferralThatOnlyThePreventTeamSees_AndAcceptingItMakesACase()
    {
        var visitor = Anonymous();
        var (get, form) = await visitor.GetAsync("/prevent/refer");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("refer", FormNames(form));
        Assert.Single(form.QuerySelectorAll("h1"));
        Assert.Contains("999", form.QuerySelector("[data-testid=emergency]")!.TextContent);
        Assert.Null(form.QuerySelector("[data-testid=signed-in-as]"));
        Assert.Null(form.QuerySelector("#navigation"));
        Assert.NotEmpty(form.QuerySelectorAll("#Panel option[value=manchester]"));
        Assert.NotEmpty(form.QuerySelectorAll("#ConcernType option[value=islamist]"));
        // Anonymous writes are rate-limited per address, as the API's public form is.
        var endpoint = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Single(e => e.RoutePattern.RawText == "/prevent/refer");
        Assert.NotNull(endpoint.Metadata.GetMetadata<Vigil.Web.Platform.Security.PublicFormLimitAttribute>());

        var surname = UniqueSurname("Publicform");
        var fields = Fields(surname, givenName: "Quillon");
        fields["Input.Sector"] = "FriendsAndFamily";
        fields["Input.ReferrerName"] = "Fictional Aunt";
        fields["Input.ReferrerContact"] = "aunt-0161@example.org";
        var sent = await visitor.SubmitAsync("/prevent/refer", "refer", fields);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var html = await sent.Content.ReadAsStringAsync();
        var confirmation = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var reference = confirmation.QuerySelector("[data-testid=receipt-reference]")?.TextContent.Trim();
        Assert.NotNull(reference);
        Assert.Matches("^R-[0-9A-F]{8}$", reference);
        Assert.Contains(reference, confirmation.QuerySelector("[data-testid=receipt-message]")!.TextContent);
        // Nothing of what was entered comes back.
        foreach (var entered in new[] { surname, "Quillon", "Fictional Aunt", "aunt-0161@example.org", "1 Example Street", "shared extremist videos" })
        {
            Assert.DoesNotContain(entered, html, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(1, await SubmissionsAboutAsync(surname));

        // The North West Prevent officer finds it in the new-referrals queue and opens it.
        var officer = await app.SignInAsync(DemoUsers.PreventNorthWest);
        var (queueResponse, queue) = await officer.GetAsync("/prevent/submissions");
        Assert.Equal(HttpStatusCode.OK, queueResponse.StatusCode);
        var row = queue.QuerySelectorAll("[data-testid=submission-row]").SingleOrDefault(r => r.TextContent.Contains(reference));
        Assert.NotNull(row);
        Assert.Contains(surname, row.TextContent);
        Assert.Contains("Friends and family", row.TextContent);
        var link = row.QuerySelector("a")!.GetAttribute("href")!;
        var (one, submission) = await officer.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Contains("aunt-0161@example.org", submission.QuerySelector("[data-testid=submission-referrer]")!.TextContent);
        Assert.Equal(["accept", "decline"], FormNames(submission).Order().ToArray());

        // The home page counts it.
        var (_, home) = await officer.GetAsync("/prevent");
        Assert.True(int.Parse(home.QuerySelector("[data-testid=new-referrals-count]")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture) >= 1);

        // The Channel panel member sees nothing of it: the queue page says it is police work, the referral is "not found".
        var member = await app.SignInAsync(DemoUsers.ChannelManchester);
        var (memberQueue, memberDocument) = await member.GetAsync("/prevent/submissions");
        Assert.Equal(HttpStatusCode.OK, memberQueue.StatusCode);
        Assert.NotNull(memberDocument.QuerySelector("[data-testid=not-police]"));
        Assert.Null(memberDocument.QuerySelector("[data-testid=submissions]"));
        Assert.DoesNotContain(reference, memberDocument.DocumentElement.OuterHtml);
        Assert.DoesNotContain(surname, memberDocument.DocumentElement.OuterHtml);
        var (memberOne, _) = await member.GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, memberOne.StatusCode);
        var (memberHome, memberHomeDocument) = await member.GetAsync("/prevent");
        Assert.Equal(HttpStatusCode.OK, memberHome.StatusCode);
        Assert.Null(memberHomeDocument.QuerySelector("[data-testid=new-referrals]"));

        // Accepted, it becomes a case at the gateway, dated when it was received, and leaves the queue.
        var cases = await CaseCountAsync();
        var id = CaseIdFrom(await officer.SubmitAsync(link, "accept", []));
        Assert.Equal(cases + 1, await CaseCountAsync());
        var made = await CaseByApiAsync(id);
        Assert.Equal(surname, made.GetProperty("surname").GetString());
        Assert.True(made.GetProperty("referrals")[0].GetProperty("fromPublicForm").GetBoolean());
        var (_, after) = await officer.GetAsync(link);
        Assert.Contains("Accepted", after.QuerySelector("[data-testid=submission-state]")!.TextContent);
        Assert.Empty(FormNames(after));
        var (_, queueAfter) = await officer.GetAsync("/prevent/submissions");
        Assert.DoesNotContain(reference, queueAfter.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task PublicForm_Invalid_ShowsTheErrorSummaryKeepsWhatWasEntered_AndCreatesNothing()
    {
        var visitor = Anonymous();
        var surname = UniqueSurname("Badform");
        var fields = Fields(surname, givenName: "", dateOfBirth: Today.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        fields["Input.ReferrerContact"] = "";
        var response = await visitor.SubmitAsync("/prevent/refer", "refer", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Html.DocumentAsync(response);
        var summary = Html.ErrorSummary(document);
        Assert.Contains("Enter the person's given name", summary);
        Assert.Contains("Date of birth must be in the past", summary);
        Assert.Contains(summary, m => m.StartsWith("Enter a phone number or e-mail address", StringComparison.Ordinal));
        var links = Html.ErrorLinks(document);
        Assert.Equal("#GivenName", links[0]); // in the order of the form
        Assert.Contains("#GivenName", links);
        Assert.Contains("#DateOfBirth", links);
        Assert.Contains("#ReferrerContact", links);
        // Each link lands on a field of the form, and the field shows its own message.
        foreach (var href in links)
        {
            Assert.NotNull(document.QuerySelector(href));
        }
        Assert.NotNull(document.QuerySelector(".govuk-form-group--error #DateOfBirth"));
        Assert.Equal(surname, ((IHtmlInputElement)document.QuerySelector("#Surname")!).Value);
        Assert.Null(document.QuerySelector("[data-testid=confirmation]"));
        Assert.Equal(0, await SubmissionsAboutAsync(surname));
    }

    [Theory]
    [InlineData("dsl@example", false)]
    [InlineData("dsl at@example.org", false)]
    [InlineData("@example.org", false)]
    [InlineData("dsl@example.org", true)]
    [InlineData("0161 496 0000", true)]
    public async Task PublicForm_AContactThatLooksLikeAnEmail_MustBeOne(string contact, bool accepted)
    {
        var visitor = Anonymous();
        var surname = UniqueSurname("Contact");
        var fields = Fields(surname);
        fields["Input.ReferrerContact"] = contact;
        var response = await visitor.SubmitAsync("/prevent/refer", "refer", fields);
        var document = await Html.DocumentAsync(response);
        var refused = Html.ErrorSummary(document).Contains("Enter an e-mail address in the correct format, like name@example.org, or a phone number");
        Assert.Equal(!accepted, refused);
        Assert.Equal(accepted ? 1 : 0, await SubmissionsAboutAsync(surname));
    }

    [Fact]
    public async Task PublicPages_AreAPublicService_WithItsOwnFooter_AndNoStaffWarning()
    {
        var visitor = Anonymous();
        foreach (var (url, heading) in new[] { ("/prevent/refer", ""), ("/privacy", "Privacy notice"), ("/accessibility", "Accessibility statement"), ("/cookies", "Cookies") })
        {
            var response = await visitor.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var document = await Html.DocumentAsync(response);
            if (heading.Length > 0)
            {
                Assert.Equal(heading, document.QuerySelector("h1")!.TextContent.Trim());
            }
            Assert.Equal(["/privacy", "/accessibility", "/cookies"], document.QuerySelectorAll("[data-testid=public-footer] a").Select(a => a.GetAttribute("href")));
            Assert.DoesNotContain("policing purpose", document.Body!.TextContent, StringComparison.Ordinal);
            Assert.Null(document.QuerySelector("#navigation"));
        }
    }

    [Fact]
    public async Task OfficerForm_MakesACase_ThenOffersItForTheSamePerson_AndJoiningAddsTheReferralToIt()
    {
        var officer = await app.SignInAsync(DemoUsers.PreventNorthWest);
        var (get, form) = await officer.GetAsync("/prevent/referrals/new");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("refer", FormNames(form));
        Assert.Equal("date", form.QuerySelector("#DateOfBirth")!.GetAttribute("type"));

        var surname = UniqueSurname("Officerform");
        var id = CaseIdFrom(await officer.SubmitAsync("/prevent/referrals/new", "refer", Fields(surname)));
        var made = await CaseByApiAsync(id);
        Assert.Equal(surname, made.GetProperty("surname").GetString());
        Assert.Equal("Gateway", made.GetProperty("stage").GetString());
        Assert.Equal(1, made.GetProperty("referrals").GetArrayLength());
        var reference = made.GetProperty("reference").GetString()!;

        // The same person again: no second case, the open one is offered, and what was entered is kept.
        var cases = await CaseCountAsync();
        var again = Fields(surname, whatPrompted: "Fictional: a youth worker saw the same videos being shared at the club.");
        again["Input.Sector"] = "Community";
        var offered = await officer.SubmitAsync("/prevent/referrals/new", "refer", again);
        Assert.Equal(HttpStatusCode.OK, offered.StatusCode);
        var offer = await Html.DocumentAsync(offered);
        var row = Assert.Single(offer.QuerySelectorAll("[data-testid=open-case]"));
        Assert.Contains(reference, row.TextContent);
        Assert.Contains("1 Mar 2009", row.TextContent);
        var join = (IHtmlButtonElement)row.QuerySelector("[data-testid=join-case]")!;
        Assert.Equal("Input.JoinCase", join.Name);
        Assert.Equal(id.ToString(), join.Value);
        Assert.Equal("Input.NotTheSamePerson", offer.QuerySelector("[data-testid=not-the-same-person]")!.GetAttribute("name"));
        Assert.Equal(surname, ((IHtmlInputElement)offer.QuerySelector("#Surname")!).Value);
        Assert.Contains("youth worker", offer.QuerySelector("#WhatPrompted")!.TextContent);
        Assert.True(((IHtmlInputElement)offer.QuerySelector("#Sector-Community")!).IsChecked);
        Assert.Equal(cases, await CaseCountAsync());

        // "Add this referral to PRV-...": the same case, now with two referrals.
        again[join.Name!] = join.Value;
        Assert.Equal(id, CaseIdFrom(await officer.SubmitAsync("/prevent/referrals/new", "refer", again)));
        Assert.Equal(cases, await CaseCountAsync());
        var joined = await CaseByApiAsync(id);
        Assert.Equal(2, joined.GetProperty("referrals").GetArrayLength());
        Assert.Contains(joined.GetProperty("referrals").EnumerateArray(), r => r.GetProperty("sector").GetString() == "Community");

        // "This is a different person": a new case all the same.
        var other = Fields(surname);
        other["Input.NotTheSamePerson"] = "true";
        var second = CaseIdFrom(await officer.SubmitAsync("/prevent/referrals/new", "refer", other));
        Assert.NotEqual(id, second);
        Assert.Equal(cases + 1, await CaseCountAsync());

        // Both are in the gateway queue with their target date, and in the case list.
        var (_, due) = await officer.GetAsync("/prevent/assessments-due");
        var dueRow = due.QuerySelectorAll("[data-testid=assessment-row]").SingleOrDefault(r => r.TextContent.Contains(reference));
        Assert.NotNull(dueRow);
        var target = Today.AddDays(PreventCases.GatewayTargetDays).ToString("d MMM yyyy", System.Globalization.CultureInfo.CurrentCulture);
        Assert.Equal(target, dueRow.QuerySelector("[data-testid=target-date]")!.TextContent.Trim());
        Assert.Null(dueRow.QuerySelector("[data-testid=overdue-tag]"));
        Assert.Contains(due.QuerySelectorAll("[data-testid=assessment-row] a"), a => a.GetAttribute("href") == $"/prevent/cases/{second}");

        var (_, list) = await officer.GetAsync($"/prevent/cases?name={surname}");
        var listed = list.QuerySelectorAll("[data-testid=case-row] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(2, listed.Count);
        Assert.Contains($"/prevent/cases/{id}", listed);
        var (_, byReference) = await officer.GetAsync($"/prevent/cases?name={reference}");
        Assert.Equal([$"/prevent/cases/{id}"], byReference.QuerySelectorAll("[data-testid=case-row] a").Select(a => a.GetAttribute("href")).ToArray());
    }

    [Fact]
    public async Task OfficerForm_Invalid_ShowsTheServiceMessagesAgainstTheirFields()
    {
        var officer = await app.SignInAsync(DemoUsers.PreventNorthWest);
        var surname = UniqueSurname("Officerbad");
        var fields = Fields(surname, dateOfBirth: Today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        fields["Input.Panel"] = "tower-hamlets"; // served by London's Prevent team
        fields.Remove("Input.Sector");
        var cases = await CaseCountAsync();
        var response = await officer.SubmitAsync("/prevent/referrals/new", "refer", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Html.DocumentAsync(response);
        Assert.Contains("Date of birth must be in the past", Html.ErrorSummary(document));
        Assert.Contains("Choose the sector the referral comes from", Html.ErrorSummary(document));
        Assert.Contains("#Sector", Html.ErrorLinks(document));
        Assert.NotNull(document.QuerySelector("#Sector"));
        Assert.Equal(cases, await CaseCountAsync());

        // Valid but for another unit's area: refused against the area field.
        fields = Fields(surname);
        fields["Input.Panel"] = "tower-hamlets";
        response = await officer.SubmitAsync("/prevent/referrals/new", "refer", fields);
        document = await Html.DocumentAsync(response);
        Assert.Contains(Html.ErrorSummary(document), m => m.Contains("another unit's Prevent team", StringComparison.Ordinal));
        Assert.Contains("#Panel", Html.ErrorLinks(document));
        Assert.Equal(cases, await CaseCountAsync());
    }

    [Fact]
    public async Task PursueOfficer_FindsNoPreventPages_AndThePanelMemberIsPointedToThePublicForm()
    {
        var sio = await app.SignInAsync(DemoUsers.SioNorthWest);
        foreach (var url in new[] { "/prevent", "/prevent/cases", "/prevent/referrals/new", "/prevent/submissions", "/prevent/assessments-due", "/prevent/reviews-due" })
        {
            var (response, _) = await sio.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
        }
        var (_, sioHome) = await sio.GetAsync("/");
        Assert.DoesNotContain(sioHome.QuerySelectorAll("#navigation a"), a => a.GetAttribute("href") == "/prevent");

        var officer = await app.SignInAsync(DemoUsers.PreventNorthWest);
        var (_, officerHome) = await officer.GetAsync("/");
        Assert.Contains(officerHome.QuerySelectorAll("#navigation a"), a => a.GetAttribute("href") == "/prevent");

        var member = await app.SignInAsync(DemoUsers.ChannelManchester);
        var (_, memberHome) = await member.GetAsync("/");
        Assert.Contains(memberHome.QuerySelectorAll("#navigation a"), a => a.GetAttribute("href") == "/prevent");
        var (formResponse, form) = await member.GetAsync("/prevent/referrals/new");
        Assert.Equal(HttpStatusCode.OK, formResponse.StatusCode);
        Assert.Empty(FormNames(form));
        Assert.Contains(form.QuerySelectorAll("[data-testid=not-police] a"), a => a.GetAttribute("href") == "/prevent/refer");
        // A post made all the same finds no form to post to (400) and records nothing.
        var cases = await CaseCountAsync();
        var (_, anyPage) = await member.GetAsync("/prevent/cases");
        var token = ((IHtmlInputElement)anyPage.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        var forced = await member.PostFormAsync("/prevent/referrals/new", [.. Fields(UniqueSurname("Forced")),
            new("_handler", "refer"), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.BadRequest, forced.StatusCode);
        Assert.Equal(cases, await CaseCountAsync());
    }

    [Fact]
    public async Task CaseListAndReviewQueue_FilterSortAndShowTheirEmptyStates()
    {
        using var api = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var stem = UniqueSurname("Listed");
        var firstCase = await ReferAsync(api, surname: stem + "a");
        var secondCase = await ReferAsync(api, surname: stem + "b", panel: "bolton");
        // References are random, so which of the two sorts first is read from them.
        var (first, second) = (firstCase.GetProperty("id").GetGuid(), secondCase.GetProperty("id").GetGuid());
        var bolt = second;
        if (string.CompareOrdinal(firstCase.GetProperty("reference").GetString(), secondCase.GetProperty("reference").GetString()) > 0)
        {
            (first, second) = (second, first);
        }
        var officer = await app.SignInAsync(DemoUsers.PreventNorthWest);

        var (_, all) = await officer.GetAsync($"/prevent/cases?name={stem}&sort=reference&order=asc");
        var rows = all.QuerySelectorAll("[data-testid=case-row] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/prevent/cases/{first}", $"/prevent/cases/{second}"], rows);
        Assert.Equal("ascending", all.QuerySelector("[data-testid=sort-reference]")!.ParentElement!.GetAttribute("aria-sort"));
        // The heading of the current sort turns it round and keeps the filter.
        var turn = all.QuerySelector("[data-testid=sort-reference]")!.GetAttribute("href")!;
        Assert.Contains("order=desc", turn);
        Assert.Contains($"name={stem}", turn);
        var (_, turned) = await officer.GetAsync(new Uri(turn).PathAndQuery);
        Assert.Equal([$"/prevent/cases/{second}", $"/prevent/cases/{first}"], turned.QuerySelectorAll("[data-testid=case-row] a").Select(a => a.GetAttribute("href")).ToArray());

        var (_, bolton) = await officer.GetAsync($"/prevent/cases?name={stem}&panel=bolton");
        Assert.Equal([$"/prevent/cases/{bolt}"], bolton.QuerySelectorAll("[data-testid=case-row] a").Select(a => a.GetAttribute("href")).ToArray());
        var (_, none) = await officer.GetAsync($"/prevent/cases?name={stem}&stage=Support");
        Assert.NotNull(none.QuerySelector("[data-testid=empty]"));
        Assert.Null(none.QuerySelector("[data-testid=cases]"));

        // The Manchester panel member sees neither: both are still at the police gateway.
        var member = await app.SignInAsync(DemoUsers.ChannelManchester);
        var (_, memberList) = await member.GetAsync($"/prevent/cases?name={stem}");
        Assert.NotNull(memberList.QuerySelector("[data-testid=empty]"));
        var (_, memberDue) = await member.GetAsync("/prevent/assessments-due");
        Assert.DoesNotContain(stem, memberDue.DocumentElement.OuterHtml);

    }

    [Fact]
    public async Task ReviewQueue_ShowsTheProgressReviewOfASupportedCase_OverdueWhenPastItsDate()
    {
        using var api = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var (id, _) = await AdoptedAsync(api);
        var reference = (await CaseByApiAsync(id)).GetProperty("reference").GetString()!;
        // Support from 40 days ago at the default 28-day interval: its progress review is 12 days overdue.
        await StepAsync(api, id, "interventions", new { type = "InterventionProvider", provider = "Fictional mentor service", startsOn = Today.AddDays(-40).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });

        foreach (var user in new[] { DemoUsers.PreventNorthWest, DemoUsers.ChannelManchester })
        {
            var page = await app.SignInAsync(user);
            var (response, document) = await page.GetAsync("/prevent/reviews-due?days=30");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(((IHtmlOptionElement)document.QuerySelector("#days option[value='30']")!).IsSelected);
            var row = document.QuerySelectorAll("[data-testid=review-row]").SingleOrDefault(r => r.TextContent.Contains(reference));
            Assert.True(row is not null, $"{user} does not see the review of {reference}");
            Assert.Contains("Progress review", row.TextContent);
            Assert.Contains(Today.AddDays(-12).ToString("d MMM yyyy", System.Globalization.CultureInfo.CurrentCulture), row.TextContent);
            Assert.NotNull(row.QuerySelector("[data-testid=overdue-tag]"));
            Assert.Equal($"/prevent/cases/{id}", row.QuerySelector("a")!.GetAttribute("href"));

            var (_, home) = await page.GetAsync("/prevent");
            Assert.NotNull(home.QuerySelector("[data-testid=reviews-overdue]"));
            Assert.Contains(home.QuerySelectorAll("[data-testid=my-panels] a"), a => a.GetAttribute("href") == "/prevent/panels/manchester");
        }

        // Any window other than those offered falls back to 14 days.
        var officer = await app.SignInAsync(DemoUsers.PreventNorthWest);
        var (_, odd) = await officer.GetAsync("/prevent/reviews-due?days=5000");
        Assert.True(((IHtmlOptionElement)odd.QuerySelector("#days option[value='14']")!).IsSelected);
    }
}

using AngleSharp.Html.Dom;
using static Vigil.Web.Tests.Pursue.PursueApi;

namespace Vigil.Web.Tests.Platform;

/// <summary>The home page and the service navigation, each contributed by the modules: every person sees
/// their own work in the modules they work in, and links only to what their part allows.</summary>
public sealed class HomePageTests(VigilApp app) : IClassFixture<VigilApp>
{
    private static List<string> Panels(IHtmlDocument home) =>
        [.. home.QuerySelectorAll("[data-testid=home-panel] h2").Select(h => h.TextContent.Trim())];

    private static List<string> Links(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#navigation a.govuk-service-navigation__link").Select(a => a.TextContent.Trim())];

    private static string Text(IHtmlDocument page, string testId) => page.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    [Fact]
    public async Task Home_ShowsAnOfficerTheActionsAllocatedToThem_AndCountsANewOverdueOne()
    {
        var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var id = (await OpenAsync(sio)).GetProperty("id").GetGuid();
        await AddMemberAsync(sio, id, DemoUsers.InvestigatorLondon, "Officer");
        var officer = await app.SignInAsync(DemoUsers.InvestigatorLondon);

        var (_, before) = await officer.GetAsync("/");
        Assert.Equal(["Investigations", "Subjects", "Inbox", "Network", "API tokens"], Panels(before));
        var open = int.Parse(Text(before, "my-actions").Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var theirs = (await PostAsync(sio, $"/api/v1/investigations/{id}/actions",
            new { title = "Trace the hire van", dueDate = today, allocateTo = DemoUsers.InvestigatorLondon }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await PostAsync(sio, $"/api/v1/investigations/{id}/actions", new { title = "Not theirs", dueDate = today }, HttpStatusCode.Created);
        // Due yesterday: overdue now.
        await app.AsSystemAsync(db => db.Set<Vigil.Web.Pursue.InvestigationAction>().IgnoreQueryFilters().Where(a => a.Id == theirs)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.DueDate, (DateOnly?)today.AddDays(-1))));

        var (_, after) = await officer.GetAsync("/");
        Assert.Equal($"Actions allocated to you: {open + 1}", Text(after, "my-actions"));
        Assert.Matches(@"^[1-9][0-9]* overdue$", Text(after, "my-overdue-actions"));
        var queue = (await officer.GetAsync("/investigations/actions?view=mine")).Document;
        Assert.Contains(queue.QuerySelectorAll("[data-testid=queue-row]"), r => r.TextContent.Contains("Trace the hire van", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Home_ShowsAPreventOfficerTheGatewayQueue_CountedAsTheQueuePageLists()
    {
        var officer = await app.SignInAsync(DemoUsers.PreventNorthWest);
        var (_, home) = await officer.GetAsync("/");
        Assert.Contains("Prevent", Panels(home));
        var queue = (await officer.GetAsync("/prevent/assessments-due")).Document;
        var rows = queue.QuerySelectorAll("[data-testid=assessment-row]").Length;
        Assert.Equal($"Cases at the gateway: {rows}", Text(home, "gateway-due"));
    }

    [Fact]
    public async Task Home_APartnersPanelMember_SeesPreventButNoInvestigations()
    {
        var member = await app.SignInAsync(DemoUsers.ChannelManchester);
        var (_, home) = await member.GetAsync("/");
        Assert.Contains("Prevent", Panels(home));
        Assert.DoesNotContain("Investigations", Panels(home));
        Assert.Null(home.QuerySelector("[data-testid=gateway-due]"));
        Assert.DoesNotContain("Investigations", Links(home));
        Assert.DoesNotContain("Deconfliction", Links(home));
    }

    [Fact]
    public async Task Navigation_OffersEachRoleItsOwnPages()
    {
        var officer = Links((await (await app.SignInAsync(DemoUsers.InvestigatorNorthWest)).GetAsync("/")).Document);
        Assert.Equal(["Home", "Subjects", "Investigations", "Intelligence", "Prepare", "Surge", "Network", "Organisations", "Deconfliction", "Inbox", "API tokens"], officer);

        // The CTSA keeps the Protect register; the national duty officer records the level and reads the board.
        var ctsa = Links((await (await app.SignInAsync(DemoUsers.CtsaLondon)).GetAsync("/")).Document);
        Assert.Contains("Protect", ctsa);
        Assert.Contains("Prepare", ctsa);

        // HQ's planner reads the national picture; an officer of a unit does not.
        var planner = Links((await (await app.SignInAsync(DemoUsers.PlanningHq)).GetAsync("/")).Document);
        Assert.Contains("National picture", planner);
        Assert.DoesNotContain("National picture", officer);

        var admin = Links((await (await app.SignInAsync(DemoUsers.Admin)).GetAsync("/")).Document);
        Assert.Contains("Users", admin);
        Assert.Contains("Need-to-know groups", admin);
        Assert.DoesNotContain("Audit log", admin);

        var auditor = Links((await (await app.SignInAsync(DemoUsers.Auditor)).GetAsync("/")).Document);
        Assert.Contains("Audit log", auditor);
        // Retention review: the records review officers, and the auditors who read its tombstones.
        Assert.Contains("Retention", auditor);
        Assert.DoesNotContain("Retention", officer);
        Assert.DoesNotContain("Users", auditor);
    }
}

using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Tests;

/// <summary>
/// Every role's main pages, as that person uses them, at a tablet's width (768 px) and a desktop's
/// (1366 px): each page loads with its heading, passes axe, and fits the width without scrolling sideways.
/// The public pages are also walked at a phone's width (375 px). Axe runs at the narrowest width only: the markup
/// is the same at every width (only the style sheet's layout changes, which the fit check covers at each width), and
/// axe is most of the suite's time.
/// </summary>
public sealed partial class RoleWalkTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>A page of the walk: a path, or "the first link on that page whose path matches" and then the
    /// pages under it (an investigation's sections).</summary>
    private sealed record Stop(string Path, Regex? FollowFirst = null, string[]? Then = null);

    private static Stop At(string path) => new(path);

    private static Stop First(string from, Regex link, params string[] then) => new(from, link, then);

    private static readonly Dictionary<string, Stop[]> Walks = new()
    {
        [DemoUsers.SioLondon] =
        [
            At("/"), At("/investigations"), First("/investigations", Investigation(), "/actions", "/policy-file", "/subjects", "/timeline", "/elg", "/exhibits", "/disclosure"),
            At("/investigations/actions"), At("/subjects"),
            First("/subjects", Subject()), At("/subjects/reviews-due"), At("/deconfliction"), At("/search?q=Operation"), At("/inbox"), At("/account/tokens"),
            At("/organisations"),
        ],
        [DemoUsers.IntelligenceLondon] =
        [
            At("/"), At("/intelligence"), At("/intelligence?queue=DueForReview"), At("/intelligence/reports/new"), First("/intelligence", Report(), "/print"),
            At("/search?q=source"), At("/search/saved"),
        ],
        [DemoUsers.IntelligenceNorthWest] = [At("/"), At("/intelligence"), At("/search?q=reports")],
        [DemoUsers.InvestigatorNorthWest] = [At("/"), At("/investigations"), At("/investigations/actions"), At("/subjects"), At("/subjects/new"), At("/investigations/new")],
        [DemoUsers.PreventNorthWest] =
        [
            At("/"), At("/prevent"), At("/prevent/cases"), First("/prevent/cases", PreventCase()), At("/prevent/assessments-due"), At("/prevent/reviews-due"),
            At("/prevent/panels"), At("/prevent/panels/manchester"), At("/prevent/submissions"), At("/prevent/referrals/new"), At("/prevent/statistics"),
        ],
        [DemoUsers.ChannelManchester] = [At("/"), At("/prevent"), At("/prevent/cases"), First("/prevent/cases", PreventCase()), At("/prevent/panels/manchester")],
        [DemoUsers.AnalystWales] = [At("/"), At("/subjects"), At("/investigations"), At("/deconfliction")],
        [DemoUsers.CtsaWales] = [At("/"), At("/subjects")],
        [DemoUsers.CoordinatorNoc] = [At("/"), At("/network"), At("/act/triage"), At("/act/statistics")],
        [DemoUsers.ActLondon] = [At("/"), At("/act/triage"), At("/act/triage?queue=Done"), First("/act/triage", ActReport()), At("/act/statistics"), At("/search?q=stadium")],
        [DemoUsers.ActNorthWest] = [At("/"), At("/act/triage"), First("/act/triage", ActReport()), At("/act/statistics")],
        [DemoUsers.Auditor] = [At("/"), At("/audit")],
        [DemoUsers.Admin] = [At("/"), At("/admin/users"), At("/admin/users/new"), At("/admin/groups"), At("/admin/approvals"), At("/network"), At("/network/units/london")],
    };

    public static TheoryData<string> Roles => [.. Walks.Keys];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task MainPages_OfEachRole_FitTabletAndDesktop_AndPassAxe(string email)
    {
        var home = await SignInAsync(email);
        var page = home.Page;
        foreach (var width in Layout.TabletAndDesktop)
        {
            await page.SetViewportSizeAsync(width, 1024);
            foreach (var stop in Walks[email])
            {
                var path = stop.FollowFirst is null ? stop.Path : await FirstLinkAsync(home.Session, stop.Path, stop.FollowFirst);
                foreach (var under in (string[])["", .. stop.Then ?? []])
                {
                    await CheckAsync(home.Session, path + under, $"{email} at {width}px", axe: width == Layout.TabletAndDesktop[0]);
                }
            }
        }
    }

    [Fact]
    public async Task PublicPages_FitPhoneTabletAndDesktop_AndPassAxe()
    {
        var session = await NewSessionAsync();
        int[] widths = [Layout.Phone, .. Layout.TabletAndDesktop];
        foreach (var width in widths)
        {
            await session.Page.SetViewportSizeAsync(width, 900);
            foreach (var path in new[]
            {
                "/prevent/refer", "/privacy", "/accessibility", "/cookies", "/account/sign-in", "/act", "/act/call-999", "/act/report/now", "/act/report/what",
                "/act/report/when", "/act/report/where", "/act/report/who", "/act/report/vehicles", "/act/report/more", "/act/report/files", "/act/report/contact",
                "/act/report/check", "/act/confirmation", "/act/follow-up",
            })
            {
                await CheckAsync(session, path, $"anonymous at {width}px", axe: width == Layout.Phone);
            }
        }
    }

    private static async Task CheckAsync(BrowserSession session, string path, string who, bool axe)
    {
        var response = await session.GotoAsync(path);
        Assert.True(response.Ok, $"{who}: {path} answered {response.Status}");
        await Expect(session.Page.Locator("main h1").First).ToBeVisibleAsync();
        if (axe)
        {
            await Accessibility.AssertNoSeriousViolationsAsync(session.Page, $"{path} for {who}");
        }
        await Layout.AssertFitsAsync(session.Page, $"{path} for {who}");
        Assert.True(session.Problems.Count == 0, string.Join(Environment.NewLine, session.Problems));
    }

    /// <summary>The first link on <paramref name="from"/> whose path matches: a record the person may open.</summary>
    private static async Task<string> FirstLinkAsync(BrowserSession session, string from, Regex link)
    {
        await session.GotoAsync(from);
        var hrefs = await session.Page.Locator("main a[href]").EvaluateAllAsync<string[]>("links => links.map(a => new URL(a.href).pathname)");
        return hrefs.FirstOrDefault(link.IsMatch) ?? throw new InvalidOperationException($"No link matching {link} on {from}");
    }

    [GeneratedRegex("^/investigations/[0-9a-f-]{36}$")]
    private static partial Regex Investigation();

    [GeneratedRegex("^/subjects/[0-9a-f-]{36}$")]
    private static partial Regex Subject();

    [GeneratedRegex("^/act/triage/[0-9a-f-]{36}$")]
    private static partial Regex ActReport();

    [GeneratedRegex("^/intelligence/reports/[0-9a-f-]{36}$")]
    private static partial Regex Report();

    [GeneratedRegex("^/prevent/cases/[0-9a-f-]{36}$")]
    private static partial Regex PreventCase();
}

using System.Text.Json;
using AngleSharp.Html.Dom;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using static Vigil.Web.Tests.Pursue.PursueApi;

namespace Vigil.Web.Tests.Security;

/// <summary>Need-to-know groups are listed and offered by kind (team, panel, unit, other), read from what the
/// group holds; these tests pin each module's wording to its kind.</summary>
public sealed class GroupKindTests(VigilApp app) : IClassFixture<VigilApp>
{
    private static List<string> Names(IHtmlDocument page, string kind) =>
        [.. page.QuerySelectorAll($"[data-testid=groups-{kind}] tbody tr td:first-child").Select(c => c.TextContent.Trim())];

    [Fact]
    public async Task Of_GroupsTheModulesMake_HaveTheirKind()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var opened = await OpenAsync(sio);
        var name = opened.GetProperty("operationName").GetString()!;
        var groups = await app.AsSystemAsync(db => db.NeedToKnowGroups.AsNoTracking().ToListAsync());

        Assert.Equal(GroupKind.Team, GroupKinds.Of(groups.Single(g => g.Name.StartsWith(name + " (", StringComparison.Ordinal))));
        Assert.Equal(GroupKind.Team, GroupKinds.Of(groups.Single(g => g.Name == DemoData.KestrelGroup)));
        Assert.Equal(GroupKind.Panel, GroupKinds.Of(groups.Single(g => g.Name == DemoData.ManchesterPanelGroup)));
        // Every group a workflow manages is a team or a panel; a unit's own groups (its Prevent officers) are unit groups.
        Assert.All(groups.Where(g => g.ManagedBy is not null), g => Assert.Contains(GroupKinds.Of(g), new[] { GroupKind.Team, GroupKind.Panel }));
        Assert.Contains(groups, g => g.ManagedBy is null && g.OwningUnitId is not null && GroupKinds.Of(g) == GroupKind.Unit);
        Assert.Equal(GroupKind.Other, GroupKinds.Of(new NeedToKnowGroup { Name = "Made by an administrator" }));
    }

    [Fact]
    public async Task GroupsPage_ListsEachKindUnderItsHeading_AndFilters()
    {
        var admin = await app.SignInAsync(DemoUsers.Admin);
        var created = "Kindtest working group " + Guid.NewGuid().ToString("N")[..6];
        await admin.SubmitAsync("/admin/groups", "group", new() { ["Input.Name"] = created, ["Input.Description"] = "Fictional." });

        var (_, all) = await admin.GetAsync("/admin/groups");
        Assert.Contains(DemoData.KestrelGroup, Names(all, "team"));
        Assert.Contains(DemoData.ManchesterPanelGroup, Names(all, "panel"));
        Assert.NotEmpty(Names(all, "unit"));
        Assert.Contains(created, Names(all, "other"));
        Assert.Equal(["Investigation teams", "Channel panels", "Unit groups", "Other groups"],
            all.QuerySelectorAll("caption").Select(c => c.TextContent.Trim().Split(" (")[0]).ToList());

        var (_, panels) = await admin.GetAsync("/admin/groups?kind=panel");
        Assert.Single(panels.QuerySelectorAll("table"));
        Assert.Contains(DemoData.ManchesterPanelGroup, Names(panels, "panel"));
        Assert.Equal("panel", panels.QuerySelector("#kind option[selected]")!.GetAttribute("value"));

        var (_, named) = await admin.GetAsync($"/admin/groups?name={Uri.EscapeDataString(created[..14].ToUpperInvariant())}");
        Assert.Equal([created], named.QuerySelectorAll("tbody tr td:first-child").Select(c => c.TextContent.Trim()).ToList());

        var (_, none) = await admin.GetAsync("/admin/groups?kind=team&name=zzqxnomatch");
        Assert.Equal("No groups match the filter.", none.QuerySelector("[data-testid=no-groups]")!.TextContent.Trim());

        using var api = await app.ApiClientAsync(DemoUsers.Admin);
        var listed = await api.GetFromJsonAsync<JsonElement>("/api/v1/admin/groups");
        Assert.Equal("Team", listed.EnumerateArray().Single(g => g.GetProperty("name").GetString() == DemoData.KestrelGroup).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task SubjectForm_OffersTheUsersGroupsUnderTheirKind()
    {
        var sio = await app.SignInAsync(DemoUsers.SioLondon);
        var (_, form) = await sio.GetAsync("/subjects/new");
        var teams = form.QuerySelector("#NeedToKnowGroups [data-vigil-group-kind=team]")!;
        Assert.Equal("Investigation teams", teams.QuerySelector("p")!.TextContent.Trim());
        Assert.Contains(teams.QuerySelectorAll("label"), l => l.TextContent.Trim() == DemoData.KestrelGroup);
    }
}

using Vigil.Web.Prevent;
using Vigil.Web.Subjects;

namespace Vigil.Web.Tests.Prevent;

/// <summary>
/// The demo holds a year of fictional referrals shaped like the published figures, every one labelled as
/// a real case would be, and fair: names, gender and age are independent of the concern and the outcome.
/// </summary>
public sealed class PreventDemoDataTests(VigilApp app) : IClassFixture<VigilApp>
{
    private sealed record Row(PreventCase Case, Subject Person);

    private Task<List<Row>> LastYearAsync() => app.AsSystemAsync(async db =>
    {
        var since = app.Clock.GetUtcNow().AddYears(-1);
        var cases = await db.Set<PreventCase>().Where(c => c.ReferredAt >= since && c.ReferredAt < app.Clock.GetUtcNow()).ToListAsync();
        var ids = cases.Select(c => c.SubjectId).ToList();
        var people = await db.Set<Subject>().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id);
        return cases.Select(c => new Row(c, people[c.SubjectId])).ToList();
    });

    private static double Share<T>(IReadOnlyCollection<T> all, Func<T, bool> which) => (double)all.Count(which) / all.Count;

    [Fact]
    public async Task AYearOfReferrals_IsShapedLikeThePublishedFigures()
    {
        var year = await LastYearAsync();
        Assert.InRange(year.Count, 550, 900);
        var cases = year.Select(r => r.Case).ToList();
        Assert.InRange(Share(cases, c => c.Sector == ReferrerSector.Education), 0.33, 0.47);
        Assert.InRange(Share(cases, c => c.Sector == ReferrerSector.Police), 0.22, 0.34);
        Assert.InRange(Share(cases, c => c.Gender == Gender.Male), 0.84, 0.94);
        Assert.InRange(Share(cases, c => c.AgeAtReferral is < 18), 0.42, 0.62);
        Assert.InRange(Share(cases, c => c.GatewayOutcome == GatewayOutcome.ReferredToChannel), 0.09, 0.18);
        Assert.InRange(Share(cases, c => c.AdoptedAt is not null), 0.04, 0.11);
        Assert.InRange(Share(cases, c => c.GatewayOutcome == GatewayOutcome.NoFurtherAction), 0.43, 0.59);
        // Every stage of the process has cases for the queues and pages to show.
        foreach (var stage in Enum.GetValues<PreventStage>())
        {
            Assert.Contains(cases, c => c.Stage == stage);
        }
        Assert.Contains(cases, c => c.Stage == PreventStage.Gateway && c.GatewayDue < DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime));
        var overdueReviews = await app.AsSystemAsync(db => db.Set<CaseReview>().CountAsync(r => r.CompletedOn == null && !r.Cancelled));
        Assert.True(overdueReviews > 0);
    }

    [Fact]
    public async Task TheDemoPreventOfficer_HasWorkInEveryQueue()
    {
        using var api = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var open = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/prevent/cases?pageSize=200");
        var stages = open.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("stage").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Gateway", "Panel", "Support", "Exited" }, stages);
        var due = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/prevent/queues/assessments-due");
        Assert.Contains(due.EnumerateArray(), c => c.GetProperty("gatewayOverdue").GetBoolean());
        var agenda = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/prevent/panels/manchester/agenda");
        Assert.Contains(agenda.EnumerateArray(), c => c.GetProperty("stage").GetString() == "Panel");
        var reviews = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/prevent/queues/reviews-due?withinDays=366");
        Assert.NotEqual(0, reviews.GetArrayLength());
    }

    [Fact]
    public async Task EveryCase_IsLabelledForItsTeam_AndSharedWithItsPanelOnlyOnceReferredToChannel()
    {
        var (cases, teams, panels) = await app.AsSystemAsync(async db => (
            await db.Set<PreventCase>().ToListAsync(),
            await db.Set<PreventTeam>().ToDictionaryAsync(t => t.UnitId, t => t.GroupId),
            await db.Set<ChannelPanel>().ToDictionaryAsync(p => p.Id)));
        Assert.All(cases, c =>
        {
            var panel = panels[c.PanelId];
            Assert.Equal(panel.UnitId, c.OwningUnitId);
            var groups = c.NeedToKnow.Select(g => g.GroupId).ToHashSet();
            Assert.Contains(teams[c.OwningUnitId], groups);
            Assert.Equal(c.GatewayOutcome == GatewayOutcome.ReferredToChannel, groups.Contains(panel.GroupId));
            Assert.True(c.Stage is not PreventStage.Support || c.HasValidConsent, $"{c.Reference} is in support without valid consent");
        });
    }

    [Fact]
    public async Task NamesGenderAndAge_SayNothingAboutTheConcernOrTheOutcome()
    {
        var rows = await app.AsSystemAsync(async db =>
        {
            var cases = await db.Set<PreventCase>().ToListAsync();
            var people = await db.Set<Subject>().Where(s => s.Summary.StartsWith("Fictional person in the Vigil Prevent demonstration")).ToDictionaryAsync(s => s.Id);
            return cases.Where(c => people.ContainsKey(c.SubjectId)).Select(c => new Row(c, people[c.SubjectId])).ToList();
        });
        Assert.True(rows.Count > 800);
        bool FirstHalf(Row r) => char.ToUpperInvariant(r.Person.Surname.FirstOrDefault()) is >= 'A' and <= 'L';
        var overallNames = Share(rows, FirstHalf);
        var overallMale = Share(rows, r => r.Case.Gender == Gender.Male);
        var overallChild = Share(rows, r => r.Case.AgeAtReferral is < 18);
        foreach (var group in rows.GroupBy(r => r.Case.ConcernCode).Concat(rows.GroupBy(r => r.Case.Closure?.ToString() ?? r.Case.Stage.ToString())).Where(g => g.Count() >= 60))
        {
            var members = group.ToList();
            // Each concern and outcome looks like the whole: no name, gender or age pattern is built in.
            Assert.InRange(Share(members, FirstHalf), overallNames - 0.17, overallNames + 0.17);
            Assert.InRange(Share(members, r => r.Case.Gender == Gender.Male), overallMale - 0.12, overallMale + 0.12);
            Assert.InRange(Share(members, r => r.Case.AgeAtReferral is < 18), overallChild - 0.17, overallChild + 0.17);
        }
        // The person's record agrees with the case's own snapshot.
        Assert.All(rows, r => Assert.Equal(r.Person.Gender, r.Case.Gender));
    }
}

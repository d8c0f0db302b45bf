using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using MiniExcelLibs;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Prevent;
using Vigil.Web.Platform.Statistics;
using Vigil.Web.Subjects;

namespace Vigil.Web.Tests.Prevent;

/// <summary>
/// The test database with two data sets of Prevent cases inserted directly (labelled as real cases are):
/// 7,318 referrals in 2017/18 whose totals are the Home Office's published 2017/18 figures (DOMAIN.md),
/// and 40 referrals in 2019/20 built to exercise small-number suppression. Every attribute of a 2017/18
/// case is drawn from its own fixed-seed stream (outcome, concern, gender, sector, age, area, time) and
/// names from theirs, so none says anything about another.
/// </summary>
public sealed class StatisticsApp : VigilApp
{
    public const int Year = 2017;
    public const int SmallYear = 2019;
    public const int Referrals = 7318;

    /// <summary>The 2017/18 cases as generated: what the tables must count.</summary>
    public List<Generated> Cases { get; } = [];
    public List<string> FullNames { get; } = [];
    public TimeSpan InsertTime { get; private set; }

    public sealed record Generated(ReferrerSector Sector, string Concern, int? Age, Gender Gender, string Unit, Outcome Outcome, bool Adopted, bool Left);

    public enum Outcome { NoFurtherAction, Signposted, Channel, Gateway }

    private sealed record Spec(DateTimeOffset ReferredAt, ReferrerSector Sector, string Concern, int? Age, Gender Gender, int Panel, Outcome Outcome, bool Adopted, bool Exited, bool Withdrawn);

    private static List<T> Shuffled<T>(Random random, params (T Value, int Count)[] counts)
    {
        var list = counts.SelectMany(c => Enumerable.Repeat(c.Value, c.Count)).ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var panels = await AsSystemAsync(db => db.Set<ChannelPanel>().OrderBy(p => p.Code).Select(p => new { p.Id, p.UnitId, p.GroupId }).ToListAsync());
        var unitNames = await AsSystemAsync(db => db.Set<Vigil.Web.Network.Unit>().ToDictionaryAsync(u => u.Id, u => u.Name));
        var teams = await AsSystemAsync(db => db.Set<PreventTeam>().ToDictionaryAsync(t => t.UnitId, t => t.GroupId));

        // 2017/18: the published totals, each attribute shuffled by its own stream.
        var start = new DateTimeOffset(Year, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var seconds = (int)(start.AddYears(1) - start).TotalSeconds;
        var outcomes = Shuffled(new Random(1), (Outcome.NoFurtherAction, 3096), (Outcome.Signposted, 2902), (Outcome.Channel, 1314), (Outcome.Gateway, 6));
        var concerns = Shuffled(new Random(2), ("islamist", 3197), ("extreme-right-wing", 1312), ("mixed-unclear-unstable", 1982), ("other", 827));
        var genders = Shuffled(new Random(3), (Gender.Male, 6356), (Gender.Female, 947), (Gender.NotKnown, 15));
        var sectorDraw = new Random(4);
        var ageDraw = new Random(5);
        var placeDraw = new Random(6);
        var timeDraw = new Random(7);
        // Sectors roughly as referrals came in 2017/18 (education and police about a third each).
        ReferrerSector[] sectors =
        [
            .. Enumerable.Repeat(ReferrerSector.Education, 33), .. Enumerable.Repeat(ReferrerSector.Police, 32), .. Enumerable.Repeat(ReferrerSector.Health, 9),
            .. Enumerable.Repeat(ReferrerSector.LocalAuthority, 10), .. Enumerable.Repeat(ReferrerSector.Community, 4), .. Enumerable.Repeat(ReferrerSector.FriendsAndFamily, 3),
            .. Enumerable.Repeat(ReferrerSector.Prisons, 2), .. Enumerable.Repeat(ReferrerSector.Probation, 2), .. Enumerable.Repeat(ReferrerSector.Other, 5),
        ];
        var specs = new List<Spec>();
        var channel = 0;
        var gateway = 0;
        for (var i = 0; i < Referrals; i++)
        {
            // Of the 1,314 discussed at panel, 394 adopted; of those, 150 exited and 20 withdrawn after adoption.
            var outcome = outcomes[i];
            var n = outcome == Outcome.Channel ? channel++ : outcome == Outcome.Gateway ? gateway++ : -1;
            var adopted = outcome == Outcome.Channel && n < 394;
            var exited = adopted && n < 150;
            var withdrawn = (adopted && n is >= 150 and < 170) || (outcome == Outcome.Channel && n is >= 394 and < 404) || (outcome == Outcome.Gateway && n < 3);
            // The first referral is at the very first moment of the year: the range includes its start.
            var at = i == 0 ? start : start.AddSeconds(timeDraw.Next(seconds));
            int? age = ageDraw.Next(100) < 3 ? null : 9 + ageDraw.Next(62);
            specs.Add(new Spec(at, sectors[sectorDraw.Next(sectors.Length)], concerns[i], age, genders[i], placeDraw.Next(panels.Count), outcome, adopted, exited, withdrawn));
        }
        Cases.AddRange(specs.Select(s => new Generated(s.Sector, s.Concern, s.Age, s.Gender, unitNames[panels[s.Panel].UnitId], s.Outcome, s.Adopted, s.Adopted && (s.Exited || s.Withdrawn))));
        // Just outside the year at either end, in Manchester (North West): counted in 2016/17 and 2018/19, never in 2017/18.
        var manchester = await AsSystemAsync(db => db.Set<ChannelPanel>().Where(p => p.Code == "manchester").Select(p => p.Id).SingleAsync());
        specs.Add(specs[1] with { ReferredAt = start.AddTicks(-1), Panel = panels.FindIndex(p => p.Id == manchester) });
        specs.Add(specs[2] with { ReferredAt = start.AddYears(1), Panel = panels.FindIndex(p => p.Id == manchester) });

        // 2019/20: 40 referrals built for suppression (see Suppression_HidesSmallCountsAndTheNextSmallest).
        var small = new DateTimeOffset(SmallYear, 6, 1, 9, 0, 0, TimeSpan.Zero);
        var smallSectors = Shuffled(new Random(11), (ReferrerSector.Education, 18), (ReferrerSector.Police, 12), (ReferrerSector.Health, 3), (ReferrerSector.Community, 7));
        var smallGenders = Shuffled(new Random(12), (Gender.Male, 30), (Gender.Female, 8), (Gender.NotKnown, 2));
        var smallConcerns = Shuffled(new Random(13), ("islamist", 20), ("extreme-right-wing", 15), ("mixed-unclear-unstable", 3), ("other", 2));
        var smallOutcomes = Shuffled(new Random(14), (Outcome.NoFurtherAction, 20), (Outcome.Signposted, 15), (Outcome.Channel, 5));
        var smallChannel = 0;
        for (var i = 0; i < 40; i++)
        {
            var n = smallOutcomes[i] == Outcome.Channel ? smallChannel++ : -1;
            specs.Add(new Spec(small.AddDays(i), smallSectors[i], smallConcerns[i], 16, smallGenders[i], panels.FindIndex(p => p.Id == manchester),
                smallOutcomes[i], n is >= 0 and < 3, n == 0, false));
        }

        var clock = Stopwatch.StartNew();
        var names = new DemoNames(2017);
        var numbers = new HashSet<(int, int)>();
        var references = new Random(8);
        foreach (var batch in specs.Chunk(1000))
        {
            await AsSystemAsync(async db =>
            {
                foreach (var s in batch)
                {
                    var panel = panels[s.Panel];
                    var team = teams[panel.UnitId];
                    var faker = names.Next();
                    var referredOn = DateOnly.FromDateTime(s.ReferredAt.UtcDateTime);
                    var person = new Subject
                    {
                        GivenName = faker.Name.FirstName(), Surname = faker.Name.LastName(),
                        DateOfBirth = s.Age is { } a ? referredOn.AddYears(-a).AddDays(-faker.Random.Number(0, 300)) : null, DateOfBirthAccuracy = DateOfBirthAccuracy.Exact,
                        Gender = s.Gender, Summary = "The subject of a Prevent referral (safeguarding). Fictional test data.",
                        Classification = Classification.Official, OfficialSensitive = true, OwningUnitId = panel.UnitId,
                        NeedToKnow = [new RecordGroup { GroupId = team }], CreatedAt = s.ReferredAt, UpdatedAt = s.ReferredAt,
                    };
                    if (s.ReferredAt >= start && s.ReferredAt < start.AddYears(1))
                    {
                        FullNames.Add($"{person.GivenName} {person.Surname}");
                    }
                    var year = s.ReferredAt.Year;
                    int number;
                    do
                    {
                        number = PreventCase.RandomNumber(references);
                    }
                    while (!numbers.Add((year, number)));
                    var c = new PreventCase
                    {
                        Reference = PreventCase.ReferenceFor(year, number), Year = year, Number = number, SubjectId = person.Id, PanelId = panel.Id,
                        AgeAtReferral = s.Age, Gender = s.Gender, ReferredAt = s.ReferredAt, Sector = s.Sector, ConcernScheme = "2017", ConcernCode = s.Concern,
                        Stage = PreventStage.Gateway, GatewayDue = referredOn.AddDays(PreventCases.GatewayTargetDays),
                        Classification = Classification.Official, OfficialSensitive = true, OwningUnitId = panel.UnitId, NeedToKnow = [new RecordGroup { GroupId = team }],
                        Referrals =
                        [
                            new Referral
                            {
                                ReceivedAt = s.ReferredAt, Sector = s.Sector, ReferrerName = "Fictional referrer", ConcernScheme = "2017", ConcernCode = s.Concern,
                                WhatPrompted = "Fictional concern recorded for the statistics test.", RecordedBy = "system:test",
                            },
                        ],
                    };
                    c.Record(s.ReferredAt, "system:test", "Referral recorded", $"from {PreventNames.Display(s.Sector)}");
                    var decidedAt = s.ReferredAt.AddDays(5);
                    switch (s.Outcome)
                    {
                        case Outcome.NoFurtherAction or Outcome.Signposted:
                            c.GatewayOutcome = s.Outcome == Outcome.NoFurtherAction ? GatewayOutcome.NoFurtherAction : GatewayOutcome.Signposted;
                            c.Finding = VulnerabilityFinding.NotAppropriateForChannel;
                            c.SignpostedTo = s.Outcome == Outcome.Signposted ? "Children's social care" : "";
                            (c.Stage, c.Closure, c.ClosedAt) = (PreventStage.Closed, s.Outcome == Outcome.Signposted ? CaseClosure.Signposted : CaseClosure.NoFurtherAction, decidedAt);
                            break;
                        case Outcome.Channel:
                            c.GatewayOutcome = GatewayOutcome.ReferredToChannel;
                            c.Finding = VulnerabilityFinding.ClearVulnerability;
                            c.Stage = PreventStage.Panel;
                            c.NeedToKnow.Add(new RecordGroup { GroupId = panel.GroupId });
                            person.NeedToKnow.Add(new RecordGroup { GroupId = panel.GroupId });
                            c.DiscussedAt = decidedAt.AddDays(7);
                            if (s.Adopted)
                            {
                                c.AdoptedAt = c.DiscussedAt;
                                c.Stage = PreventStage.Support;
                                if (s.Exited)
                                {
                                    c.ExitedOn = referredOn.AddDays(120);
                                    c.ExitReason = "Vulnerability significantly reduced.";
                                    c.Stage = PreventStage.Exited;
                                }
                            }
                            else if (!s.Withdrawn)
                            {
                                c.NotAdoptedAt = c.DiscussedAt;
                                c.AlternativeSupport = "Support from children's services instead.";
                                (c.Stage, c.Closure, c.ClosedAt) = (PreventStage.Closed, CaseClosure.NotAdopted, c.DiscussedAt);
                            }
                            break;
                    }
                    if (s.Outcome != Outcome.Gateway)
                    {
                        c.DeconflictedAt = decidedAt.AddHours(-1);
                        c.DeconflictionSummary = "No other record of this person anywhere in the network.";
                        (c.GatewayAt, c.GatewayBy, c.GatewayReason) = (decidedAt, "system:test", "Fictional gateway assessment.");
                    }
                    if (s.Withdrawn)
                    {
                        (c.Stage, c.Closure, c.ClosedAt) = (PreventStage.Closed, CaseClosure.Withdrawn, decidedAt.AddDays(30));
                    }
                    db.AddRange(person, c);
                }
                await db.SaveChangesAsync();
            });
        }
        InsertTime = clock.Elapsed;
    }
}

public sealed class PreventStatisticsTests(StatisticsApp app) : IClassFixture<StatisticsApp>
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>A report through the API; with no scope, the reader's default (their unit for a Prevent
    /// officer, the network for anyone else).</summary>
    private async Task<StatisticsReport> ReportAsync(string email, int year, bool suppress, StatisticsScope? scope = null)
    {
        using var api = await app.ApiClientAsync(email);
        var response = await api.GetAsync($"/api/v1/prevent/statistics?year={year}&suppress={(suppress ? "true" : "false")}{(scope is { } s ? $"&scope={s}" : "")}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<StatisticsReport>(Json))!;
    }

    private static StatisticsTable Table(StatisticsReport report, string key) => report.Tables.Single(t => t.Key == key);

    private static StatisticsRow Row(StatisticsReport report, string key, string label) => Table(report, key).Rows.Single(r => r.Label == label);

    private static void Shown(StatisticsRow row, int count, int percentage)
    {
        Assert.False(row.Suppressed, row.Label);
        Assert.Equal((row.Label, count, percentage), (row.Label, row.Count!.Value, row.Percentage!.Value));
    }

    private static void Hidden(StatisticsRow row)
    {
        Assert.True(row.Suppressed, $"{row.Label} should be suppressed");
        Assert.Null(row.Count);
        Assert.Null(row.Percentage);
        Assert.Equal(("*", "*"), (row.CountText, row.PercentageText));
    }

    [Fact]
    public async Task Report_2017_ReproducesThePublishedFigures()
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"Inserting {app.Cases.Count + 42} cases with their subjects took {app.InsertTime.TotalSeconds:0.0} s");
        var report = await ReportAsync(DemoUsers.AnalystWales, StatisticsApp.Year, suppress: false);

        Assert.Equal((2017, "2017/18", new DateOnly(2017, 4, 1), new DateOnly(2018, 3, 31)), (report.Year, report.Period, report.From, report.To));
        // The network's figures are always published with suppression; 2017/18 has no count from 1 to 4 to hide.
        Assert.Equal((StatisticsScope.National, PreventStatistics.NetworkName, true), (report.Scope, report.Covers, report.Suppression));
        Assert.Equal(7318, report.Total);
        Assert.Equal(["sector", "concern", "age", "gender", "region", "outcome"], report.Tables.Select(t => t.Key));

        // DOMAIN.md, 2017/18: 7,318 referrals; 1,314 (18%) discussed at panel; 394 (5%) adopted;
        // NFA 3,096 (42%); signposted 2,902 (40%); the remaining 6 still at the gateway.
        var outcome = Table(report, "outcome");
        Assert.Equal([PreventStatistics.NoFurtherAction, PreventStatistics.Signposted, PreventStatistics.Discussed, PreventStatistics.AtGateway, PreventStatistics.Adopted, PreventStatistics.LeftChannel],
            outcome.Rows.Select(r => r.Label));
        Shown(outcome.Rows[0], 3096, 42);
        Shown(outcome.Rows[1], 2902, 40);
        Shown(outcome.Rows[2], 1314, 18);
        Shown(outcome.Rows[3], 6, 0);
        Shown(outcome.Rows[4], 394, 5);
        Shown(outcome.Rows[5], 170, 2);
        Assert.Equal([false, false, false, false, true, true], outcome.Rows.Select(r => r.OfWhich));

        // Islamist 3,197 (44%); right wing 1,312 (18%); mixed/unclear 1,982 (27%); the rest other. In the 2017 scheme's order.
        var concern = Table(report, "concern");
        Assert.Equal(["Islamist", "Extreme right wing", "Mixed, unclear or unstable", "Other"], concern.Rows.Select(r => r.Label));
        Shown(concern.Rows[0], 3197, 44);
        Shown(concern.Rows[1], 1312, 18);
        Shown(concern.Rows[2], 1982, 27);
        Shown(concern.Rows[3], 827, 11);

        // Male 6,356; female 947; the rest not known.
        var gender = Table(report, "gender");
        Assert.Equal(["Male", "Female", "Other", "Not known"], gender.Rows.Select(r => r.Label));
        Shown(gender.Rows[0], 6356, 87);
        Shown(gender.Rows[1], 947, 13);
        Shown(gender.Rows[2], 0, 0);
        Shown(gender.Rows[3], 15, 0);

        // Sector, age and region: exactly what was generated, in the release's order.
        Assert.Equal(Enum.GetValues<ReferrerSector>().Select(s => (PreventNames.Display(s), app.Cases.Count(c => c.Sector == s))),
            Table(report, "sector").Rows.Select(r => (r.Label, r.Count!.Value)));
        Assert.Equal(PreventStatistics.AgeGroups.Select(g => (g, app.Cases.Count(c => AgeGroup(c.Age) == g))), Table(report, "age").Rows.Select(r => (r.Label, r.Count!.Value)));
        var regional = await app.AsSystemAsync(db => db.Set<Vigil.Web.Network.Unit>().Where(u => u.Kind == Vigil.Web.Network.UnitKind.Ctu || u.Kind == Vigil.Web.Network.UnitKind.Ctiu)
            .Select(u => u.Name).ToListAsync());
        Assert.Equal(regional.Order(StringComparer.Ordinal).Select(n => (n, app.Cases.Count(c => c.Unit == n))), Table(report, "region").Rows.Select(r => (r.Label, r.Count!.Value)));
        Assert.Equal(11, regional.Count);
        Assert.Contains(Table(report, "region").Rows, r => r.Label == "Scotland" && r.Count == 0);

        foreach (var table in report.Tables)
        {
            Assert.Equal(7318, table.Rows.Where(r => !r.OfWhich).Sum(r => r.Count!.Value));
            Assert.Equal((7318, 100, false), (table.Total.Count!.Value, table.Total.Percentage!.Value, table.Total.Suppressed));
            Assert.All(table.Rows, r => Assert.Equal(PreventStatistics.PercentageOf(r.Count!.Value, 7318), r.Percentage));
            Assert.DoesNotContain(table.Rows, r => r.Suppressed);
        }

        var audited = await app.AsSystemAsync(db => db.AuditEntries.Where(a => a.RecordType == "prevent-statistics" && a.RecordId == "2017/18" && a.UserName == DemoUsers.AnalystWales)
            .Select(a => a.Action).ToListAsync());
        Assert.Contains(Vigil.Web.Platform.Audit.AuditActions.Read, audited);
    }

    private static string AgeGroup(int? age) => age switch
    {
        null => "Not known",
        < 15 => "Under 15",
        <= 20 => "15 to 20",
        <= 30 => "21 to 30",
        <= 40 => "31 to 40",
        <= 50 => "41 to 50",
        _ => "Over 50",
    };

    [Fact]
    public async Task Percentages_RoundHalfAwayFromZero()
    {
        Assert.Equal(13, PreventStatistics.PercentageOf(1, 8)); // 12.5
        Assert.Equal(38, PreventStatistics.PercentageOf(3, 8)); // 37.5
        Assert.Equal(1, PreventStatistics.PercentageOf(1, 200)); // 0.5
        Assert.Equal(0, PreventStatistics.PercentageOf(1, 201));
        Assert.Equal(0, PreventStatistics.PercentageOf(0, 0));
        // The year boundaries are 1 April 00:00 UTC: the referrals a tick either side of 2017/18 (North West
        // cases) are in the years either side, as the North West Prevent officer's own figures show.
        var before = await ReportAsync(DemoUsers.PreventNorthWest, 2016, suppress: false);
        var after = await ReportAsync(DemoUsers.PreventNorthWest, 2018, suppress: false);
        Assert.Equal(((int?)1, (int?)1), (before.Total, after.Total));
        Assert.Equal((StatisticsScope.Unit, "North West"), (before.Scope, before.Covers));
    }

    [Fact]
    public async Task Downloads_CarryTheSameNumbersAsTheReport()
    {
        var report = await ReportAsync(DemoUsers.AnalystWales, StatisticsApp.Year, suppress: true);
        var page = await app.SignInAsync(DemoUsers.AnalystWales);
        // Other tests of this class may export as the same analyst, in any order: count only this test's.
        var since = await app.AsSystemAsync(db => db.AuditEntries.MaxAsync(a => a.Sequence));

        var csvResponse = await page.Http.GetAsync("/prevent/statistics.csv?year=2017&suppress=true");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("prevent-statistics-2017-18.csv", csvResponse.Content.Headers.ContentDisposition?.FileNameStar ?? csvResponse.Content.Headers.ContentDisposition?.FileName);
        var lines = ReadCsv(await csvResponse.Content.ReadAsStringAsync());
        Assert.Equal(["Table", "Label", "Count", "Percentage"], lines[0]);
        var expected = report.Tables.SelectMany(t => PreventStatistics.PrintOrder(t).Select(r => new[] { t.Title, PreventStatistics.ExportLabel(r), r.CountText, r.PercentageText })).ToList();
        Assert.Equal(expected, lines.Skip(1));
        Assert.Contains(["Referrals by outcome stage", "Discussed at a Channel panel", "1314", "18"], lines);
        Assert.Contains(["Referrals by outcome stage", "of which: Adopted as a Channel case", "394", "5"], lines);
        Assert.Contains(["Referrals by type of concern", "Mixed, unclear or unstable", "1982", "27"], lines);

        var xlsxResponse = await page.Http.GetAsync("/prevent/statistics.xlsx?year=2017&suppress=true");
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        Assert.Equal("prevent-statistics-2017-18.xlsx", xlsxResponse.Content.Headers.ContentDisposition?.FileNameStar ?? xlsxResponse.Content.Headers.ContentDisposition?.FileName);
        using var workbook = new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(report.Tables.Select(t => t.SheetName), MiniExcel.GetSheetNames(workbook));
        foreach (var table in report.Tables)
        {
            workbook.Position = 0;
            var rows = MiniExcel.Query(workbook, useHeaderRow: true, sheetName: table.SheetName).Cast<IDictionary<string, object>>()
                .Select(r => (Label: (string)r["Label"], Count: Convert.ToInt32(r["Count"], CultureInfo.InvariantCulture), Percentage: Convert.ToInt32(r["Percentage"], CultureInfo.InvariantCulture)))
                .ToList();
            Assert.Equal(PreventStatistics.PrintOrder(table).Select(r => (PreventStatistics.ExportLabel(r), r.Count!.Value, r.Percentage!.Value)), rows);
        }
        workbook.Position = 0;
        var outcome = MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "Outcome").Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(outcome, r => (string)r["Label"] == "Total" && Convert.ToInt32(r["Count"], CultureInfo.InvariantCulture) == 7318);

        var exported = await app.AsSystemAsync(db => db.AuditEntries.CountAsync(a => a.Sequence > since && a.RecordType == "prevent-statistics"
            && a.Action == Vigil.Web.Platform.Audit.AuditActions.Export && a.UserName == DemoUsers.AnalystWales));
        Assert.Equal(2, exported);

        // A unit's own figures download under the unit's name.
        var officer = await app.SignInAsync(DemoUsers.PreventNorthWest);
        var unitCsv = await officer.Http.GetAsync("/prevent/statistics.csv?year=2017&scope=Unit&suppress=false");
        Assert.Equal("prevent-statistics-2017-18-north-west.csv", unitCsv.Content.Headers.ContentDisposition?.FileNameStar ?? unitCsv.Content.Headers.ContentDisposition?.FileName);
    }

    private static List<string[]> ReadCsv(string text)
    {
        using var reader = new StringReader(text);
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = true }, leaveOpen: true);
        var lines = new List<string[]> { csv.Headers.ToArray() };
        while (csv.Read())
        {
            lines.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray());
        }
        return lines;
    }

    [Fact]
    public async Task Suppression_HidesSmallCountsAndTheNextSmallest()
    {
        var open = await ReportAsync(DemoUsers.PreventNorthWest, StatisticsApp.SmallYear, suppress: false);
        Assert.Equal(40, open.Total);
        Shown(Row(open, "sector", "Health"), 3, 8);
        Shown(Row(open, "sector", "Community"), 7, 18);
        Shown(Row(open, "outcome", PreventStatistics.Adopted), 3, 8);
        Assert.DoesNotContain(open.Tables.SelectMany(t => t.Rows), r => r.Suppressed);

        var published = await ReportAsync(DemoUsers.Auditor, StatisticsApp.SmallYear, suppress: true);
        Assert.True(published.Suppression);
        Assert.Equal(40, published.Total);
        // Sector: Health (3) alone would be worked out from the total, so the next smallest, Community (7), goes too; zeros stay 0.
        Hidden(Row(published, "sector", "Health"));
        Hidden(Row(published, "sector", "Community"));
        Shown(Row(published, "sector", "Education"), 18, 45);
        Shown(Row(published, "sector", "Police"), 12, 30);
        Shown(Row(published, "sector", "Prisons"), 0, 0);
        // Gender: Not known (2), then Female (8), the smallest non-zero left.
        Hidden(Row(published, "gender", "Not known"));
        Hidden(Row(published, "gender", "Female"));
        Shown(Row(published, "gender", "Male"), 30, 75);
        Shown(Row(published, "gender", "Other"), 0, 0);
        // Concern: two small cells already hide each other: no secondary suppression.
        Hidden(Row(published, "concern", "Mixed, unclear or unstable"));
        Hidden(Row(published, "concern", "Other"));
        Shown(Row(published, "concern", "Islamist"), 20, 50);
        Shown(Row(published, "concern", "Extreme right wing"), 15, 38);
        // Outcome: the "of which" rows take primary suppression only and never pull another cell with them.
        Shown(Row(published, "outcome", PreventStatistics.NoFurtherAction), 20, 50);
        Shown(Row(published, "outcome", PreventStatistics.Signposted), 15, 38);
        Shown(Row(published, "outcome", PreventStatistics.Discussed), 5, 13);
        Shown(Row(published, "outcome", PreventStatistics.AtGateway), 0, 0);
        Hidden(Row(published, "outcome", PreventStatistics.Adopted));
        Hidden(Row(published, "outcome", PreventStatistics.LeftChannel));
        // Age and region: one non-zero cell of 40, nothing to hide.
        Shown(Row(published, "age", "15 to 20"), 40, 100);
        Shown(Row(published, "region", "North West"), 40, 100);
        Assert.All(published.Tables, t => Assert.Equal(40, t.Total.Count));

        // The published form never carries a suppressed figure, in any format.
        using var api = await app.ApiClientAsync(DemoUsers.Auditor);
        var json = await api.GetStringAsync("/api/v1/prevent/statistics?year=2019&suppress=true");
        using var document = JsonDocument.Parse(json);
        var health = document.RootElement.GetProperty("tables")[0].GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("label").GetString() == "Health");
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, "*"), (health.GetProperty("count").ValueKind, health.GetProperty("percentage").ValueKind, health.GetProperty("countText").GetString()));

        var page = await app.SignInAsync(DemoUsers.Auditor);
        var lines = ReadCsv(await page.Http.GetStringAsync("/prevent/statistics.csv?year=2019&suppress=true"));
        Assert.Contains(["Referrals by referring sector", "Health", "*", "*"], lines);
        Assert.Contains(["Referrals by referring sector", "Community", "*", "*"], lines);
        Assert.Contains(["Referrals by referring sector", "Prisons", "0", "0"], lines);
        Assert.Contains(["Referrals by outcome stage", "of which: Left Channel", "*", "*"], lines);
        using var workbook = new MemoryStream(await page.Http.GetByteArrayAsync("/prevent/statistics.xlsx?year=2019&suppress=true"));
        var gender = MiniExcel.Query(workbook, useHeaderRow: true, sheetName: "Gender").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("*", gender.Single(r => (string)r["Label"] == "Female")["Count"]);
        Assert.Equal(30, Convert.ToInt32(gender.Single(r => (string)r["Label"] == "Male")["Count"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Page_ShowsTablesChartsAndDownloads()
    {
        var page = await app.SignInAsync(DemoUsers.PreventNorthWest);
        var (response, document) = await page.GetAsync("/prevent/statistics?year=2017&scope=National");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(document.QuerySelectorAll("h1"));
        var options = document.QuerySelectorAll("select#year option").Select(o => (o.GetAttribute("value"), o.HasAttribute("selected"))).ToList();
        Assert.Contains(("2017", true), options);
        Assert.Contains(("2019", false), options);
        // The network's figures are for finished years: the current one (the test clock is in November 2026) is not offered.
        Assert.DoesNotContain(options, o => o.Item1 == "2026");
        Assert.NotNull(document.QuerySelector("label[for=year]"));
        Assert.True(document.QuerySelector("input#scope-national")!.HasAttribute("checked"));
        Assert.Null(document.QuerySelector("input#suppress"));
        Assert.Contains("the whole network", document.QuerySelector("[data-testid=report-heading]")!.TextContent, StringComparison.Ordinal);

        var outcome = document.QuerySelector("[data-testid=table-outcome]")!;
        var rows = outcome.QuerySelectorAll("tbody tr").Select(r => (r.QuerySelector("th")!.TextContent.Trim(), r.QuerySelector("[data-testid=count]")!.TextContent.Trim(), r.QuerySelector("[data-testid=percentage]")!.TextContent.Trim())).ToList();
        Assert.Contains(("Discussed at a Channel panel", "1,314", "18%"), rows);
        Assert.Contains(("No further action", "3,096", "42%"), rows);
        Assert.Contains(("Total", "7,318", "100%"), rows);
        Assert.Contains(("of which: Adopted as a Channel case", "394", "5%"), rows);
        Assert.All(document.QuerySelectorAll("table th[scope]"), th => Assert.Contains(th.GetAttribute("scope"), new[] { "col", "row" }));

        var charts = document.QuerySelectorAll("svg[role=img]");
        Assert.Equal(6, charts.Length);
        Assert.All(charts, c => Assert.False(string.IsNullOrWhiteSpace(c.GetAttribute("aria-label"))));
        var concernChart = document.QuerySelector("[data-testid=chart-concern] svg")!;
        Assert.Contains("Islamist 3,197 (44%)", concernChart.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal(4, concernChart.QuerySelectorAll("rect").Length);
        Assert.Contains("Islamist", concernChart.QuerySelector("title")!.TextContent, StringComparison.Ordinal);

        var links = document.QuerySelectorAll("[data-testid=downloads] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/prevent/statistics.csv?year=2017&scope=National&suppress=true", "/prevent/statistics.xlsx?year=2017&scope=National&suppress=true"], links);

        // The officer's own unit: any year, the current one included, and suppression is their choice.
        var (_, unit) = await page.GetAsync("/prevent/statistics?year=2026");
        Assert.True(unit.QuerySelector("input#scope")!.HasAttribute("checked"));
        Assert.Contains(unit.QuerySelectorAll("select#year option"), o => o.GetAttribute("value") == "2026" && o.HasAttribute("selected"));
        Assert.NotNull(unit.QuerySelector("label[for=suppress]"));
        Assert.False(unit.QuerySelector("input#suppress")!.HasAttribute("checked"));
        Assert.Contains("North West", unit.QuerySelector("[data-testid=report-heading]")?.TextContent ?? unit.QuerySelector("[data-testid=empty]")!.TextContent, StringComparison.Ordinal);

        var (_, suppressed) = await page.GetAsync("/prevent/statistics?year=2019&suppress=true");
        Assert.True(suppressed.QuerySelector("input#suppress")!.HasAttribute("checked"));
        Assert.NotNull(suppressed.QuerySelector("[data-testid=suppression-note]"));
        var sector = suppressed.QuerySelector("[data-testid=table-sector]")!.QuerySelectorAll("tbody tr")
            .ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("[data-testid=count]")!.TextContent.Trim());
        Assert.Equal(("*", "*", "18", "0"), (sector["Health"], sector["Community"], sector["Education"], sector["Prisons"]));
        Assert.Equal(["/prevent/statistics.csv?year=2019&scope=Unit&suppress=true", "/prevent/statistics.xlsx?year=2019&scope=Unit&suppress=true"],
            suppressed.QuerySelectorAll("[data-testid=downloads] a").Select(a => a.GetAttribute("href")));

        var (emptyResponse, empty) = await page.GetAsync("/prevent/statistics?year=2012");
        Assert.Equal(HttpStatusCode.OK, emptyResponse.StatusCode);
        Assert.Contains("no referrals for North West in 2012/13", empty.QuerySelector("[data-testid=empty]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(empty.QuerySelector("[data-testid=statistics-tables]"));
    }

    [Theory]
    [InlineData(DemoUsers.SioNorthWest)]
    [InlineData(DemoUsers.ChannelManchester)]
    [InlineData(DemoUsers.InvestigatorNorthWest)]
    public async Task OtherRoles_GetTheNotFoundOfAMissingPage(string email)
    {
        using var api = await app.ApiClientAsync(email);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/prevent/statistics?year=2017")).StatusCode);
        var page = await app.SignInAsync(email);
        foreach (var url in new[] { "/prevent/statistics?year=2017", "/prevent/statistics.csv?year=2017", "/prevent/statistics.xlsx?year=2017" })
        {
            var response = await page.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{email} GET {url}: {(int)response.StatusCode}");
            Assert.DoesNotContain("1,314", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(DemoUsers.CoordinatorNoc)]
    [InlineData(DemoUsers.Admin)]
    [InlineData(DemoUsers.AnalystWales)]
    public async Task OtherReaders_SeeFinishedYearsOnly_AlwaysSuppressed(string email)
    {
        var report = await ReportAsync(email, StatisticsApp.Year, suppress: false);
        Assert.Equal(7318, report.Total);
        Assert.True(report.Suppression);
        var small = await ReportAsync(email, StatisticsApp.SmallYear, suppress: false);
        Assert.Contains(small.Tables.SelectMany(t => t.Rows), r => r.Suppressed);
        // Live figures would show each new referral as it arrives: the network's are for finished years, and a
        // unit's are for its Prevent officers.
        using var api = await app.ApiClientAsync(email);
        var current = await api.GetAsync("/api/v1/prevent/statistics?year=2026");
        Assert.Equal(HttpStatusCode.BadRequest, current.StatusCode);
        Assert.Contains("finished statistical years only", await current.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unit = await api.GetAsync("/api/v1/prevent/statistics?year=2017&scope=Unit");
        Assert.Equal(HttpStatusCode.BadRequest, unit.StatusCode);
        Assert.Contains("its Prevent officers", await unit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await app.SignInAsync(email);
        var (_, document) = await page.GetAsync("/prevent/statistics?year=2026&suppress=false");
        Assert.NotNull(document.QuerySelector("[data-testid=finished-years-only]"));
        Assert.Null(document.QuerySelector("input#suppress"));
        Assert.DoesNotContain(document.QuerySelectorAll("select#year option"), o => o.GetAttribute("value") == "2026");
        var (bad, _) = await page.GetAsync("/prevent/statistics?year=abc&suppress=maybe");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
    }

    [Fact]
    public async Task LiveFigures_ASnapshotBeforeAndAfterAnotherUnitsReferral_AreTheSame()
    {
        // A London Prevent officer records a referral between two snapshots of the North West officer's live
        // (current-year) figures: the snapshots must be identical, so differencing learns nothing of it.
        var london = await app.GroupIdAsync(PreventReferenceSeed.TeamGroupName("London"));
        var email = "prevent.london.stats@test.vigil.example";
        await app.CreateUserAsync(email, Roles.PreventOfficer, "london", Classification.Official, [london]);
        using var northWest = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        using var londonApi = await app.ApiClientAsync(email);
        async Task<string> SnapshotAsync()
        {
            var response = await northWest.GetAsync("/api/v1/prevent/statistics?year=2026&scope=Unit");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }
        var before = await SnapshotAsync();
        var referral = await londonApi.PostAsJsonAsync("/api/v1/prevent/referrals", PreventApi.Referral(PreventApi.UniqueSurname("Vasquez"), "Ottoline", "2008-03-09", panel: "camden"));
        Assert.Equal(HttpStatusCode.Created, referral.StatusCode);
        Assert.Equal(before, await SnapshotAsync());
        // The same comparison does see a referral in the officer's own unit (so it could have failed).
        var own = await northWest.PostAsJsonAsync("/api/v1/prevent/referrals", PreventApi.Referral(PreventApi.UniqueSurname("Okafor"), "Peregrine", "2007-11-21", panel: "bolton"));
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.NotEqual(before, await SnapshotAsync());
        // And the network's current year is not to be had at all.
        Assert.Equal(HttpStatusCode.BadRequest, (await northWest.GetAsync("/api/v1/prevent/statistics?year=2026&scope=National")).StatusCode);
    }

    [Fact]
    public async Task Api_RefusesAYearOutOfRangeAndAnonymousCallers()
    {
        using var api = await app.ApiClientAsync(DemoUsers.AnalystWales);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/prevent/statistics?year=1990")).StatusCode);
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/prevent/statistics?year=2017")).StatusCode);
        // A download is an API-like endpoint to ASP.NET Core: no sign-in redirect, a plain 401.
        var download = await anonymous.GetAsync("/prevent/statistics.csv?year=2017");
        Assert.True(download.StatusCode is HttpStatusCode.Unauthorized || PageClient.PathOf(download).StartsWith("/account/sign-in", StringComparison.Ordinal),
            $"anonymous download: {(int)download.StatusCode}");
        Assert.DoesNotContain("1314", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_HoldsNoPersonalData()
    {
        using var api = await app.ApiClientAsync(DemoUsers.AnalystWales);
        var json = await api.GetStringAsync("/api/v1/prevent/statistics?year=2017");
        var page = await app.SignInAsync(DemoUsers.AnalystWales);
        var csv = await page.Http.GetStringAsync("/prevent/statistics.csv?year=2017");
        var (_, html) = await page.GetAsync("/prevent/statistics?year=2017");
        var text = html.Body!.TextContent;
        Assert.Equal(7318, app.FullNames.Count);
        foreach (var body in new[] { json, csv, text })
        {
            Assert.DoesNotContain("PRV-", body, StringComparison.Ordinal);
            var named = app.FullNames.Where(n => body.Contains(n, StringComparison.OrdinalIgnoreCase)).Take(3).ToList();
            Assert.True(named.Count == 0, $"names in the output: {string.Join(", ", named)}");
        }
        // Every label is one of the release's categories: nothing else can carry a person's details.
        var report = JsonSerializer.Deserialize<StatisticsReport>(json, Json)!;
        var units = await app.AsSystemAsync(db => db.Set<Vigil.Web.Network.Unit>().Select(u => u.Name).ToListAsync());
        var allowed = Enum.GetValues<ReferrerSector>().Select(PreventNames.Display)
            .Concat(PreventReferenceSeed.Schemes.SelectMany(s => s.Types.Select(t => t.Name)))
            .Concat(PreventStatistics.AgeGroups).Concat(["Male", "Female", "Other", "Not known"]).Concat(units)
            .Concat([PreventStatistics.NoFurtherAction, PreventStatistics.Signposted, PreventStatistics.Discussed, PreventStatistics.AtGateway, PreventStatistics.Adopted, PreventStatistics.LeftChannel, PreventStatistics.TotalLabel])
            .ToHashSet();
        Assert.All(report.Tables.SelectMany(PreventStatistics.PrintOrder), r => Assert.Contains(r.Label, allowed));
        using var document = JsonDocument.Parse(json);
        var keys = Keys(document.RootElement).ToHashSet();
        Assert.Empty(keys.Intersect(["givenName", "surname", "dateOfBirth", "reference", "subjectId", "id", "referrerName", "whatPrompted"]));
    }

    private static IEnumerable<string> Keys(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Keys(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Keys),
        _ => [],
    };
}

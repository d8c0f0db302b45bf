using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Data.Scale;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;

namespace Vigil.Web.Prevent;

/// <summary>
/// Ten years of Prevent referrals for the national-scale generator, at the published volume (about 7,000 a
/// year) and outcomes (about half no further action, a third signposted, the rest to a Channel panel, of
/// which over half adopted), across the demo's panels. Every referral is a person of its own, labelled for
/// the unit's Prevent team; the current year's cases are still moving, earlier ones are closed or left
/// Channel. Names from their own stream.
/// </summary>
internal sealed class PreventScaleSeed : IScaleSeed
{
    public const int PerYear = 7_000;

    public string Name => "prevent";
    public IReadOnlyList<string> After => ["subjects"];

    public async Task SeedAsync(ScaleContext context, CancellationToken ct)
    {
        var db = context.Db;
        var panels = await db.Set<ChannelPanel>().Select(p => new { p.Id, p.UnitId, p.GroupId }).ToListAsync(ct);
        var teams = await db.Set<PreventTeam>().ToDictionaryAsync(t => t.UnitId, t => t.GroupId, ct);
        panels = panels.Where(p => teams.ContainsKey(p.UnitId)).ToList();
        if (panels.Count == 0)
        {
            return;
        }
        var taken = (await db.Set<PreventCase>().Select(c => new { c.Year, c.Number }).ToListAsync(ct)).Select(c => (c.Year, c.Number)).ToHashSet();
        var names = new DemoNames(context.Plan.Seed + 7);
        Random when = context.Stream("prevent-when"), outcome = context.Stream("prevent-outcome"), numbers = context.Stream("prevent-numbers"),
            ids = context.Stream("prevent-ids"), person = context.Stream("prevent-person");
        // Ten years at the published volume for a network of a million people, in proportion to the plan.
        var total = (int)(PerYear * 10L * context.Plan.People / 1_000_000);
        for (var n = 1; n <= total; n++)
        {
            var panel = panels[when.Next(panels.Count)];
            var referredAt = context.Now.AddDays(-when.Next(1, 3650));
            var year = referredAt.Year;
            int number;
            do
            {
                number = PreventCase.RandomNumber(numbers);
            }
            while (!taken.Add((year, number)));
            var faker = names.Next();
            var team = new RecordGroup { GroupId = teams[panel.UnitId] };
            var age = person.Next(11, 60);
            var subject = new Subject
            {
                Id = ScaleContext.Id(ids), GivenName = faker.Name.FirstName(), Surname = faker.Name.LastName(),
                DateOfBirth = DateOnly.FromDateTime(referredAt.UtcDateTime).AddYears(-age).AddDays(-person.Next(365)),
                Gender = person.Next(10) == 0 ? Gender.Female : Gender.Male,
                Summary = "Fictional person in the national-scale Prevent demonstration data.",
                Classification = Classification.Official, OfficialSensitive = true, OwningUnitId = panel.UnitId, NeedToKnow = [team],
                CreatedAt = referredAt, UpdatedAt = referredAt,
            };
            var c = new PreventCase
            {
                Id = ScaleContext.Id(ids), Reference = PreventCase.ReferenceFor(year, number), Year = year, Number = number, SubjectId = subject.Id, PanelId = panel.Id,
                AgeAtReferral = age, Gender = subject.Gender, ReferredAt = referredAt, Sector = (ReferrerSector)outcome.Next(9), ConcernScheme = "2023", ConcernCode = "other",
                Stage = PreventStage.Gateway, GatewayDue = DateOnly.FromDateTime(referredAt.UtcDateTime).AddDays(PreventCases.GatewayTargetDays),
                Classification = Classification.Official, OfficialSensitive = true, OwningUnitId = panel.UnitId, NeedToKnow = [new RecordGroup { GroupId = team.GroupId }],
                Referrals = [new Referral { ReceivedAt = referredAt, Sector = ReferrerSector.Education, ReferrerName = "Fictional referrer", ConcernScheme = "2023", ConcernCode = "other", WhatPrompted = "Fictional concern." }],
            };
            var days = (context.Now - referredAt).TotalDays;
            if (days > 10)
            {
                var gatewayAt = referredAt.AddDays(outcome.Next(1, 9));
                c.DeconflictedAt = gatewayAt;
                var roll = outcome.NextDouble();
                var result = roll < 0.51 ? GatewayOutcome.NoFurtherAction : roll < 0.87 ? GatewayOutcome.Signposted : GatewayOutcome.ReferredToChannel;
                c.RecordGateway(result, result is GatewayOutcome.ReferredToChannel ? VulnerabilityFinding.ClearVulnerability : VulnerabilityFinding.PossibleVulnerability,
                    "Demonstration gateway assessment.", result is GatewayOutcome.Signposted ? "Early help" : "", gatewayAt, "Fictional Prevent officer");
                if (c.Stage is PreventStage.Panel)
                {
                    c.NeedToKnow.Add(new RecordGroup { GroupId = panel.GroupId });
                    subject.NeedToKnow.Add(new RecordGroup { GroupId = panel.GroupId });
                    if (days > 40)
                    {
                        c.Decide(outcome.NextDouble() < 0.57 ? PanelDecision.Adopt : PanelDecision.NotAdopt, gatewayAt.AddDays(14), "Early help (demonstration).");
                        if (c.Stage is PreventStage.Support && days > 400)
                        {
                            c.Exit(DateOnly.FromDateTime(gatewayAt.UtcDateTime).AddDays(200), "Vulnerability reduced (demonstration).", withConcerns: false);
                            c.Close(CaseClosure.ReviewsComplete, gatewayAt.AddDays(565));
                        }
                    }
                }
            }
            await context.AddAsync(subject, ct);
            await context.AddAsync(c, ct);
            if (n % 10_000 == 0 || n == total)
            {
                context.Progress("Prevent referrals", n, total);
            }
        }
    }
}

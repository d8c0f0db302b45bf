using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data.Scale;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Pursue;

/// <summary>
/// About 700 live investigations for the national-scale generator, in two parts: first their teams' need-to-
/// know groups (so that the people made next can be restricted to one: "restricted-groups", unit to groups),
/// then the investigations themselves in every phase, with their actions and the people linked to them. The
/// unit's demo SIO leads its investigations where the unit has one, so a demo sign-in sees a national caseload.
/// </summary>
internal sealed class PursueTeamsScaleSeed : IScaleSeed
{
    /// <summary>About 700 live investigations in a network of a million people, in proportion to the plan
    /// (and at least one for each unit).</summary>
    public static int Investigations(ScalePlan plan) => (int)Math.Max(11, 700L * plan.People / 1_000_000);

    public string Name => "pursue-teams";
    public IReadOnlyList<string> After => [];

    /// <summary>An investigation planned by the first part and made by the second.</summary>
    internal sealed record Planned(Guid Id, string Operation, Guid Unit, Guid Group, Guid? Sio);

    public async Task SeedAsync(ScaleContext context, CancellationToken ct)
    {
        var db = context.Db;
        var units = await db.Set<Network.Unit>().Where(u => u.Kind == Network.UnitKind.Ctu || u.Kind == Network.UnitKind.Ctiu).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var sios = await db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.Sio), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .Join(db.Users, id => id, u => u.Id, (_, u) => new { u.Id, u.UnitId, u.Clearance }).ToListAsync(ct);
        var random = context.Stream("investigations");
        var ids = context.Stream("investigation-ids");
        var existing = (await db.Set<Investigation>().IgnoreQueryFilters().Select(i => i.OperationName).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var planned = new List<Planned>();
        var groups = new Dictionary<Guid, List<Guid>>();
        var count = Investigations(context.Plan);
        for (var n = 0; n < count; n++)
        {
            var unit = units[random.Next(units.Count)];
            string name;
            do
            {
                name = $"Operation {Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]}-{random.Next(100, 999)}";
            }
            while (!existing.Add(name));
            var group = new NeedToKnowGroup
            {
                Id = ScaleContext.Id(ids), Name = $"{name} ({unit.Name})", Description = $"The team of {name}.", OwningUnitId = unit.Id, ManagedBy = $"the team of {name}",
            };
            var sio = sios.FirstOrDefault(s => s.UnitId == unit.Id && s.Clearance >= Classification.Secret)?.Id;
            await context.AddAsync(group, ct);
            if (sio is { } lead)
            {
                await context.AddAsync(new GroupMembership { GroupId = group.Id, UserId = lead }, ct);
            }
            planned.Add(new Planned(ScaleContext.Id(ids), name, unit.Id, group.Id, sio));
            (groups.TryGetValue(unit.Id, out var list) ? list : groups[unit.Id] = []).Add(group.Id);
        }
        context.Shared["restricted-groups"] = groups.ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Value);
        context.Shared["pursue-planned"] = planned;
        // For other modules' parts (intelligence reports linked to investigations), in plain values: unit to (id, operation name).
        foreach (var unit in planned.GroupBy(x => x.Unit))
        {
            context.Shared[$"investigations:{unit.Key}"] = unit.Select(x => (x.Id, x.Operation)).ToList();
        }
    }

    private static readonly string[] Words =
    [
        "ALDER", "BEACON", "CINDER", "DELTA", "EMBER", "FALCON", "GARNET", "HARBOUR", "IVORY", "JASPER", "KESTREL", "LANTERN", "MERIDIAN", "NIMBUS",
        "ONYX", "PERIDOT", "QUARRY", "RAVEN", "SABLE", "TALON", "UMBER", "VESPER", "WILLOW", "YARROW", "ZEPHYR", "BRAMBLE", "CORAL", "DUNLIN",
    ];
}

internal sealed class PursueScaleSeed : IScaleSeed
{
    public string Name => "pursue";
    public IReadOnlyList<string> After => ["pursue-teams", "subjects"];

    public async Task SeedAsync(ScaleContext context, CancellationToken ct)
    {
        if (!context.Shared.TryGetValue("pursue-planned", out var p))
        {
            return;
        }
        var planned = (List<PursueTeamsScaleSeed.Planned>)p;
        var threats = PursueReferenceSeed.Items.Where(i => i.Kind == PursueReferenceItem.ThreatType).Select(i => i.Code).ToArray();
        var random = context.Stream("investigation-detail");
        var ids = context.Stream("investigation-detail-ids");
        var done = 0;
        foreach (var plan in planned)
        {
            var opened = context.Now.AddDays(-random.Next(20, 900));
            // Live: every phase but closed, weighted to the earlier ones as a national caseload is.
            var phase = (Phase)Math.Min(random.Next(7) switch { < 3 => 0, < 5 => 1, 5 => 2, _ => random.Next(3, 6) }, (int)Phase.Outcome);
            var classification = random.Next(4) == 0 ? Classification.Official : Classification.Secret;
            var investigation = new Investigation
            {
                Id = plan.Id, OperationName = plan.Operation, ThreatType = threats[random.Next(threats.Length)], Risk = (RiskLevel)random.Next(3), Lead = (Lead)random.Next(3),
                Summary = "Fictional investigation in the national-scale demonstration data.", OpenedAt = opened, UpdatedAt = opened,
                GroupId = plan.Group, NeedToKnow = [new RecordGroup { GroupId = plan.Group }], Classification = classification, OwningUnitId = plan.Unit,
            };
            if (plan.Sio is { } sio)
            {
                investigation.Team.Add(new TeamMember { UserId = sio, Role = TeamRole.Sio, AddedAt = opened });
            }
            for (var step = Phase.Investigation; step <= phase; step++)
            {
                investigation.PhaseChanges.Add(new PhaseChange { From = step - 1, To = step, At = opened.AddDays(30 * (int)step), By = "Fictional SIO", Reason = "Demonstration data." });
            }
            investigation.Phase = phase;
            await context.AddAsync(investigation, ct);
            for (var n = 1; n <= random.Next(3, 9); n++)
            {
                var state = (ActionState)random.Next(5);
                await context.AddAsync(new InvestigationAction
                {
                    Id = ScaleContext.Id(ids), InvestigationId = plan.Id, Number = n, Title = $"Fictional enquiry {n}", Priority = (ActionPriority)random.Next(3),
                    DueDate = DateOnly.FromDateTime(context.Now.UtcDateTime).AddDays(random.Next(-20, 40)), State = state,
                    AllocatedToId = state == ActionState.Raised ? null : plan.Sio, RaisedAt = opened.AddDays(n), RaisedBy = "Fictional SIO",
                }, ct);
            }
            if (context.Shared.TryGetValue($"subjects:{plan.Unit}", out var people) && people is List<Guid> { Count: > 0 } local)
            {
                foreach (var person in Enumerable.Range(0, random.Next(1, 6)).Select(_ => local[random.Next(local.Count)]).Distinct())
                {
                    await context.AddAsync(new InvestigationSubject
                    {
                        Id = ScaleContext.Id(ids), InvestigationId = plan.Id, SubjectId = person, Role = (SubjectRole)random.Next(2),
                        AddedAt = opened.AddDays(2), AddedBy = "Fictional SIO",
                    }, ct);
                }
            }
            if (++done % 100 == 0 || done == planned.Count)
            {
                context.Progress("investigations", done, planned.Count);
            }
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Prevent;

/// <summary>
/// Prevent's reference data, seeded in every mode: the Home Office concern-type schemes (each kept with
/// the date it took effect, so a record keeps the scheme it was made under), the Vulnerability Assessment
/// Framework's 22 factors (DOMAIN.md; names marked unconfirmed there), and a Prevent team group for every
/// regional unit.
/// </summary>
public sealed class PreventReferenceSeed : ISeed
{
    public string Name => "prevent-reference";
    public IReadOnlyList<string> After => ["network"];

    public const string VafVersion = "2023";

    public static readonly IReadOnlyList<(string Code, string Name, DateOnly From, (string Code, string Name)[] Types)> Schemes =
    [
        ("2015", "Home Office categories 2015/16", new DateOnly(2015, 4, 1),
        [
            ("islamist", "Islamist"), ("extreme-right-wing", "Extreme right wing"), ("other", "Other"), ("unspecified", "Unspecified"),
        ]),
        ("2017", "Home Office categories 2017/18 to 2022/23", new DateOnly(2017, 4, 1),
        [
            ("islamist", "Islamist"), ("extreme-right-wing", "Extreme right wing"), ("mixed-unclear-unstable", "Mixed, unclear or unstable"), ("other", "Other"),
        ]),
        ("2023", "Home Office categories from 2023/24", new DateOnly(2023, 4, 1),
        [
            ("islamist", "Islamist"), ("extreme-right-wing", "Extreme right-wing"), ("left-wing-anarchist-single-issue", "Left wing, anarchist or single issue"),
            ("conflicted", "Conflicted"), ("school-massacre", "School massacre"), ("incel", "Incel"), ("no-ideology", "No ideology or CT risk"),
            ("mixed-unclear-unstable", "Mixed, unclear or unstable"), ("other", "Other"),
        ]),
    ];

    public static readonly IReadOnlyList<(VafDimension Dimension, string Code, string Name)> VafFactors =
    [
        (VafDimension.Engagement, "grievance", "Feelings of grievance and injustice"),
        (VafDimension.Engagement, "threat", "Feeling under threat"),
        (VafDimension.Engagement, "identity", "A need for identity, meaning and belonging"),
        (VafDimension.Engagement, "status", "A desire for status"),
        (VafDimension.Engagement, "excitement", "A desire for excitement and adventure"),
        (VafDimension.Engagement, "dominance", "A need to dominate and control others"),
        (VafDimension.Engagement, "indoctrination", "Susceptibility to indoctrination"),
        (VafDimension.Engagement, "political-moral", "A desire for political or moral change"),
        (VafDimension.Engagement, "opportunistic", "Opportunistic involvement"),
        (VafDimension.Engagement, "family-friends", "Family or friends support extremist offending"),
        (VafDimension.Engagement, "transitional", "Being at a transitional time of life"),
        (VafDimension.Engagement, "group-influence", "Being influenced or controlled by a group"),
        (VafDimension.Engagement, "mental-health", "Relevant mental health issues"),
        (VafDimension.Intent, "over-identification", "Over-identification with a group, cause or ideology"),
        (VafDimension.Intent, "them-and-us", "'Them and us' thinking"),
        (VafDimension.Intent, "dehumanising", "Dehumanisation of the enemy"),
        (VafDimension.Intent, "justify-offending", "Attitudes that justify offending"),
        (VafDimension.Intent, "harmful-means", "Harmful means to an end"),
        (VafDimension.Intent, "harmful-objectives", "Harmful objectives"),
        (VafDimension.Capability, "knowledge-skills", "Individual knowledge, skills and competencies"),
        (VafDimension.Capability, "networks-funding", "Access to networks, funding or equipment"),
        (VafDimension.Capability, "criminal-capability", "Criminal capability"),
    ];

    public static string TeamGroupName(string unitName) => $"Prevent: {unitName}";

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        var schemes = await db.Set<ConcernScheme>().Select(s => s.Code).ToListAsync(ct);
        foreach (var (code, name, from, types) in Schemes.Where(s => !schemes.Contains(s.Code)))
        {
            db.Add(new ConcernScheme
            {
                Code = code, Name = name, EffectiveFrom = from,
                Types = types.Select((t, i) => new ConcernType { Code = t.Code, Name = t.Name, Order = i + 1 }).ToList(),
            });
        }
        if (!await db.Set<VafFactor>().AnyAsync(f => f.FrameworkVersion == VafVersion, ct))
        {
            db.AddRange(VafFactors.Select((f, i) => new VafFactor { FrameworkVersion = VafVersion, Dimension = f.Dimension, Code = f.Code, Name = f.Name, Order = i + 1 }));
        }
        var teams = await db.Set<PreventTeam>().Select(t => t.UnitId).ToListAsync(ct);
        var units = await db.Set<Network.Unit>().Where(u => u.Kind == Network.UnitKind.Ctu || u.Kind == Network.UnitKind.Ctiu).ToListAsync(ct);
        foreach (var unit in units.Where(u => !teams.Contains(u.Id)))
        {
            var group = new NeedToKnowGroup
            {
                Name = TeamGroupName(unit.Name), OwningUnitId = unit.Id,
                Description = $"{unit.Name}'s Prevent officers: every Prevent case the unit owns is restricted to them (and to the Channel panel it goes to).",
            };
            db.Add(group);
            db.Add(new PreventTeam { UnitId = unit.Id, GroupId = group.Id });
        }
        await db.SaveChangesAsync(ct);
    }
}

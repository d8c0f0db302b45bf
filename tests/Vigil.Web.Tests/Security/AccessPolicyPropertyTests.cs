using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;

namespace Vigil.Web.Tests.Security;

/// <summary>Properties of the one access policy, over generated users and labels.</summary>
public sealed class AccessPolicyPropertyTests
{
    private static readonly Guid[] Units = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
    private static readonly Guid[] Groups = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

    internal static readonly Gen<Classification> GenClassification = Gen.Int[0, 2].Select(i => (Classification)i);

    private static Guid[] Pick(Guid[] from, int mask) => from.Where((_, i) => (mask & (1 << i)) != 0).ToArray();

    internal sealed record UserFacts(bool Authenticated, Classification Clearance, int Unit, int GroupMask, string Role)
    {
        public AccessContext ToContext()
        {
            var context = new AccessContext();
            if (Authenticated)
            {
                context.SignedIn(Guid.NewGuid(), "u@test", "U", Unit < Units.Length ? Units[Unit] : null, "unit", null, Clearance, [Role], Pick(Groups, GroupMask));
            }
            return context;
        }
    }

    internal static readonly Gen<UserFacts> GenUser = Gen.Select(Gen.Int[0, 9].Select(i => i > 0), GenClassification, Gen.Int[0, Units.Length], Gen.Int[0, 15], Gen.Int[0, Roles.All.Count - 1].Select(i => Roles.All[i]))
        .Select((a, c, u, g, r) => new UserFacts(a, c, u, g, r));

    internal static readonly Gen<ProtectiveLabel> GenLabel = Gen.Select(GenClassification, Gen.Bool, Gen.Int[0, Units.Length - 1], Gen.Int[0, 15].Select(m => m < 10 ? 0 : m))
        .Select((c, s, u, g) => new ProtectiveLabel(c, s && c == Classification.Official, Units[u], Pick(Groups, g)));

    [Fact]
    public void Read_RequiresClearanceAtLeastTheClassification() =>
        Gen.Select(GenUser, GenLabel).Sample((u, l) => !AccessPolicy.CanRead(u.ToContext(), l) || u.Clearance >= l.Classification);

    [Fact]
    public void Read_Unauthenticated_NeverAllowed() =>
        Gen.Select(GenUser, GenLabel).Sample((u, l) => !AccessPolicy.CanRead((u with { Authenticated = false }).ToContext(), l));

    [Fact]
    public void Read_RaisingClearance_NeverTakesAccessAway() =>
        Gen.Select(GenUser, GenLabel, GenClassification).Sample((u, l, higher) =>
            !AccessPolicy.CanRead(u.ToContext(), l) || higher < u.Clearance || AccessPolicy.CanRead((u with { Clearance = higher }).ToContext(), l));

    [Fact]
    public void Read_JoiningAGroup_NeverTakesAccessAway() =>
        Gen.Select(GenUser, GenLabel, Gen.Int[0, 3]).Sample((u, l, extra) =>
            !AccessPolicy.CanRead(u.ToContext(), l) || AccessPolicy.CanRead((u with { GroupMask = u.GroupMask | (1 << extra) }).ToContext(), l));

    [Fact]
    public void Read_RecordWithGroups_NeedsMembershipWhateverTheUnit() =>
        Gen.Select(GenUser, GenLabel).Sample((u, l) =>
            l.Groups.Count == 0 || AccessPolicy.CanRead(u.ToContext(), l) == (u.Authenticated && u.Clearance >= l.Classification && l.Groups.Any(g => Pick(Groups, u.GroupMask).Contains(g))));

    [Fact]
    public void Label_AUserMaySet_IsOneTheyCanRead() =>
        Gen.Select(GenUser, GenLabel).Sample((u, l) =>
        {
            var context = u.ToContext();
            return !u.Authenticated || AccessPolicy.LabelRefusal(context, l) is not null || AccessPolicy.CanRead(context, l);
        });

    [Fact]
    public void Label_AboveOwnClearance_IsAlwaysRefused() =>
        Gen.Select(GenUser, GenLabel).Sample((u, l) => l.Classification <= u.Clearance || AccessPolicy.LabelRefusal(u.ToContext(), l) is not null);

    [Fact]
    public void Write_ImpliesRead() =>
        Gen.Select(GenUser, GenLabel).Sample((u, l) => !AccessPolicy.CanWrite(u.ToContext(), l, Roles.SubjectWriters) || AccessPolicy.CanRead(u.ToContext(), l));
}

/// <summary>The same rule runs as C# (AccessPolicy.CanRead) and as SQL (the query filter); on every
/// combination of label and user, in the real database, the two must agree exactly.</summary>
public sealed class QueryFilterAgreementTests(VigilApp app) : IClassFixture<VigilApp>
{
    [Fact]
    public async Task QueryFilter_EveryUserAndRecordKind_AgreesWithCanRead()
    {
        var units = await app.AsSystemAsync(db => db.Set<Vigil.Web.Network.Unit>().Where(u => u.Kind == Vigil.Web.Network.UnitKind.Ctu).Select(u => u.Id).Take(3).ToListAsync());
        // Three groups give every case (none, one, several, all); every group in the demo would be 2^n records.
        var groups = await app.AsSystemAsync(db => db.NeedToKnowGroups.OrderBy(g => g.Name).Select(g => g.Id).Take(3).ToListAsync());
        // Every combination: classification x owning unit x groups for records, clearance x unit (or none) x groups for users.
        var labels = (from c in Enum.GetValues<Classification>()
                      from u in units
                      from mask in Enumerable.Range(0, 1 << groups.Count)
                      select new ProtectiveLabel(c, false, u, groups.Where((_, i) => (mask & (1 << i)) != 0).ToArray())).ToList();
        var ids = await app.AsSystemAsync(async db =>
        {
            var list = new List<Guid>();
            foreach (var label in labels)
            {
                var s = new Subject
                {
                    GivenName = "Property",
                    Surname = "Record",
                    Classification = label.Classification,
                    OwningUnitId = label.OwningUnitId,
                    NeedToKnow = label.Groups.Select(g => new RecordGroup { GroupId = g }).ToList(),
                };
                db.Add(s);
                list.Add(s.Id);
            }
            await db.SaveChangesAsync();
            return list;
        });
        var users = from c in Enum.GetValues<Classification>()
                    from u in Enumerable.Range(0, units.Count + 1)
                    from mask in Enumerable.Range(0, 1 << groups.Count)
                    select (c, u, mask);
        var mismatches = new List<string>();
        foreach (var (clearance, unit, mask) in users)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var access = scope.ServiceProvider.GetRequiredService<AccessContext>();
            access.SignedIn(Guid.NewGuid(), "property@test", "Property", unit < units.Count ? units[unit] : null, "unit", null, clearance, [Roles.Analyst],
                groups.Where((_, i) => (mask & (1 << i)) != 0));
            var db = scope.ServiceProvider.GetRequiredService<VigilDb>();
            var seen = (await db.Set<Subject>().Where(s => s.GivenName == "Property").Select(s => s.Id).ToListAsync()).ToHashSet();
            var expected = ids.Where((_, i) => AccessPolicy.CanRead(access, labels[i])).ToHashSet();
            if (!seen.SetEquals(expected))
            {
                mismatches.Add($"clearance {clearance}, unit {unit}, groups {mask}: filter {seen.Count}, policy {expected.Count}");
            }
            var count = await db.Set<Subject>().CountAsync(s => s.GivenName == "Property");
            if (count != expected.Count)
            {
                mismatches.Add($"count {count} != {expected.Count}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}

using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Inbox;
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
/// combination of label and user, in the real database, the two must agree exactly: for every kind of
/// protected record, and for a child of each kind that has children (whose filter is "the parent is visible").</summary>
public sealed class QueryFilterAgreementTests(VigilApp app) : IClassFixture<VigilApp>
{
    /// <summary>How to make one record of a kind with a given label (the parent's, for a child), and read back
    /// which of a set of ids the filter lets through.</summary>
    private sealed record Kind(Type Type, Func<ProtectiveLabel, Fixtures, object> Make, Func<VigilDb, IReadOnlyCollection<Guid>, Task<(HashSet<Guid> Seen, int Count)>> Read,
        Type? Parent = null, Func<object, Fixtures, object>? MakeChild = null);

    /// <summary>Existing records the new ones must point at (foreign keys).</summary>
    private sealed record Fixtures(Guid Subject, Guid Panel, Guid Group, int Number, Func<Guid>? NewActReport = null);

    private static Func<VigilDb, IReadOnlyCollection<Guid>, Task<(HashSet<Guid>, int)>> Reader<T>() where T : class =>
        async (db, ids) =>
        {
            var query = db.Set<T>().Where(x => ids.Contains(EF.Property<Guid>(x, "Id")));
            return ((await query.Select(x => EF.Property<Guid>(x, "Id")).ToListAsync()).ToHashSet(), await query.CountAsync());
        };

    private static readonly Kind[] Kinds =
    [
        new(typeof(Subject), (l, _) => Label(new Subject { GivenName = "Property", Surname = "Record" }, l), Reader<Subject>(), null,
            (parent, _) => new SubjectNameToken { SubjectId = ((Subject)parent).Id, Token = "agreement" }),
        new(typeof(Organisation), (l, _) => Label(new Organisation { Name = "Fictional Agreement Circle" }, l), Reader<Organisation>()),
        new(typeof(InboxItem), (l, _) => Label(new InboxItem { Subject = "Agreement", Body = "Fictional notice." }, l), Reader<InboxItem>()),
        new(typeof(Vigil.Web.Pursue.Investigation),
            (l, f) => Label(new Vigil.Web.Pursue.Investigation { OperationName = $"Operation AGREE-{Guid.NewGuid():N}", ThreatType = "mixed-unclear", GroupId = f.Group }, l),
            Reader<Vigil.Web.Pursue.Investigation>(), null,
            (parent, _) => new Vigil.Web.Pursue.InvestigationAction { InvestigationId = ((Vigil.Web.Pursue.Investigation)parent).Id, Number = 1, Title = "Agreement", RaisedBy = "Property" }),
        new(typeof(Vigil.Web.Prevent.PreventCase),
            (l, f) => Label(new Vigil.Web.Prevent.PreventCase
            {
                Reference = Vigil.Web.Prevent.PreventCase.ReferenceFor(2099, f.Number), Year = 2099, Number = f.Number, SubjectId = f.Subject, PanelId = f.Panel,
                ConcernScheme = "2023", ConcernCode = "other",
            }, l),
            Reader<Vigil.Web.Prevent.PreventCase>(), null,
            (parent, _) => new Vigil.Web.Prevent.PartnerInformation { CaseId = ((Vigil.Web.Prevent.PreventCase)parent).Id, Agency = "Fictional agency", Summary = "Agreement" }),
        new(typeof(Vigil.Web.Prevent.PublicReferral),
            (l, f) => Label(new Vigil.Web.Prevent.PublicReferral
            {
                Reference = $"AG-{f.Number}", PanelId = f.Panel, ReferrerName = "Fictional", GivenName = "Property", Surname = "Record",
                ConcernScheme = "2023", ConcernCode = "other", WhatPrompted = "Agreement",
            }, l),
            Reader<Vigil.Web.Prevent.PublicReferral>()),
        new(typeof(Vigil.Web.Intelligence.IntelligenceReport),
            (l, f) => Label(new Vigil.Web.Intelligence.IntelligenceReport { Reference = $"IR-2099-{f.Number:D7}", Text = "Fictional agreement.", SubmittedBy = "Property" }, l),
            Reader<Vigil.Web.Intelligence.IntelligenceReport>(), null,
            (parent, _) => new Vigil.Web.Intelligence.ReportEntity
            {
                ReportId = ((Vigil.Web.Intelligence.IntelligenceReport)parent).Id, Kind = Vigil.Web.Intelligence.EntityKind.Organisation, Value = "Fictional", Provenance = "agreement", AddedBy = "Property",
            }),
        new(typeof(Vigil.Web.Intelligence.SourceDetails), (l, f) => Label(new Vigil.Web.Intelligence.SourceDetails { ReportId = Guid.NewGuid(), SourceReference = "SRC-AGREE" }, l),
            Reader<Vigil.Web.Intelligence.SourceDetails>()),
        new(typeof(Vigil.Web.Reporting.ActReport),
            (l, f) => Label(new Vigil.Web.Reporting.ActReport
            {
                Reference = Vigil.Web.Reporting.ActReport.NewReference(), FollowUpCodeHash = "agreement", Behaviour = "other", WhatHappened = "Fictional agreement.",
            }, l),
            Reader<Vigil.Web.Reporting.ActReport>(), null,
            (parent, _) => new Vigil.Web.Reporting.ActClusterLink { ReportId = ((Vigil.Web.Reporting.ActReport)parent).Id, OtherId = Guid.NewGuid(), Reason = "agreement" }),
        new(typeof(Vigil.Web.Reporting.ActReporterContact), (l, f) => Label(new Vigil.Web.Reporting.ActReporterContact { ReportId = f.NewActReport!(), Name = "Fictional" }, l),
            Reader<Vigil.Web.Reporting.ActReporterContact>()),
        new(typeof(Vigil.Web.Protect.ProtectSite), (l, f) => Label(new Vigil.Web.Protect.ProtectSite { Name = "Fictional Agreement Hall", Postcode = "M1 1AE", Sector = "retail", Capacity = 300 }, l),
            Reader<Vigil.Web.Protect.ProtectSite>()),
        new(typeof(Vigil.Web.Operations.SurgeIncident),
            (l, f) => Label(new Vigil.Web.Operations.SurgeIncident { Name = "Fictional agreement", Kind = "attack", LeadUnitId = l.OwningUnitId, GroupId = f.Group }, l),
            Reader<Vigil.Web.Operations.SurgeIncident>(), null,
            (parent, _) => new Vigil.Web.Operations.SurgeRequest
            {
                IncidentId = ((Vigil.Web.Operations.SurgeIncident)parent).Id, RequestingUnitId = ((Vigil.Web.Operations.SurgeIncident)parent).OwningUnitId, Capability = "investigators", Officers = 1,
            }),
    ];

    private static readonly Dictionary<Type, Func<VigilDb, IReadOnlyCollection<Guid>, Task<(HashSet<Guid>, int)>>> ChildReaders = new()
    {
        [typeof(Vigil.Web.Pursue.InvestigationAction)] = Reader<Vigil.Web.Pursue.InvestigationAction>(),
        [typeof(Vigil.Web.Prevent.PartnerInformation)] = Reader<Vigil.Web.Prevent.PartnerInformation>(),
        [typeof(Vigil.Web.Intelligence.ReportEntity)] = Reader<Vigil.Web.Intelligence.ReportEntity>(),
        [typeof(Vigil.Web.Reporting.ActClusterLink)] = Reader<Vigil.Web.Reporting.ActClusterLink>(),
        [typeof(Vigil.Web.Operations.SurgeRequest)] = Reader<Vigil.Web.Operations.SurgeRequest>(),
        // A name word has no id of its own: the child made for each subject is its word "agreement".
        [typeof(SubjectNameToken)] = async (db, ids) =>
        {
            var query = db.Set<SubjectNameToken>().Where(t => ids.Contains(t.SubjectId) && t.Token == "agreement");
            return ((await query.Select(t => t.SubjectId).ToListAsync()).ToHashSet(), await query.CountAsync());
        },
    };

    private static T Label<T>(T record, ProtectiveLabel label) where T : IProtectedRecord
    {
        dynamic r = record;
        r.Classification = label.Classification;
        r.OwningUnitId = label.OwningUnitId;
        record.NeedToKnow.AddRange(label.Groups.Select(g => new RecordGroup { GroupId = g }));
        return record;
    }

    [Fact]
    public void Catalogue_CoversEveryProtectedRecordAndAChildOfEachParent()
    {
        using var scope = app.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<VigilDb>().Model;
        var protectedTypes = model.GetEntityTypes().Select(e => e.ClrType).Where(t => typeof(IProtectedRecord).IsAssignableFrom(t)).ToHashSet();
        Assert.Equal(protectedTypes.OrderBy(t => t.Name), Kinds.Select(k => k.Type).ToHashSet().OrderBy(t => t.Name));
        var parents = model.GetEntityTypes().Select(e => e.ClrType)
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IProtectedChild<,>)).Select(i => i.GetGenericArguments()[1]))
            .ToHashSet();
        Assert.NotEmpty(parents);
        Assert.All(parents, parent => Assert.NotNull(Kinds.Single(k => k.Type == parent).MakeChild));
    }

    [Fact]
    public async Task QueryFilter_EveryUserAndRecordKind_AgreesWithCanRead()
    {
        var units = await app.AsSystemAsync(db => db.Set<Vigil.Web.Network.Unit>().Where(u => u.Kind == Vigil.Web.Network.UnitKind.Ctu).Select(u => u.Id).Take(3).ToListAsync());
        // Three groups give every case (none, one, several, all); every group in the demo would be 2^n records.
        var groups = await app.AsSystemAsync(db => db.NeedToKnowGroups.OrderBy(g => g.Name).Select(g => g.Id).Take(3).ToListAsync());
        var subject = await app.AsSystemAsync(db => db.Set<Subject>().IgnoreQueryFilters().Select(s => s.Id).FirstAsync());
        var panel = await app.AsSystemAsync(db => db.Set<Vigil.Web.Prevent.ChannelPanel>().Select(p => p.Id).FirstAsync());
        // Every combination: classification x owning unit x groups for records, clearance x unit (or none) x groups for users.
        var labels = (from c in Enum.GetValues<Classification>()
                      from u in units
                      from mask in Enumerable.Range(0, 1 << groups.Count)
                      select new ProtectiveLabel(c, false, u, groups.Where((_, i) => (mask & (1 << i)) != 0).ToArray())).ToList();
        var made = await app.AsSystemAsync(async db =>
        {
            var ids = new Dictionary<Type, List<Guid>>();
            var number = Random.Shared.Next(1, 1 << 20) * 64;
            // A reporter's contact details belong to one report each: every contact gets a report of its own to belong to.
            Guid NewActReport()
            {
                var carrier = Label(new Vigil.Web.Reporting.ActReport
                {
                    Reference = Vigil.Web.Reporting.ActReport.NewReference(), FollowUpCodeHash = "agreement", Behaviour = "other", WhatHappened = "Fictional carrier.",
                }, labels[0]);
                db.Add(carrier);
                return carrier.Id;
            }
            foreach (var kind in Kinds)
            {
                foreach (var label in labels)
                {
                    var record = (IProtectedRecord)kind.Make(label, new Fixtures(subject, panel, groups[0], number++, NewActReport));
                    db.Add(record);
                    (ids.TryGetValue(kind.Type, out var list) ? list : ids[kind.Type] = []).Add(record.Id);
                    if (kind.MakeChild?.Invoke(record, new Fixtures(subject, panel, groups[0], 0)) is { } child)
                    {
                        db.Add(child);
                        var id = child is SubjectNameToken word ? word.SubjectId : (Guid)child.GetType().GetProperty("Id")!.GetValue(child)!;
                        (ids.TryGetValue(child.GetType(), out var children) ? children : ids[child.GetType()] = []).Add(id);
                    }
                }
            }
            await db.SaveChangesAsync();
            return ids;
        });
        var readers = Kinds.ToDictionary(k => k.Type, k => k.Read);
        foreach (var (type, reader) in ChildReaders)
        {
            readers[type] = reader;
        }
        Assert.Equal(readers.Keys.ToHashSet(), made.Keys.ToHashSet());
        // The labels the records were given, for the search's list of readable labels (the i-th subject has the i-th label).
        var subjectLabels = await app.AsSystemAsync(async db =>
        {
            var ids = made[typeof(Subject)];
            var byId = await db.Set<Subject>().IgnoreQueryFilters().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.AccessLabelId);
            return ids.Select(id => byId[id]).ToList();
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
            foreach (var (type, ids) in made)
            {
                // A child is made for each parent, in the parents' order: the i-th of either has the i-th label.
                var expected = ids.Where((_, i) => AccessPolicy.CanRead(access, labels[i])).ToHashSet();
                var (seen, count) = await readers[type](db, ids);
                if (!seen.SetEquals(expected) || count != expected.Count)
                {
                    mismatches.Add($"{type.Name}: clearance {clearance}, unit {unit}, groups {mask}: filter {seen.Count} (count {count}), policy {expected.Count}");
                }
            }
            // The search's readable labels (the access part of its index query) agree too.
            var readable = (await AccessPolicy.ReadableLabels(db).ToListAsync()).ToHashSet();
            var wanted = subjectLabels.Where((_, i) => AccessPolicy.CanRead(access, labels[i])).ToHashSet();
            var refused = subjectLabels.Where((_, i) => !AccessPolicy.CanRead(access, labels[i])).ToHashSet();
            if (!wanted.IsSubsetOf(readable) || readable.Overlaps(refused))
            {
                mismatches.Add($"search labels: clearance {clearance}, unit {unit}, groups {mask}: {readable.Intersect(wanted).Count()} of {wanted.Count} readable, {readable.Intersect(refused).Count()} refused ones readable");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}

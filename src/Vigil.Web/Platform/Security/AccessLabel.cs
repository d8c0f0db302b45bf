using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Platform.Security;

/// <summary>
/// A protective label as a row of its own: every record with the same classification, owning unit and
/// need-to-know groups points at the same label (<see cref="IProtectedRecord.AccessLabelId"/>). A network of
/// a million records has a few thousand labels, and a user may read a short list of them; so the access
/// decision is taken over the labels first, and records are found through their index on the label: a
/// record the user may not see costs nothing, however many there are. The rule is still written once
/// (<see cref="AccessPolicy"/>); the label is only where the query applies it. Labels are never changed or
/// deleted: a record whose label changes points at another one.
/// </summary>
public sealed class AccessLabel
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Classification Classification { get; set; }
    public Guid OwningUnitId { get; set; }
    /// <summary>The groups, sorted, as text ("" for none): with the other two, what makes the label unique.</summary>
    public string GroupKey { get; set; } = "";
    public int GroupCount { get; set; }
    public List<AccessLabelGroup> Groups { get; set; } = [];

    public static string KeyOf(IEnumerable<Guid> groups) => string.Join(",", groups.Distinct().Order().Select(g => g.ToString("N")));
}

public sealed class AccessLabelGroup
{
    public Guid GroupId { get; set; }
}

internal sealed class AccessLabelConfiguration : IEntityTypeConfiguration<AccessLabel>
{
    public void Configure(EntityTypeBuilder<AccessLabel> b)
    {
        b.ToTable("AccessLabels");
        b.Property(l => l.GroupKey).HasMaxLength(4000);
        b.HasIndex(l => new { l.Classification, l.OwningUnitId, l.GroupKey }).IsUnique();
        b.OwnsMany(l => l.Groups, g =>
        {
            g.ToTable("AccessLabelGroups");
            g.WithOwner().HasForeignKey("LabelId");
            g.Property<int>("Id");
            g.HasKey("Id");
            // The filter goes from the user's groups to the labels that name them.
            g.HasIndex(nameof(AccessLabelGroup.GroupId), "LabelId");
        });
    }
}

/// <summary>
/// Finds the label for a classification, owner and groups, making it when it is new. What it has read from
/// the database is kept per database (labels never change), so a save that keeps its record's label costs
/// no query; a label made in a save is kept only once a later lookup finds it committed.
/// </summary>
public static class AccessLabels
{
    private static readonly ConcurrentDictionary<(string Database, Classification Classification, Guid Unit, string Groups), Guid> Known = new();

    public static Task<Guid> IdForAsync(VigilDb db, Classification classification, Guid owningUnit, IReadOnlyCollection<Guid> groups, CancellationToken ct) =>
        IdForAsync(db, db.Database.GetConnectionString() ?? "", PendingOf(db), classification, owningUnit, groups, ct);

    // Labels made in this unit of work and not yet saved, by their identity (read once per save: asking the
    // change tracker for each record would look at every tracked entity each time).
    private static Dictionary<(Classification, Guid, string), AccessLabel> PendingOf(VigilDb db) =>
        db.ChangeTracker.Entries<AccessLabel>().Where(e => e.State == EntityState.Added)
            .ToDictionary(e => (e.Entity.Classification, e.Entity.OwningUnitId, e.Entity.GroupKey), e => e.Entity);

    private static async Task<Guid> IdForAsync(VigilDb db, string database, Dictionary<(Classification, Guid, string), AccessLabel> pending,
        Classification classification, Guid owningUnit, IReadOnlyCollection<Guid> groups, CancellationToken ct)
    {
        var key = AccessLabel.KeyOf(groups);
        if (Known.TryGetValue((database, classification, owningUnit, key), out var known))
        {
            return known;
        }
        if (pending.TryGetValue((classification, owningUnit, key), out var made))
        {
            return made.Id;
        }
        var stored = await db.Set<AccessLabel>().AsNoTracking()
            .Where(l => l.Classification == classification && l.OwningUnitId == owningUnit && l.GroupKey == key).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(ct);
        if (stored is { } id)
        {
            Known[(database, classification, owningUnit, key)] = id;
            return id;
        }
        var label = new AccessLabel
        {
            Classification = classification, OwningUnitId = owningUnit, GroupKey = key, GroupCount = groups.Distinct().Count(),
            Groups = groups.Distinct().Select(g => new AccessLabelGroup { GroupId = g }).ToList(),
        };
        db.Add(label);
        pending[(classification, owningUnit, key)] = label;
        return label.Id;
    }

    /// <summary>Points every protected record of the unit of work at the label its classification, owner
    /// and groups make (a new record, a reclassified one, one whose groups changed).</summary>
    internal static async Task AssignAsync(VigilDb db, CancellationToken ct)
    {
        var records = db.ChangeTracker.Entries<IProtectedRecord>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Unchanged).Select(e => e.Entity).ToList();
        if (records.Count == 0)
        {
            return;
        }
        var database = db.Database.GetConnectionString() ?? "";
        var pending = PendingOf(db);
        foreach (var record in records)
        {
            var id = await IdForAsync(db, database, pending, record.Classification, record.OwningUnitId, record.NeedToKnow.Select(g => g.GroupId).ToList(), ct);
            if (record.AccessLabelId != id)
            {
                record.AccessLabelId = id;
            }
        }
    }
}

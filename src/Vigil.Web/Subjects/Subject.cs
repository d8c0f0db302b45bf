using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Subjects;

/// <summary>A person known to the network, with every name, identifier, address, contact and vehicle
/// known for them and where each came from. A protected record: who may see it is decided by its label,
/// and its details are owned by it, so they are never reached around that decision.</summary>
public sealed class Subject : IProtectedRecord, IAuditedRecord, IHasDerivedRows, Platform.Search.ISearchable, Platform.Retention.IRetained
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string GivenName { get; set; }
    public required string Surname { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public DateOfBirthAccuracy DateOfBirthAccuracy { get; set; }
    public Gender Gender { get; set; }
    public string Summary { get; set; } = "";

    public List<SubjectName> OtherNames { get; set; } = [];
    public List<SubjectIdentifier> Identifiers { get; set; } = [];
    public List<SubjectAddress> Addresses { get; set; } = [];
    public List<SubjectContact> Contacts { get; set; } = [];
    public List<SubjectVehicle> Vehicles { get; set; } = [];
    public List<SubjectNationality> Nationalities { get; set; } = [];
    public List<WarningMarker> WarningMarkers { get; set; } = [];
    public List<SubjectLink> Links { get; set; } = [];

    /// <summary>Subject-of-interest tier, its owner (an officer) and when it must next be reviewed.</summary>
    public Guid? TierId { get; set; }
    public Guid? TierOwnerId { get; set; }
    public DateOnly? TierReviewDue { get; set; }

    /// <summary>Set when this record proved to be the same person as another and was merged into it;
    /// a merged record leaves lists and checks until the merge is undone.</summary>
    public Guid? MergedIntoId { get; set; }

    public Classification Classification { get; set; }
    public bool OfficialSensitive { get; set; }
    public Guid OwningUnitId { get; set; }
    public List<RecordGroup> NeedToKnow { get; set; } = [];
    public Guid AccessLabelId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency: a second edit from a stale copy is refused, never overwrites.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public string FullName => $"{GivenName} {Surname}";

    /// <summary>Marks a change: a new version, so that any edit still holding the old one is refused.</summary>
    public void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }

    /// <summary>The words of every name the subject is known by, for the name search's index.</summary>
    public IEnumerable<object> DerivedRows() =>
        Vigil.Matching.Text.NameWords.Of([GivenName, Surname, .. OtherNames.SelectMany(n => new[] { n.GivenName, n.Surname })])
            .Select(word => new SubjectNameToken { SubjectId = Id, Token = word });

    public async Task RefreshDerivedRowsAsync(VigilDb db, CancellationToken ct)
    {
        var wanted = DerivedRows().Cast<SubjectNameToken>().ToDictionary(t => t.Token, StringComparer.Ordinal);
        var stored = db.Entry(this).State == EntityState.Added ? []
            : await db.Set<SubjectNameToken>().IgnoreQueryFilters().Where(t => t.SubjectId == Id).ToListAsync(ct);
        db.RemoveRange(stored.Where(t => !wanted.Remove(t.Token)));
        db.AddRange(wanted.Values);
    }

    public string SearchType => "subject";

    /// <summary>In the one search: every name, the identifiers, contacts, vehicles and postcodes exactly, and
    /// what is written about the person; not once merged into another record.</summary>
    public Platform.Search.SearchDocument? SearchDocument() => MergedIntoId is not null ? null : new(
        FullName,
        string.Join(". ", new[] { string.Join(", ", OtherNames.Select(n => $"{n.GivenName} {n.Surname}")), Summary }
            .Concat(Addresses.Select(a => a.Text)).Concat(Vehicles.Select(v => $"{v.Registration} {v.Description}")).Concat(Contacts.Select(c => c.Value))
            .Where(s => s.Length > 0)),
        [.. Identifiers.Select(i => i.Value), .. Contacts.Where(c => c.Kind != ContactKind.OnlineHandle).Select(c => c.Value),
            .. Vehicles.Select(v => v.Registration), .. Addresses.Select(a => a.Postcode)],
        $"/subjects/{Id}", DateOnly.FromDateTime(CreatedAt.UtcDateTime), null, typeof(Subject), Id);

    public string RetentionType => "subject";

    /// <summary>Reviewed from the day the record last changed; a record merged into another goes with it.</summary>
    public Platform.Retention.RetentionClock? RetentionClock() => MergedIntoId is null ? new(DateOnly.FromDateTime(UpdatedAt.UtcDateTime), "last changed") : null;

    public string AuditRecordType => "subject";
    public string AuditRecordId => Id.ToString();
}

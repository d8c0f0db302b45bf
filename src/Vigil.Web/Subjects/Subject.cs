using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Subjects;

/// <summary>A person known to the network. A protected record: who may see it is decided by its label.
/// Issue 3 grows this into the full Subjects module (aliases, identifiers, addresses, links).</summary>
public sealed class Subject : IProtectedRecord, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string GivenName { get; set; }
    public required string Surname { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string Summary { get; set; } = "";

    public Classification Classification { get; set; }
    public bool OfficialSensitive { get; set; }
    public Guid OwningUnitId { get; set; }
    public List<RecordGroup> NeedToKnow { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency: a second edit from a stale copy is refused, never overwrites.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public string FullName => $"{GivenName} {Surname}";

    public string AuditRecordType => "subject";
    public string AuditRecordId => Id.ToString();
}

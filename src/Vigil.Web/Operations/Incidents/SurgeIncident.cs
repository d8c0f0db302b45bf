using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Operations;

/// <summary>
/// An incident the operations centre declares so that regions can ask for officers (an attack, disrupted attack
/// planning, a move to CRITICAL...). A protected record with a need-to-know group of its own, as an investigation
/// has: the officers the operations centre briefs in read it and post requests against it.
/// </summary>
public sealed class SurgeIncident : IProtectedRecord, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public Guid LeadUnitId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string Summary { get; set; } = "";
    public string DeclaredBy { get; set; } = "";
    public Guid GroupId { get; set; }

    public Classification Classification { get; set; }
    public bool OfficialSensitive { get; set; }
    public Guid OwningUnitId { get; set; }
    public List<RecordGroup> NeedToKnow { get; set; } = [];
    public Guid AccessLabelId { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public string AuditRecordType => "surge-incident";
    public string AuditRecordId => Id.ToString();

    public bool IsOpen => EndedAt is null;
}

public sealed record DeclareIncident(
    [property: Required(ErrorMessage = "Enter the incident's name"), StringLength(200, ErrorMessage = "The name must be 200 characters or fewer")] string? Name,
    [property: Required(ErrorMessage = "Choose the kind of incident")] string? Kind,
    [property: Required(ErrorMessage = "Choose the lead unit")] string? LeadUnit,
    DateTimeOffset? StartedAt,
    [property: StringLength(2000, ErrorMessage = "The summary must be 2,000 characters or fewer")] string? Summary,
    Classification? Classification,
    bool OfficialSensitive = false);

public sealed record BriefOfficer([property: Required(ErrorMessage = "Enter the officer's e-mail address"), StringLength(256)] string? Email);

public sealed record IncidentMemberDto(Guid UserId, string Name, string Unit);

public sealed record IncidentSummary(Guid Id, string Name, string Kind, string KindName, string LeadUnit, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int OpenRequests);

public sealed record IncidentDto(Guid Id, string Name, string Kind, string KindName, string LeadUnit, string LeadUnitCode, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
    string Summary, string DeclaredBy, Classification Classification, bool OfficialSensitive, IReadOnlyList<IncidentMemberDto> Briefed,
    IReadOnlyList<SurgeRequestDto> Requests, bool MayBrief, bool MayRequest, Guid Version);

internal sealed class SurgeIncidentConfiguration : IEntityTypeConfiguration<SurgeIncident>
{
    public void Configure(EntityTypeBuilder<SurgeIncident> b)
    {
        b.ToTable("SurgeIncidents");
        b.Property(i => i.Name).HasMaxLength(200);
        b.Property(i => i.Kind).HasMaxLength(40);
        b.Property(i => i.Summary).HasMaxLength(2000);
        b.Property(i => i.DeclaredBy).HasMaxLength(200);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne<Network.Unit>().WithMany().HasForeignKey(i => i.OwningUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<NeedToKnowGroup>().WithMany().HasForeignKey(i => i.GroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => i.StartedAt);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Retention;

public enum RetentionDecision { Retain, Dispose }

/// <summary>Where a review stands: done; a disposal of a SECRET record waiting for a second reviewer; or one the
/// second reviewer declined (the record is back in the queue).</summary>
public enum ReviewState { Done, AwaitingSecond, Declined }

/// <summary>
/// One review of one record under MoPI: retain (with the reason the inspectorate asks for, the answers to the
/// national retention assessment criteria and the next review date) or dispose (every answer "no"). A disposal of a
/// SECRET record is done by two reviewers: the first proposes, a second confirms. The reason is the reviewer's
/// words about a record that is kept; when the record is disposed of, the reasons of its earlier reviews go with it.
/// </summary>
public sealed class RetentionReview : IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public Guid UnitId { get; set; }
    public Classification Classification { get; set; }
    public required string GroupCode { get; set; }
    public RetentionDecision Decision { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>The numbers of the criteria answered "yes", comma-separated ("1,4"); empty when every answer was "no".</summary>
    public string YesTo { get; set; } = "";
    public DateOnly? NextReview { get; set; }
    public DateTimeOffset ReviewedAt { get; set; }
    public Guid ReviewerId { get; set; }
    public required string ReviewerName { get; set; }
    public ReviewState State { get; set; }
    public Guid? SecondReviewerId { get; set; }
    public string? SecondReviewerName { get; set; }
    public DateTimeOffset? SecondAt { get; set; }
    public string SecondReason { get; set; } = "";

    public const string ReasonRemoved = "(removed when the record was disposed of)";

    public string AuditRecordType => "retention-review";
    public string AuditRecordId => Id.ToString();
}

/// <summary>What is left of a disposed record: its type and id, when and by whom, and under which policy. No
/// personal data. The auditors read these beside the audit log, whose entries about the record keep its id.</summary>
public sealed class DisposalTombstone : IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public Guid UnitId { get; set; }
    public Classification Classification { get; set; }
    public DateOnly DisposedOn { get; set; }
    public DateTimeOffset DisposedAt { get; set; }
    /// <summary>The month the record's period ran from ("2015-03"): statistics count it there.</summary>
    public DateOnly HeldFrom { get; set; }
    public Guid ReviewId { get; set; }
    public required string ReviewerName { get; set; }
    public string? SecondReviewerName { get; set; }
    public required string GroupCode { get; set; }
    /// <summary>The policy as it stood ("Group 1: ... first review 10 years after its event, then every 10 years").</summary>
    public required string Policy { get; set; }

    public string AuditRecordType => "disposal";
    public string AuditRecordId => Id.ToString();
}

internal sealed class RetentionReviewConfiguration : IEntityTypeConfiguration<RetentionReview>, IEntityTypeConfiguration<DisposalTombstone>
{
    public void Configure(EntityTypeBuilder<RetentionReview> b)
    {
        b.ToTable("RetentionReviews");
        b.Property(r => r.RecordType).HasMaxLength(64);
        b.Property(r => r.GroupCode).HasMaxLength(20);
        b.Property(r => r.Classification).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Decision).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Reason).HasMaxLength(2000);
        b.Property(r => r.YesTo).HasMaxLength(100);
        b.Property(r => r.ReviewerName).HasMaxLength(256);
        b.Property(r => r.SecondReviewerName).HasMaxLength(256);
        b.Property(r => r.SecondReason).HasMaxLength(2000);
        b.HasIndex(r => new { r.RecordId, r.RecordType });
        b.HasIndex(r => new { r.UnitId, r.State });
    }

    public void Configure(EntityTypeBuilder<DisposalTombstone> b)
    {
        b.ToTable("DisposalTombstones");
        b.Property(t => t.RecordType).HasMaxLength(64);
        b.Property(t => t.Classification).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.ReviewerName).HasMaxLength(256);
        b.Property(t => t.SecondReviewerName).HasMaxLength(256);
        b.Property(t => t.GroupCode).HasMaxLength(20);
        b.Property(t => t.Policy).HasMaxLength(400);
        b.HasIndex(t => new { t.RecordId, t.RecordType }).IsUnique();
        b.HasIndex(t => t.DisposedAt);
    }
}

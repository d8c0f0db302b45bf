using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Search;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Intelligence;

/// <summary>3x5x2 source evaluation (College of Policing): 1 reliable, 2 untested, 3 not reliable.</summary>
public enum SourceEvaluation { Reliable = 1, Untested = 2, NotReliable = 3 }

/// <summary>3x5x2 intelligence assessment: A known directly to the source; B known indirectly but corroborated;
/// C known indirectly; D not known; E suspected to be false.</summary>
public enum IntelligenceAssessment { A, B, C, D, E }

/// <summary>3x5x2 handling: P lawful sharing permitted; C lawful sharing permitted with conditions (recorded).</summary>
public enum HandlingCode { P, C }

/// <summary>Where a report stands with its unit's intelligence desk.</summary>
public enum ReportState
{
    /// <summary>Recorded, not yet looked at by the desk.</summary>
    New,
    /// <summary>The grading is to be reviewed (the submitter asked, or the desk regraded it and a second look is due).</summary>
    AwaitingGradingReview,
    /// <summary>Graded and accepted by the desk.</summary>
    Accepted,
}

/// <summary>What may be done to a report, for the rules and the pages.</summary>
public enum ReportStep { AcceptGrading, Regrade, RecordReview, LinkInvestigation, AddEntity, Disseminate, Acknowledge }

/// <summary>A legacy 5x5x5 grading, kept as it was given: source A-E, intelligence 1-5, handling 1-5.</summary>
public sealed record LegacyGrading(char Source, int Intelligence, int Handling)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Source}{Intelligence}{Handling} (5x5x5)");
}

public static class Grading
{
    public static string Code(SourceEvaluation source, IntelligenceAssessment assessment) => string.Create(CultureInfo.InvariantCulture, $"{(int)source}{assessment}");

    public static string Words(SourceEvaluation source) => source switch
    {
        SourceEvaluation.Reliable => "1: reliable",
        SourceEvaluation.Untested => "2: untested",
        _ => "3: not reliable",
    };

    public static string Words(IntelligenceAssessment assessment) => assessment switch
    {
        IntelligenceAssessment.A => "A: known directly to the source",
        IntelligenceAssessment.B => "B: known indirectly but corroborated",
        IntelligenceAssessment.C => "C: known indirectly",
        IntelligenceAssessment.D => "D: not known",
        _ => "E: suspected to be false",
    };

    /// <summary>The grades as the forms offer them (the value posted, and the grade in words).</summary>
    public static readonly IReadOnlyList<Platform.Ui.Choice> SourceChoices =
        [.. Enum.GetValues<SourceEvaluation>().Select(s => new Platform.Ui.Choice(((int)s).ToString(CultureInfo.InvariantCulture), Words(s)))];

    public static readonly IReadOnlyList<Platform.Ui.Choice> AssessmentChoices =
        [.. Enum.GetValues<IntelligenceAssessment>().Select(a => new Platform.Ui.Choice(a.ToString(), Words(a)))];

    public static readonly IReadOnlyList<Platform.Ui.Choice> HandlingChoices =
        [.. Enum.GetValues<HandlingCode>().Select(h => new Platform.Ui.Choice(h.ToString(), Words(h)))];

    public static string Words(HandlingCode handling) => handling == HandlingCode.P
        ? "P: lawful sharing permitted"
        : "C: lawful sharing permitted with conditions";
}

/// <summary>
/// An intelligence report: the sanitised text (what may be shared), graded 3x5x2 (or, for a legacy record,
/// 5x5x5 as it was given), dated, submitted by an officer of a unit, classified and labelled like every
/// protected record. Who and how it came from a source is held apart (<see cref="SourceDetails"/>), under a
/// further need-to-know group. The rules of its steps live here.
/// </summary>
public sealed class IntelligenceReport : IProtectedRecord, IAuditedRecord, ISearchable, Platform.Retention.IRetained
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>"IR-2026-7K3QX9M": random, never sequential (a number would tell how many reports exist).</summary>
    public required string Reference { get; set; }
    public required string Text { get; set; }

    public SourceEvaluation Source { get; set; }
    public IntelligenceAssessment Assessment { get; set; }
    public HandlingCode Handling { get; set; }
    /// <summary>For handling code C: the conditions on sharing, printed with the text wherever it goes.</summary>
    public string HandlingConditions { get; set; } = "";
    /// <summary>A legacy 5x5x5 grading, stored as graded ("B24"); the 3x5x2 fields then hold the nearest reading.</summary>
    public string? LegacyGrading { get; set; }

    public DateOnly? InformationDate { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public Guid SubmittedById { get; set; }
    public required string SubmittedBy { get; set; }

    public ReportState State { get; set; }
    public DateOnly ReviewDue { get; set; }
    public string GradingNote { get; set; } = "";

    /// <summary>The phones, vehicles, e-mails and handles the report names, as the search holds identifiers (letters and
    /// digits), so that the report is found by any of them whatever its formatting.</summary>
    public string NamedIdentifiers { get; set; } = "";

    /// <summary>Notes an identifier the report names, for the search.</summary>
    public void Names(string? identifier)
    {
        if (SearchTerms.Identifier(identifier) is { } key && !NamedIdentifiers.Split(' ').Contains(key) && NamedIdentifiers.Length + key.Length < 2000)
        {
            NamedIdentifiers = (NamedIdentifiers + " " + key).Trim();
        }
    }

    /// <summary>Investigations the report is linked to (it appears in their sequence of events).</summary>
    public List<ReportInvestigationLink> Investigations { get; set; } = [];

    /// <summary>Set on a copy disseminated to another unit: where it came from.</summary>
    public string? ReceivedFrom { get; set; }
    /// <summary>For a copy under handling code C: who of the receiving unit acknowledged the conditions, and when
    /// (until then its text is withheld from the unit).</summary>
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }

    public Classification Classification { get; set; }
    public bool OfficialSensitive { get; set; }
    public Guid OwningUnitId { get; set; }
    public List<RecordGroup> NeedToKnow { get; set; } = [];
    public Guid AccessLabelId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>"2B P", or the legacy grading as given.</summary>
    public string GradeText => LegacyGrading is { } legacy ? legacy + " (5x5x5)" : $"{Grading.Code(Source, Assessment)} {Handling}";

    /// <summary>The grade as a facet value: "2B", or "5x5x5".</summary>
    public string GradeFacet => LegacyGrading is null ? Grading.Code(Source, Assessment) : "5x5x5";

    /// <summary>A received copy under handling code C whose conditions nobody of the unit has acknowledged.</summary>
    public bool Withheld => ReceivedFrom is not null && Handling == HandlingCode.C && AcknowledgedAt is null;

    public static string NewReference(int year, Random? random = null) =>
        string.Create(CultureInfo.InvariantCulture, $"IR-{year}-{Crockford.Draw(7, random)}");

    // ---- The rules ----

    /// <summary>Why the user may not take <paramref name="step"/> on this report now (null: they may).</summary>
    public Refusal? WhyNot(ReportStep step, ReportAsker asker) => step switch
    {
        ReportStep.Acknowledge when !Withheld => Refusal.Conflict("There are no handling conditions waiting for acknowledgement on this report."),
        ReportStep.Acknowledge => null,
        _ when Withheld => Refusal.Conflict("Acknowledge the handling conditions before working on this report."),
        ReportStep.AcceptGrading or ReportStep.Regrade when !asker.IsDesk => Refusal.Forbidden("Only an intelligence officer of the owning unit may review the grading."),
        ReportStep.AcceptGrading when State == ReportState.Accepted => Refusal.Conflict("The grading has already been accepted."),
        ReportStep.AcceptGrading when LegacyGrading is not null => Refusal.Conflict("A legacy 5x5x5 report keeps the grading it was given: regrade it to 3x5x2 instead."),
        ReportStep.RecordReview when !asker.IsDesk => Refusal.Forbidden("Only an intelligence officer of the owning unit may record a review."),
        ReportStep.Disseminate when !asker.IsDesk => Refusal.Forbidden("Only an intelligence officer of the owning unit may disseminate a report."),
        ReportStep.Disseminate when State != ReportState.Accepted => Refusal.Conflict("Accept the grading before disseminating the report."),
        ReportStep.LinkInvestigation or ReportStep.AddEntity when !asker.CanWrite => Refusal.Forbidden("Your roles do not allow you to work on intelligence reports."),
        _ => null,
    };

    /// <summary>Why these grades may not be used (null: they may): handling code C needs its conditions.</summary>
    public static Refusal? WhyNotGrade(HandlingCode handling, string? conditions) =>
        handling == HandlingCode.C && string.IsNullOrWhiteSpace(conditions)
            ? Refusal.Invalid("HandlingConditions", "Enter the conditions on sharing: handling code C needs them")
            : null;

    public void Touch(DateTimeOffset at)
    {
        UpdatedAt = at;
        Version = Guid.NewGuid();
    }

    public void AcceptGrading(DateTimeOffset at, string by)
    {
        State = ReportState.Accepted;
        GradingNote = $"Grading accepted by {by}";
        Touch(at);
    }

    public void Regrade(SourceEvaluation source, IntelligenceAssessment assessment, HandlingCode handling, string conditions, string reason, DateTimeOffset at, string by)
    {
        var before = GradeText;
        Source = source;
        Assessment = assessment;
        Handling = handling;
        HandlingConditions = handling == HandlingCode.C ? conditions.Trim() : "";
        LegacyGrading = null;
        State = ReportState.Accepted;
        GradingNote = $"Regraded from {before} by {by}: {reason.Trim()}";
        Touch(at);
    }

    public void RecordReview(DateOnly next, DateTimeOffset at) => (ReviewDue, UpdatedAt, Version) = (next, at, Guid.NewGuid());

    public string SearchType => "intelligence-report";

    /// <summary>In the one search: the sanitised text (never the source details); a copy awaiting
    /// acknowledgement of its conditions by its reference only.</summary>
    public SearchDocument SearchDocument() => new($"Intelligence report {Reference}", Withheld ? "" : Text,
        Withheld ? [Reference] : [Reference, .. NamedIdentifiers.Split(' ', StringSplitOptions.RemoveEmptyEntries)],
        $"/intelligence/reports/{Id}", InformationDate ?? DateOnly.FromDateTime(ReportedAt.UtcDateTime), GradeFacet, typeof(IntelligenceReport), Id);

    public string RetentionType => "intelligence-report";

    /// <summary>Reviewed from the day it was reported.</summary>
    public Platform.Retention.RetentionClock? RetentionClock() => new(DateOnly.FromDateTime(ReportedAt.UtcDateTime), "reported");

    public string AuditRecordType => "intelligence-report";
    public string AuditRecordId => Id.ToString();
}

/// <summary>What a rule needs to know of the user beyond the report: whether they are on the owning unit's
/// intelligence desk (an intelligence officer of that unit) and whether they may write reports at all.</summary>
public sealed record ReportAsker(bool IsDesk, bool CanWrite);

public sealed class ReportInvestigationLink
{
    public Guid InvestigationId { get; set; }
    public required string OperationName { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
    public required string LinkedBy { get; set; }
}

/// <summary>Who and how the intelligence came: readable only by the unit's source unit (a need-to-know group
/// of its own), never with the report itself. A protected record, so the filter decides, not the page.</summary>
public sealed class SourceDetails : IProtectedRecord, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ReportId { get; set; }
    public required string SourceReference { get; set; }
    public string Handler { get; set; } = "";
    public string HowObtained { get; set; } = "";

    public Classification Classification { get; set; }
    public bool OfficialSensitive { get; set; }
    public Guid OwningUnitId { get; set; }
    public List<RecordGroup> NeedToKnow { get; set; } = [];
    public Guid AccessLabelId { get; set; }

    public string AuditRecordType => "source-details";
    public string AuditRecordId => Id.ToString();
}

public enum EntityKind { Person, Phone, Vehicle, Address, Email, Organisation, OnlineHandle }

/// <summary>How an entity named in a report stands with the Subjects records.</summary>
public enum EntityLink
{
    /// <summary>Linked to a subject the user could see (an existing person, or one who holds the phone, vehicle...).</summary>
    Linked,
    /// <summary>A new person: recorded as a subject with the report's label, and linked.</summary>
    NewSubject,
    /// <summary>Not linked: nobody the user may see holds it, or the check could not run (the reason is kept).</summary>
    Unlinked,
}

/// <summary>A person, phone, vehicle, address, e-mail, organisation or online handle named in a report; linked to a
/// subject through the deconfliction check, the link carrying the report's grading as its provenance.</summary>
public sealed class ReportEntity : IProtectedChild<ReportEntity, IntelligenceReport>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ReportId { get; set; }
    public EntityKind Kind { get; set; }
    /// <summary>As written in the report ("07700 900123", "Hollis Vantongeren").</summary>
    public required string Value { get; set; }
    /// <summary>Letters and digits only, for finding every report that names one phone or vehicle (<see cref="SearchTerms.Identifier"/>).</summary>
    public string? Normalised { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public Guid? SubjectId { get; set; }
    public EntityLink Link { get; set; }
    public string LinkNote { get; set; } = "";
    /// <summary>The possible matches the check found, by subject id (named to each reader only as they may see them).</summary>
    public string? Candidates { get; set; }
    /// <summary>"IR-2026-7K3QX9M, graded 2B P": where the link came from and how far to trust it.</summary>
    public required string Provenance { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public required string AddedBy { get; set; }

    public static Expression<Func<ReportEntity, Guid>> Parent => x => x.ReportId;
    public string AuditRecordType => "report-entity";
    public string AuditRecordId => Id.ToString();
}

/// <summary>A report sent to another unit (which receives a copy of its own) or to a partner agency.</summary>
public sealed class Dissemination : IProtectedChild<Dissemination, IntelligenceReport>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ReportId { get; set; }
    public Guid? ToUnitId { get; set; }
    public Guid? ToPartnerId { get; set; }
    public required string Recipient { get; set; }
    public string Purpose { get; set; } = "";
    /// <summary>The handling conditions as they stood when it was sent.</summary>
    public string Conditions { get; set; } = "";
    /// <summary>The receiving unit's copy.</summary>
    public Guid? CopyId { get; set; }
    /// <summary>For a partner under handling code C: the named person who acknowledged the conditions.</summary>
    public string? PartnerAcknowledgedBy { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public required string SentBy { get; set; }

    public static Expression<Func<Dissemination, Guid>> Parent => x => x.ReportId;
    public string AuditRecordType => "dissemination";
    public string AuditRecordId => Id.ToString();
}

/// <summary>Who took the report out of the system (an export or a print), and when: handling code C asks it.</summary>
public sealed class ReportRelease : IProtectedChild<ReportRelease, IntelligenceReport>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ReportId { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }

    public static Expression<Func<ReportRelease, Guid>> Parent => x => x.ReportId;
    public string AuditRecordType => "report-release";
    public string AuditRecordId => Id.ToString();
}

internal sealed class IntelligenceConfiguration : IEntityTypeConfiguration<IntelligenceReport>, IEntityTypeConfiguration<SourceDetails>,
    IEntityTypeConfiguration<ReportEntity>, IEntityTypeConfiguration<Dissemination>, IEntityTypeConfiguration<ReportRelease>
{
    public void Configure(EntityTypeBuilder<IntelligenceReport> b)
    {
        b.ToTable("IntelligenceReports");
        b.Property(r => r.Reference).HasMaxLength(32);
        b.HasIndex(r => r.Reference).IsUnique();
        b.Property(r => r.Text).HasMaxLength(20_000);
        b.Property(r => r.HandlingConditions).HasMaxLength(2000);
        b.Property(r => r.LegacyGrading).HasMaxLength(8);
        b.Property(r => r.SubmittedBy).HasMaxLength(200);
        b.Property(r => r.GradingNote).HasMaxLength(2000);
        b.Property(r => r.NamedIdentifiers).HasMaxLength(2000);
        b.Property(r => r.ReceivedFrom).HasMaxLength(200);
        b.Property(r => r.AcknowledgedBy).HasMaxLength(200);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.OwningUnitId, r.State, r.ReviewDue });
        b.OwnsMany(r => r.Investigations, l =>
        {
            l.ToTable("IntelligenceReportInvestigations");
            l.WithOwner().HasForeignKey("ReportId");
            l.Property<int>("Id");
            l.HasKey("Id");
            l.Property(x => x.OperationName).HasMaxLength(200);
            l.Property(x => x.LinkedBy).HasMaxLength(200);
            l.HasIndex(x => x.InvestigationId);
        });
    }

    public void Configure(EntityTypeBuilder<SourceDetails> b)
    {
        b.ToTable("IntelligenceSourceDetails");
        b.HasIndex(s => s.ReportId).IsUnique();
        b.Property(s => s.SourceReference).HasMaxLength(100);
        b.Property(s => s.Handler).HasMaxLength(200);
        b.Property(s => s.HowObtained).HasMaxLength(2000);
    }

    public void Configure(EntityTypeBuilder<ReportEntity> b)
    {
        b.ToTable("IntelligenceReportEntities");
        b.HasOne<IntelligenceReport>().WithMany().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.Property(e => e.Value).HasMaxLength(400);
        b.Property(e => e.Normalised).HasMaxLength(64);
        b.Property(e => e.LinkNote).HasMaxLength(1000);
        b.Property(e => e.Candidates).HasMaxLength(800);
        b.Property(e => e.Provenance).HasMaxLength(200);
        b.Property(e => e.AddedBy).HasMaxLength(200);
        b.HasIndex(e => e.ReportId);
        b.HasIndex(e => e.SubjectId);
        b.HasIndex(e => new { e.Kind, e.Normalised });
    }

    public void Configure(EntityTypeBuilder<Dissemination> b)
    {
        b.ToTable("IntelligenceDisseminations");
        b.HasOne<IntelligenceReport>().WithMany().HasForeignKey(d => d.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.Property(d => d.Recipient).HasMaxLength(200);
        b.Property(d => d.Purpose).HasMaxLength(1000);
        b.Property(d => d.Conditions).HasMaxLength(2000);
        b.Property(d => d.PartnerAcknowledgedBy).HasMaxLength(200);
        b.Property(d => d.SentBy).HasMaxLength(200);
        b.HasIndex(d => d.ReportId);
        b.HasIndex(d => d.CopyId);
    }

    public void Configure(EntityTypeBuilder<ReportRelease> b)
    {
        b.ToTable("IntelligenceReportReleases");
        b.HasOne<IntelligenceReport>().WithMany().HasForeignKey(d => d.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.Property(d => d.Kind).HasMaxLength(32);
        b.Property(d => d.By).HasMaxLength(200);
        b.HasIndex(d => d.ReportId);
    }
}

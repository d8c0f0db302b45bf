using System.Linq.Expressions;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Pursue;

// Everything recorded in an investigation's incident room. Each is a protected child of its
// investigation: visible exactly when the investigation is (see IProtectedChild).

public enum ActionPriority { High, Medium, Low }

/// <summary>MIRSAP: raised, allocated to an officer of the team, resulted, reviewed by the SIO, filed.
/// A review that is not satisfied sends the action back to its officer.</summary>
public enum ActionState { Raised, Allocated, Resulted, Reviewed, Filed }

public sealed class LineOfEnquiry : IProtectedChild<LineOfEnquiry, Investigation>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";

    public static Expression<Func<LineOfEnquiry, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "line-of-enquiry";
    public string AuditRecordId => Id.ToString();
}

public sealed class InvestigationAction : IProtectedChild<InvestigationAction, Investigation>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    /// <summary>A1, A2... within the investigation.</summary>
    public int Number { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public ActionPriority Priority { get; set; }
    public DateOnly? DueDate { get; set; }
    public Guid? LineOfEnquiryId { get; set; }
    public ActionState State { get; set; }
    public Guid? AllocatedToId { get; set; }
    public string? Result { get; set; }
    public string? ReviewNote { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public required string RaisedBy { get; set; }
    public DateTimeOffset? ResultedAt { get; set; }
    public DateTimeOffset? FiledAt { get; set; }
    /// <summary>Optimistic concurrency: an edit from a stale copy gets a conflict, never overwrites.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsOpen => State is not ActionState.Filed;

    public static Expression<Func<InvestigationAction, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "action";
    public string AuditRecordId => Id.ToString();
}

/// <summary>An entry in the SIO's policy file. Never edited: a later entry may supersede it, and says so.</summary>
public sealed class PolicyEntry : IProtectedChild<PolicyEntry, Investigation>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    public int Number { get; set; }
    public required string Decision { get; set; }
    public required string Rationale { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public int? Supersedes { get; set; }

    public static Expression<Func<PolicyEntry, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "policy-entry";
    public string AuditRecordId => Id.ToString();
}

public enum SubjectRole { Suspect, Associate, Witness, Victim }

/// <summary>A person from the Subjects module linked to the investigation in a role.</summary>
public sealed class InvestigationSubject : IProtectedChild<InvestigationSubject, Investigation>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    public Guid SubjectId { get; set; }
    public SubjectRole Role { get; set; }
    public string Notes { get; set; } = "";
    public DateTimeOffset AddedAt { get; set; }
    public required string AddedBy { get; set; }

    public static Expression<Func<InvestigationSubject, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "investigation-subject";
    public string AuditRecordId => Id.ToString();
}

/// <summary>A dated event for the sequence of events (the rest of the timeline is drawn from other records).</summary>
public sealed class TimelineEvent : IProtectedChild<TimelineEvent, Investigation>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Title { get; set; }
    public string Detail { get; set; } = "";
    public string Source { get; set; } = "";
    public required string AddedBy { get; set; }

    public static Expression<Func<TimelineEvent, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "timeline-event";
    public string AuditRecordId => Id.ToString();
}

/// <summary>A meeting of the Executive Liaison Group for a high-risk case. It may be shared with named
/// partner agencies, whose members then see this meeting (and nothing else of the investigation).</summary>
public sealed class ElgMeeting : IProtectedChild<ElgMeeting, Investigation>, IPartnerShared, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    public DateTimeOffset HeldAt { get; set; }
    public string OperationName { get; set; } = "";
    public List<ElgAttendee> Attendees { get; set; } = [];
    public List<ElgDecision> Decisions { get; set; } = [];
    public Classification Classification { get; set; }
    public List<PartnerShare> SharedWith { get; set; } = [];
    public required string RecordedBy { get; set; }

    public static Expression<Func<ElgMeeting, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "elg-meeting";
    public string AuditRecordId => Id.ToString();
}

public sealed class ElgAttendee
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The unit or partner agency they came from, as a name.</summary>
    public required string Organisation { get; set; }
}

/// <summary>What the ELG weighed: gathering evidence against protecting the public.</summary>
public enum ElgBalance { EvidenceGathering, PublicSafety, Both }

public sealed class ElgDecision
{
    public int Id { get; set; }
    public required string Decision { get; set; }
    public required string Rationale { get; set; }
    public ElgBalance Balance { get; set; }
    /// <summary>The ELG agreed that executive action (arrests) may go ahead.</summary>
    public bool AuthorisesExecutiveAction { get; set; }
}

/// <summary>An exhibit: what, who seized it, where and when, and every handover since. A digital
/// exhibit's file lives outside the database; its SHA-256 is checked on every download.</summary>
public sealed class Exhibit : IProtectedChild<Exhibit, Investigation>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    /// <summary>The exhibit reference, e.g. the seizing officer's initials and a number: "RA/1".</summary>
    public required string Reference { get; set; }
    public required string Description { get; set; }
    public required string SeizedBy { get; set; }
    public required string SeizedFrom { get; set; }
    public DateTimeOffset SeizedAt { get; set; }
    public required string Custodian { get; set; }
    public List<Handover> Continuity { get; set; } = [];

    public string? FileName { get; set; }
    public string? ContentType { get; set; }
    public long? FileSize { get; set; }
    public string? Sha256 { get; set; }
    /// <summary>The file's name in the exhibits folder (never the uploaded name).</summary>
    public string? StoredAs { get; set; }
    /// <summary>Optimistic concurrency: two handovers or two uploads at once cannot both win.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public static Expression<Func<Exhibit, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "exhibit";
    public string AuditRecordId => Id.ToString();
}

public sealed class Handover
{
    public int Id { get; set; }
    public required string From { get; set; }
    public required string To { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Reason { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>Where an item of unused material is scheduled under the CPIA: non-sensitive (MG6C) or
/// sensitive (MG6D). Either may also be flagged for the prosecutor (MG6E).</summary>
public enum Schedule { Mg6C, Mg6D }

public sealed class DisclosureItem : IProtectedChild<DisclosureItem, Investigation>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    public int Number { get; set; }
    public required string Description { get; set; }
    public string Location { get; set; } = "";
    public Schedule Schedule { get; set; }
    /// <summary>MG6D: why disclosure would harm the public interest.</summary>
    public string? PublicInterestReason { get; set; }
    /// <summary>MG6E: might reasonably undermine the prosecution or assist the defence.</summary>
    public bool FlaggedForProsecutor { get; set; }
    public string? FlagReason { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }

    public static Expression<Func<DisclosureItem, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "disclosure-item";
    public string AuditRecordId => Id.ToString();
}

/// <summary>The disclosure officer's signature on a schedule as it stood: a nil schedule is signed too.</summary>
public sealed class ScheduleSignOff : IProtectedChild<ScheduleSignOff, Investigation>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    /// <summary>"MG6C", "MG6D" or "MG6E".</summary>
    public required string Form { get; set; }
    public int ItemCount { get; set; }
    public DateTimeOffset SignedAt { get; set; }
    public required string SignedBy { get; set; }

    public static Expression<Func<ScheduleSignOff, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "schedule-sign-off";
    public string AuditRecordId => Id.ToString();
}

/// <summary>A witness statement (MG11) taken in the investigation, for the CPS case file.</summary>
public sealed class WitnessStatement : IProtectedChild<WitnessStatement, Investigation>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    public required string Witness { get; set; }
    public DateOnly TakenOn { get; set; }
    public required string TakenBy { get; set; }
    public required string Text { get; set; }

    public static Expression<Func<WitnessStatement, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "statement";
    public string AuditRecordId => Id.ToString();
}

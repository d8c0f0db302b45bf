using System.Linq.Expressions;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;

namespace Vigil.Web.Prevent;

/// <summary>Who made a referral, as the Home Office statistics count them.</summary>
public enum ReferrerSector { Education, Health, LocalAuthority, Police, Prisons, Probation, Community, FriendsAndFamily, Other }

/// <summary>Where a Prevent case stands. Gateway: the police screen it. Panel: referred to the Channel
/// panel, which gathers information, assesses vulnerability and decides. Support: adopted as a Channel
/// case. Exited: left Channel, with reviews at 6 and 12 months. Closed: for the reason in
/// <see cref="PreventCase.Closure"/>.</summary>
public enum PreventStage { Gateway, Panel, Support, Exited, Closed }

public enum CaseClosure { NoFurtherAction, Signposted, NotAdopted, Withdrawn, ReviewsComplete }

public enum GatewayOutcome { NoFurtherAction, Signposted, ReferredToChannel }

/// <summary>The gateway's finding (Channel Duty Guidance): a human judgement, recorded with its reason.</summary>
public enum VulnerabilityFinding { ClearVulnerability, PossibleVulnerability, NotAppropriateForChannel }

public enum PanelDecision { Adopt, NotAdopt, Continue }

public enum ConsentGiver { Person, ParentOrGuardian }

public enum ConsentMethod { InPerson, Telephone, Letter, Email, VideoCall }

/// <summary>A panel's judgement on one vulnerability factor. The system records and shows these; it
/// never adds them up into a score.</summary>
public enum Judgement { NotPresent, Present, StronglyPresent, NotKnown }

public enum VafDimension { Engagement, Intent, Capability }

public enum InterventionType { InterventionProvider, Education, Health, Housing, Employment, FamilySupport, Diversionary, Other }

public enum ReviewKind { Progress, SixMonth, TwelveMonth }

/// <summary>
/// A Prevent case: one person referred because someone is worried they may be drawn into terrorism,
/// from the referral through the police gateway, the Channel panel, consent and support, to exit and the
/// reviews after it. Safeguarding data, not intelligence: it is restricted to the owning unit's Prevent
/// team and, once referred to Channel, to that panel's members; nobody else sees it (a Pursue officer
/// learns it exists only through deconfliction).
/// </summary>
public sealed class PreventCase : IProtectedRecord, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>"PRV-2026-3KX9Q2M": the year of referral and a random number (<see cref="Number"/>), never a
    /// count: a sequence would tell anyone who sees two references (a panel's partner, say) how many cases
    /// the network or a unit had in between.</summary>
    public required string Reference { get; set; }
    public int Year { get; set; }
    /// <summary>Random, unique within the year; the reference spells it in Crockford base 32.</summary>
    public int Number { get; set; }

    private const string Base32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The reference for a number: "PRV-" year "-" seven base-32 digits.</summary>
    public static string ReferenceFor(int year, int number)
    {
        var digits = new char[7];
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = Base32[number & 31];
            number >>= 5;
        }
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRV-{year}-{new string(digits)}");
    }

    /// <summary>A fresh random number for a reference (from <paramref name="random"/> when the demo needs
    /// the same references every time).</summary>
    public static int RandomNumber(Random? random = null) =>
        random?.Next(1, int.MaxValue) ?? System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, int.MaxValue);

    /// <summary>The person, as a subject record labelled exactly as this case is.</summary>
    public Guid SubjectId { get; set; }
    /// <summary>The Channel panel of the local authority area the person lives in.</summary>
    public Guid PanelId { get; set; }

    /// <summary>Age and gender as recorded at the first referral: what the Home Office tables count.</summary>
    public int? AgeAtReferral { get; set; }
    public Gender Gender { get; set; }
    public bool IsChild => AgeAtReferral is < 18;

    /// <summary>The first referral is the case's; later ones about the same person join it.</summary>
    public List<Referral> Referrals { get; set; } = [];
    public DateTimeOffset ReferredAt { get; set; }
    public ReferrerSector Sector { get; set; }
    public required string ConcernScheme { get; set; }
    public required string ConcernCode { get; set; }

    public PreventStage Stage { get; set; }
    public CaseClosure? Closure { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public DateOnly GatewayDue { get; set; }
    public DateTimeOffset? DeconflictedAt { get; set; }
    /// <summary>What the deconfliction check found, in words; shown to police only.</summary>
    public string DeconflictionSummary { get; set; } = "";
    public GatewayOutcome? GatewayOutcome { get; set; }
    public VulnerabilityFinding? Finding { get; set; }
    public string SignpostedTo { get; set; } = "";
    public string GatewayReason { get; set; } = "";
    public DateTimeOffset? GatewayAt { get; set; }
    public string GatewayBy { get; set; } = "";

    public DateTimeOffset? DiscussedAt { get; set; }
    public DateTimeOffset? AdoptedAt { get; set; }
    public DateTimeOffset? NotAdoptedAt { get; set; }
    public string AlternativeSupport { get; set; } = "";
    public int ReviewIntervalDays { get; set; } = 28;

    public DateOnly? ExitedOn { get; set; }
    public string ExitReason { get; set; } = "";
    public bool ExitWithConcerns { get; set; }

    public List<ConsentRecord> Consents { get; set; } = [];
    public List<CaseEvent> History { get; set; } = [];

    public Classification Classification { get; set; }
    public bool OfficialSensitive { get; set; }
    public Guid OwningUnitId { get; set; }
    public List<RecordGroup> NeedToKnow { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>The consent that stands now: the latest recorded.</summary>
    public ConsentRecord? CurrentConsent => Consents.OrderBy(c => c.RecordedAt).ThenBy(c => c.Id).LastOrDefault();

    /// <summary>Consent that allows support to start: given, and for a child by a parent or guardian.</summary>
    /// <summary>A child's parent or guardian; an adult with capacity themselves; for an adult without
    /// capacity, whoever may consent on their behalf.</summary>
    public bool HasValidConsent => CurrentConsent is { Given: true } c
        && (IsChild ? c.GivenBy == ConsentGiver.ParentOrGuardian : c.GivenBy == ConsentGiver.Person ? c.HasCapacity : !c.HasCapacity);

    public bool IsOpen => Stage is not PreventStage.Closed;

    public void Record(DateTimeOffset at, string by, string what, string detail = "", bool policeOnly = false)
    {
        History.Add(new CaseEvent { At = at, By = by, What = what, Detail = detail, PoliceOnly = policeOnly });
        UpdatedAt = at;
        Version = Guid.NewGuid();
    }

    public string AuditRecordType => "prevent-case";
    public string AuditRecordId => Id.ToString();
}

/// <summary>One referral: who referred, from which sector, the concern and what prompted it.</summary>
public sealed class Referral
{
    public int Id { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public ReferrerSector Sector { get; set; }
    public bool FromPublicForm { get; set; }
    public required string ReferrerName { get; set; }
    public string ReferrerOrganisation { get; set; } = "";
    public string ReferrerRole { get; set; } = "";
    public string ReferrerContact { get; set; } = "";
    public required string ConcernScheme { get; set; }
    public required string ConcernCode { get; set; }
    public required string WhatPrompted { get; set; }
    public string RecordedBy { get; set; } = "";
}

/// <summary>Consent to support, or its refusal or withdrawal: from the person, or for a child from a
/// parent or guardian; when and how it was given, and whether the person had capacity.</summary>
public sealed class ConsentRecord
{
    public int Id { get; set; }
    public bool Given { get; set; }
    public ConsentGiver GivenBy { get; set; }
    public required string Name { get; set; }
    public string Relationship { get; set; } = "";
    public DateOnly On { get; set; }
    public ConsentMethod Method { get; set; }
    public bool HasCapacity { get; set; }
    public string Notes { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

/// <summary>A line of the case history: every step, who took it and when.</summary>
public sealed class CaseEvent
{
    public int Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
    public required string What { get; set; }
    public string Detail { get; set; } = "";
    /// <summary>Police work (the gateway, deconfliction, a police withdrawal or re-opening): the detail is
    /// withheld from the panel's partner members, who see only that the step happened.</summary>
    public bool PoliceOnly { get; set; }
}

/// <summary>What a partner agency told the panel about the person (information gathering).</summary>
public sealed class PartnerInformation : IProtectedChild<PartnerInformation, PreventCase>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public required string Agency { get; set; }
    public required string Summary { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";

    public static Expression<Func<PartnerInformation, Guid>> Parent => x => x.CaseId;
    public string AuditRecordType => "prevent-information";
    public string AuditRecordId => Id.ToString();
}

/// <summary>A vulnerability assessment (VAF): a judgement and notes on every factor of the framework in
/// force, and a summary for each of the three dimensions, assessed separately. Human judgement only.</summary>
public sealed class VulnerabilityAssessment : IProtectedChild<VulnerabilityAssessment, PreventCase>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid? MeetingId { get; set; }
    public DateOnly AssessedOn { get; set; }
    public required string FrameworkVersion { get; set; }
    public List<FactorJudgement> Judgements { get; set; } = [];
    public string EngagementSummary { get; set; } = "";
    public string IntentSummary { get; set; } = "";
    public string CapabilitySummary { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";

    public static Expression<Func<VulnerabilityAssessment, Guid>> Parent => x => x.CaseId;
    public string AuditRecordType => "prevent-vaf";
    public string AuditRecordId => Id.ToString();
}

public sealed class FactorJudgement
{
    public int Id { get; set; }
    public required string FactorCode { get; set; }
    public Judgement Judgement { get; set; }
    public string Notes { get; set; } = "";
}

/// <summary>The panel's decision on a case at a meeting, with its rationale.</summary>
public sealed class PanelDiscussion : IProtectedChild<PanelDiscussion, PreventCase>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid MeetingId { get; set; }
    public PanelDecision Decision { get; set; }
    public required string Rationale { get; set; }
    public string AlternativeSupport { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";

    public static Expression<Func<PanelDiscussion, Guid>> Parent => x => x.CaseId;
    public string AuditRecordType => "prevent-discussion";
    public string AuditRecordId => Id.ToString();
}

/// <summary>One part of a support plan: what kind of support, who provides it, from when to when.</summary>
public sealed class Intervention : IProtectedChild<Intervention, PreventCase>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public InterventionType Type { get; set; }
    public required string Provider { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public string Notes { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";

    public static Expression<Func<Intervention, Guid>> Parent => x => x.CaseId;
    public string AuditRecordType => "prevent-intervention";
    public string AuditRecordId => Id.ToString();
}

/// <summary>A review: of progress during support at the plan's interval, or 6 and 12 months after exit.</summary>
public sealed class CaseReview : IProtectedChild<CaseReview, PreventCase>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public ReviewKind Kind { get; set; }
    public DateOnly DueOn { get; set; }
    public DateOnly? CompletedOn { get; set; }
    /// <summary>Set when the review will not happen (the case was re-opened or withdrawn first).</summary>
    public bool Cancelled { get; set; }
    public string Notes { get; set; } = "";
    public bool? ConcernsRemain { get; set; }
    public string CompletedBy { get; set; } = "";

    public bool IsDue => CompletedOn is null && !Cancelled;

    public static Expression<Func<CaseReview, Guid>> Parent => x => x.CaseId;
    public string AuditRecordType => "prevent-review";
    public string AuditRecordId => Id.ToString();
}

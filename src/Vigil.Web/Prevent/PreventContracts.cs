using System.ComponentModel.DataAnnotations;
using Vigil.Web.Subjects;

namespace Vigil.Web.Prevent;

/// <summary>A referral, from an officer's form or from the public or partner form.</summary>
public sealed record ReferralRequest
{
    [Required(ErrorMessage = "Choose the local authority area the person lives in"), StringLength(64)]
    public string? Panel { get; init; }

    [Required(ErrorMessage = "Choose the sector the referral comes from")]
    public ReferrerSector? Sector { get; init; }

    [Required(ErrorMessage = "Enter the referrer's name"), StringLength(200, ErrorMessage = "The referrer's name must be 200 characters or fewer")]
    public string? ReferrerName { get; init; }

    [StringLength(200, ErrorMessage = "The organisation must be 200 characters or fewer")]
    public string? ReferrerOrganisation { get; init; }

    [StringLength(200, ErrorMessage = "The referrer's role must be 200 characters or fewer")]
    public string? ReferrerRole { get; init; }

    [StringLength(200, ErrorMessage = "The contact details must be 200 characters or fewer")]
    public string? ReferrerContact { get; init; }

    [Required(ErrorMessage = "Enter the person's given name"), StringLength(200, ErrorMessage = "The given name must be 200 characters or fewer")]
    public string? GivenName { get; init; }

    [Required(ErrorMessage = "Enter the person's surname"), StringLength(200, ErrorMessage = "The surname must be 200 characters or fewer")]
    public string? Surname { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public Gender? Gender { get; init; }

    [StringLength(500, ErrorMessage = "The address must be 500 characters or fewer")]
    public string? Address { get; init; }

    [StringLength(16, ErrorMessage = "Enter a real postcode")]
    public string? Postcode { get; init; }

    [Required(ErrorMessage = "Choose the type of concern"), StringLength(64)]
    public string? ConcernType { get; init; }

    [Required(ErrorMessage = "Say what prompted the referral"), StringLength(4000, MinimumLength = 10, ErrorMessage = "Say what prompted the referral, in 10 to 4000 characters")]
    public string? WhatPrompted { get; init; }

    /// <summary>The person has an open case and this referral should join it.</summary>
    public Guid? JoinCase { get; init; }

    /// <summary>The open case offered is someone else: record a new case all the same.</summary>
    public bool NotTheSamePerson { get; init; }
}

public sealed record DeclineSubmission([property: Required(ErrorMessage = "Say why the referral is declined"), StringLength(2000, MinimumLength = 5, ErrorMessage = "Say why, in 5 to 2000 characters")] string? Reason);

/// <summary>An open case that may be the same person, offered instead of a second case.</summary>
public sealed record OpenCaseMatch(Guid Id, string Reference, string Person, DateOnly? DateOfBirth, PreventStage Stage, DateTimeOffset ReferredAt);

/// <summary>What a referral came to: the case it made or joined, or the open cases to choose from first.</summary>
public sealed record ReferralOutcome(PreventCaseDto? Case, bool Joined, IReadOnlyList<OpenCaseMatch> OpenCases);

public sealed record SubmissionReceipt(string Reference, string Message);

public sealed record SubmissionDto(
    Guid Id, string Reference, DateTimeOffset ReceivedAt, string Panel, ReferrerSector Sector, string ReferrerName, string ReferrerOrganisation,
    string ReferrerRole, string ReferrerContact, string GivenName, string Surname, DateOnly? DateOfBirth, Gender Gender, string Address, string Postcode,
    string ConcernType, string WhatPrompted, SubmissionState State, Guid? CaseId, string? Case, string DeclineReason);

/// <summary>A step on a Prevent case, carrying the <see cref="Version"/> of the case it was taken on: a step
/// taken on a stale copy is refused with 409 and nothing changes. (Optional in the API for a client that
/// reads and writes at once; the pages always send it.)</summary>
public abstract record CaseStep
{
    public Guid? Version { get; init; }
}

public sealed record GatewayRequest : CaseStep
{
    [Required(ErrorMessage = "Choose the finding")]
    public VulnerabilityFinding? Finding { get; init; }

    [Required(ErrorMessage = "Choose the outcome")]
    public GatewayOutcome? Outcome { get; init; }

    [StringLength(1000, ErrorMessage = "The services must be 1000 characters or fewer")]
    public string? SignpostedTo { get; init; }

    [Required(ErrorMessage = "Give the reason for the outcome"), StringLength(4000, MinimumLength = 5, ErrorMessage = "Give the reason, in 5 to 4000 characters")]
    public string? Reason { get; init; }
}

public sealed record PartnerInformationRequest(
    [property: Required(ErrorMessage = "Enter the agency"), StringLength(200)] string? Agency,
    [property: Required(ErrorMessage = "Enter what the agency told the panel"), StringLength(4000, MinimumLength = 5, ErrorMessage = "Enter what the agency said, in 5 to 4000 characters")] string? Summary) : CaseStep;

public sealed record FactorJudgementRequest([property: Required] string? Factor, [property: Required] Judgement? Judgement, [property: StringLength(2000)] string? Notes);

public sealed record AssessmentRequest : CaseStep
{
    public Guid? MeetingId { get; init; }

    [Required(ErrorMessage = "Enter the date of the assessment")]
    public DateOnly? AssessedOn { get; init; }

    /// <summary>One judgement for each factor of the framework in force, no more and no fewer.</summary>
    public List<FactorJudgementRequest>? Judgements { get; init; }

    [Required(ErrorMessage = "Summarise engagement"), StringLength(4000)]
    public string? EngagementSummary { get; init; }

    [Required(ErrorMessage = "Summarise intent"), StringLength(4000)]
    public string? IntentSummary { get; init; }

    [Required(ErrorMessage = "Summarise capability"), StringLength(4000)]
    public string? CapabilitySummary { get; init; }
}

public sealed record ConsentRequest : CaseStep
{
    public bool Given { get; init; }

    [Required(ErrorMessage = "Choose who gave or refused consent")]
    public ConsentGiver? GivenBy { get; init; }

    [Required(ErrorMessage = "Enter the name of whoever gave or refused consent"), StringLength(200)]
    public string? Name { get; init; }

    [StringLength(100)]
    public string? Relationship { get; init; }

    [Required(ErrorMessage = "Enter the date")]
    public DateOnly? On { get; init; }

    [Required(ErrorMessage = "Choose how consent was given or refused")]
    public ConsentMethod? Method { get; init; }

    /// <summary>Whether the person has capacity to consent for themselves.</summary>
    public bool HasCapacity { get; init; }

    [StringLength(2000)]
    public string? Notes { get; init; }
}

public sealed record DecisionRequest : CaseStep
{
    [Required(ErrorMessage = "Choose the meeting")]
    public Guid? MeetingId { get; init; }

    [Required(ErrorMessage = "Choose the decision")]
    public PanelDecision? Decision { get; init; }

    [Required(ErrorMessage = "Give the panel's rationale"), StringLength(4000, MinimumLength = 5, ErrorMessage = "Give the rationale, in 5 to 4000 characters")]
    public string? Rationale { get; init; }

    [StringLength(2000)]
    public string? AlternativeSupport { get; init; }
}

public sealed record InterventionRequest : CaseStep
{
    [Required(ErrorMessage = "Choose the kind of support")]
    public InterventionType? Type { get; init; }

    [Required(ErrorMessage = "Enter the provider"), StringLength(200, ErrorMessage = "The provider must be 200 characters or fewer")]
    public string? Provider { get; init; }

    [Required(ErrorMessage = "Enter the start date")]
    public DateOnly? StartsOn { get; init; }

    public DateOnly? EndsOn { get; init; }

    [StringLength(2000)]
    public string? Notes { get; init; }
}

public sealed record ReviewIntervalRequest([property: Required(ErrorMessage = "Enter the review interval in days"), Range(7, 91, ErrorMessage = "Reviews must be between 7 and 91 days apart")] int? Days) : CaseStep;

public sealed record CompleteReviewRequest : CaseStep
{
    [Required(ErrorMessage = "Enter the date of the review")]
    public DateOnly? CompletedOn { get; init; }

    [Required(ErrorMessage = "Record what the review found"), StringLength(4000, MinimumLength = 5, ErrorMessage = "Record what the review found, in 5 to 4000 characters")]
    public string? Notes { get; init; }

    [Required(ErrorMessage = "Say whether concerns remain")]
    public bool? ConcernsRemain { get; init; }
}

public sealed record ExitRequest : CaseStep
{
    [Required(ErrorMessage = "Enter the exit date")]
    public DateOnly? ExitedOn { get; init; }

    [Required(ErrorMessage = "Give the panel's reason for exit"), StringLength(2000, MinimumLength = 5, ErrorMessage = "Give the reason, in 5 to 2000 characters")]
    public string? Reason { get; init; }

    /// <summary>Whether terrorism-related concerns remain (the Home Office counts both).</summary>
    public bool WithConcerns { get; init; }
}

public sealed record ReasonRequest([property: Required(ErrorMessage = "Give the reason"), StringLength(2000, MinimumLength = 5, ErrorMessage = "Give the reason, in 5 to 2000 characters")] string? Reason) : CaseStep;

public sealed record PreventCaseListItem(
    Guid Id, string Reference, string Person, int? AgeAtReferral, string Panel, PreventStage Stage, CaseClosure? Closure, string ConcernType,
    ReferrerSector Sector, DateTimeOffset ReferredAt, DateOnly GatewayDue, bool GatewayOverdue);

public sealed record ReferralDto(DateTimeOffset ReceivedAt, ReferrerSector Sector, bool FromPublicForm, string ReferrerName, string ReferrerOrganisation,
    string ReferrerRole, string ReferrerContact, string ConcernType, string WhatPrompted, string RecordedBy);

public sealed record ConsentDto(bool Given, ConsentGiver GivenBy, string Name, string Relationship, DateOnly On, ConsentMethod Method, bool HasCapacity, string Notes, string RecordedBy);

public sealed record HistoryItem(DateTimeOffset At, string By, string What, string Detail);

public sealed record InformationDto(Guid Id, string Agency, string Summary, DateTimeOffset RecordedAt, string RecordedBy);

public sealed record JudgementDto(string Factor, string Name, VafDimension Dimension, Judgement Judgement, string Notes);

public sealed record AssessmentDto(Guid Id, DateOnly AssessedOn, Guid? MeetingId, string FrameworkVersion, IReadOnlyList<JudgementDto> Judgements,
    string EngagementSummary, string IntentSummary, string CapabilitySummary, string RecordedBy);

public sealed record DiscussionDto(Guid Id, Guid MeetingId, DateOnly HeldOn, PanelDecision Decision, string Rationale, string AlternativeSupport, string RecordedBy);

public sealed record InterventionDto(Guid Id, InterventionType Type, string Provider, DateOnly StartsOn, DateOnly? EndsOn, string Notes);

public sealed record ReviewDto(Guid Id, ReviewKind Kind, DateOnly DueOn, DateOnly? CompletedOn, bool Cancelled, bool Overdue, string Notes, bool? ConcernsRemain, string CompletedBy);

/// <summary>A case as its reader may see it. <see cref="Deconfliction"/> is for police eyes only and is
/// null for a panel member from a partner agency.</summary>
public sealed record PreventCaseDto(
    Guid Id, string Reference, Guid SubjectId, string GivenName, string Surname, DateOnly? DateOfBirth, Gender Gender, int? AgeAtReferral, bool IsChild,
    string Panel, string PanelName, string OwningUnit, PreventStage Stage, CaseClosure? Closure, DateTimeOffset? ClosedAt,
    string ConcernScheme, string ConcernType, ReferrerSector Sector, DateTimeOffset ReferredAt,
    DateOnly GatewayDue, bool GatewayOverdue, DateTimeOffset? DeconflictedAt, string? Deconfliction,
    GatewayOutcome? GatewayOutcome, VulnerabilityFinding? Finding, string SignpostedTo, string GatewayReason, DateTimeOffset? GatewayAt, string GatewayBy,
    DateTimeOffset? AdoptedAt, string AlternativeSupport, int ReviewIntervalDays, DateOnly? ExitedOn, string ExitReason, bool ExitWithConcerns,
    bool HasValidConsent, bool YouArePolice,
    IReadOnlyList<ReferralDto> Referrals, IReadOnlyList<ConsentDto> Consents, IReadOnlyList<InformationDto> Information,
    IReadOnlyList<AssessmentDto> Assessments, IReadOnlyList<DiscussionDto> Discussions, IReadOnlyList<InterventionDto> Interventions,
    IReadOnlyList<ReviewDto> Reviews, IReadOnlyList<HistoryItem> History, Guid Version);

public sealed record ReviewDueItem(Guid CaseId, string Reference, string Person, Guid ReviewId, ReviewKind Kind, DateOnly DueOn, bool Overdue, string Panel);

public sealed record PanelRequest(
    [property: Required(ErrorMessage = "Enter a short code for the panel"), RegularExpression("^[a-z0-9-]{2,64}$", ErrorMessage = "Use 2 to 64 lower-case letters, digits or hyphens")] string? Code,
    [property: Required(ErrorMessage = "Enter the local authority"), StringLength(200)] string? LocalAuthority,
    [property: StringLength(200)] string? Chair);

public sealed record PanelMemberRequest(
    [property: Required(ErrorMessage = "Enter the member's e-mail address"), StringLength(256)] string? Email,
    [property: Required(ErrorMessage = "Enter who they represent"), StringLength(200)] string? Represents,
    bool IsChair);

public sealed record MeetingRequest
{
    [Required(ErrorMessage = "Enter the date of the meeting")]
    public DateOnly? HeldOn { get; init; }

    [StringLength(200)]
    public string? Location { get; init; }

    [StringLength(2000)]
    public string? Attendees { get; init; }

    [StringLength(4000)]
    public string? Notes { get; init; }
}

/// <param name="GroupOnly">In the panel's need-to-know group (so able to see its cases) without being a
/// member: put there some other way. Shown so that the panel sees everyone who can see its cases.</param>
/// <summary>A panel member; <paramref name="Agency"/> is a partner member's agency by its name ("Manchester City Council").</summary>
public sealed record PanelMemberDto(Guid UserId, string Name, string Email, string Represents, bool IsChair, bool IsPartner, bool GroupOnly = false, string? Agency = null);

public sealed record PanelDto(Guid Id, string Code, string LocalAuthority, string Unit, string Chair, bool YouManage, IReadOnlyList<PanelMemberDto> Members);

public sealed record PanelListItem(string Code, string LocalAuthority, string Unit, int Members, int OpenCases);

public sealed record MeetingDto(Guid Id, string Panel, DateOnly HeldOn, string Location, string Attendees, string Notes, string RecordedBy,
    IReadOnlyList<MeetingCaseItem> Discussed);

public sealed record MeetingCaseItem(Guid CaseId, string Reference, string Person, PanelDecision Decision, string Rationale);

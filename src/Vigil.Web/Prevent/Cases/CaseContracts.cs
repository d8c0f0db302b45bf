using Vigil.Web.Platform.Api;
using Vigil.Web.Subjects;

namespace Vigil.Web.Prevent;

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
    bool HasValidConsent, bool YouArePolice, IReadOnlyList<StepRule<PreventStep>> Steps,
    IReadOnlyList<ReferralDto> Referrals, IReadOnlyList<ConsentDto> Consents, IReadOnlyList<InformationDto> Information,
    IReadOnlyList<AssessmentDto> Assessments, IReadOnlyList<DiscussionDto> Discussions, IReadOnlyList<InterventionDto> Interventions,
    IReadOnlyList<ReviewDto> Reviews, IReadOnlyList<HistoryItem> History, Guid Version);

public sealed record ReviewDueItem(Guid CaseId, string Reference, string Person, Guid ReviewId, ReviewKind Kind, DateOnly DueOn, bool Overdue, string Panel);

using System.Linq.Expressions;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
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
public sealed class PreventCase : IProtectedRecord, IAuditedRecord, Platform.Search.ISearchable, Platform.Retention.IRetained
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>"PRV-2026-3KX9Q2M": the year of referral and a random number (<see cref="Number"/>), never a
    /// count: a sequence would tell anyone who sees two references (a panel's partner, say) how many cases
    /// the network or a unit had in between.</summary>
    public required string Reference { get; set; }
    public int Year { get; set; }
    /// <summary>Random, unique within the year; the reference spells it in Crockford base 32.</summary>
    public int Number { get; set; }

    /// <summary>The reference for a number: "PRV-" year "-" seven base-32 digits.</summary>
    public static string ReferenceFor(int year, int number) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRV-{year}-{Crockford.Spell(number, 7)}");

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
    public Guid AccessLabelId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>The consent that stands now: the latest recorded.</summary>
    public string SearchType => "prevent-case";

    /// <summary>In the one search, for those who may see the case: its reference and what the gateway and exit recorded (the
    /// person is found as a subject, under their own label).</summary>
    public Platform.Search.SearchDocument SearchDocument() => new($"Prevent case {Reference}",
        string.Join(". ", new[] { DeconflictionSummary, GatewayReason, SignpostedTo, AlternativeSupport, ExitReason }.Where(s => s.Length > 0)),
        [Reference], $"/prevent/cases/{Id}", DateOnly.FromDateTime(ReferredAt.UtcDateTime), null, typeof(PreventCase), Id);

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

    // ---- The rules. The use cases refuse with these, the case page offers only the steps they allow
    // (through the DTO's steps), and the demo seed builds through them. ----

    /// <summary>Why <paramref name="asker"/> may not take <paramref name="step"/> on this case now (null: they may).
    /// Who first (the gateway is police work; the rest is the Prevent officers' and the panel's), then the
    /// stage, then what the step needs (consent, an assessment).</summary>
    public Refusal? WhyNot(PreventStep step, CaseAsker asker)
    {
        if (WhoMayNot(step, asker) is { } who)
        {
            return who;
        }
        var beforePanelOrInSupport = Stage is PreventStage.Panel or PreventStage.Support;
        return step switch
        {
            PreventStep.Deconflict when Stage is not PreventStage.Gateway => Refusal.Conflict("Deconfliction is part of the gateway assessment; this case is past the gateway."),
            PreventStep.RecordGateway when Stage is not PreventStage.Gateway => Refusal.Conflict("This case has already been through the gateway."),
            PreventStep.RecordGateway when DeconflictedAt is null => Refusal.Conflict("Run the deconfliction check before recording the gateway outcome."),
            PreventStep.AddInformation when !beforePanelOrInSupport => Refusal.Conflict("Information is gathered while the case is before the panel or in support."),
            PreventStep.Assess when !beforePanelOrInSupport => Refusal.Conflict("A vulnerability assessment is made while the case is before the panel or in support."),
            PreventStep.RecordConsent when !beforePanelOrInSupport => Refusal.Conflict("Consent is recorded while the case is before the panel or in support."),
            PreventStep.Adopt or PreventStep.NotAdopt when Stage is PreventStage.Support => Refusal.Conflict("This case is already a Channel case: record its exit, or continue support."),
            PreventStep.Adopt or PreventStep.NotAdopt when Stage is not PreventStage.Panel => Refusal.Conflict(BeforeThePanel),
            PreventStep.ContinueSupport when !beforePanelOrInSupport => Refusal.Conflict(BeforeThePanel),
            PreventStep.Adopt => WhyNotAdopt(asker.Assessed),
            PreventStep.AddSupport when Stage is PreventStage.Closed or PreventStage.Exited => Refusal.Conflict("This case is closed to support: re-open it first."),
            PreventStep.AddSupport when Stage is not PreventStage.Support => Refusal.Conflict("A support plan starts once the panel has adopted the case."),
            PreventStep.AddSupport when !HasValidConsent => Refusal.Conflict("Consent has been withdrawn: no support can be added without it."),
            PreventStep.SetReviewInterval when !beforePanelOrInSupport => Refusal.Conflict("The review interval is part of a support plan, which this case does not have now."),
            PreventStep.Exit when Stage is not PreventStage.Support => Refusal.Conflict("Only a case in Channel support can exit."),
            PreventStep.Reopen when Stage is not (PreventStage.Exited or PreventStage.Closed) => Refusal.Conflict("The case is open already."),
            PreventStep.Reopen when GatewayOutcome is not Prevent.GatewayOutcome.ReferredToChannel && !asker.Police =>
                Refusal.Forbidden("A case that never reached the panel goes back to the police gateway: only a Prevent officer can re-open it."),
            PreventStep.Withdraw when Stage is PreventStage.Closed => Refusal.Conflict("The case is already closed."),
            PreventStep.Withdraw when Stage is PreventStage.Gateway && !asker.Police => Refusal.Forbidden("A case at the police gateway can only be withdrawn by a Prevent officer."),
            _ => null,
        };
    }

    private const string BeforeThePanel = "The panel decides on a case that has been referred to it and is still before it.";

    /// <summary>The part of <see cref="WhyNot"/> that depends only on who asks: the gateway is police work,
    /// everything else the Prevent officers' and the panel members'.</summary>
    public static Refusal? WhoMayNot(PreventStep step, CaseAsker asker)
    {
        if (step is PreventStep.Deconflict or PreventStep.RecordGateway)
        {
            return asker.Police ? null : Refusal.Forbidden($"Only a Prevent officer may {Describe(step)}.");
        }
        return asker.Police || asker.PanelMember ? null : Refusal.Forbidden($"Your role does not allow you to {Describe(step)}.");
    }

    /// <summary>The panel adopts a case only with a vulnerability assessment recorded and with valid consent
    /// (for a child, a parent's or guardian's).</summary>
    public Refusal? WhyNotAdopt(bool assessed) =>
        !assessed ? Refusal.Conflict("Record the vulnerability assessment before the panel adopts the case.")
        : !HasValidConsent ? Refusal.Conflict(IsChild
            ? "The person is a child: a parent or guardian must give consent before the case is adopted for support."
            : "The person must give consent before the case is adopted for support.")
        : null;

    public static string Describe(PreventStep step) => step switch
    {
        PreventStep.Deconflict => "run the gateway's deconfliction check",
        PreventStep.RecordGateway => "record the gateway assessment",
        PreventStep.AddInformation => "add information",
        PreventStep.Assess => "record a vulnerability assessment",
        PreventStep.RecordConsent => "record consent",
        PreventStep.Adopt or PreventStep.NotAdopt or PreventStep.ContinueSupport => "record the panel's decision",
        PreventStep.AddSupport or PreventStep.SetReviewInterval => "change the support plan",
        PreventStep.CompleteReview => "record a review",
        PreventStep.Exit => "record the exit",
        PreventStep.Reopen => "re-open the case",
        _ => "withdraw the case",
    };

    /// <summary>The gateway's outcome: closed (no further action, or signposted) or on to the panel (the caller
    /// shares the case and the person with the panel's group).</summary>
    public void RecordGateway(GatewayOutcome outcome, VulnerabilityFinding finding, string reason, string signpostedTo, DateTimeOffset at, string by)
    {
        Finding = finding;
        GatewayOutcome = outcome;
        SignpostedTo = outcome is Prevent.GatewayOutcome.Signposted ? signpostedTo : "";
        GatewayReason = reason;
        GatewayAt = at;
        GatewayBy = by;
        switch (outcome)
        {
            case Prevent.GatewayOutcome.NoFurtherAction:
                Close(CaseClosure.NoFurtherAction, at);
                break;
            case Prevent.GatewayOutcome.Signposted:
                Close(CaseClosure.Signposted, at);
                break;
            default:
                Stage = PreventStage.Panel;
                break;
        }
    }

    /// <summary>The panel's decision: adopted into support, not adopted (closed, with the support offered
    /// instead), or continue.</summary>
    public void Decide(PanelDecision decision, DateTimeOffset at, string alternativeSupport)
    {
        switch (decision)
        {
            case PanelDecision.Adopt:
                Stage = PreventStage.Support;
                AdoptedAt = at;
                break;
            case PanelDecision.NotAdopt:
                NotAdoptedAt = at;
                AlternativeSupport = alternativeSupport;
                Close(CaseClosure.NotAdopted, at);
                break;
        }
    }

    /// <summary>Left Channel: the 6- and 12-month reviews follow (the caller adds them).</summary>
    public void Exit(DateOnly on, string reason, bool withConcerns)
    {
        Stage = PreventStage.Exited;
        ExitedOn = on;
        ExitReason = reason;
        ExitWithConcerns = withConcerns;
    }

    public void Close(CaseClosure closure, DateTimeOffset at)
    {
        Stage = PreventStage.Closed;
        Closure = closure;
        ClosedAt = at;
    }

    public string RetentionType => "prevent-case";

    /// <summary>Reviewed from the exit from Prevent, or the day the case closed (no further action, not adopted, withdrawn); never while it is open.</summary>
    public Platform.Retention.RetentionClock? RetentionClock() => ExitedOn is { } exited ? new(exited, "exit from Prevent")
        : ClosedAt is { } closed ? new(DateOnly.FromDateTime(closed.UtcDateTime), "case closed") : null;

    public string AuditRecordType => "prevent-case";
    public string AuditRecordId => Id.ToString();
}

/// <summary>The steps of a Prevent case, each with its rule in <see cref="PreventCase.WhyNot"/>.</summary>
public enum PreventStep
{
    Deconflict, RecordGateway, AddInformation, Assess, RecordConsent, Adopt, NotAdopt, ContinueSupport,
    AddSupport, SetReviewInterval, CompleteReview, Exit, Reopen, Withdraw,
}

/// <summary>Who asks, as the case's rules see them: a police Prevent officer (the gateway is theirs), a
/// member of a Channel panel; and whether the case has a vulnerability assessment (adoption needs one).</summary>
public sealed record CaseAsker(bool Police, bool PanelMember, bool Assessed);

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

    public Refusal? WhyNotComplete() =>
        IsDue ? null : Refusal.Conflict(Cancelled ? "This review was cancelled." : "This review has already been recorded.");

    public static Expression<Func<CaseReview, Guid>> Parent => x => x.CaseId;
    public string AuditRecordType => "prevent-review";
    public string AuditRecordId => Id.ToString();
}

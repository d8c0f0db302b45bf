using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Pursue;

/// <summary>The phases of a Pursue investigation, in the only order it may move through them. It may
/// also close early, from any phase, with a reason.</summary>
public enum Phase
{
    IntelligenceDevelopment,
    Investigation,
    ExecutiveAction,
    Charge,
    Prosecution,
    Outcome,
    Closed,
}

/// <summary>Who leads: the Security Service, police and MI5 jointly, or police alone.</summary>
public enum Lead { Mi5Led, Joint, PoliceOnly }

public enum RiskLevel { Low, Medium, High }

/// <summary>A team member's part in the investigation (not their rank or system role).</summary>
public enum TeamRole { Sio, DeputySio, Officer, DisclosureOfficer, ExhibitsOfficer, Analyst }

/// <summary>
/// A Pursue investigation: an operation owned by a unit, led by an SIO, seen only by its team. Opening
/// one creates its need-to-know group; joining the team grants the group and leaving it revokes it, so
/// the access policy (and every query filter) follows the team at once. Everything recorded in the
/// incident room belongs to it and is visible exactly when it is.
/// </summary>
public sealed class Investigation : IProtectedRecord, IAuditedRecord, Platform.Search.ISearchable, Platform.Retention.IRetained
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The operation name, e.g. "Operation KESTREL"; unique across the network.</summary>
    public required string OperationName { get; set; }
    public string Summary { get; set; } = "";
    public Lead Lead { get; set; }
    public required string ThreatType { get; set; }
    public List<InvestigationActivity> Activities { get; set; } = [];
    public RiskLevel Risk { get; set; }
    public Phase Phase { get; set; }
    /// <summary>The court or other outcome, once known.</summary>
    public string? Outcome { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The need-to-know group created for this investigation; its members are the team.</summary>
    public Guid GroupId { get; set; }
    public List<TeamMember> Team { get; set; } = [];
    public List<PhaseChange> PhaseChanges { get; set; } = [];

    public Classification Classification { get; set; }
    public bool OfficialSensitive { get; set; }
    public Guid OwningUnitId { get; set; }
    public List<RecordGroup> NeedToKnow { get; set; } = [];
    public Guid AccessLabelId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public Guid? SioId => Team.FirstOrDefault(m => m.Role == TeamRole.Sio)?.UserId;

    public string SearchType => "investigation";

    public Platform.Search.SearchDocument SearchDocument() => new(OperationName, Summary, [], $"/investigations/{Id}",
        DateOnly.FromDateTime(OpenedAt.UtcDateTime), null, typeof(Investigation), Id);

    /// <summary>The one phase it may move to next (it may also close from any phase); none once closed.</summary>
    public static Phase? NextAfter(Phase phase) => phase is Phase.Closed ? null : phase + 1;

    // ---- The rules. The use cases refuse with these, the pages offer only what they allow (through the
    // DTO's steps), and the demo seed builds through them. ----

    /// <summary>Why the investigation may not move to <paramref name="to"/> now (null: it may). The phases
    /// go in order; executive action needs an SIO and, on a high-risk case, the ELG's authority; a charge
    /// needs a suspect.</summary>
    public Refusal? WhyNotMoveTo(Phase to, PhaseEvidence evidence)
    {
        if (Phase == Phase.Closed)
        {
            return Refusal.Conflict("This investigation is closed. It cannot move to another phase.");
        }
        if (to != Phase.Closed && to != NextAfter(Phase))
        {
            return Refusal.Invalid("To", $"From {PhaseNames.Display(Phase)} the investigation can only move to {PhaseNames.Display(NextAfter(Phase)!.Value)}, or be closed");
        }
        if (to == Phase.ExecutiveAction && SioId is null)
        {
            return Refusal.Invalid("To", "Executive action needs an SIO: add one to the team first");
        }
        if (to == Phase.ExecutiveAction && Risk == RiskLevel.High && !evidence.ElgAuthorisedExecutiveAction)
        {
            return Refusal.Invalid("To", "This is a high-risk case: record the Executive Liaison Group's decision authorising executive action first");
        }
        if (to == Phase.Charge && !evidence.HasSuspect)
        {
            return Refusal.Invalid("To", "A charge needs a suspect: link the person charged to the investigation first");
        }
        return null;
    }

    /// <summary>Moves to <paramref name="to"/>, recording who and why; the caller has asked <see cref="WhyNotMoveTo"/>.</summary>
    public void MoveTo(Phase to, DateTimeOffset at, string by, string reason, string? outcome = null)
    {
        PhaseChanges.Add(new PhaseChange { From = Phase, To = to, At = at, By = by, Reason = reason });
        if (to == Phase.Outcome)
        {
            Outcome = outcome;
        }
        if (to == Phase.Closed)
        {
            ClosedAt = at;
        }
        Phase = to;
        Touch(at);
    }

    /// <summary>Why <paramref name="candidate"/> may not join the team in <paramref name="role"/> (null: they may).
    /// <paramref name="appointerCommands"/>: whether the one adding them is the SIO or deputy (otherwise they
    /// may only appoint one, while the team has none).</summary>
    public Refusal? WhyNotAdd(TeamCandidate? candidate, TeamRole role, bool appointerCommands)
    {
        const string email = "Email", roleField = "Role";
        if (candidate is null)
        {
            return Refusal.Invalid(email, "There is no active officer with that e-mail");
        }
        if (candidate.UnitId is null)
        {
            return Refusal.Invalid(email, "Only police officers and staff of a unit can join an investigation team; partners see what the ELG shares with them");
        }
        if (candidate.Clearance < Classification)
        {
            return Refusal.Invalid(email, $"This officer is not cleared to {Classification.ToString().ToUpperInvariant()}");
        }
        if (Team.Any(m => m.UserId == candidate.UserId))
        {
            return Refusal.Invalid(email, "This officer is already in the team");
        }
        if (!appointerCommands && role is not (TeamRole.Sio or TeamRole.DeputySio))
        {
            return Refusal.Invalid(roleField, "The team has no SIO or deputy yet: appoint one first");
        }
        if (role is TeamRole.Sio or TeamRole.DeputySio && !candidate.AccreditedSio)
        {
            return Refusal.Invalid(roleField, "Only an officer accredited as an SIO can lead the investigation or deputise");
        }
        if (role == TeamRole.Sio && SioId is not null)
        {
            return Refusal.Invalid(roleField, "The investigation already has an SIO; remove them from the team first");
        }
        return null;
    }

    /// <summary>Why <paramref name="userId"/> may not leave the team now (null: they may): the team is never
    /// left empty or without an SIO or deputy.</summary>
    public Refusal? WhyNotRemove(Guid userId)
    {
        var member = Team.FirstOrDefault(m => m.UserId == userId);
        if (member is null)
        {
            return Refusal.Invalid("UserId", "That officer is not in the team");
        }
        if (Team.Count == 1)
        {
            return Refusal.Invalid("UserId", "The last member of the team cannot be removed");
        }
        if (member.Role is TeamRole.Sio or TeamRole.DeputySio && Team.Count(m => m.Role is TeamRole.Sio or TeamRole.DeputySio) == 1)
        {
            return Refusal.Invalid("UserId", "Appoint another SIO or deputy before removing the last one");
        }
        return null;
    }

    public void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }

    public string RetentionType => "investigation";

    /// <summary>Reviewed from its outcome; never while it is live.</summary>
    public Platform.Retention.RetentionClock? RetentionClock() => ClosedAt is { } closed ? new(DateOnly.FromDateTime(closed.UtcDateTime), "outcome recorded") : null;

    public string AuditRecordType => "investigation";
    public string AuditRecordId => Id.ToString();
}

/// <summary>What the phase rules need to know that the investigation does not hold itself: whether the
/// ELG has authorised executive action, and whether anyone is linked as a suspect.</summary>
public sealed record PhaseEvidence(bool ElgAuthorisedExecutiveAction, bool HasSuspect);

/// <summary>An officer proposed for the team, as the team rules see them.</summary>
public sealed record TeamCandidate(Guid UserId, Guid? UnitId, Classification Clearance, bool AccreditedSio);

public sealed class InvestigationActivity
{
    public int Id { get; set; }
    public required string Code { get; set; }
}

public sealed class TeamMember
{
    public int Id { get; set; }
    public Guid UserId { get; set; }
    public TeamRole Role { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>One move between phases: every transition is recorded with who made it and why.</summary>
public sealed class PhaseChange
{
    public int Id { get; set; }
    public Phase From { get; set; }
    public Phase To { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
    public required string Reason { get; set; }
}

/// <summary>Threat types and activity types are reference data, so that new ones need no release.</summary>
public sealed class PursueReferenceItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Kind { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public bool Active { get; set; } = true;

    public const string ThreatType = "threat-type";
    public const string ActivityType = "activity-type";
}

public static class PhaseNames
{
    public static string Display(Phase phase) => phase switch
    {
        Phase.IntelligenceDevelopment => "Intelligence development",
        Phase.Investigation => "Investigation",
        Phase.ExecutiveAction => "Executive action",
        Phase.Charge => "Charge",
        Phase.Prosecution => "Prosecution",
        Phase.Outcome => "Outcome",
        Phase.Closed => "Closed",
        _ => phase.ToString(),
    };

    public static string Display(Lead lead) => lead switch
    {
        Lead.Mi5Led => "MI5-led",
        Lead.Joint => "Joint",
        _ => "Police only",
    };

    public static string Display(TeamRole role) => role switch
    {
        TeamRole.Sio => "Senior Investigating Officer",
        TeamRole.DeputySio => "Deputy SIO",
        TeamRole.DisclosureOfficer => "Disclosure officer",
        TeamRole.ExhibitsOfficer => "Exhibits officer",
        TeamRole.Analyst => "Analyst",
        _ => "Officer",
    };
}

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
public sealed class Investigation : IProtectedRecord, IAuditedRecord
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

    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public Guid? SioId => Team.FirstOrDefault(m => m.Role == TeamRole.Sio)?.UserId;

    public void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }

    public string AuditRecordType => "investigation";
    public string AuditRecordId => Id.ToString();
}

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

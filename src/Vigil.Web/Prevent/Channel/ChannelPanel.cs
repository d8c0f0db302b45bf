using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;

namespace Vigil.Web.Prevent;

/// <summary>
/// A local authority's Channel panel: chaired by the local authority, with members from the police and
/// partner agencies. Its members are its need-to-know group, so a case referred to the panel is seen by
/// them and by nobody else outside the owning unit's Prevent team.
/// </summary>
public sealed class ChannelPanel : IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>Short, unique, e.g. "manchester".</summary>
    public required string Code { get; set; }
    public required string LocalAuthority { get; set; }
    /// <summary>The regional unit whose Prevent team serves this area and owns its cases.</summary>
    public Guid UnitId { get; set; }
    public Guid GroupId { get; set; }
    public string Chair { get; set; } = "";
    public List<PanelMember> Members { get; set; } = [];

    public string AuditRecordType => "channel-panel";
    public string AuditRecordId => Code;
}

public sealed class PanelMember
{
    public int Id { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The agency or service they represent on the panel, e.g. "Children's services".</summary>
    public required string Represents { get; set; }
    public bool IsChair { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>A meeting of a Channel panel. The cases discussed are recorded against each case
/// (<see cref="PanelDiscussion"/>), so a meeting note holds nothing a member outside a case could misuse.</summary>
public sealed class PanelMeeting : IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PanelId { get; set; }
    public DateOnly HeldOn { get; set; }
    public string Location { get; set; } = "";
    public string Attendees { get; set; } = "";
    public string Notes { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";

    public string AuditRecordType => "panel-meeting";
    public string AuditRecordId => Id.ToString();
}

/// <summary>A regional unit's Prevent team: its need-to-know group holds every Prevent case the unit owns.</summary>
public sealed class PreventTeam
{
    public Guid UnitId { get; set; }
    public Guid GroupId { get; set; }
}

public enum SubmissionState { New, Accepted, Declined }

/// <summary>
/// A referral sent through the public or partner form. Whoever sends it cannot read it back: it waits,
/// labelled for the area's Prevent team, until an officer accepts it (as a new case, or into the person's
/// open case) or declines it with a reason.
/// </summary>
public sealed class PublicReferral : IProtectedRecord, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>Given to the sender to quote if they call; reveals nothing.</summary>
    public required string Reference { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public Guid PanelId { get; set; }

    public ReferrerSector Sector { get; set; }
    public required string ReferrerName { get; set; }
    public string ReferrerOrganisation { get; set; } = "";
    public string ReferrerRole { get; set; } = "";
    public string ReferrerContact { get; set; } = "";

    public required string GivenName { get; set; }
    public required string Surname { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public Gender Gender { get; set; }
    public string Address { get; set; } = "";
    public string Postcode { get; set; } = "";

    public required string ConcernScheme { get; set; }
    public required string ConcernCode { get; set; }
    public required string WhatPrompted { get; set; }

    public SubmissionState State { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
    public string HandledBy { get; set; } = "";
    public Guid? CaseId { get; set; }
    public string DeclineReason { get; set; } = "";
    /// <summary>Optimistic concurrency: of two officers dealing with it at once, the second is refused.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public Classification Classification { get; set; }
    public bool OfficialSensitive { get; set; }
    public Guid OwningUnitId { get; set; }
    public List<RecordGroup> NeedToKnow { get; set; } = [];
    public Guid AccessLabelId { get; set; }

    public string AuditRecordType => "prevent-submission";
    public string AuditRecordId => Id.ToString();
}

/// <summary>A scheme of concern categories, as the Home Office used them from a date; a record keeps the
/// scheme it was made under, so that old figures stay as published.</summary>
public sealed class ConcernScheme
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public List<ConcernType> Types { get; set; } = [];
}

public sealed class ConcernType
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int Order { get; set; }
}

/// <summary>One factor of the Vulnerability Assessment Framework, in the version in force.</summary>
public sealed class VafFactor
{
    public int Id { get; set; }
    public required string FrameworkVersion { get; set; }
    public required string Code { get; set; }
    public VafDimension Dimension { get; set; }
    public required string Name { get; set; }
    public int Order { get; set; }
}

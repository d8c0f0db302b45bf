using System.ComponentModel.DataAnnotations;

namespace Vigil.Web.Prevent;

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

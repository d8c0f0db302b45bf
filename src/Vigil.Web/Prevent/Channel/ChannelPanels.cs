using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Prevent;

/// <summary>
/// Channel panels and their meetings. A panel is seen by its members and by the Prevent officers of the
/// unit that serves it, and managed (members, chair) by those officers or its chair. Membership is the
/// panel's need-to-know group: adding a member grants it, removing them revokes it, in the same save.
/// </summary>
public sealed class ChannelPanels(VigilDb db, AccessContext access)
{
    private DateTimeOffset Now => db.Clock.GetUtcNow();
    private string Me => access.DisplayName ?? access.UserName ?? "";

    public static bool CanSee(AccessContext user, ChannelPanel panel) =>
        user.GroupIds.Contains(panel.GroupId) || (user.IsInRole(Roles.PreventOfficer) && user.UnitId == panel.UnitId);

    public static bool CanManage(AccessContext user, ChannelPanel panel) =>
        (user.IsInRole(Roles.PreventOfficer) && user.UnitId == panel.UnitId) || panel.Members.Any(m => m.IsChair && m.UserId == user.UserId);

    public async Task<IReadOnlyList<PanelListItem>> ListAsync(CancellationToken ct)
    {
        var panels = (await db.Set<ChannelPanel>().AsNoTracking().OrderBy(p => p.LocalAuthority).ToListAsync(ct)).Where(p => CanSee(access, p)).ToList();
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "channel-panel", detail: string.Join(",", panels.Select(p => p.Code)));
        await db.SaveChangesAsync(ct);
        var units = await db.Set<Network.Unit>().AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var ids = panels.Select(p => p.Id).ToList();
        var open = await db.Set<PreventCase>().AsNoTracking().Where(c => ids.Contains(c.PanelId) && c.Stage != PreventStage.Closed)
            .GroupBy(c => c.PanelId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return panels.Select(p => new PanelListItem(p.Code, p.LocalAuthority, units.GetValueOrDefault(p.UnitId, ""), p.Members.Count, open.GetValueOrDefault(p.Id))).ToList();
    }

    public async Task<PanelDto?> ReadAsync(string code, CancellationToken ct)
    {
        var panel = await VisibleAsync(code, track: false, ct);
        if (panel is null)
        {
            return null;
        }
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "channel-panel", panel.Code);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(panel, ct);
    }

    public async Task<WorkResult<PanelDto>> CreateAsync(PanelRequest request, CancellationToken ct)
    {
        if (!access.IsInRole(Roles.PreventOfficer) || access.UnitId is not { } unitId)
        {
            return WorkResult<PanelDto>.Forbidden("Only a Prevent officer may set up a Channel panel for their unit's area.");
        }
        if (!await db.Set<PreventTeam>().AnyAsync(t => t.UnitId == unitId && access.GroupIds.Contains(t.GroupId), ct))
        {
            return WorkResult<PanelDto>.Forbidden("Only a member of a regional unit's Prevent team may set up a Channel panel for its area.");
        }
        var errors = ApiValidation.Validate(request);
        if (request.Code is not null && await db.Set<ChannelPanel>().AnyAsync(p => p.Code == request.Code, ct))
        {
            ApiValidation.Add(errors, nameof(PanelRequest.Code), "There is already a panel with that code");
        }
        if (errors.Count > 0)
        {
            return WorkResult<PanelDto>.Invalid(errors);
        }
        var group = new NeedToKnowGroup
        {
            Name = $"Channel panel: {request.LocalAuthority!.Trim()}", OwningUnitId = unitId,
            Description = $"Members of the {request.LocalAuthority.Trim()} Channel panel: they see the cases referred to it.",
            ManagedBy = $"the {request.LocalAuthority.Trim()} Channel panel",
        };
        var panel = new ChannelPanel { Code = request.Code!, LocalAuthority = request.LocalAuthority.Trim(), UnitId = unitId, GroupId = group.Id, Chair = request.Chair?.Trim() ?? "" };
        db.AddRange(group, panel);
        db.Add(new GroupMembership { GroupId = group.Id, UserId = access.UserId!.Value });
        panel.Members.Add(new PanelMember { UserId = access.UserId!.Value, Represents = "Police (Prevent)", AddedAt = Now });
        if (!await db.SaveNewAsync(panel, ct))
        {
            return WorkResult<PanelDto>.Invalid(nameof(PanelRequest.Code), "There is already a panel with that code");
        }
        return WorkResult<PanelDto>.Ok(await ToDtoAsync(panel, ct));
    }

    public async Task<WorkResult<PanelDto>> AddMemberAsync(string code, PanelMemberRequest request, CancellationToken ct)
    {
        var panel = await VisibleAsync(code, track: true, ct);
        if (panel is null)
        {
            return WorkResult<PanelDto>.Missing();
        }
        if (!CanManage(access, panel))
        {
            return WorkResult<PanelDto>.Forbidden("Only the panel's chair or the area's Prevent officers may change its members.");
        }
        var errors = ApiValidation.Validate(request);
        if (errors.Count > 0)
        {
            return WorkResult<PanelDto>.Invalid(errors);
        }
        // A member is a partner agency's panel member, or a Prevent officer of the unit serving the area
        // (added by a Prevent officer). One answer for every refusal, so the form cannot be used to
        // find out who has an account.
        var email = request.Email!.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == email && !u.IsDisabled, ct);
        var roles = user is null ? [] : await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, x => x.Id, (_, x) => x.Name).ToListAsync(ct);
        var eligible = user is not null && !panel.Members.Any(m => m.UserId == user.Id) && (user.PartnerAgencyId is not null
            ? roles.Contains(Roles.ChannelPanelMember)
            : user.UnitId == panel.UnitId && roles.Contains(Roles.PreventOfficer) && access.IsInRole(Roles.PreventOfficer));
        if (!eligible)
        {
            db.Audit(AuditActions.PanelMemberRefused, AuditOutcomes.Denied, "channel-panel", panel.Code, detail: $"{request.Email!.Trim()} by {Me}");
            await db.SaveChangesAsync(ct);
            return WorkResult<PanelDto>.Invalid(nameof(PanelMemberRequest.Email),
                "That account cannot be added: members are partner agencies' Channel panel members, or Prevent officers of the unit serving this area, not already on the panel");
        }
        if (request.IsChair)
        {
            panel.Members.ForEach(m => m.IsChair = false);
        }
        panel.Members.Add(new PanelMember { UserId = user!.Id, Represents = request.Represents!.Trim(), IsChair = request.IsChair, AddedAt = Now });
        if (!await db.Set<GroupMembership>().AnyAsync(g => g.GroupId == panel.GroupId && g.UserId == user.Id, ct))
        {
            db.Add(new GroupMembership { GroupId = panel.GroupId, UserId = user.Id });
        }
        if (request.IsChair)
        {
            panel.Chair = user.DisplayName;
        }
        db.Audit(AuditActions.PanelMemberAdded, AuditOutcomes.Success, "channel-panel", panel.Code, detail: $"{user.Email} representing {request.Represents!.Trim()}{(request.IsChair ? " (chair)" : "")}, by {Me}");
        await db.SaveChangesAsync(ct);
        return WorkResult<PanelDto>.Ok(await ToDtoAsync(panel, ct));
    }

    public async Task<WorkResult<PanelDto>> RemoveMemberAsync(string code, Guid userId, CancellationToken ct)
    {
        var panel = await VisibleAsync(code, track: true, ct);
        if (panel is null)
        {
            return WorkResult<PanelDto>.Missing();
        }
        if (!CanManage(access, panel))
        {
            return WorkResult<PanelDto>.Forbidden("Only the panel's chair or the area's Prevent officers may change its members.");
        }
        var member = panel.Members.FirstOrDefault(m => m.UserId == userId);
        var grants = await db.Set<GroupMembership>().Where(g => g.GroupId == panel.GroupId && g.UserId == userId).ToListAsync(ct);
        if (member is null && grants.Count == 0)
        {
            return WorkResult<PanelDto>.Missing();
        }
        if (member is not null)
        {
            panel.Members.Remove(member);
        }
        db.RemoveRange(grants);
        db.Audit(AuditActions.PanelMemberRemoved, AuditOutcomes.Success, "channel-panel", panel.Code, detail: $"user {userId}, by {Me}");
        await db.SaveChangesAsync(ct);
        return WorkResult<PanelDto>.Ok(await ToDtoAsync(panel, ct));
    }

    public async Task<IReadOnlyList<MeetingDto>?> MeetingsAsync(string code, CancellationToken ct)
    {
        var panel = await VisibleAsync(code, track: false, ct);
        if (panel is null)
        {
            return null;
        }
        var meetings = await db.Set<PanelMeeting>().AsNoTracking().Where(m => m.PanelId == panel.Id).OrderByDescending(m => m.HeldOn).ToListAsync(ct);
        var result = new List<MeetingDto>();
        foreach (var m in meetings)
        {
            result.Add(await MeetingDtoAsync(panel, m, ct));
        }
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "panel-meeting", panel.Code, detail: $"{meetings.Count} meetings; cases shown: {string.Join(",", result.SelectMany(m => m.Discussed).Select(d => d.Reference).Distinct())}");
        await db.SaveChangesAsync(ct);
        return result;
    }

    public async Task<MeetingDto?> MeetingAsync(string code, Guid id, CancellationToken ct)
    {
        var panel = await VisibleAsync(code, track: false, ct);
        var meeting = panel is null ? null : await db.Set<PanelMeeting>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.PanelId == panel.Id, ct);
        if (panel is null || meeting is null)
        {
            if (panel is not null)
            {
                await db.RecordMissAsync<PanelMeeting>(m => m.Id == id, "panel-meeting", id.ToString(), detail: $"asked under panel {code}", ct: ct);
            }
            return null;
        }
        var dto = await MeetingDtoAsync(panel, meeting, ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "panel-meeting", id.ToString(), detail: $"cases shown: {string.Join(",", dto.Discussed.Select(d => d.Reference))}");
        await db.SaveChangesAsync(ct);
        return dto;
    }

    public async Task<WorkResult<MeetingDto>> AddMeetingAsync(string code, MeetingRequest request, CancellationToken ct)
    {
        var panel = await VisibleAsync(code, track: false, ct);
        if (panel is null)
        {
            return WorkResult<MeetingDto>.Missing();
        }
        var errors = ApiValidation.Validate(request);
        if (request.HeldOn is { } held && held > DateOnly.FromDateTime(Now.UtcDateTime).AddYears(1))
        {
            ApiValidation.Add(errors, nameof(MeetingRequest.HeldOn), "A meeting can be planned at most a year ahead");
        }
        if (errors.Count > 0)
        {
            return WorkResult<MeetingDto>.Invalid(errors);
        }
        var meeting = new PanelMeeting
        {
            PanelId = panel.Id, HeldOn = request.HeldOn!.Value, Location = request.Location?.Trim() ?? "", Attendees = request.Attendees?.Trim() ?? "",
            Notes = request.Notes?.Trim() ?? "", RecordedAt = Now, RecordedBy = Me,
        };
        db.Add(meeting);
        await db.SaveChangesAsync(ct);
        return WorkResult<MeetingDto>.Ok(await MeetingDtoAsync(panel, meeting, ct));
    }

    private async Task<MeetingDto> MeetingDtoAsync(ChannelPanel panel, PanelMeeting m, CancellationToken ct)
    {
        // Only the discussions of cases this reader may see (the child filter follows the case).
        var discussed = await db.Set<PanelDiscussion>().AsNoTracking().Where(d => d.MeetingId == m.Id)
            .Join(db.Set<PreventCase>().AsNoTracking(), d => d.CaseId, c => c.Id, (d, c) => new { d, c.Reference, c.SubjectId }).ToListAsync(ct);
        var ids = discussed.Select(x => x.SubjectId).ToList();
        var names = await db.Set<Subjects.Subject>().AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.GivenName + " " + s.Surname, ct);
        return new MeetingDto(m.Id, panel.Code, m.HeldOn, m.Location, m.Attendees, m.Notes, m.RecordedBy,
            discussed.Select(x => new MeetingCaseItem(x.d.CaseId, x.Reference, names.GetValueOrDefault(x.SubjectId, "(withheld)"), x.d.Decision, x.d.Rationale)).ToList());
    }

    private async Task<ChannelPanel?> VisibleAsync(string code, bool track, CancellationToken ct)
    {
        var query = db.Set<ChannelPanel>().AsQueryable();
        var panel = await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(p => p.Code == code, ct);
        if (panel is not null && !CanSee(access, panel))
        {
            db.ChangeTracker.Clear();
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "channel-panel", code);
            await db.SaveChangesAsync(ct);
            return null;
        }
        return panel;
    }

    private async Task<PanelDto> ToDtoAsync(ChannelPanel panel, CancellationToken ct)
    {
        // The members, and anyone else the panel's group holds: the group is what lets them see its cases.
        var inGroup = await db.Set<GroupMembership>().AsNoTracking().Where(g => g.GroupId == panel.GroupId).Select(g => g.UserId).ToListAsync(ct);
        var groupOnly = inGroup.Where(u => panel.Members.All(m => m.UserId != u)).ToList();
        var ids = panel.Members.Select(m => m.UserId).Union(groupOnly).ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var unit = await db.Set<Network.Unit>().AsNoTracking().Where(u => u.Id == panel.UnitId).Select(u => u.Name).FirstAsync(ct);
        var agencyIds = users.Values.Where(u => u.PartnerAgencyId is not null).Select(u => u.PartnerAgencyId!.Value).Distinct().ToList();
        var agencies = await db.Set<Network.PartnerAgency>().AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        string? AgencyOf(VigilUser u) => u.PartnerAgencyId is { } a && agencies.TryGetValue(a, out var name) ? name : null;
        string EmailOf(VigilUser u) => access.IsInRole(Roles.PreventOfficer) || u.PartnerAgencyId is not null ? u.Email ?? "" : "";
        var members = panel.Members.OrderByDescending(m => m.IsChair).ThenBy(m => m.AddedAt).Select(m => users.TryGetValue(m.UserId, out var u)
                ? new PanelMemberDto(m.UserId, u.DisplayName, EmailOf(u), m.Represents, m.IsChair, u.PartnerAgencyId is not null, Agency: AgencyOf(u))
                : new PanelMemberDto(m.UserId, "(account removed)", "", m.Represents, m.IsChair, false))
            .Concat(groupOnly.Where(users.ContainsKey).Select(id => users[id]).OrderBy(u => u.DisplayName, StringComparer.Ordinal)
                .Select(u => new PanelMemberDto(u.Id, u.DisplayName, EmailOf(u), "Not a member: in the panel's group only", false, u.PartnerAgencyId is not null, GroupOnly: true, Agency: AgencyOf(u))))
            .ToList();
        return new PanelDto(panel.Id, panel.Code, panel.LocalAuthority, unit, panel.Chair, CanManage(access, panel), members);
    }

    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/panels", async (ChannelPanels panels, CancellationToken ct) => TypedResults.Ok(await panels.ListAsync(ct)))
            .WithSummary("The Channel panels you may see");
        api.MapPost("/panels", (PanelRequest request, ChannelPanels panels, CancellationToken ct) =>
            panels.CreateAsync(request, ct).AsCreated(p => $"/api/v1/prevent/panels/{p.Code}"))
            .WithSummary("Set up a Channel panel for a local authority area");
        api.MapGet("/panels/{code}", (string code, ChannelPanels panels, CancellationToken ct) => panels.ReadAsync(code, ct).AsFound())
            .WithSummary("One panel, with its members");
        api.MapGet("/panels/{code}/agenda", (string code, PreventCases cases, CancellationToken ct) => cases.AgendaAsync(code, ct).AsFound())
            .WithSummary("What the panel has before it: cases referred and not decided, then those in support");
        api.MapPost("/panels/{code}/members", (string code, PanelMemberRequest request, ChannelPanels panels, CancellationToken ct) => panels.AddMemberAsync(code, request, ct).AsOk())
            .WithSummary("Add a member to the panel (they join its need-to-know group)");
        api.MapDelete("/panels/{code}/members/{userId:guid}", (string code, Guid userId, ChannelPanels panels, CancellationToken ct) => panels.RemoveMemberAsync(code, userId, ct).AsOk())
            .WithSummary("Remove a member from the panel and its group");
        api.MapGet("/panels/{code}/meetings", (string code, ChannelPanels panels, CancellationToken ct) => panels.MeetingsAsync(code, ct).AsFound())
            .WithSummary("The panel's meetings");
        api.MapPost("/panels/{code}/meetings", (string code, MeetingRequest request, ChannelPanels panels, CancellationToken ct) =>
            panels.AddMeetingAsync(code, request, ct).AsCreated(m => $"/api/v1/prevent/panels/{code}/meetings/{m.Id}"))
            .WithSummary("Record a meeting of the panel");
        api.MapGet("/panels/{code}/meetings/{id:guid}", (string code, Guid id, ChannelPanels panels, CancellationToken ct) => panels.MeetingAsync(code, id, ct).AsFound())
            .WithSummary("One meeting, with the decisions taken at it");
    }
}

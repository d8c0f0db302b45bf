using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Pursue;

/// <summary>What the current user is to an investigation they can see.</summary>
public sealed record Standing(Investigation Investigation, TeamMember? Member, bool HasCommand)
{
    /// <summary>A team without an SIO or deputy: any member may appoint one (and do nothing else of command).</summary>
    public bool CanAppoint => HasCommand || (Member is not null && !Investigation.Team.Any(m => m.Role is TeamRole.Sio or TeamRole.DeputySio));

    public bool IsTeam => Member is not null;
    public bool IsDisclosureOfficer => Member?.Role is TeamRole.DisclosureOfficer;

    /// <summary>Why the user may not do <paramref name="work"/> in the incident room now (null: they may):
    /// recording is the team's, command the SIO's or deputy's, and neither once the investigation is closed.</summary>
    public Refusal? WhyNot(RoomWork work, string what = "work in this investigation")
    {
        if (work is RoomWork.Command ? !HasCommand : !IsTeam)
        {
            return Refusal.Forbidden(work is RoomWork.Command ? $"Only the SIO or deputy SIO may {what}." : $"Only members of the team may {what}.");
        }
        return Investigation.Phase == Phase.Closed ? Refusal.Conflict($"This investigation is closed; you cannot {what}.") : null;
    }
}

/// <summary>What a user does in an open investigation's incident room: record (any member of the team) or
/// command (the SIO or deputy: phases, policy file, lines of enquiry, ELG, allocation).</summary>
public enum RoomWork { Record, Command }

/// <summary>
/// The one way into an investigation for every Pursue operation: load it through the access filter
/// (a hidden one answers exactly like a missing one, and the refusal is audited), then say what the user
/// is to it. Command (phases, team, policy file, ELG, reviews) belongs to the SIO and deputy; while the
/// team has neither, any member may appoint one, and nothing more.
/// </summary>
public sealed class InvestigationGate(VigilDb db, AccessContext access)
{
    public async Task<Standing?> EnterAsync(Guid id, CancellationToken ct, bool track = true)
    {
        var investigation = await db.FindVisibleAsync<Investigation>(id, "investigation", track, ct);
        if (investigation is null)
        {
            return null;
        }
        var member = investigation.Team.FirstOrDefault(m => m.UserId == access.UserId);
        return new Standing(investigation, member, member?.Role is TeamRole.Sio or TeamRole.DeputySio);
    }

    /// <summary>The one step every Pursue command starts with: the investigation, when visible (otherwise
    /// missing, the refusal audited) and when the user's part in it allows the command (otherwise forbidden,
    /// with the reason); then the command's own work.</summary>
    public async Task<WorkResult<T>> ForAsync<T>(Guid id, Func<Standing, bool> allowed, string refusal, Func<Standing, CancellationToken, Task<WorkResult<T>>> work, CancellationToken ct)
    {
        var standing = await EnterAsync(id, ct);
        if (standing is null)
        {
            return WorkResult<T>.Missing();
        }
        return allowed(standing) ? await work(standing, ct) : WorkResult<T>.Forbidden(refusal);
    }

    /// <summary>The same for a command on one of the investigation's records (an exhibit, an action): missing
    /// when the investigation or the record is (both audited), forbidden when the user's part does not allow it.</summary>
    public Task<WorkResult<T>> ForChildAsync<TChild, T>(Guid id, Guid childId, Func<Standing, bool> allowed, string refusal,
        Func<Standing, TChild, CancellationToken, Task<WorkResult<T>>> work, CancellationToken ct) where TChild : class =>
        ForAsync(id, _ => true, refusal, async (standing, ct) => await ChildAsync<TChild>(id, childId, ct) is not { } child ? WorkResult<T>.Missing()
            : allowed(standing) ? await work(standing, child, ct) : WorkResult<T>.Forbidden(refusal), ct);

    /// <summary>A child record of a visible investigation, or null (audited as refused when it exists).</summary>
    public async Task<T?> ChildAsync<T>(Guid investigationId, Guid id, CancellationToken ct) where T : class
    {
        var found = await db.Set<T>().FirstOrDefaultAsync(x => EF.Property<Guid>(x, "Id") == id && EF.Property<Guid>(x, "InvestigationId") == investigationId, ct);
        if (found is null)
        {
            await db.RecordMissAsync<T>(x => EF.Property<Guid>(x, "Id") == id, ChildRecordType<T>(), id.ToString(), ct: ct);
        }
        return found;
    }

    // The refusal names the record as its creation and changes do ("action", "exhibit"), so that an
    // auditor's filter on the record type finds all of them.
    private static string ChildRecordType<T>() =>
        typeof(T) == typeof(InvestigationAction) ? "action" : typeof(T) == typeof(Exhibit) ? "exhibit" : typeof(T).Name;

    public static Dictionary<string, string[]> Validate(object request) => ApiValidation.Validate(request);
}

using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;
using Vigil.Web.Subjects.Deconfliction;

namespace Vigil.Web.Pursue;

// Everything recorded in an investigation's incident room is a protected child of its investigation:
// visible exactly when the investigation is (see IProtectedChild). Each area's entities, requests, use
// cases and endpoints live in its folder (Actions, Policy, LinkedSubjects, Timeline, Elg, Statements).

/// <summary>The incident room: lines of enquiry and actions (MIRSAP), the SIO's policy file, linked
/// subjects, the sequence of events, ELG meetings and statements.</summary>
public sealed partial class IncidentRoom(VigilDb db, AccessContext access, InvestigationGate gate, SubjectRecords subjects, DeconflictionService deconfliction,
    IEnumerable<Platform.Links.ITimelineSource> contributors)
{
    private DateOnly Today => DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);

    /// <summary>Work in the incident room: the team's (or, for <paramref name="command"/>, the SIO's or deputy's)
    /// on an investigation that is not closed.</summary>
    private Task<WorkResult<T>> TeamAsync<T>(Guid id, bool command, string what, Func<Standing, CancellationToken, Task<WorkResult<T>>> work, CancellationToken ct) =>
        gate.ForAsync(id, _ => true, "", (standing, ct) => standing.WhyNot(command ? RoomWork.Command : RoomWork.Record, what) is { } refusal
            ? Task.FromResult(WorkResult<T>.Refused(refusal))
            : work(standing, ct), ct);

    private async Task<Guid?> TeamMemberByEmailAsync(Investigation investigation, string email, CancellationToken ct)
    {
        var normalised = email.Trim().ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == normalised).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        return userId is { } id && investigation.Team.Any(m => m.UserId == id) ? id : null;
    }

}

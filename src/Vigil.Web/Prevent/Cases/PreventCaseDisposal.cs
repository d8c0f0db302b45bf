using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Retention;

namespace Vigil.Web.Prevent;

/// <summary>Prevent's part in disposing of a person: a Prevent case about them, open or closed, holds them (its
/// referral, assessments and panel's decisions are about this person), so it blocks the disposal; a closed case is
/// reviewed for retention on its own, and the person after it.</summary>
public sealed class PreventCaseDisposal(VigilDb db) : IDisposalPart
{
    public bool TakesPart(string recordType) => recordType == "subject";

    public async Task<IReadOnlyList<DisposalStep>> PlanAsync(string recordType, Guid id, CancellationToken ct)
    {
        var cases = await db.Set<PreventCase>().IgnoreQueryFilters().Where(c => c.SubjectId == id).Select(c => new { c.Stage }).ToListAsync(ct);
        return [.. cases.Select(c => c.Stage == PreventStage.Closed
            ? new DisposalStep("Prevent", "A closed Prevent case is about them: it is reviewed for retention first, on its own", true)
            : new DisposalStep("Prevent", "An open Prevent safeguarding case is about them", true))];
    }

    public Task RemoveAsync(string recordType, Guid id, CancellationToken ct) => Task.CompletedTask;
}

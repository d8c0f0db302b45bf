using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Retention;

namespace Vigil.Web.Prevent;

/// <summary>
/// Prevent's part in disposals. Of a Prevent case (its owner, reviewable once the person has left Prevent or the case
/// closed): the case with its referrals, consents, history, partners' information, assessments, panel discussions,
/// support and reviews, and the referral forms sent through the public form that became it; the statistics go on
/// counting it in the year it was referred (<see cref="DisposedCaseCount"/>). The person's record is reviewed on its
/// own, after. Of a person: a Prevent case about them, open or closed, holds them (its referral, assessments and
/// panel's decisions are about this person), so it blocks the disposal until the case itself is disposed of.
/// </summary>
public sealed class PreventCaseDisposal(VigilDb db) : IDisposalPart
{
    public bool TakesPart(string recordType) => recordType is "subject" or "prevent-case";

    public bool RemovesRecord(string recordType) => recordType == "prevent-case";

    public async Task<IReadOnlyList<DisposalStep>> PlanAsync(string recordType, Guid id, CancellationToken ct)
    {
        if (recordType == "subject")
        {
            var cases = await db.Set<PreventCase>().IgnoreQueryFilters().Where(c => c.SubjectId == id).Select(c => new { c.Stage }).ToListAsync(ct);
            return [.. cases.Select(c => c.Stage == PreventStage.Closed
                ? new DisposalStep("Prevent", "A closed Prevent case is about them: it is reviewed for retention first, on its own", true)
                : new DisposalStep("Prevent", "An open Prevent safeguarding case is about them", true))];
        }
        var found = await db.Set<PreventCase>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (found is null)
        {
            return [];
        }
        var assessments = await db.Set<VulnerabilityAssessment>().IgnoreQueryFilters().CountAsync(a => a.CaseId == id, ct);
        var discussions = await db.Set<PanelDiscussion>().IgnoreQueryFilters().CountAsync(d => d.CaseId == id, ct);
        var support = await db.Set<Intervention>().IgnoreQueryFilters().CountAsync(i => i.CaseId == id, ct);
        var forms = await db.Set<PublicReferral>().IgnoreQueryFilters().CountAsync(r => r.CaseId == id, ct);
        return
        [
            new("Prevent", $"The case {found.Reference} is removed with {DisposalParts.Count(found.Referrals.Count, "referral")}, {DisposalParts.Count(assessments, "assessment")}, "
                + $"{DisposalParts.Count(discussions, "panel discussion")}, {DisposalParts.Count(support, "support intervention")}, its consents, history, partners' information and reviews"
                + $"{(forms > 0 ? $", and {DisposalParts.Count(forms, "referral form")} sent through the public form" : "")}; the Prevent statistics go on counting it in "
                + $"{PreventStatistics.PeriodOf(PreventStatistics.StatisticalYearOf(found.ReferredAt))}", false),
            new("Prevent", "The person's record is not removed with it: it is reviewed for retention on its own", false),
        ];
    }

    public async Task RemoveAsync(string recordType, Guid id, CancellationToken ct)
    {
        if (recordType != "prevent-case")
        {
            return;
        }
        if (await db.Set<PreventCase>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } gone)
        {
            db.Add(DisposedCaseCount.Of(gone));
        }
        db.RemoveRange(await db.Set<PublicReferral>().IgnoreQueryFilters().Where(r => r.CaseId == id).ToListAsync(ct));
        await db.RemoveWithDependentsAsync<PreventCase>(id, ct);
    }
}

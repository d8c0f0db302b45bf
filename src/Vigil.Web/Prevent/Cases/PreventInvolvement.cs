using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Prevent;

/// <summary>Tells deconfliction which subjects are the person of an open Prevent case, and nothing more.</summary>
public sealed class PreventInvolvement(VigilDb db) : Subjects.Deconfliction.ISubjectInvolvement
{
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> DescribeAsync(IReadOnlyCollection<Guid> subjectIds, CancellationToken ct)
    {
        var open = await db.Set<PreventCase>().IgnoreQueryFilters().Where(c => subjectIds.Contains(c.SubjectId) && c.Stage != PreventStage.Closed)
            .Select(c => c.SubjectId).Distinct().ToListAsync(ct);
        return open.ToDictionary(id => id, IReadOnlyList<string> (_) => [Subjects.Deconfliction.SubjectInvolvements.OpenPreventCase]);
    }
}

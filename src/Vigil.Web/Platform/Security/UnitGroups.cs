using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Platform.Security;

/// <summary>
/// A unit's standing need-to-know group of one kind, one per unit, named "<i>kind</i> (<i>unit</i>)": a regional
/// unit's source unit ("Source unit (London)"), its readers of ACT reporters' contact details. Made at start for
/// every unit that needs one and found by the kind's prefix; administrators manage the members.
/// </summary>
public sealed record UnitGroupKind(string Prefix, Func<string, string> Describe)
{
    public string NameFor(string unitName) => $"{Prefix}{unitName})";

    /// <summary>The unit's group of this kind, if it has one.</summary>
    public async Task<Guid?> FindAsync(VigilDb db, Guid unit, CancellationToken ct) =>
        await db.NeedToKnowGroups.Where(g => g.OwningUnitId == unit && g.ManagedBy == null && g.Name.StartsWith(Prefix))
            .Select(g => (Guid?)g.Id).FirstOrDefaultAsync(ct);

    /// <summary>Makes the group for every one of <paramref name="units"/> that has none yet.</summary>
    public async Task EnsureAsync(VigilDb db, IEnumerable<UnitOrAgency> units, CancellationToken ct)
    {
        var existing = (await db.NeedToKnowGroups.Where(g => g.OwningUnitId != null && g.ManagedBy == null && g.Name.StartsWith(Prefix))
            .Select(g => g.OwningUnitId).ToListAsync(ct)).OfType<Guid>().ToHashSet();
        foreach (var unit in units.Where(u => !existing.Contains(u.Id)))
        {
            db.Add(new NeedToKnowGroup { Name = NameFor(unit.Name), Description = Describe(unit.Name), OwningUnitId = unit.Id });
        }
        await db.SaveChangesAsync(ct);
    }
}

using Microsoft.EntityFrameworkCore;
using System.Linq.Expressions;

namespace Vigil.Web.Platform.Security;

/// <summary>
/// The one access policy. A user may read a protected record when all of these hold:
/// <list type="number">
/// <item>their clearance is at least the record's classification;</item>
/// <item>if the record names need-to-know groups, they belong to at least one of them;
/// otherwise they belong to the record's owning unit.</item>
/// </list>
/// Writing needs read access and a role that writes that kind of record. Labelling (setting the owner,
/// classification and groups of a new or changed record) may only use what the user holds themselves.
/// The same rule is written twice below, once as C# and once as the expression VigilDb's query filters
/// use; the property tests check the two agree.
/// </summary>
public static class AccessPolicy
{
    public static bool CanRead(AccessContext user, ProtectiveLabel label)
    {
        if (!user.IsAuthenticated)
        {
            return false;
        }
        if (user.Clearance < label.Classification)
        {
            return false;
        }
        return label.Groups.Count > 0
            ? label.Groups.Any(user.GroupIds.Contains)
            : user.UnitId is { } unit && unit == label.OwningUnitId;
    }

    public static bool CanWrite(AccessContext user, ProtectiveLabel label, IReadOnlySet<string> writerRoles) =>
        CanRead(user, label) && user.Roles.Any(writerRoles.Contains);

    /// <summary>Why a label proposed in a request may not be used by this user, or null when it may.</summary>
    public static string? LabelRefusal(AccessContext user, ProtectiveLabel proposed)
    {
        if (proposed.OfficialSensitive && proposed.Classification != Classification.Official)
        {
            return "OFFICIAL-SENSITIVE is a handling marking for OFFICIAL records only.";
        }
        if (proposed.Classification > user.Clearance)
        {
            return "You cannot classify a record above your own clearance.";
        }
        if (user.UnitId != proposed.OwningUnitId)
        {
            return "A record you create or change must be owned by your own unit.";
        }
        var foreign = proposed.Groups.Where(g => !user.GroupIds.Contains(g)).ToList();
        if (foreign.Count > 0)
        {
            return "You can only restrict a record to need-to-know groups you belong to.";
        }
        return null;
    }

    /// <summary>The read rule over the labels: the labels the current user may read. <paramref name="db"/>
    /// supplies the user's values so that EF Core turns them into parameters of every query.</summary>
    public static Expression<Func<AccessLabel, bool>> Readable(Data.VigilDb db) =>
        label => db.AccessAuthenticated
            && label.Classification <= db.AccessClearance
            && (label.GroupCount > 0
                ? db.Set<AccessLabel>().SelectMany(l => l.Groups, (l, g) => new { l.Id, g.GroupId }).Where(g => db.AccessGroupIds.Contains(g.GroupId)).Select(g => g.Id).Contains(label.Id)
                : label.OwningUnitId == db.AccessUnitId);

    /// <summary>
    /// The records the user may read, for a long list read in the order of an index (subjects by surname):
    /// the same rule (<see cref="Readable"/>), asked of each record's label as the database walks the index
    /// in order, so that a page costs the rows walked to fill it rather than a sort of every visible record.
    /// The query filter's form suits a short list (the database starts from the labels); this one suits a
    /// list in which the user may see many (a unit's share of the network): the caller chooses by a bounded
    /// count, and the query-filter agreement test proves both forms agree with <see cref="CanRead"/>.
    /// </summary>
    public static IQueryable<T> ReadableInOrder<T>(Data.VigilDb db) where T : class, IProtectedRecord
    {
        var labels = db.Set<AccessLabel>().Where(Readable(db));
        var bypass = db.AccessBypass;
        return db.Set<T>().IgnoreQueryFilters().Where(record => bypass || labels.Any(label => label.Id == record.AccessLabelId));
    }

    /// <summary>The read rule as a query filter: a record is read through its label, and only the labels the
    /// user may read are looked at (a short list, found once per query), so the database finds the visible
    /// records by their index on the label and never touches the others.</summary>
    public static Expression<Func<T, bool>> ReadFilter<T>(Data.VigilDb db) where T : class, IProtectedRecord =>
        record => db.AccessBypass
            || db.Set<AccessLabel>().Where(label => db.AccessAuthenticated
                    && label.Classification <= db.AccessClearance
                    // The labels of the user's groups, found from the groups (an index on the group): asking
                    // each label whether one of its groups is the user's costs every label.
                    && (label.GroupCount > 0
                        ? db.Set<AccessLabel>().SelectMany(l => l.Groups, (l, g) => new { l.Id, g.GroupId }).Where(g => db.AccessGroupIds.Contains(g.GroupId)).Select(g => g.Id).Contains(label.Id)
                        : label.OwningUnitId == db.AccessUnitId))
                .Select(label => label.Id).Contains(record.AccessLabelId);
}

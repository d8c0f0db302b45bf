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

    /// <summary>The labels the user may read, as a query: the same rule as <see cref="ReadFilter{T}"/> (the
    /// agreement tests hold both to <see cref="CanRead"/>), for a query that is not through a record's filter
    /// (the full-text index, which carries each entry's label as a word).</summary>
    public static IQueryable<Guid> ReadableLabels(Data.VigilDb db) =>
        db.Set<AccessLabel>().Where(label => db.AccessAuthenticated
                && label.Classification <= db.AccessClearance
                && (label.GroupCount > 0
                    ? db.Set<AccessLabel>().SelectMany(l => l.Groups, (l, g) => new { l.Id, g.GroupId }).Where(g => db.AccessGroupIds.Contains(g.GroupId)).Select(g => g.Id).Contains(label.Id)
                    : label.OwningUnitId == db.AccessUnitId))
            .Select(label => label.Id);
}

namespace Vigil.Web.Platform.Security;

/// <summary>What a need-to-know group is for, as people choosing one think of it: an investigation's team, a
/// Channel panel, a unit's own group (its Prevent officers, say), or anything else an administrator made.</summary>
public enum GroupKind
{
    Team,
    Panel,
    Unit,
    Other,
}

/// <summary>
/// A group's kind, read from what it already holds rather than stored: a workflow that owns a group names
/// itself in <see cref="NeedToKnowGroup.ManagedBy"/> ("the team of Operation KESTREL", "the Manchester
/// City Council Channel panel"), and a group of one unit has an owning unit. A column would have to be set
/// by every module that makes groups and kept true by hand; this cannot drift from the data. Tests pin each
/// module's wording to its kind, so a change of wording is caught.
/// </summary>
public static class GroupKinds
{
    public static GroupKind Of(NeedToKnowGroup group) => Of(group.ManagedBy, group.OwningUnitId);

    public static GroupKind Of(string? managedBy, Guid? owningUnitId) => managedBy switch
    {
        { } m when m.StartsWith("the team of ", StringComparison.OrdinalIgnoreCase) => GroupKind.Team,
        { } m when m.EndsWith(" panel", StringComparison.OrdinalIgnoreCase) => GroupKind.Panel,
        null when owningUnitId is not null => GroupKind.Unit,
        _ => GroupKind.Other,
    };

    /// <summary>The heading of a kind's groups on a page ("Investigation teams").</summary>
    public static string Plural(GroupKind kind) => kind switch
    {
        GroupKind.Team => "Investigation teams",
        GroupKind.Panel => "Channel panels",
        GroupKind.Unit => "Unit groups",
        _ => "Other groups",
    };

    /// <summary>The kind as a query-string value and back (<c>?kind=team</c>).</summary>
    public static string Key(GroupKind kind) => kind.ToString().ToLowerInvariant();

    public static GroupKind? Parse(string? key) =>
        Enum.TryParse<GroupKind>(key, ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind : null;
}

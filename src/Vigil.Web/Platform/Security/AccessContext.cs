namespace Vigil.Web.Platform.Security;

/// <summary>Who is asking, loaded fresh from the database on every request, so that a change of role,
/// unit, clearance or group, or a revoked token, takes effect on the next request.</summary>
public sealed class AccessContext
{
    public bool IsAuthenticated { get; private set; }

    /// <summary>Set only for work the system does itself (migrations, seeding, verification). Never
    /// set for a request.</summary>
    public bool IsSystem { get; private set; }

    public Guid? UserId { get; private set; }
    public string? UserName { get; private set; }
    public string? DisplayName { get; private set; }
    public Guid? UnitId { get; private set; }
    public string? UnitName { get; private set; }

    /// <summary>The unit's code in the network's reference data ("london", "noc-coordination-centre").</summary>
    public string? UnitCode { get; private set; }
    public Guid? PartnerAgencyId { get; private set; }
    public Classification Clearance { get; private set; }
    public IReadOnlySet<string> Roles { get; private set; } = new HashSet<string>();
    public List<Guid> GroupIds { get; private set; } = [];

    public bool IsInRole(string role) => Roles.Contains(role);

    public void SignedIn(Guid userId, string userName, string displayName, Guid? unitId, string? unitName, Guid? partnerAgencyId,
        Classification clearance, IEnumerable<string> roles, IEnumerable<Guid> groups, string? unitCode = null)
    {
        IsAuthenticated = true;
        UserId = userId;
        UserName = userName;
        DisplayName = displayName;
        UnitId = unitId;
        UnitName = unitName;
        UnitCode = unitCode;
        PartnerAgencyId = partnerAgencyId;
        Clearance = clearance;
        Roles = new HashSet<string>(roles, StringComparer.Ordinal);
        GroupIds = groups.Distinct().ToList();
    }

    /// <summary>An identity that is recorded in audit entries but sees nothing through the query
    /// filters, e.g. a failed sign-in attempt for a named account.</summary>
    public void Attempting(string userName)
    {
        UserName = userName;
    }

    public void CopyFrom(AccessContext other)
    {
        IsAuthenticated = other.IsAuthenticated;
        IsSystem = other.IsSystem;
        UserId = other.UserId;
        UserName = other.UserName;
        DisplayName = other.DisplayName;
        UnitId = other.UnitId;
        UnitName = other.UnitName;
        UnitCode = other.UnitCode;
        PartnerAgencyId = other.PartnerAgencyId;
        Clearance = other.Clearance;
        Roles = other.Roles;
        GroupIds = other.GroupIds;
    }

    public static AccessContext System(string name = "system")
    {
        var context = new AccessContext();
        context.RunAsSystem(name);
        return context;
    }

    /// <summary>Turns this scope's context into the system's own, for set-up and command-line verbs
    /// that run outside any request. Never called while serving a request.</summary>
    public void RunAsSystem(string name)
    {
        IsSystem = true;
        UserName = name;
    }
}

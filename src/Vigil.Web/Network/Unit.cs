using Vigil.Web.Platform.Audit;

namespace Vigil.Web.Network;

public enum UnitKind
{
    /// <summary>Counter Terrorism Unit: intelligence, operations and investigation.</summary>
    Ctu,
    /// <summary>Counter Terrorism Intelligence Unit: mainly intelligence.</summary>
    Ctiu,
    /// <summary>National Counter Terrorism Policing Headquarters.</summary>
    Headquarters,
    /// <summary>The National Operations Centre.</summary>
    OperationsCentre,
    /// <summary>A team of the National Operations Centre (Ports, Intelligence...).</summary>
    OperationsCentreTeam,
}

/// <summary>A unit of the network: one of the 11 regional units, NCTPHQ, the National Operations Centre
/// or one of its teams. Officers belong to a unit; protected records are owned by one.</summary>
public sealed class Unit : IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>A short stable code used in URLs and the API, e.g. "london", "noc-ports".</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public UnitKind Kind { get; set; }
    public Guid? ParentUnitId { get; set; }
    public Unit? ParentUnit { get; set; }
    /// <summary>The CT lead force of a regional unit.</summary>
    public Guid? LeadForceId { get; set; }
    public Force? LeadForce { get; set; }
    public string ContactEmail { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public List<Force> Forces { get; set; } = [];

    public bool IsRegional => Kind is UnitKind.Ctu or UnitKind.Ctiu;

    public string AuditRecordType => "unit";
    public string AuditRecordId => Code;

    public static string KindDisplay(UnitKind kind) => kind switch
    {
        UnitKind.Ctu => "CTU",
        UnitKind.Ctiu => "CTIU",
        UnitKind.Headquarters => "Headquarters",
        UnitKind.OperationsCentre => "Operations centre",
        UnitKind.OperationsCentreTeam => "Operations centre team",
        _ => kind.ToString(),
    };
}

/// <summary>A police force, in the region of one unit.</summary>
public sealed class Force : IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public Guid UnitId { get; set; }
    public Unit? Unit { get; set; }

    public string AuditRecordType => "force";
    public string AuditRecordId => Id.ToString();
}

public enum PartnerKind
{
    IntelligenceAgency,
    Prosecutor,
    LocalAuthority,
    GovernmentDepartment,
    BorderAgency,
    Other,
}

/// <summary>A partner outside policing: MI5, the CPS, local authorities, government departments.</summary>
public sealed class PartnerAgency : IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public required string Name { get; set; }
    public PartnerKind Kind { get; set; }
    public string ContactEmail { get; set; } = "";

    public string AuditRecordType => "partner-agency";
    public string AuditRecordId => Code;

    public static string KindDisplay(PartnerKind kind) => kind switch
    {
        PartnerKind.IntelligenceAgency => "Intelligence agency",
        PartnerKind.Prosecutor => "Prosecutor",
        PartnerKind.LocalAuthority => "Local authority",
        PartnerKind.GovernmentDepartment => "Government department",
        PartnerKind.BorderAgency => "Border agency",
        _ => "Other",
    };
}

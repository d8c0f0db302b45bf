namespace Vigil.Web.Platform.Audit;

/// <summary>One entry of the hash-chained audit log. Append-only: the database refuses UPDATE and DELETE.</summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain, 1, 2, 3... assigned when the entry is saved.</summary>
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public Guid? UnitId { get; set; }
    public required string Action { get; set; }
    public string? RecordType { get; set; }
    public string? RecordId { get; set; }
    public required string Outcome { get; set; }
    public string? Purpose { get; set; }
    public string? Detail { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignOut = "sign-out";
    public const string Create = "create";
    public const string Read = "read";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Search = "search";
    public const string Export = "export";
    public const string Refused = "refused";
    /// <summary>A record asked for by id that does not exist (audited like a refusal, so both cost the same).</summary>
    public const string NotFound = "not-found";
    public const string TokenCreated = "token-created";
    public const string TokenRevoked = "token-revoked";
    public const string TokenRejected = "token-rejected";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string Checkpoint = "checkpoint";
    public const string BadRequest = "bad-request";
    public const string Merge = "merge";
    /// <summary>The national-scale generator added fictional data (demo mode only).</summary>
    public const string ScaleSeeded = "scale-seeded";
    public const string Unmerge = "unmerge";
    // The modules' own steps, named here beside the rest, so that every action the log holds has one
    // spelling and a wording (AuditWords) that the auditors read.
    public const string DeconflictionCheck = "deconfliction-check";
    public const string DeconflictionHit = "deconfliction-hit";
    public const string DeconflictionProbe = "deconfliction-probe";
    public const string DeconflictionThrottled = "deconfliction-throttled";
    public const string DuplicateOffered = "duplicate-offered";
    public const string PanelMemberAdded = "panel-member-added";
    public const string PanelMemberRemoved = "panel-member-removed";
    public const string PanelMemberRefused = "panel-member-refused";
    public const string ClearanceRequested = "clearance-requested";
    public const string ClearanceApproved = "clearance-approved";
    public const string ClearanceRejected = "clearance-rejected";
    public const string ClearanceWithdrawn = "clearance-withdrawn";
    public const string RoleRequested = "role-requested";
    public const string RoleApproved = "role-approved";
    public const string RoleRejected = "role-rejected";
    public const string SetUpLinkIssued = "set-up-link-issued";
    public const string AccountSetUp = "account-set-up";
    /// <summary>A retention review kept a record (MoPI), with its next review date.</summary>
    public const string Retained = "retained";
    /// <summary>A reviewer proposed disposing of a SECRET record: a second reviewer must confirm.</summary>
    public const string DisposalProposed = "disposal-proposed";
    public const string DisposalDeclined = "disposal-declined";
    /// <summary>A record's personal data was removed at a retention review; a tombstone is left.</summary>
    public const string Disposed = "disposed";
    /// <summary>The readiness check's write, always rolled back: never in the log, named so that it has one spelling.</summary>
    public const string HealthProbe = "health-probe";
}

public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Denied = "denied";
    /// <summary>The readiness check's entry (<see cref="AuditActions.HealthProbe"/>), never kept.</summary>
    public const string Probe = "probe";
}

/// <summary>Entities whose creation, change and deletion are audited automatically by VigilDb.</summary>
public interface IAuditedRecord
{
    string AuditRecordType { get; }
    string AuditRecordId { get; }
}

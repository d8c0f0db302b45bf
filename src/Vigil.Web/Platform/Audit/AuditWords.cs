namespace Vigil.Web.Platform.Audit;

/// <summary>
/// The log in an auditor's words: each action and outcome the code writes (<see cref="AuditActions"/>,
/// <see cref="AuditOutcomes"/>) as a phrase. One map, beside the constants, so that a new action gets its
/// words where it gets its spelling (a unit test checks none is missing). An entry written before a wording
/// existed is shown as stored.
/// </summary>
public static class AuditWords
{
    public static IReadOnlyDictionary<string, string> Actions { get; } = new Dictionary<string, string>
    {
        [AuditActions.SignIn] = "Signed in",
        [AuditActions.SignOut] = "Signed out",
        [AuditActions.Create] = "Created a record",
        [AuditActions.Read] = "Read a record",
        [AuditActions.Update] = "Changed a record",
        [AuditActions.Delete] = "Deleted a record",
        [AuditActions.Search] = "Searched",
        [AuditActions.Export] = "Exported",
        [AuditActions.Refused] = "Refused",
        [AuditActions.NotFound] = "Asked for a record that does not exist",
        [AuditActions.TokenCreated] = "Created an API token",
        [AuditActions.TokenRevoked] = "Revoked an API token",
        [AuditActions.TokenRejected] = "API token refused",
        [AuditActions.TwoFactorEnabled] = "Set up two-factor authentication",
        [AuditActions.Checkpoint] = "Recorded an audit checkpoint",
        [AuditActions.BadRequest] = "Request refused as not valid",
        [AuditActions.Merge] = "Merged two records",
        [AuditActions.ScaleSeeded] = "Added national-scale demonstration data",
        [AuditActions.Unmerge] = "Undid a merge",
        [AuditActions.DeconflictionCheck] = "Ran a deconfliction check",
        [AuditActions.DeconflictionHit] = "Deconfliction check matched a record",
        [AuditActions.DeconflictionProbe] = "Repeated checks on a hidden record reported",
        [AuditActions.DeconflictionThrottled] = "Deconfliction check refused: too many checks",
        [AuditActions.DuplicateOffered] = "Offered a possible duplicate case",
        [AuditActions.PanelMemberAdded] = "Added a Channel panel member",
        [AuditActions.PanelMemberRemoved] = "Removed a Channel panel member",
        [AuditActions.PanelMemberRefused] = "Refused a Channel panel member",
        [AuditActions.ClearanceRequested] = "Asked for a clearance change",
        [AuditActions.ClearanceApproved] = "Approved a clearance change",
        [AuditActions.ClearanceRejected] = "Refused a clearance change",
        [AuditActions.ClearanceWithdrawn] = "Withdrew a clearance request",
        [AuditActions.RoleRequested] = "Asked for a role",
        [AuditActions.RoleApproved] = "Approved a role",
        [AuditActions.RoleRejected] = "Refused a role",
        [AuditActions.SetUpLinkIssued] = "Issued an account set-up link",
        [AuditActions.AccountSetUp] = "Set up their account",
        [AuditActions.HealthProbe] = "Checked the database takes writes",
        [AuditActions.Retained] = "Retained at a retention review",
        [AuditActions.DisposalProposed] = "Proposed a disposal (a second reviewer must confirm)",
        [AuditActions.DisposalDeclined] = "Declined to confirm a disposal",
        [AuditActions.Disposed] = "Disposed of at a retention review",
    };

    public static IReadOnlyDictionary<string, string> Outcomes { get; } = new Dictionary<string, string>
    {
        [AuditOutcomes.Success] = "Succeeded",
        [AuditOutcomes.Failure] = "Failed",
        [AuditOutcomes.Denied] = "Denied",
        [AuditOutcomes.Probe] = "Not kept",
    };

    public static string Action(string action) => Actions.TryGetValue(action, out var words) ? words : action;

    public static string Outcome(string outcome) => Outcomes.TryGetValue(outcome, out var words) ? words : outcome;
}

/// <summary>A kind of record the audit log names (<see cref="AuditEntry.RecordType"/>), in words. Each module
/// contributes the types it writes (<see cref="AuditRecordTypes.AddAuditRecordTypes"/>), so the Platform lists none.</summary>
public sealed record AuditRecordType(string Type, string Words);

/// <summary>
/// Every record type the modules write to the log, with its words: the auditors' page offers these as a
/// list (a fixed catalogue, not a DISTINCT over the log on every view) and shows each entry's type in words.
/// </summary>
public sealed class AuditCatalogue(IEnumerable<AuditRecordType> contributed)
{
    private readonly Dictionary<string, string> words = contributed.GroupBy(t => t.Type).ToDictionary(g => g.Key, g => g.First().Words);

    /// <summary>The types, in the order of their words, for a list to choose from.</summary>
    public IReadOnlyList<AuditRecordType> Types => [.. words.Select(w => new AuditRecordType(w.Key, w.Value)).OrderBy(t => t.Words, StringComparer.Ordinal)];

    public bool Knows(string type) => words.ContainsKey(type);

    /// <summary>The type in words, or as stored when no module names it.</summary>
    public string Words(string? type) => type is null ? "" : words.TryGetValue(type, out var w) ? w : type;
}

public static class AuditRecordTypes
{
    public static IServiceCollection AddAuditRecordTypes(this IServiceCollection services, params (string Type, string Words)[] types)
    {
        foreach (var (type, words) in types)
        {
            services.AddSingleton(new AuditRecordType(type, words));
        }
        return services;
    }
}

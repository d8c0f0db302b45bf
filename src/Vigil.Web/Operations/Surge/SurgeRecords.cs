using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Operations;

/// <summary>
/// What a unit holds of one capability over a run of days: the officers available and the minimum cover it must
/// keep at home. A later entry over the same days replaces an earlier one for those days (the unit's latest word);
/// a day no entry covers has nobody to give.
/// </summary>
public sealed class UnitCapacity
{
    public const int MostOfficers = 10_000;
    public const int LongestRunDays = 366;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public required string Capability { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public int Available { get; set; }
    public int MinimumCover { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";

    public bool Covers(DateOnly day) => From <= day && day <= To;

    /// <summary>The entry in force on a day: the latest recorded of those covering it.</summary>
    public static UnitCapacity? InForce(IEnumerable<UnitCapacity> entries, DateOnly day) =>
        entries.Where(e => e.Covers(day)).OrderByDescending(e => e.RecordedAt).ThenByDescending(e => e.Id).FirstOrDefault();

    public static Dictionary<string, string[]> Problems(DateOnly? from, DateOnly? to, int? available, int? minimum)
    {
        var errors = DayRun.Problems(from, to, null, "Enter the first day", "Enter the last day", LongestRunDays, "Record at most a year (366 days) at a time");
        if (available is null or < 0 or > MostOfficers)
        {
            ApiValidation.Add(errors, "Available", "Enter the officers available, from 0 to 10,000");
        }
        if (minimum is null or < 0 or > MostOfficers)
        {
            ApiValidation.Add(errors, "MinimumCover", "Enter the minimum cover, from 0 to 10,000");
        }
        else if (available is >= 0 and <= MostOfficers && minimum > available)
        {
            ApiValidation.Add(errors, "MinimumCover", "The minimum cover cannot be more than the officers available");
        }
        return errors;
    }
}

/// <summary>
/// A region's request for officers of one capability, every day from <see cref="From"/> to <see cref="To"/>, for an
/// incident. Visible exactly when its incident is (the incident's need-to-know group).
/// </summary>
public sealed class SurgeRequest : IProtectedChild<SurgeRequest, SurgeIncident>, IAuditedRecord
{
    /// <summary>Mutual aid of more than eight weeks is a secondment, not a surge.</summary>
    public const int LongestDays = 56;
    public const int MostOfficers = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid IncidentId { get; set; }
    public Guid RequestingUnitId { get; set; }
    public required string Capability { get; set; }
    public int Officers { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public string Where { get; set; } = "";
    public SurgePriority Priority { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string WithdrawnReason { get; set; } = "";

    /// <summary>What the latest proposal said of the part it could not meet (empty when met in full).</summary>
    public string Shortfall { get; set; } = "";
    public Guid Version { get; set; } = Guid.NewGuid();

    public static Expression<Func<SurgeRequest, Guid>> Parent => r => r.IncidentId;
    public string AuditRecordType => "surge-request";
    public string AuditRecordId => Id.ToString();

    public static Dictionary<string, string[]> Problems(DateOnly? from, DateOnly? to, DateOnly today) =>
        DayRun.Problems(from, to, today, "Enter the first day officers are needed", "Enter the last day officers are needed", LongestDays,
            "A surge request covers at most eight weeks (56 days); longer is a secondment");
}

/// <summary>A run of days from a first to a last, as capacity and requests are given.</summary>
public static class DayRun
{
    /// <summary>The first and last day are given, the last not before the first, the first not before
    /// <paramref name="earliest"/> (when given), and the run at most <paramref name="longest"/> days.</summary>
    public static Dictionary<string, string[]> Problems(DateOnly? from, DateOnly? to, DateOnly? earliest, string noFirst, string noLast, int longest, string tooLong)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is null)
        {
            ApiValidation.Add(errors, "From", noFirst);
        }
        else if (earliest is { } first && from < first)
        {
            ApiValidation.Add(errors, "From", "The first day must be today or later");
        }
        if (to is null)
        {
            ApiValidation.Add(errors, "To", noLast);
        }
        else if (from is { } f && to < f)
        {
            ApiValidation.Add(errors, "To", "The last day must be the same as or after the first day");
        }
        else if (from is { } start && to.Value.DayNumber - start.DayNumber >= longest)
        {
            ApiValidation.Add(errors, "To", tooLong);
        }
        return errors;
    }
}

/// <summary>What the coordinator decided about a proposed line.</summary>
public enum AllocationStatus
{
    Proposed,
    Accepted,
    Changed,
    Rejected,

    /// <summary>Replaced by a later proposal before anyone decided it.</summary>
    Superseded,
}

/// <summary>
/// One line of an allocation: a unit gives officers to a request. Proposed by the optimiser with its reason, then
/// accepted, changed (another number) or rejected by the coordinator with theirs; an accepted or changed line is a
/// deployment, tracked until its officers arrive and are stood down. It carries what the giving unit needs to
/// know (capability, numbers, days, where), so the giving unit's view shows it without the incident.
/// </summary>
public sealed class SurgeAllocation : IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ProposalId { get; set; }
    public Guid RequestId { get; set; }
    public Guid IncidentId { get; set; }
    public Guid RequestingUnitId { get; set; }
    public Guid GivingUnitId { get; set; }

    /// <summary>The incident's classification when the line was proposed: the units' officers see a line only up to
    /// their clearance.</summary>
    public Classification Classification { get; set; }
    public required string Capability { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public string Where { get; set; } = "";
    public int ProposedOfficers { get; set; }
    public int Officers { get; set; }
    public string Why { get; set; } = "";
    public DateTimeOffset ProposedAt { get; set; }
    public AllocationStatus Status { get; set; }
    public string Reason { get; set; } = "";
    public string DecidedBy { get; set; } = "";
    public DateTimeOffset? DecidedAt { get; set; }
    public DateTimeOffset? ArrivedAt { get; set; }
    public DateTimeOffset? StoodDownAt { get; set; }

    /// <summary>The officers the giving unit has named as going, up to <see cref="Officers"/>.</summary>
    public List<DeployedOfficer> Named { get; set; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();

    public string AuditRecordType => "surge-allocation";
    public string AuditRecordId => Id.ToString();

    public bool IsDeployment => Status is AllocationStatus.Accepted or AllocationStatus.Changed;

    /// <summary>Officers away from their unit on a day: a deployment's, from its first day to its last, until stood down.</summary>
    public int AwayOn(DateOnly day) =>
        IsDeployment && From <= day && day <= To && (StoodDownAt is null || day < DateOnly.FromDateTime(StoodDownAt.Value.UtcDateTime)) ? Officers : 0;

    public IEnumerable<DateOnly> Days()
    {
        for (var d = From; d <= To; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    public string DeploymentState => !IsDeployment ? "" : StoodDownAt is not null ? "Stood down" : ArrivedAt is not null ? "Arrived" : "Travelling";

    public Refusal? WhyNotDecide() => Status is AllocationStatus.Proposed ? null : Refusal.Conflict("That line has already been decided, or a later proposal replaced it");

    public Refusal? WhyNotArrive() => !IsDeployment ? Refusal.Conflict("Only an accepted line is a deployment")
        : ArrivedAt is not null ? Refusal.Conflict("Their arrival is already recorded")
        : StoodDownAt is not null ? Refusal.Conflict("The deployment has been stood down") : null;

    public Refusal? WhyNotName(Guid userId, Guid? userUnit, Classification clearance)
    {
        if (!IsDeployment || StoodDownAt is not null)
        {
            return Refusal.Conflict("Officers are named on a deployment that has not been stood down");
        }
        if (userUnit != GivingUnitId || clearance < Classification)
        {
            return Refusal.Invalid("Email", "Name an officer of the unit giving them, cleared for the incident");
        }
        if (Named.Any(n => n.UserId == userId))
        {
            return Refusal.Conflict("That officer is already named");
        }
        return Named.Count >= Officers ? Refusal.Invalid("Email", $"All {Officers} are already named") : null;
    }

    public Refusal? WhyNotStandDown() => !IsDeployment ? Refusal.Conflict("Only an accepted line is a deployment")
        : StoodDownAt is not null ? Refusal.Conflict("The deployment has already been stood down") : null;
}

/// <summary>An officer named on a deployment: their own view lists it.</summary>
public sealed class DeployedOfficer
{
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";
    public DateTimeOffset NamedAt { get; set; }
}

public sealed record NameOfficer([property: Required(ErrorMessage = "Enter the officer's e-mail address"), StringLength(256)] string? Email);

public sealed record SetCapacity(
    [property: Required(ErrorMessage = "Choose the capability")] string? Capability,
    DateOnly? From,
    DateOnly? To,
    int? Available,
    int? MinimumCover,
    string? Unit = null);

public sealed record PostSurgeRequest(
    [property: Required(ErrorMessage = "Choose the capability")] string? Capability,
    [property: Required(ErrorMessage = "Enter the number of officers"), Range(1, SurgeRequest.MostOfficers, ErrorMessage = "Enter a number of officers from 1 to 500")] int? Officers,
    DateOnly? From,
    DateOnly? To,
    [property: Required(ErrorMessage = "Enter where the officers are to report"), StringLength(200, ErrorMessage = "Where must be 200 characters or fewer")] string? Where,
    SurgePriority? Priority);

public sealed record WithdrawSurgeRequest([property: Required(ErrorMessage = "Enter the reason for withdrawing the request"), StringLength(1000, ErrorMessage = "The reason must be 1,000 characters or fewer")] string? Reason);

public enum LineDecision
{
    Accept,
    Change,
    Reject,
}

public sealed record DecideLine(
    LineDecision? Decision,
    [property: Range(1, SurgeRequest.MostOfficers, ErrorMessage = "Enter a number of officers from 1 to 500")] int? Officers,
    [property: StringLength(1000, ErrorMessage = "The reason must be 1,000 characters or fewer")] string? Reason,
    Guid? Version);

public sealed record ProposeSurge([property: Range(0, 99, ErrorMessage = "Enter a neighbour preference from 0 to 99")] int? NeighbourPreference);

public sealed record AcceptAll([property: StringLength(1000, ErrorMessage = "The reason must be 1,000 characters or fewer")] string? Reason);

public sealed record AllocationDto(Guid Id, Guid RequestId, string GivingUnit, string GivingUnitCode, string RequestingUnit, string Capability, string CapabilityName,
    DateOnly From, DateOnly To, string Where, int ProposedOfficers, int Officers, string Why, AllocationStatus Status, string Reason, string DecidedBy,
    DateTimeOffset? DecidedAt, DateTimeOffset? ArrivedAt, DateTimeOffset? StoodDownAt, string DeploymentState, string? Incident, IReadOnlyList<string> Named, Guid Version);

public sealed record SurgeRequestDto(Guid Id, Guid IncidentId, string Incident, string RequestingUnit, string RequestingUnitCode, string Capability, string CapabilityName,
    int Officers, int Allocated, DateOnly From, DateOnly To, string Where, SurgePriority Priority, DateTimeOffset RequestedAt, string RequestedBy,
    DateTimeOffset? WithdrawnAt, string WithdrawnReason, string Shortfall, IReadOnlyList<AllocationDto> Lines);

public sealed record CapacityCell(DateOnly Day, int Available, int MinimumCover, int Away, int AtHome)
{
    public bool BelowMinimum => AtHome < MinimumCover;
}

public sealed record CapacityRow(string Capability, string CapabilityName, IReadOnlyList<CapacityCell> Days);

public sealed record UnitSurgeView(string Unit, string UnitCode, IReadOnlyList<DateOnly> Days, IReadOnlyList<CapacityRow> Capacity,
    IReadOnlyList<AllocationDto> Out, IReadOnlyList<AllocationDto> In, IReadOnlyList<SurgeRequestDto> Requests, bool MayManage);

/// <summary>What a unit can offer of a capability: the fewest it has beyond its minimum cover (and its deployments) on
/// any day the open requests for that capability cover.</summary>
public sealed record UnitSpare(string Unit, int Spare);

public sealed record CapabilityOffers(string Capability, string CapabilityName, IReadOnlyList<UnitSpare> Units);

public sealed record SurgeBoardDto(IReadOnlyList<IncidentSummary> Incidents, IReadOnlyList<SurgeRequestDto> Requests, IReadOnlyList<CapabilityOffers> Offers,
    DateTimeOffset? LastProposalAt, int NeighbourPreference);

internal sealed class UnitCapacityConfiguration : IEntityTypeConfiguration<UnitCapacity>
{
    public void Configure(EntityTypeBuilder<UnitCapacity> b)
    {
        b.ToTable("UnitCapacities");
        b.Property(c => c.Capability).HasMaxLength(40);
        b.Property(c => c.RecordedBy).HasMaxLength(200);
        b.HasOne<Network.Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.UnitId, c.Capability, c.To });
    }
}

internal sealed class SurgeRequestConfiguration : IEntityTypeConfiguration<SurgeRequest>
{
    public void Configure(EntityTypeBuilder<SurgeRequest> b)
    {
        b.ToTable("SurgeRequests");
        b.Property(r => r.Capability).HasMaxLength(40);
        b.Property(r => r.Where).HasMaxLength(200);
        b.Property(r => r.Priority).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.RequestedBy).HasMaxLength(200);
        b.Property(r => r.WithdrawnReason).HasMaxLength(1000);
        b.Property(r => r.Shortfall).HasMaxLength(1000);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<SurgeIncident>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Network.Unit>().WithMany().HasForeignKey(r => r.RequestingUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.IncidentId);
    }
}

internal sealed class SurgeAllocationConfiguration : IEntityTypeConfiguration<SurgeAllocation>
{
    public void Configure(EntityTypeBuilder<SurgeAllocation> b)
    {
        b.ToTable("SurgeAllocations");
        b.Property(a => a.Capability).HasMaxLength(40);
        b.Property(a => a.Where).HasMaxLength(200);
        b.Property(a => a.Why).HasMaxLength(1000);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(a => a.Reason).HasMaxLength(1000);
        b.Property(a => a.DecidedBy).HasMaxLength(200);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne<SurgeRequest>().WithMany().HasForeignKey(a => a.RequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Network.Unit>().WithMany().HasForeignKey(a => a.GivingUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.RequestId);
        b.OwnsMany(a => a.Named, n =>
        {
            Platform.Data.OwnedList.Configure(n, "SurgeDeployedOfficers", "AllocationId");
            n.Property(x => x.Name).HasMaxLength(200);
            n.HasIndex(x => x.UserId);
        });
        b.HasIndex(a => new { a.GivingUnitId, a.To });
        b.HasIndex(a => new { a.RequestingUnitId, a.To });
    }
}

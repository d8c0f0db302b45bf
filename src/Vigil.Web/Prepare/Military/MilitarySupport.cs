using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Prepare;

/// <summary>Operation Temperer (military personnel under police command after a move to CRITICAL) or Operation
/// Plato (the response to a marauding terrorist attack).</summary>
public enum MilitaryOperation
{
    Temperer,
    Plato,
}

/// <summary>Military personnel at one site: how many, from when, and when they stood down.</summary>
public sealed class MilitaryDeployment
{
    public int Number { get; set; }
    public Guid? SiteId { get; set; }
    public string Site { get; set; } = "";
    public int Personnel { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

/// <summary>
/// A request for military support: the operation, the numbers asked for, the period and the reason, then its
/// deployments by site and their end. The numbers are bounded by Temperer's published ceiling (5,100).
/// </summary>
public sealed class MilitarySupportRequest : IAuditedRecord
{
    public const int MostPersonnel = 5100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public MilitaryOperation Operation { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public string RequestedBy { get; set; } = "";
    public int Personnel { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset? EndedAt { get; set; }
    public List<MilitaryDeployment> Deployments { get; set; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();

    public string AuditRecordType => "military-support";
    public string AuditRecordId => Id.ToString();

    public int Deployed => Deployments.Where(d => d.EndedAt is null).Sum(d => d.Personnel);

    public Refusal? WhyNotDeploy(int personnel)
    {
        if (EndedAt is not null)
        {
            return Refusal.Conflict("The request has ended");
        }
        return Deployed + personnel > Personnel
            ? Refusal.Invalid("Personnel", $"That would deploy {Deployed + personnel:N0}, more than the {Personnel:N0} requested")
            : null;
    }
}

public sealed record RequestMilitarySupport(
    MilitaryOperation? Operation,
    [property: Range(1, MilitarySupportRequest.MostPersonnel, ErrorMessage = "Enter a number of personnel from 1 to 5,100")] int? Personnel,
    DateOnly? From,
    DateOnly? To,
    [property: Required(ErrorMessage = "Enter the reason for the request"), StringLength(2000, ErrorMessage = "The reason must be 2,000 characters or fewer")] string? Reason);

public sealed record DeployPersonnel(
    Guid? SiteId,
    [property: StringLength(200, ErrorMessage = "The site must be 200 characters or fewer")] string? Site,
    [property: Range(1, MilitarySupportRequest.MostPersonnel, ErrorMessage = "Enter a number of personnel from 1 to 5,100")] int? Personnel);

public sealed record MilitaryDeploymentDto(int Number, Guid? SiteId, string Site, int Personnel, DateTimeOffset From, DateTimeOffset? EndedAt, string RecordedBy);

public sealed record MilitarySupportDto(Guid Id, MilitaryOperation Operation, DateTimeOffset RequestedAt, string RequestedBy, int Personnel, DateOnly From, DateOnly To,
    string Reason, DateTimeOffset? EndedAt, int Deployed, IReadOnlyList<MilitaryDeploymentDto> Deployments);

/// <summary>The operations centre's record of military support: requests, deployments by site, their end. Read
/// and recorded by the national roles (the national duty officer and the operations centre).</summary>
public sealed class MilitarySupport(VigilDb db, AccessContext access, Protect.SiteRegister sites)
{
    public static bool Records(AccessContext access) => access.IsInRole(Roles.NationalDutyOfficer) || access.IsInRole(Roles.OperationsCoordinator);

    public async Task<WorkResult<IReadOnlyList<MilitarySupportDto>>> ListAsync(CancellationToken ct, DateTimeOffset? at = null)
    {
        if (!PlanBoard.ReadsTheBoard(access))
        {
            return await RefuseAsync<IReadOnlyList<MilitarySupportDto>>("Military support is recorded and read by the national roles", ct);
        }
        var requests = db.Set<MilitarySupportRequest>().AsNoTracking();
        if (at is { } moment)
        {
            requests = requests.Where(r => r.RequestedAt <= moment && (r.EndedAt == null || r.EndedAt > moment));
        }
        var list = await requests.OrderByDescending(r => r.RequestedAt).Take(100).ToListAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "military-support", detail: "the military support board");
        await db.SaveChangesAsync(ct);
        return WorkResult<IReadOnlyList<MilitarySupportDto>>.Ok([.. list.Select(r => Dto(r, at))]);
    }

    /// <summary>One request (the national roles), or null as if missing.</summary>
    public async Task<MilitarySupportDto?> ReadAsync(Guid id, CancellationToken ct)
    {
        if (!PlanBoard.ReadsTheBoard(access))
        {
            return null;
        }
        var request = await db.Set<MilitarySupportRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        db.Audit(request is null ? AuditActions.NotFound : AuditActions.Read, request is null ? AuditOutcomes.Failure : AuditOutcomes.Success, "military-support", id.ToString());
        await db.SaveChangesAsync(ct);
        return request is null ? null : Dto(request);
    }

    /// <summary>The requests in place at any moment from <paramref name="from"/> to <paramref name="to"/>, with the
    /// deployments in place then (the national roles; empty for anyone else).</summary>
    public async Task<IReadOnlyList<MilitarySupportDto>> InPeriodAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (!PlanBoard.ReadsTheBoard(access))
        {
            return [];
        }
        var requests = await db.Set<MilitarySupportRequest>().AsNoTracking().Where(r => r.RequestedAt < to && (r.EndedAt == null || r.EndedAt >= from))
            .OrderBy(r => r.RequestedAt).Take(500).ToListAsync(ct);
        return [.. requests.Select(r => Dto(r) with
        {
            Deployments = [.. r.Deployments.Where(d => d.From < to && (d.EndedAt is null || d.EndedAt >= from)).OrderBy(d => d.Number)
                .Select(d => new MilitaryDeploymentDto(d.Number, d.SiteId, d.Site, d.Personnel, d.From, d.EndedAt, d.RecordedBy))],
        })];
    }

    public async Task<WorkResult<MilitarySupportDto>> RequestAsync(RequestMilitarySupport request, CancellationToken ct)
    {
        if (!Records(access))
        {
            return await RefuseAsync<MilitarySupportDto>("Military support is requested by the national duty officer or the operations centre", ct);
        }
        var errors = ApiValidation.Validate(request);
        if (request.Operation is null || !Enum.IsDefined(request.Operation.Value))
        {
            ApiValidation.Add(errors, nameof(request.Operation), "Choose Operation Temperer or Operation Plato");
        }
        if (request.Personnel is null && !errors.ContainsKey(nameof(request.Personnel)))
        {
            ApiValidation.Add(errors, nameof(request.Personnel), "Enter the number of personnel requested");
        }
        if (request.From is null)
        {
            ApiValidation.Add(errors, nameof(request.From), "Enter the date the support is needed from");
        }
        if (request.To is null)
        {
            ApiValidation.Add(errors, nameof(request.To), "Enter the date the support is needed to");
        }
        else if (request.From is { } from && request.To < from)
        {
            ApiValidation.Add(errors, nameof(request.To), "The end date must be the same as or after the start date");
        }
        if (errors.Count > 0)
        {
            return WorkResult<MilitarySupportDto>.Invalid(errors);
        }
        var record = new MilitarySupportRequest
        {
            Operation = request.Operation!.Value, RequestedAt = db.Clock.GetUtcNow(), RequestedBy = Who, Personnel = request.Personnel!.Value,
            From = request.From!.Value, To = request.To!.Value, Reason = request.Reason!.Trim(),
        };
        db.Add(record);
        db.Audit(AuditActions.Create, AuditOutcomes.Success, "military-support", record.Id.ToString(), detail: $"Operation {record.Operation}: {record.Personnel:N0} personnel requested");
        await db.SaveChangesAsync(ct);
        return WorkResult<MilitarySupportDto>.Ok(Dto(record));
    }

    public async Task<WorkResult<MilitarySupportDto>> DeployAsync(Guid id, DeployPersonnel request, CancellationToken ct)
    {
        if (!Records(access))
        {
            return await RefuseAsync<MilitarySupportDto>("Deployments are recorded by the national duty officer or the operations centre", ct);
        }
        var errors = ApiValidation.Validate(request);
        var site = request.Site?.Trim() ?? "";
        if (request.SiteId is { } siteId)
        {
            // A site of Protect's register, from the directory the operations centre chooses from.
            site = (await sites.NationalDirectoryAsync(ct)).FirstOrDefault(s => s.Id == siteId) is { } found ? SiteText(found) : "";
            if (site.Length == 0)
            {
                ApiValidation.Add(errors, nameof(request.SiteId), "Choose a site from the register");
            }
        }
        else if (site.Length == 0)
        {
            ApiValidation.Add(errors, nameof(request.Site), "Choose the site, or name the place");
        }
        if (request.Personnel is null && !errors.ContainsKey(nameof(request.Personnel)))
        {
            ApiValidation.Add(errors, nameof(request.Personnel), "Enter the number of personnel deployed");
        }
        if (errors.Count > 0)
        {
            return WorkResult<MilitarySupportDto>.Invalid(errors);
        }
        var record = await db.Set<MilitarySupportRequest>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null)
        {
            return WorkResult<MilitarySupportDto>.Missing();
        }
        if (record.WhyNotDeploy(request.Personnel!.Value) is { } refusal)
        {
            return WorkResult<MilitarySupportDto>.Refused(refusal);
        }
        record.Deployments.Add(new()
        {
            Number = record.Deployments.Count + 1, SiteId = request.SiteId, Site = site, Personnel = request.Personnel!.Value, From = db.Clock.GetUtcNow(), RecordedBy = Who,
        });
        record.Version = Guid.NewGuid();
        db.Audit(AuditActions.Update, AuditOutcomes.Success, "military-support", id.ToString(), detail: $"{request.Personnel:N0} deployed to {site}");
        await db.SaveChangesAsync(ct);
        return WorkResult<MilitarySupportDto>.Ok(Dto(record));
    }

    /// <summary>Ends one deployment (<paramref name="number"/>), or the whole request and its deployments (0).</summary>
    public async Task<WorkResult<MilitarySupportDto>> EndAsync(Guid id, int number, CancellationToken ct)
    {
        if (!Records(access))
        {
            return await RefuseAsync<MilitarySupportDto>("Deployments are ended by the national duty officer or the operations centre", ct);
        }
        var record = await db.Set<MilitarySupportRequest>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null)
        {
            return WorkResult<MilitarySupportDto>.Missing();
        }
        var now = db.Clock.GetUtcNow();
        var ending = record.Deployments.Where(d => d.EndedAt is null && (number == 0 || d.Number == number)).ToList();
        if (ending.Count == 0 && (number != 0 || record.EndedAt is not null))
        {
            return WorkResult<MilitarySupportDto>.Conflict(number == 0 ? "The request has already ended" : "That deployment has already ended, or there is no such deployment");
        }
        ending.ForEach(d => d.EndedAt = now);
        if (number == 0)
        {
            record.EndedAt = now;
        }
        record.Version = Guid.NewGuid();
        db.Audit(AuditActions.Update, AuditOutcomes.Success, "military-support", id.ToString(), detail: number == 0 ? "ended" : $"deployment {number} ended");
        await db.SaveChangesAsync(ct);
        return WorkResult<MilitarySupportDto>.Ok(Dto(record));
    }

    private string Who => access.DisplayName ?? access.UserName ?? "";

    /// <summary>A role's refusal, audited as every refusal is.</summary>
    private async Task<WorkResult<T>> RefuseAsync<T>(string message, CancellationToken ct)
    {
        db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "military-support", detail: message);
        await db.SaveChangesAsync(ct);
        return WorkResult<T>.Forbidden(message);
    }

    // The site as a deployment names it, cut to its column (a name of 200 characters and a postcode would not fit).
    private static string SiteText(Protect.SiteSummary site) => Platform.Inbox.UnitInbox.Fit($"{site.Name}, {site.Postcode}", 200);

    private static MilitarySupportDto Dto(MilitarySupportRequest r, DateTimeOffset? at = null)
    {
        var deployments = r.Deployments.Where(d => at is null || (d.From <= at && (d.EndedAt is null || d.EndedAt > at))).OrderBy(d => d.Number).ToList();
        return new(r.Id, r.Operation, r.RequestedAt, r.RequestedBy, r.Personnel, r.From, r.To, r.Reason, r.EndedAt,
            deployments.Where(d => at is not null || d.EndedAt is null).Sum(d => d.Personnel),
            [.. deployments.Select(d => new MilitaryDeploymentDto(d.Number, d.SiteId, d.Site, d.Personnel, d.From, d.EndedAt, d.RecordedBy))]);
    }
}

internal sealed class MilitarySupportConfiguration : IEntityTypeConfiguration<MilitarySupportRequest>
{
    public void Configure(EntityTypeBuilder<MilitarySupportRequest> b)
    {
        b.ToTable("MilitarySupportRequests");
        b.Property(r => r.Operation).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.RequestedBy).HasMaxLength(200);
        b.Property(r => r.Reason).HasMaxLength(2000);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => r.RequestedAt);
        b.OwnsMany(r => r.Deployments, d =>
        {
            OwnedList.Configure(d, "MilitaryDeployments", "RequestId");
            d.Property(x => x.Site).HasMaxLength(200);
            d.Property(x => x.RecordedBy).HasMaxLength(200);
        });
    }
}

using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;
using Vigil.Web.Subjects.Deconfliction;

namespace Vigil.Web.Pursue;

/// <summary>An entry in the SIO's policy file. Never edited: a later entry may supersede it, and says so.</summary>
public sealed class PolicyEntry : IProtectedChild<PolicyEntry, Investigation>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    public int Number { get; set; }
    public required string Decision { get; set; }
    public required string Rationale { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public int? Supersedes { get; set; }

    public static Expression<Func<PolicyEntry, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "policy-entry";
    public string AuditRecordId => Id.ToString();
}

public sealed record AddPolicyEntry(
    [property: Required(ErrorMessage = "Enter the decision"), StringLength(2000, MinimumLength = 3, ErrorMessage = "The decision must be 3 to 2000 characters")] string? Decision,
    [property: Required(ErrorMessage = "Enter the rationale for the decision"), StringLength(4000, MinimumLength = 3, ErrorMessage = "The rationale must be 3 to 4000 characters")] string? Rationale,
    int? Supersedes = null);

public sealed record PolicyEntryDto(int Number, string Decision, string Rationale, DateTimeOffset RecordedAt, string Author, int? Supersedes, int? SupersededBy);

/// <summary>The policy file is append-only; this is the one way entries are written.</summary>
public static class PolicyFile
{
    /// <summary>The next number in the investigation's policy file, counting entries added in this unit of work.</summary>
    public static async Task<int> NextNumberAsync(VigilDb db, Guid investigationId, CancellationToken ct) =>
        (await db.Set<PolicyEntry>().Where(p => p.InvestigationId == investigationId).MaxAsync(p => (int?)p.Number, ct) ?? 0)
            + db.ChangeTracker.Entries<PolicyEntry>().Count(e => e.State == EntityState.Added && e.Entity.InvestigationId == investigationId) + 1;

    public static async Task<PolicyEntry> AppendAsync(VigilDb db, Guid investigationId, AccessContext access, string decision, string rationale, int? supersedes, CancellationToken ct)
    {
        var number = await NextNumberAsync(db, investigationId, ct);
        var entry = new PolicyEntry
        {
            InvestigationId = investigationId, Number = number, Decision = decision, Rationale = rationale, Supersedes = supersedes,
            RecordedAt = db.Clock.GetUtcNow(), AuthorId = access.UserId ?? Guid.Empty, AuthorName = access.DisplayName ?? access.UserName ?? "",
        };
        db.Add(entry);
        return entry;
    }
}

/// <summary>The SIO's policy file: append-only entries, later ones superseding earlier.</summary>
public sealed partial class IncidentRoom
{

    public Task<WorkResult<PolicyEntryDto>> AddPolicyAsync(Guid id, AddPolicyEntry request, CancellationToken ct) =>
        TeamAsync<PolicyEntryDto>(id, command: true, "write in the policy file", async (standing, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            if (request.Supersedes is { } old && !await db.Set<PolicyEntry>().AnyAsync(p => p.InvestigationId == id && p.Number == old, ct))
            {
                ApiValidation.Add(errors, nameof(AddPolicyEntry.Supersedes), $"There is no policy entry {old} to supersede");
            }
            if (errors.Count > 0)
            {
                return WorkResult<PolicyEntryDto>.Invalid(errors);
            }
            var entry = await PolicyFile.AppendAsync(db, id, access, request.Decision!.Trim(), request.Rationale!.Trim(), request.Supersedes, ct);
            if (!await db.SaveNumberedAsync(entry, async (e, c) => e.Number = await PolicyFile.NextNumberAsync(db, id, c), ct))
            {
                return WorkResult<PolicyEntryDto>.Conflict("Another entry was written at the same moment; write this one again.");
            }
            return WorkResult<PolicyEntryDto>.Ok(new PolicyEntryDto(entry.Number, entry.Decision, entry.Rationale, entry.RecordedAt, entry.AuthorName, entry.Supersedes, null));
        }, ct);

    public async Task<IReadOnlyList<PolicyEntryDto>?> PolicyFileAsync(Guid id, CancellationToken ct)
    {
        if (await gate.EnterAsync(id, ct, track: false) is null)
        {
            return null;
        }
        var entries = await db.Set<PolicyEntry>().AsNoTracking().Where(p => p.InvestigationId == id).OrderBy(p => p.Number).ToListAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "policy-file", id.ToString(), detail: $"{entries.Count} entries");
        await db.SaveChangesAsync(ct);
        return entries.Select(e => new PolicyEntryDto(e.Number, e.Decision, e.Rationale, e.RecordedAt, e.AuthorName, e.Supersedes,
            entries.Where(l => l.Supersedes == e.Number).Select(l => (int?)l.Number).FirstOrDefault())).ToList();
    }

    /// <summary>Any attempt to change or delete a policy entry: refused (409) when the entry is visible,
    /// 404 otherwise; both audited.</summary>
    public async Task<WorkResult<bool>> RefuseEditAsync(Guid id, int number, CancellationToken ct)
    {
        if (await gate.EnterAsync(id, ct, track: false) is null || !await db.Set<PolicyEntry>().AnyAsync(p => p.InvestigationId == id && p.Number == number, ct))
        {
            return WorkResult<bool>.Missing();
        }
        db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "policy-entry", $"{id}/{number}", detail: "attempt to edit a policy entry");
        await db.SaveChangesAsync(ct);
        return WorkResult<bool>.Conflict($"Policy entries are never edited or deleted. Record a new entry that supersedes entry {number}.");
    }

    internal static void MapPolicyFile(RouteGroupBuilder api)
    {
        api.MapGet("/{id:guid}/policy-file", (Guid id, IncidentRoom room, CancellationToken ct) => room.PolicyFileAsync(id, ct).AsFound())
            .WithSummary("The SIO's policy file, every entry with what it supersedes");
        api.MapPost("/{id:guid}/policy-file", (Guid id, AddPolicyEntry request, IncidentRoom room, CancellationToken ct) =>
            room.AddPolicyAsync(id, request, ct).AsCreated(_ => $"/api/v1/investigations/{id}/policy-file"))
            .WithSummary("Record a decision and its rationale in the policy file (SIO or deputy)");
        api.MapMethods("/{id:guid}/policy-file/{number:int}", ["PUT", "PATCH", "DELETE"], (Guid id, int number, IncidentRoom room, CancellationToken ct) =>
            room.RefuseEditAsync(id, number, ct).AsNoContent())
            .WithSummary("Always refused: policy entries are never edited or deleted (the attempt is audited)");
    }
}

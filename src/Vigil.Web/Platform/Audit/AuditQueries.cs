using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Audit;

public sealed record AuditFilter(string? User = null, string? Action = null, string? RecordType = null, string? RecordId = null,
    string? Outcome = null, DateOnly? From = null, DateOnly? To = null);

public sealed record AuditEntryDto(long Sequence, DateTimeOffset At, Guid? UserId, string? UserName, Guid? UnitId, string Action,
    string? RecordType, string? RecordId, string Outcome, string? Purpose, string? Detail, string Hash);

/// <summary>The auditors' view of the log. Reading the log is itself audited.</summary>
public sealed class AuditQueries(VigilDb db)
{
    public async Task<Paged<AuditEntryDto>> SearchAsync(AuditFilter filter, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalise(page, pageSize);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim().ToLowerInvariant();
            query = query.Where(e => e.UserName != null && e.UserName.ToLower().Contains(user));
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }
        if (!string.IsNullOrWhiteSpace(filter.RecordType))
        {
            query = query.Where(e => e.RecordType == filter.RecordType);
        }
        if (!string.IsNullOrWhiteSpace(filter.RecordId))
        {
            query = query.Where(e => e.RecordId == filter.RecordId);
        }
        if (!string.IsNullOrWhiteSpace(filter.Outcome))
        {
            query = query.Where(e => e.Outcome == filter.Outcome);
        }
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At < end);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.Sequence).Skip((p - 1) * size).Take(size)
            .Select(e => new AuditEntryDto(e.Sequence, e.At, e.UserId, e.UserName, e.UnitId, e.Action, e.RecordType, e.RecordId, e.Outcome, e.Purpose, e.Detail, e.Hash))
            .ToListAsync(ct);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "audit-log", null,
            detail: $"user \"{filter.User}\" action \"{filter.Action}\" type \"{filter.RecordType}\" id \"{filter.RecordId}\" outcome \"{filter.Outcome}\" from {filter.From} to {filter.To}; page {p}; {total} matched");
        await db.SaveChangesAsync(ct);
        return new Paged<AuditEntryDto>(items, p, size, total);
    }
}

public sealed record AuditApiQuery(string? User, string? Action, string? RecordType, string? RecordId, string? Outcome, DateOnly? From, DateOnly? To, int? Page, int? PageSize);

public static class AuditModule
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", async Task<Ok<Paged<AuditEntryDto>>> (
                [Microsoft.AspNetCore.Http.AsParameters] AuditApiQuery q, AuditQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.SearchAsync(new AuditFilter(q.User, q.Action, q.RecordType, q.RecordId, q.Outcome, q.From, q.To), q.Page, q.PageSize, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Auditor))
            .WithTags("Audit log");
        return app;
    }
}


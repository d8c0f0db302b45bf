using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Platform.Audit;

/// <summary>What an auditor asks of the log. <see cref="User"/> is an account's e-mail address or id (or a
/// name as stored, such as "system:seed"); <see cref="From"/> and <see cref="To"/> are UK days, both included;
/// <see cref="UpTo"/> holds a view to the entries up to that one, so that its pages stay put while the log
/// grows (not least by the auditor's own reading).</summary>
public sealed record AuditFilter(string? User = null, string? Action = null, string? RecordType = null, string? RecordId = null,
    string? Outcome = null, DateOnly? From = null, DateOnly? To = null, long? UpTo = null)
{
    /// <summary>True when anything but <see cref="UpTo"/> is given.</summary>
    public bool Narrows => new[] { User, Action, RecordType, RecordId, Outcome }.Any(v => !string.IsNullOrWhiteSpace(v)) || From is not null || To is not null;

    /// <summary>Field messages by the API's names ("from", "to"), or none.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        // The page's date input takes years 1900 to 2200; the API is held to the same, so that a far date
        // cannot overflow the day's arithmetic.
        if (From is { Year: < 1900 or > 2200 })
        {
            errors["from"] = ["From must be a real date, with a year from 1900 to 2200"];
        }
        if (To is { Year: < 1900 or > 2200 })
        {
            errors["to"] = ["To must be a real date, with a year from 1900 to 2200"];
        }
        if (errors.Count == 0 && From is { } from && To is { } to && to < from)
        {
            errors["to"] = ["To must be the same as or after From"];
        }
        return errors;
    }

    /// <summary>The filter in one line, for the audit entry of a search or an export.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name} \"{ApiValidation.Visible(value.Length > 200 ? value[..200] : value)}\"");
            }
        }
        Add("user", User);
        Add("action", Action);
        Add("type", RecordType);
        Add("id", RecordId);
        Add("outcome", Outcome);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("up to entry", UpTo?.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "no filter" : string.Join(" ", parts);
    }
}

/// <summary>One entry as the auditor reads it: as stored, and with the user, unit, action, record type and
/// outcome in words. The record is named by its type and id only: describing it would mean reading a
/// protected record, and the entry is the auditor's record, not the record's.</summary>
public sealed record AuditEntryDto(long Sequence, DateTimeOffset At, Guid? UserId, string? UserName, Guid? UnitId, string Action,
    string? RecordType, string? RecordId, string Outcome, string? Purpose, string? Detail, string Hash,
    string? UserDisplayName, string? UnitName, string ActionInWords, string? RecordTypeInWords, string OutcomeInWords);

/// <summary>One page of the log, newest first. <see cref="Total"/> counts the matching entries up to
/// <see cref="AuditQueries.CountLimit"/>; when more match, <see cref="Capped"/> is true and <see cref="Older"/>
/// is the <c>upTo</c> that continues past them. <see cref="UpTo"/> is the newest entry the view holds: pass it
/// back to page through the same entries.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryDto> Items, int Page, int PageSize, int Total, bool Capped, long UpTo, long? Older);

/// <summary>An account, for the auditors' list of users.</summary>
public sealed record AuditAccount(Guid Id, string DisplayName, string Email);

/// <summary>The auditors' view of the log. Reading the log is itself audited.</summary>
public sealed class AuditQueries(VigilDb db, IOrganisationDirectory directory, AuditCatalogue catalogue)
{
    /// <summary>How many matching entries are counted (and so paged through from one <c>upTo</c>), and the
    /// most one export holds.</summary>
    public const int CountLimit = 10_000;

    public async Task<WorkResult<AuditPage>> SearchAsync(AuditFilter filter, int? page, int? pageSize, CancellationToken ct)
    {
        if (filter.Validate() is { Count: > 0 } errors)
        {
            return WorkResult<AuditPage>.Invalid(errors);
        }
        var (p, size) = Paging.Normalise(page, pageSize);
        var upTo = await UpToAsync(filter, ct);
        int total;
        var capped = false;
        long? older = null;
        List<AuditEntry> rows;
        if (!filter.Narrows)
        {
            // The sequence has no gaps (the verifier checks that), so the entries up to N number N, and a page
            // is a range of the primary key: no count and no offset, whatever the size of the log.
            total = (int)Math.Min(upTo, int.MaxValue);
            var top = upTo - ((long)p - 1) * size;
            rows = top <= 0 ? [] : await db.AuditEntries.AsNoTracking().Where(e => e.Sequence <= top).OrderByDescending(e => e.Sequence).Take(size).ToListAsync(ct);
        }
        else
        {
            // The count stops at CountLimit + 1, so a broad filter reads at most that many entries, never the
            // whole log; a narrow one on an indexed column (user, record type and id, dates: see the AuditEntry
            // configuration) reads only its matches. Pages go no deeper than the count, so the offset is bounded
            // too; past it, Older starts a new view. (A rare action or outcome alone is found by scanning, as
            // its first page would be with any paging.)
            var query = await MatchingAsync(filter with { UpTo = upTo }, ct);
            var counted = await query.Take(CountLimit + 1).CountAsync(ct);
            capped = counted > CountLimit;
            total = Math.Min(counted, CountLimit);
            rows = p > Pages(total, size) ? [] : await query.OrderByDescending(e => e.Sequence).Skip((p - 1) * size).Take(size).ToListAsync(ct);
            if (capped)
            {
                older = await query.OrderByDescending(e => e.Sequence).Skip(CountLimit).Select(e => (long?)e.Sequence).FirstOrDefaultAsync(ct);
            }
        }
        var items = await DescribeAsync(rows, ct);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "audit-log", null,
            detail: $"{(filter with { UpTo = upTo }).Describe()}; page {p}; {(capped ? $"more than {CountLimit}" : total.ToString(CultureInfo.InvariantCulture))} matched");
        await db.SaveChangesAsync(ct);
        return WorkResult<AuditPage>.Ok(new AuditPage(items, p, size, total, capped, upTo, older));
    }

    /// <summary>Every account, by name, for the list of users to filter by.</summary>
    public async Task<IReadOnlyList<AuditAccount>> AccountsAsync(CancellationToken ct) =>
        await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new AuditAccount(u.Id, u.DisplayName, u.Email ?? u.UserName ?? "")).ToListAsync(ct);

    /// <summary>The record types the modules write, in words.</summary>
    public IReadOnlyList<AuditRecordType> RecordTypes => catalogue.Types;

    private static int Pages(int total, int size) => Math.Max(1, (total + size - 1) / size);

    /// <summary>The newest entry of the view: the one asked for, but no newer than the log's head.</summary>
    internal async Task<long> UpToAsync(AuditFilter filter, CancellationToken ct)
    {
        var head = await db.AuditEntries.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
        return Math.Clamp(filter.UpTo ?? head, 0, head);
    }

    /// <summary>The entries the filter matches (up to <see cref="AuditFilter.UpTo"/>), unordered.</summary>
    internal async Task<IQueryable<AuditEntry>> MatchingAsync(AuditFilter filter, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (filter.UpTo is { } upTo)
        {
            query = query.Where(e => e.Sequence <= upTo);
        }
        if (FormValues.Text(filter.User) is { } user)
        {
            // An account by its id or e-mail address is found by its id (indexed); any other name as stored.
            var normalised = user.ToUpperInvariant();
            var account = Guid.TryParse(user, out var id) ? id
                : await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalised || u.NormalizedUserName == normalised)
                    .Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            query = account is { } known ? query.Where(e => e.UserId == known) : query.Where(e => e.UserName == user);
        }
        if (FormValues.Text(filter.Action) is { } action)
        {
            query = query.Where(e => e.Action == action);
        }
        if (FormValues.Text(filter.RecordType) is { } type)
        {
            query = query.Where(e => e.RecordType == type);
        }
        if (FormValues.Text(filter.RecordId) is { } recordId)
        {
            query = query.Where(e => e.RecordId == recordId);
        }
        if (FormValues.Text(filter.Outcome) is { } outcome)
        {
            query = query.Where(e => e.Outcome == outcome);
        }
        if (filter.From is { } from)
        {
            var start = UkTime.DayStarts(from);
            query = query.Where(e => e.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = UkTime.DayStarts(to.AddDays(1));
            query = query.Where(e => e.At < end);
        }
        return query;
    }

    /// <summary>The entries with their users and units named: one query for the page's users, and the units
    /// (reference data, a few dozen rows).</summary>
    internal async Task<List<AuditEntryDto>> DescribeAsync(List<AuditEntry> rows, CancellationToken ct)
    {
        var userIds = rows.Select(r => r.UserId).OfType<Guid>().Distinct().ToList();
        var names = userIds.Count == 0 ? []
            : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var units = rows.Any(r => r.UnitId is not null) ? (await directory.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name) : [];
        return [.. rows.Select(e => new AuditEntryDto(e.Sequence, e.At, e.UserId, e.UserName, e.UnitId, e.Action, e.RecordType, e.RecordId,
            e.Outcome, e.Purpose, e.Detail, e.Hash,
            e.UserId is { } u && names.TryGetValue(u, out var name) ? name : null,
            e.UnitId is { } unit && units.TryGetValue(unit, out var unitName) ? unitName : null,
            AuditWords.Action(e.Action), e.RecordType is null ? null : catalogue.Words(e.RecordType), AuditWords.Outcome(e.Outcome)))];
    }
}

public sealed record AuditApiQuery(string? User, string? Action, string? RecordType, string? RecordId, string? Outcome, DateOnly? From, DateOnly? To,
    long? UpTo, int? Page, int? PageSize)
{
    public AuditFilter Filter => new(User, Action, RecordType, RecordId, Outcome, From, To, UpTo);
}

public static class AuditModule
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", ([Microsoft.AspNetCore.Http.AsParameters] AuditApiQuery q, AuditQueries queries, CancellationToken ct) =>
                queries.SearchAsync(q.Filter, q.Page, q.PageSize, ct).AsOk())
            .RequireAuthorization(p => p.RequireRole(Roles.Auditor))
            .WithTags("Audit log")
            .WithSummary("Search the audit log, newest first: user (e-mail address or id), action, record type and id, outcome, from and to (UK days); upTo keeps a view's pages still");
        AuditExport.Map(app);
        return app;
    }
}

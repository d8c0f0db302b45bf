using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Platform.Audit;

public sealed record AuditCsv(byte[] Content, string FileName);

public sealed record AuditExportQuery(string? User, string? Action, string? RecordType, string? RecordId, string? Outcome, DateOnly? From, DateOnly? To, long? UpTo)
{
    public AuditFilter Filter => new(User, Action, RecordType, RecordId, Outcome, From, To, UpTo);
}

/// <summary>
/// The entries an auditor's filter matches, as CSV, newest first. The export is audited (with the filter) in
/// the same transaction as the reading, so no file leaves without its entry. At most
/// <see cref="AuditQueries.CountLimit"/> entries: more is refused with a message saying to narrow the filter
/// (and that refusal is audited too).
/// </summary>
public sealed class AuditExport(VigilDb db, AuditQueries queries)
{
    public async Task<WorkResult<AuditCsv>> ExportAsync(AuditFilter filter, CancellationToken ct)
    {
        if (filter.Validate() is { Count: > 0 } errors)
        {
            return WorkResult<AuditCsv>.Invalid(errors);
        }
        await using var transaction = await db.BeginWriteAsync(ct);
        var view = filter with { UpTo = await queries.UpToAsync(filter, ct) };
        var query = await queries.MatchingAsync(view, ct);
        var counted = await query.Take(AuditQueries.CountLimit + 1).CountAsync(ct);
        if (counted > AuditQueries.CountLimit)
        {
            db.Audit(AuditActions.Export, AuditOutcomes.Failure, "audit-log", null,
                detail: $"CSV of {view.Describe()}; more than {AuditQueries.CountLimit} matched: nothing exported");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return WorkResult<AuditCsv>.Invalid("from", TooMany);
        }
        var rows = await query.OrderByDescending(e => e.Sequence).ToListAsync(ct);
        var entries = await queries.DescribeAsync(rows, ct);
        var content = System.Text.Encoding.UTF8.GetBytes(Csv(entries));
        db.Audit(AuditActions.Export, AuditOutcomes.Success, "audit-log", null,
            detail: $"CSV of {view.Describe()}; {rows.Count} entries");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return WorkResult<AuditCsv>.Ok(new AuditCsv(content, $"audit-log-to-entry-{view.UpTo}.csv"));
    }

    public static string TooMany { get; } =
        $"More than {AuditQueries.CountLimit:N0} entries match, the most one export holds: narrow the filter (fewer days, one user or one action) and export again";

    public static string Csv(IEnumerable<AuditEntryDto> entries)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true))
        {
            foreach (var field in new[] { "Entry", "When (UK)", "When (UTC)", "User", "E-mail", "Unit", "Action", "Action code", "Record type",
                         "Record id", "Outcome", "Purpose", "Detail", "Hash" })
            {
                csv.WriteField(field);
            }
            csv.EndRecord();
            foreach (var e in entries)
            {
                csv.WriteField(e.Sequence.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(UkTime.Exact(e.At));
                csv.WriteField(e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
                csv.WriteField(Cell(e.UserDisplayName));
                csv.WriteField(Cell(e.UserName));
                csv.WriteField(Cell(e.UnitName));
                csv.WriteField(e.ActionInWords);
                csv.WriteField(e.Action);
                csv.WriteField(Cell(e.RecordTypeInWords));
                csv.WriteField(Cell(e.RecordId));
                csv.WriteField(e.OutcomeInWords);
                csv.WriteField(Cell(e.Purpose));
                csv.WriteField(Cell(e.Detail));
                csv.WriteField(e.Hash);
                csv.EndRecord();
            }
        }
        return writer.ToString();
    }

    // A spreadsheet must not run a cell as a formula: a purpose or a name is typed by users.
    private static string Cell(string? text) =>
        text is { Length: > 0 } && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text ?? "";

    /// <summary>For the API (token) with its outcome documented; and for the page (cookie), where a filter that
    /// cannot be exported goes back to the page, which says why beside the filter.</summary>
    internal static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit/export", async ([Microsoft.AspNetCore.Http.AsParameters] AuditExportQuery q, AuditExport export, CancellationToken ct) =>
                (await export.ExportAsync(q.Filter, ct)).Answer(File))
            .RequireAuthorization(p => p.RequireRole(Roles.Auditor))
            .WithTags("Audit log")
            .WithSummary($"The entries the filter matches as CSV, newest first (at most {AuditQueries.CountLimit:N0}); the export is itself audited");
        app.MapGet("/audit/export.csv", async Task<Results<FileContentHttpResult, RedirectHttpResult>> (
                [Microsoft.AspNetCore.Http.AsParameters] AuditExportQuery q, AuditExport export, HttpContext http, CancellationToken ct) =>
                await export.ExportAsync(q.Filter, ct) is { IsDone: true } done ? File(done.Value!) : TypedResults.LocalRedirect("/audit" + http.Request.QueryString))
            .RequireAuthorization(p => p.RequireRole(Roles.Auditor))
            .ExcludeFromDescription();
    }

    private static FileContentHttpResult File(AuditCsv csv) => TypedResults.File(csv.Content, "text/csv; charset=utf-8", csv.FileName);
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Tests.Retention;

/// <summary>What the disposal tests share: a records review officer of a unit, a review's plan in words, moving a record's
/// dates back so that it is due, and the scan for anything still holding a disposed record's id.</summary>
internal static class DisposalTestKit
{
    public static async Task<JsonElement> PostAsync(HttpClient api, string url, object body, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = await api.PostAsJsonAsync(url, body);
        Assert.True(status == response.StatusCode, $"{url}: {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A records review officer of the unit (SECRET), in the need-to-know groups given (a reviewer reviews what they may see).</summary>
    public static async Task<HttpClient> ReviewerAsync(VigilApp app, string unit, params Guid[] groups)
    {
        var email = $"records.{Guid.NewGuid():N}@test.vigil.example";
        await app.CreateUserAsync(email, Roles.RecordsReviewer, unit, Classification.Secret, groups);
        return await app.ApiClientAsync(email);
    }

    public static List<string> Plan(JsonElement review) => [.. review.GetProperty("plan").EnumerateArray().Select(s => s.GetProperty("words").GetString()!)];

    /// <summary>Changes a record past the access filters and saves it as the app would (its retention entry follows).</summary>
    public static Task MoveBackAsync<T>(VigilApp app, Guid id, Action<T> change) where T : class => app.AsSystemAsync(async db =>
    {
        change(await db.Set<T>().IgnoreQueryFilters().SingleAsync(r => EF.Property<Guid>(r, "Id") == id));
        await db.SaveChangesAsync();
    });

    /// <summary>Every column of every table in the model that holds the record's id, as "table.column (rows)", but the
    /// tombstone's, the reviews', the audit log's and the change sequence's (which keep the id, and only ids, by design:
    /// the change sequence's last row tells every node the record is gone).</summary>
    public static Task<List<string>> LeftBehindAsync(VigilApp app, Guid id) => app.AsSystemAsync(async db =>
    {
        var kept = new[] { "DisposalTombstones", "RetentionReviews", "AuditEntries", "RecordChanges" };
        var columns = new HashSet<(string Table, string Column)>();
        foreach (var type in db.Model.GetEntityTypes())
        {
            if (type.GetTableName() is not { } table || kept.Contains(table))
            {
                continue;
            }
            var store = StoreObjectIdentifier.Table(table, type.GetSchema());
            foreach (var property in type.GetProperties().Where(p => p.ClrType == typeof(Guid) || p.ClrType == typeof(Guid?) || p.Name == "RecordId"))
            {
                if (property.GetColumnName(store) is { } column)
                {
                    columns.Add((table, column));
                }
            }
        }
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            // SQLite keeps ids as text (upper case); PostgreSQL as uuid, whose text is lower case (a text column holds
            // an id as Guid.ToString() writes it). The names are the model's own, not input.
            var sql = VigilApp.OnPostgres
                ? "SELECT COUNT(*)::int AS \"Value\" FROM \"" + table + "\" WHERE \"" + column + "\"::text = {0}"
                : "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\" WHERE upper(\"" + column + "\") = {0}";
            var count = await db.Database.SqlQueryRaw<int>(sql, VigilApp.OnPostgres ? id.ToString() : id.ToString().ToUpperInvariant()).SingleAsync();
            if (count > 0)
            {
                found.Add($"{table}.{column} ({count})");
            }
        }
        return found;
    });

    public static async Task NothingLeftAsync(VigilApp app, Guid id)
    {
        var left = await LeftBehindAsync(app, id);
        Assert.True(left.Count == 0, "Still referring to the disposed record: " + string.Join(", ", left));
    }
}

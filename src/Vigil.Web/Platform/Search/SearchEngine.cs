using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Platform.Search;

/// <summary>What a search is narrowed to (the facets chosen), beside what it looks for.</summary>
public sealed record SearchFilter(string? Type = null, Guid? Unit = null, int? Year = null, string? Grade = null)
{
    public bool Admits(string type, Guid unit, int? year, string? grade) =>
        (Type is null || Type == type) && (Unit is null || Unit == unit) && (Year is null || Year == year) && (Grade is null || Grade == grade);
}

/// <summary>A hit as the index holds it; <see cref="Snippet"/> marks the words found with
/// <see cref="SearchEngine.MarkStart"/> and <see cref="SearchEngine.MarkEnd"/>.</summary>
public sealed record SearchRow(long EntryId, string RecordType, Guid RecordId, string Title, string Href, Guid UnitId, DateOnly? On, string? Grade, string Snippet);

/// <summary>How many visible matches share one value of every facet at once; the page sums them per facet.</summary>
public sealed record SearchGroup(string RecordType, Guid UnitId, int? Year, string? Grade, int Count);

/// <summary>
/// The full-text index behind the one search, the same queries on both databases: SQLite FTS5 (an external
/// content table over <see cref="SearchEntry"/>, kept by triggers) and PostgreSQL full text (a generated
/// tsvector with a GIN index). The access decision is part of the index query: every query requires one of the
/// labels the user may read, so a record they may not see is not ranked, counted or previewed. On SQLite each
/// entry holds its label as a word of its own (<see cref="SearchEntry.LabelWord"/>, in a column that no text of a
/// record can fill) and the MATCH asks for one of them, so a hidden record is not even matched; on PostgreSQL the
/// same WHERE asks for the entry's label column among the user's labels (cheaper per row than label lexemes in the
/// tsquery, see Postgres.Match). A null list of labels is the unfiltered index (the benchmarks compare with it);
/// an empty one finds nothing.
/// </summary>
public abstract class SearchEngine
{
    public const char MarkStart = '\uE000';
    public const char MarkEnd = '\uE001';

    public static SearchEngine For(VigilDb db) => db.Database.IsNpgsql() ? Postgres.Instance : Sqlite.Instance;

    /// <summary>One page of the candidates (the visible matches, at most <paramref name="candidates"/> of them), best first.</summary>
    public abstract Task<IReadOnlyList<SearchRow>> PageAsync(VigilDb db, SearchTerms terms, IReadOnlyCollection<Guid>? labels, SearchFilter filter,
        int skip, int take, int candidates, CancellationToken ct);

    /// <summary>The candidates (the visible matches, at most <paramref name="candidates"/> of them) counted by type, unit, year and
    /// grade together (not narrowed by the filter). When they add up to the limit there may be more.</summary>
    public abstract Task<IReadOnlyList<SearchGroup>> GroupsAsync(VigilDb db, SearchTerms terms, IReadOnlyCollection<Guid>? labels, int candidates, CancellationToken ct);

    /// <summary>The records matching that arrived after entry <paramref name="afterEntry"/> (saved searches), oldest first.</summary>
    public abstract Task<IReadOnlyList<SearchRow>> NewerAsync(VigilDb db, SearchTerms terms, IReadOnlyCollection<Guid> labels, long afterEntry, int take, CancellationToken ct);

    protected static async Task<List<T>> ReadAsync<T>(VigilDb db, string sql, IReadOnlyList<(string Name, object? Value)> parameters,
        Func<DbDataReader, T> read, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (name, value) in parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value ?? DBNull.Value;
                command.Parameters.Add(p);
            }
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(read(reader));
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed class Sqlite : SearchEngine
    {
        public static readonly Sqlite Instance = new();

        // The FTS5 query: the words in the record's text columns, or one of the identifiers; and one of the labels.
        private static string? Match(SearchTerms terms, IReadOnlyCollection<Guid>? labels)
        {
            var parts = new List<string>();
            var positive = terms.Clauses.Where(c => !c.Excluded).Select(c => "(" + string.Join(" OR ", c.AnyOf.Select(Phrase)) + ")").ToList();
            if (positive.Count > 0)
            {
                var words = string.Join(" AND ", positive) + string.Concat(terms.Clauses.Where(c => c.Excluded).Select(c => " NOT (" + string.Join(" OR ", c.AnyOf.Select(Phrase)) + ")"));
                parts.Add("({Title Body Terms} : (" + words + "))");
            }
            if (terms.Identifiers.Count > 0)
            {
                parts.Add("(Terms : (" + string.Join(" OR ", terms.Identifiers.Select(i => "\"" + i + "\"")) + "))");
            }
            if (parts.Count == 0)
            {
                return null;
            }
            var found = "(" + string.Join(" OR ", parts) + ")";
            return labels is null ? found : found + " AND (LabelWord : (" + string.Join(" OR ", labels.Select(l => "\"" + SearchEntry.WordOf(l) + "\"")) + "))";
        }

        private static string Phrase(SearchPhrase p) => "\"" + string.Join(" ", p.Words) + "\"";

        private const string Columns = "e.Id, e.RecordType, e.RecordId, e.Title, e.Href, e.UnitId, e.\"On\", e.Grade, ";

        private static SearchRow Row(DbDataReader r) => new(r.GetInt64(0), r.GetString(1), Guid.Parse(r.GetString(2)), r.GetString(3), r.GetString(4),
            Guid.Parse(r.GetString(5)), r.IsDBNull(6) ? null : DateOnly.Parse(r.GetString(6), CultureInfo.InvariantCulture), r.IsDBNull(7) ? null : r.GetString(7),
            r.IsDBNull(8) ? "" : r.GetString(8));

        public override async Task<IReadOnlyList<SearchRow>> PageAsync(VigilDb db, SearchTerms terms, IReadOnlyCollection<Guid>? labels, SearchFilter filter,
            int skip, int take, int candidates, CancellationToken ct)
        {
            if (Match(terms, labels) is not { } match || labels is { Count: 0 })
            {
                return [];
            }
            // The candidates are the newest matches (FTS5 walks its lists backwards and stops at the limit, scoring only
            // those); the page is the best of them; the snippets are made for the page's rows alone.
            var sql = Inv($"""
                WITH c AS (SELECT rowid AS id, bm25(SearchText, 10.0, 4.0, 10.0, 0.0) AS score FROM SearchText
                           WHERE SearchText MATCH $match ORDER BY rowid DESC LIMIT $candidates)
                SELECT {Columns}''
                FROM c JOIN SearchEntries e ON e.Id = c.id
                WHERE ($type IS NULL OR e.RecordType = $type) AND ($unit IS NULL OR e.UnitId = $unit)
                  AND ($year IS NULL OR substr(e."On", 1, 4) = $year) AND ($grade IS NULL OR e.Grade = $grade)
                ORDER BY c.score, e.Id DESC
                LIMIT $take OFFSET $skip
                """);
            var rows = await ReadAsync(db, sql,
            [
                ("$match", match), ("$type", filter.Type), ("$unit", filter.Unit?.ToString().ToUpperInvariant()),
                ("$year", filter.Year?.ToString("D4", CultureInfo.InvariantCulture)), ("$grade", filter.Grade), ("$take", take), ("$skip", skip),
                ("$candidates", candidates),
            ], Row, ct);
            if (rows.Count == 0)
            {
                return rows;
            }
            var snippets = (await ReadAsync(db, Inv($"""
                    SELECT rowid, snippet(SearchText, 1, char(57344), char(57345), '…', 24) FROM SearchText
                    WHERE SearchText MATCH $match AND rowid IN ({string.Join(",", rows.Select(r => r.EntryId))})
                    """), [("$match", match)], r => (r.GetInt64(0), r.IsDBNull(1) ? "" : r.GetString(1)), ct)).ToDictionary(s => s.Item1, s => s.Item2);
            return [.. rows.Select(r => r with { Snippet = snippets.GetValueOrDefault(r.EntryId, "") })];
        }

        public override async Task<IReadOnlyList<SearchGroup>> GroupsAsync(VigilDb db, SearchTerms terms, IReadOnlyCollection<Guid>? labels, int candidates, CancellationToken ct)
        {
            if (Match(terms, labels) is not { } match || labels is { Count: 0 })
            {
                return [];
            }
            const string sql = """
                WITH c AS (SELECT rowid AS id FROM SearchText WHERE SearchText MATCH $match ORDER BY rowid DESC LIMIT $candidates)
                SELECT e.RecordType, e.UnitId, CAST(substr(e."On", 1, 4) AS INTEGER), e.Grade, count(*)
                FROM c JOIN SearchEntries e ON e.Id = c.id
                GROUP BY 1, 2, 3, 4
                """;
            return await ReadAsync(db, sql, [("$match", match), ("$candidates", candidates)], r => new SearchGroup(r.GetString(0), Guid.Parse(r.GetString(1)),
                r.IsDBNull(2) ? null : r.GetInt32(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt32(4)), ct);
        }

        public override async Task<IReadOnlyList<SearchRow>> NewerAsync(VigilDb db, SearchTerms terms, IReadOnlyCollection<Guid> labels, long afterEntry, int take, CancellationToken ct)
        {
            if (Match(terms, labels) is not { } match || labels.Count == 0)
            {
                return [];
            }
            var sql = Inv($"""
                SELECT {Columns}''
                FROM SearchText JOIN SearchEntries e ON e.Id = SearchText.rowid
                WHERE SearchText MATCH $match AND SearchText.rowid > $after
                ORDER BY e.Id LIMIT $take
                """);
            return await ReadAsync(db, sql, [("$match", match), ("$after", afterEntry), ("$take", take)], Row, ct);
        }
    }

    private sealed class Postgres : SearchEngine
    {
        public static readonly Postgres Instance = new();

        // websearch_to_tsquery reads the words (rendered from the terms, so always well formed); an identifier is
        // one lexeme of the simple configuration. The labels are a condition on the entry's label column in the same
        // WHERE (Access), not lexemes of the tsquery: a tsquery of "words & (l1:D | ... | l140:D)" is evaluated lexeme
        // by lexeme on every row that has the words, which for an officer in many groups and a common word cost
        // seconds at national size (docs/benchmarks.md, issue 14); "= ANY" of a uuid array is one hashed look-up
        // per row. A hidden entry is still never counted, ranked or previewed: the rank, the snippet and the counts
        // are computed only on rows that passed the WHERE.
        private static (string Query, string Access, List<(string, object?)> Parameters)? Match(SearchTerms terms, IReadOnlyCollection<Guid>? labels)
        {
            var positive = terms.Clauses.Where(c => !c.Excluded).ToList();
            var words = positive.Count == 0 ? "" : string.Join(" ", terms.Clauses.Select(c =>
                (c.Excluded ? "-" : "") + (c.AnyOf.Count > 1 && !c.Excluded ? "(" : "") + string.Join(" or ", c.AnyOf.Select(p => p.Words.Count == 1 ? p.Words[0] : "\"" + string.Join(" ", p.Words) + "\"")) + (c.AnyOf.Count > 1 && !c.Excluded ? ")" : "")));
            // An identifier is held with weight A (SearchEntry.Terms): asked for as such, it can only meet an identifier.
            var ids = string.Join(" | ", terms.Identifiers.Select(i => i + ":A"));
            if (words.Length == 0 && ids.Length == 0)
            {
                return null;
            }
            // A query of stop words only ("the") asks for nothing, not for everything.
            var found = (words.Length, ids.Length) switch
            {
                ( > 0, > 0) => "(CASE WHEN numnode(websearch_to_tsquery('english', @words)) = 0 THEN to_tsquery('simple', @ids) ELSE websearch_to_tsquery('english', @words) || to_tsquery('simple', @ids) END)",
                ( > 0, 0) => "websearch_to_tsquery('english', @words)",
                _ => "to_tsquery('simple', @ids)",
            };
            var parameters = new List<(string, object?)> { ("words", words), ("ids", ids) };
            // Words that are all stop words ("the") ask for nothing: without this, "nothing & labels" would be every label's record.
            var asked = ids.Length == 0 ? " AND numnode(websearch_to_tsquery('english', @words)) > 0" : "";
            if (labels is null)
            {
                return (found, asked, parameters);
            }
            parameters.Add(("labels", labels.ToArray()));
            return (found, asked + " AND e.\"AccessLabelId\" = ANY(@labels)", parameters);
        }

        private const string Columns = "e.\"Id\", e.\"RecordType\", e.\"RecordId\", e.\"Title\", e.\"Href\", e.\"UnitId\", e.\"On\", e.\"Grade\"";

        private static SearchRow Row(DbDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetGuid(2), r.GetString(3), r.GetString(4),
            r.GetGuid(5), r.IsDBNull(6) ? null : r.GetFieldValue<DateOnly>(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? "" : r.GetString(8));

        // The candidates: the newest visible matches, at most the limit (the planner walks the entries newest first when
        // the words are common, or sorts the few matches when they are rare).
        private static string Candidates(string query, string access) =>
            $"""WITH c AS MATERIALIZED (SELECT e."Id" FROM "SearchEntries" e WHERE e."Document" @@ {query}{access} ORDER BY e."Id" DESC LIMIT @candidates)""";

        public override async Task<IReadOnlyList<SearchRow>> PageAsync(VigilDb db, SearchTerms terms, IReadOnlyCollection<Guid>? labels, SearchFilter filter,
            int skip, int take, int candidates, CancellationToken ct)
        {
            if (Match(terms, labels) is not { } match || labels is { Count: 0 })
            {
                return [];
            }
            // The words alone rank and highlight (the label is no part of relevance).
            var rankBy = match.Query.Contains("@words", StringComparison.Ordinal) ? "websearch_to_tsquery('english', @words)" : "to_tsquery('simple', @ids)";
            var sql = Inv($"""
                {Candidates(match.Query, match.Access)}
                SELECT {Columns}, ts_headline('english', e."Body", {rankBy}, 'StartSel={MarkStart}, StopSel={MarkEnd}, MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "')
                FROM (
                    SELECT e."Id", ts_rank(e."Document", {rankBy}) AS rank
                    FROM c JOIN "SearchEntries" e ON e."Id" = c."Id"
                    WHERE (@type::text IS NULL OR e."RecordType" = @type) AND (@unit::uuid IS NULL OR e."UnitId" = @unit)
                      AND (@year::int IS NULL OR extract(year FROM e."On") = @year) AND (@grade::text IS NULL OR e."Grade" = @grade)
                    ORDER BY rank DESC, e."Id" DESC
                    LIMIT @take OFFSET @skip) p
                JOIN "SearchEntries" e ON e."Id" = p."Id"
                ORDER BY p.rank DESC, p."Id" DESC
                """);
            return await ReadAsync(db, sql,
            [
                .. match.Parameters, ("type", filter.Type), ("unit", filter.Unit), ("year", filter.Year), ("grade", filter.Grade), ("take", take), ("skip", skip),
                ("candidates", candidates),
            ], Row, ct);
        }

        public override async Task<IReadOnlyList<SearchGroup>> GroupsAsync(VigilDb db, SearchTerms terms, IReadOnlyCollection<Guid>? labels, int candidates, CancellationToken ct)
        {
            if (Match(terms, labels) is not { } match || labels is { Count: 0 })
            {
                return [];
            }
            var sql = Inv($"""
                {Candidates(match.Query, match.Access)}
                SELECT e."RecordType", e."UnitId", extract(year FROM e."On")::int, e."Grade", count(*)::int
                FROM c JOIN "SearchEntries" e ON e."Id" = c."Id"
                GROUP BY 1, 2, 3, 4
                """);
            return await ReadAsync(db, sql, [.. match.Parameters, ("candidates", candidates)], r => new SearchGroup(r.GetString(0), r.GetGuid(1),
                r.IsDBNull(2) ? null : r.GetInt32(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt32(4)), ct);
        }

        public override async Task<IReadOnlyList<SearchRow>> NewerAsync(VigilDb db, SearchTerms terms, IReadOnlyCollection<Guid> labels, long afterEntry, int take, CancellationToken ct)
        {
            if (Match(terms, labels) is not { } match || labels.Count == 0)
            {
                return [];
            }
            var sql = Inv($"""
                SELECT {Columns}, ''
                FROM "SearchEntries" e
                WHERE e."Document" @@ {match.Query}{match.Access} AND e."Id" > @after
                ORDER BY e."Id" LIMIT @take
                """);
            return await ReadAsync(db, sql, [.. match.Parameters, ("after", afterEntry), ("take", take)], Row, ct);
        }
    }

    /// <summary>A snippet as HTML: the text encoded, the words found in &lt;mark&gt;.</summary>
    public static string SnippetHtml(string snippet)
    {
        var encoded = System.Net.WebUtility.HtmlEncode(snippet);
        return new StringBuilder(encoded).Replace(MarkStart.ToString(), "<mark>").Replace(MarkEnd.ToString(), "</mark>").ToString();
    }
}

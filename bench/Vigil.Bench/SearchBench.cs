using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Vigil.Bench;

/// <summary>
/// The one search and the link chart on a national-size database (issue 14). The Release server is started
/// against each database in turn (as `national` starts it, <see cref="AppServer"/>), with tokens minted by the
/// CLI with the app stopped, and then, over HTTP on one connection, one request after another after a warm-up:
/// <list type="bullet">
/// <item>GET /api/v1/search?q= for a selective word (a fictional place of the generator's, in about one report in a
/// thousand), a common word ("reports", in most reports) and a phone number (an identifier of a report of the
/// user's unit), as an intelligence officer of one unit and as officers in many need-to-know groups;</item>
/// <item>GET /api/v1/graph?from=subject:{id}&amp;depth=1 for a subject named by about 200 reports the user may see
/// (made here: the person entities of reports of the user's unit are pointed at one subject the user sees, by SQL
/// on the benchmark's copy), and for an ordinary subject as the reference.</item>
/// </list>
/// Then, with the server stopped, directly against the database (ADO.NET, one connection), the same words as the
/// engine's own SQL (its facet counts and its first page, copied from <c>SearchEngine</c>) with the user's labels,
/// the same without the label clause (the unfiltered index), and a plain LIKE '%word%' over SearchEntries.Body
/// (Terms for the phone) restricted to the same labels.
/// <code>dotnet run -c Release --project bench/Vigil.Bench -- search --sqlite LABEL=PATH [--postgres LABEL=CONN]
///     [--requests 200] [--warmup 20] [--db-runs 20] [--neighbours 200] [--join-all-teams EMAIL] [--ready-timeout MINUTES]</code>
/// `--join-all-teams` adds that user (by SQL) to every investigation team's group of every unit and measures them
/// too. It only measures and prints; it asserts nothing about time. It writes to the databases it measures
/// (tokens, audit entries, the re-pointed entities, the memberships): run it on a copy to keep one as it was.
/// </summary>
internal static class SearchBench
{
    private const string OneUnit = "intelligence.london@vigil.example";
    private const string ManyGroups = "sio.london@vigil.example";

    // Places[123] of IntelligenceScaleSeed (Syllables[3] + Syllables[6] + "ford"): about one report in a thousand.
    private const string Selective = "dunkirford";

    // In three of the five openings ("A source reports that") and in "Reported again" (porter: report).
    private const string Common = "reports";

    public static async Task<int> RunAsync(string[] args)
    {
        var targets = new List<National.Target>();
        for (var i = 1; i < args.Length - 1; i++)
        {
            if (args[i] is "--sqlite" or "--postgres")
            {
                targets.Add(National.Target.Parse(args[i] == "--postgres", args[++i]));
            }
        }
        if (targets.Count == 0)
        {
            Console.Error.WriteLine("usage: search --sqlite [LABEL=]PATH ... --postgres [LABEL=]CONNSTRING ... [--requests N] [--warmup N] [--db-runs N] [--neighbours N] [--join-all-teams EMAIL]");
            return 2;
        }
        var settings = new Settings(
            Requests: int.Parse(National.Option(args, "--requests") ?? "200", CultureInfo.InvariantCulture),
            Warmup: int.Parse(National.Option(args, "--warmup") ?? "20", CultureInfo.InvariantCulture),
            DbRuns: int.Parse(National.Option(args, "--db-runs") ?? "20", CultureInfo.InvariantCulture),
            Neighbours: int.Parse(National.Option(args, "--neighbours") ?? "200", CultureInfo.InvariantCulture),
            JoinAllTeams: National.Option(args, "--join-all-teams"));

        var built = AppServer.Build();
        var server = new AppServer(built.Dll) { StuckAfter = TimeSpan.FromMinutes(double.Parse(National.Option(args, "--ready-timeout") ?? "30", CultureInfo.InvariantCulture)) };
        Console.WriteLine($"search bench: {Environment.ProcessorCount} cores, {National.Machine()}; {settings.Requests} requests after {settings.Warmup} warm-up per probe on one connection; "
            + $"{settings.DbRuns} runs after 2 warm-up per query directly on the database");
        var results = new List<Result>();
        foreach (var target in targets)
        {
            try
            {
                results.Add(await RunOneAsync(server, target, settings));
            }
            finally
            {
                target.Clean();
            }
        }
        foreach (var r in results)
        {
            Print(r, settings, Console.Out);
        }
        return 0;
    }

    private sealed record Settings(int Requests, int Warmup, int DbRuns, int Neighbours, string? JoinAllTeams);

    private sealed record Timing(string What, string Query, string User, int Count, double P50, double P95, double P99, double Mean, string Found, int Failed);

    private sealed record UserInfo(string Email, object Id, object Unit, int Clearance, int Groups, List<object> Labels);

    private sealed class Result(National.Target target)
    {
        public National.Target Target { get; } = target;
        public string LoadBefore { get; set; } = "";
        public string LoadAfterHttp { get; set; } = "";
        public string LoadAfter { get; set; } = "";
        public string Size { get; set; } = "";
        public string Phone { get; set; } = "";
        public List<UserInfo> Users { get; } = [];
        public List<Timing> Http { get; } = [];
        public List<Timing> Direct { get; } = [];
        public List<string> Notes { get; } = [];
    }

    private static async Task<Result> RunOneAsync(AppServer server, National.Target target, Settings settings)
    {
        var result = new Result(target) { LoadBefore = National.LoadAverage(), Size = target.Size() };
        Console.WriteLine();
        Console.WriteLine($"== {target.Label} ({target.Provider}, {result.Size}): load average {result.LoadBefore}");
        var postgres = target.ConnectionString is not null;
        var emails = new List<string> { OneUnit, ManyGroups };
        if (settings.JoinAllTeams is { } joiner && !emails.Contains(joiner))
        {
            emails.Add(joiner);
        }

        // The data the probes need, read (and for --join-all-teams written) before the server starts.
        await using (var db = await OpenAsync(target))
        {
            if (settings.JoinAllTeams is { } joining)
            {
                var added = await ExecuteAsync(db, """
                    INSERT INTO "GroupMemberships" ("GroupId", "UserId")
                    SELECT DISTINCT i."GroupId", u."Id" FROM "Investigation" i, "AspNetUsers" u
                    WHERE u."Email" = @email AND i."GroupId" IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM "GroupMemberships" m WHERE m."GroupId" = i."GroupId" AND m."UserId" = u."Id")
                    """, ("email", joining));
                Console.WriteLine($"{joining}: added to {added} team groups");
            }
            foreach (var email in emails)
            {
                result.Users.Add(await UserAsync(db, email));
            }
            var oneUnit = result.Users[0];
            // A phone of a person the one-unit officer may see (their unit's label, no group, at or below their clearance),
            // the first of the identifiers their search entry holds. (A report's entry holds its reference alone as an
            // identifier: a phone it names is in its text as written, "07700 912345", two words.)
            var terms = (string?)await ScalarAsync(db, """
                SELECT e."Terms" FROM "SearchEntries" e JOIN "AccessLabels" l ON l."Id" = e."AccessLabelId"
                WHERE e."RecordType" = 'subject' AND e."Terms" LIKE '07700%' AND l."GroupCount" = 0 AND l."OwningUnitId" = @unit AND l."Classification" <= @clearance
                ORDER BY e."Id" LIMIT 1
                """, ("unit", oneUnit.Unit), ("clearance", oneUnit.Clearance));
            result.Phone = terms?.Split(' ')[0] ?? "07700900111";
        }
        foreach (var u in result.Users)
        {
            Console.WriteLine($"{u.Email}: clearance {u.Clearance}, {u.Groups} groups, {u.Labels.Count} labels readable");
        }

        var tokens = new Dictionary<string, string>();
        foreach (var email in emails)
        {
            var minted = await server.RunCliAsync(target, $"tokens create --user {email} --name \"bench search {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}\" --days 1");
            if (minted.Exit != 0)
            {
                throw new InvalidOperationException($"{target.Label}: could not mint a token for {email}: {minted.Err.Trim()}");
            }
            tokens[email] = minted.Out.Trim();
        }

        var run = await server.LaunchAsync(target);
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready in {run.Ready.TotalSeconds:0.0} s"));
            using var single = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionIdleTimeout = TimeSpan.FromHours(1) })
            {
                BaseAddress = run.Address,
                Timeout = TimeSpan.FromMinutes(5),
            };
            var warming = Stopwatch.StartNew();
            while (warming.Elapsed < TimeSpan.FromSeconds(2))
            {
                using var response = await single.GetAsync("/health/live");
                await response.Content.ReadAsByteArrayAsync();
            }

            foreach (var email in emails)
            {
                foreach (var (name, q) in Queries(result.Phone))
                {
                    var path = "/api/v1/search?q=" + Uri.EscapeDataString(q);
                    var timing = await MeasureAsync(single, tokens[email], path, settings, body => body.GetProperty("total").GetInt32().ToString("N0", CultureInfo.InvariantCulture));
                    result.Http.Add(timing with { What = "search", Query = name, User = email });
                    Report(result.Http[^1]);
                }
            }

            // The link chart: a subject the one-unit officer sees, named by about N reports they see.
            var token = tokens[OneUnit];
            var list = await GetJsonAsync(single, token, "/api/v1/subjects?page=1&pageSize=25");
            var subjects = list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
            if (subjects.Count < 2)
            {
                result.Notes.Add($"{OneUnit} sees fewer than two subjects: no link chart measured");
            }
            else
            {
                var hub = subjects[0];
                var ordinary = subjects[^1];
                await using (var db = await OpenAsync(target))
                {
                    var user = result.Users[0];
                    var key = Key(postgres, hub);
                    var before = Convert.ToInt32(await ScalarAsync(db, """SELECT count(*) FROM "IntelligenceReportEntities" WHERE "SubjectId" = @subject""", ("subject", key)), CultureInfo.InvariantCulture);
                    if (before < settings.Neighbours)
                    {
                        // Person entities of other reports of the unit (unit label, no group) now name this subject.
                        await ExecuteAsync(db, """
                            UPDATE "IntelligenceReportEntities" SET "SubjectId" = @subject WHERE "Id" IN (
                                SELECT e."Id" FROM "IntelligenceReportEntities" e
                                JOIN "IntelligenceReports" r ON r."Id" = e."ReportId" JOIN "AccessLabels" l ON l."Id" = r."AccessLabelId"
                                WHERE e."Kind" = 0 AND e."SubjectId" IS NOT NULL AND e."SubjectId" <> @subject
                                  AND l."GroupCount" = 0 AND l."OwningUnitId" = @unit AND l."Classification" <= @clearance
                                ORDER BY e."Id" LIMIT @n)
                            """, ("subject", key), ("unit", user.Unit), ("clearance", user.Clearance), ("n", settings.Neighbours - before));
                    }
                    var after = Convert.ToInt32(await ScalarAsync(db, """SELECT count(*) FROM "IntelligenceReportEntities" WHERE "SubjectId" = @subject""", ("subject", key)), CultureInfo.InvariantCulture);
                    Console.WriteLine($"subject {hub}: named by {before} report entities, now {after}");
                }
                foreach (var (name, id) in new[] { ($"expand a subject named by ~{settings.Neighbours} reports", hub), ("expand an ordinary subject", ordinary) })
                {
                    var timing = await MeasureAsync(single, token, $"/api/v1/graph?from=subject:{id}&depth=1", settings,
                        body => $"{body.GetProperty("nodes").GetArrayLength()} nodes, {body.GetProperty("edges").GetArrayLength()} links");
                    result.Http.Add(timing with { What = "link chart", Query = name, User = OneUnit });
                    Report(result.Http[^1]);
                }
            }
        }
        finally
        {
            run.Kill();
        }
        result.LoadAfterHttp = National.LoadAverage();
        Console.WriteLine($"load average after the HTTP part {result.LoadAfterHttp}");

        // Directly on the database, the server stopped: the engine's SQL with and without the labels, and LIKE.
        await using (var db = await OpenAsync(target))
        {
            foreach (var (name, q) in Queries(result.Phone))
            {
                var identifier = name == "phone";
                foreach (var user in result.Users)
                {
                    result.Direct.Add(await TimeAsync(db, "index, filtered", name, user.Email, settings, EngineSql(postgres, q, identifier, user.Labels)));
                    Report(result.Direct[^1]);
                    result.Direct.Add(await TimeAsync(db, "LIKE, filtered", name, user.Email, settings, LikeSql(postgres, q, identifier, user.Labels)));
                    Report(result.Direct[^1]);
                }
                result.Direct.Add(await TimeAsync(db, "index, unfiltered", name, "-", settings, EngineSql(postgres, q, identifier, null)));
                Report(result.Direct[^1]);
                result.Direct.Add(await TimeAsync(db, "LIKE, unfiltered", name, "-", settings, LikeSql(postgres, q, identifier, null)));
                Report(result.Direct[^1]);
            }
        }
        result.LoadAfter = National.LoadAverage();
        Console.WriteLine($"load average after {result.LoadAfter}");
        return result;
    }

    private static IEnumerable<(string Name, string Q)> Queries(string phone) =>
        [("selective word", Selective), ("common word", Common), ("phone", phone)];

    private static void Report(Timing t) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {t.What,-18} {t.Query,-40} {National.Short(t.User),-24} p50 {t.P50,9:0.00} p95 {t.P95,9:0.00} p99 {t.P99,9:0.00} mean {t.Mean,9:0.00} ms  {t.Found}{(t.Failed > 0 ? $"  {t.Failed} NOT OK" : "")}"));

    /// <summary>Warm-up requests, then the measured ones on the one connection, from sending to the body read;
    /// what was found is read from the first measured answer.</summary>
    private static async Task<Timing> MeasureAsync(HttpClient client, string token, string path, Settings settings, Func<JsonElement, string> found)
    {
        var times = new double[settings.Requests];
        var failed = 0;
        var what = "";
        for (var i = -settings.Warmup; i < settings.Requests; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new("Bearer", token);
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i < 0)
            {
                continue;
            }
            times[i] = elapsed;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                if (failed++ == 0)
                {
                    Console.WriteLine($"  {path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(300, body.Length)))}");
                }
            }
            else if (i == 0)
            {
                what = found(JsonSerializer.Deserialize<JsonElement>(body));
            }
        }
        return Summarise("", "", "", times, what, failed);
    }

    private static Timing Summarise(string what, string query, string user, double[] times, string found, int failed)
    {
        Array.Sort(times);
        return new Timing(what, query, user, times.Length, National.Percentile(times, 0.50), National.Percentile(times, 0.95), National.Percentile(times, 0.99),
            times.Length == 0 ? 0 : times.Average(), found, failed);
    }

    /// <summary>Statements run one after another on the one connection, every row read; each run is timed whole.
    /// What was found is the first statement's count (the sum of the facet groups, or count(*)).</summary>
    private static async Task<Timing> TimeAsync(DbConnection db, string what, string query, string user, Settings settings, List<(string Sql, List<(string, object?)> Parameters)> statements)
    {
        var times = new double[settings.DbRuns];
        long found = 0;
        for (var i = -2; i < settings.DbRuns; i++)
        {
            var started = Stopwatch.GetTimestamp();
            long counted = 0;
            for (var s = 0; s < statements.Count; s++)
            {
                await using var command = Command(db, statements[s].Sql, [.. statements[s].Parameters]);
                command.CommandTimeout = 600;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    if (s == 0)
                    {
                        counted += Convert.ToInt64(reader.GetValue(reader.FieldCount - 1), CultureInfo.InvariantCulture);
                    }
                }
            }
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= 0)
            {
                times[i] = elapsed;
                found = counted;
            }
        }
        return Summarise(what, query, user, times, found.ToString("N0", CultureInfo.InvariantCulture), 0);
    }

    /// <summary>The engine's two statements for a one-word query (its facet groups, then its first page of 20 with
    /// snippets), copied from SearchEngine; with labels null the label clause is left out, as the engine does.</summary>
    private static List<(string, List<(string, object?)>)> EngineSql(bool postgres, string q, bool identifier, List<object>? labels)
    {
        if (!postgres)
        {
            var parts = new List<string> { "({Title Body Terms} : ((\"" + q + "\")))" };
            if (identifier)
            {
                parts.Add("(Terms : (\"" + q + "\"))");
            }
            var found = "(" + string.Join(" OR ", parts) + ")";
            var match = labels is null ? found : found + " AND (LabelWord : (" + string.Join(" OR ", labels.Select(l => "\"l" + Guid.Parse((string)l).ToString("N") + "\"")) + "))";
            return
            [
                ("""
                 SELECT e.RecordType, e.UnitId, CAST(substr(e."On", 1, 4) AS INTEGER), e.Grade, count(*)
                 FROM SearchText JOIN SearchEntries e ON e.Id = SearchText.rowid
                 WHERE SearchText MATCH @match
                 GROUP BY 1, 2, 3, 4
                 """, [("match", match)]),
                ("""
                 SELECT e.Id, e.RecordType, e.RecordId, e.Title, e.Href, e.UnitId, e."On", e.Grade, snippet(SearchText, 1, char(57344), char(57345), '…', 24)
                 FROM SearchText JOIN SearchEntries e ON e.Id = SearchText.rowid
                 WHERE SearchText MATCH @match
                   AND (@type IS NULL OR e.RecordType = @type) AND (@unit IS NULL OR e.UnitId = @unit)
                   AND (@year IS NULL OR substr(e."On", 1, 4) = @year) AND (@grade IS NULL OR e.Grade = @grade)
                 ORDER BY bm25(SearchText, 10.0, 4.0, 10.0, 0.0), e.Id DESC
                 LIMIT 20 OFFSET 0
                 """, [("match", match), ("type", null), ("unit", null), ("year", null), ("grade", null)]),
            ];
        }
        var query = identifier
            ? "(CASE WHEN numnode(websearch_to_tsquery('english', @words)) = 0 THEN to_tsquery('simple', @ids) ELSE websearch_to_tsquery('english', @words) || to_tsquery('simple', @ids) END)"
            : "websearch_to_tsquery('english', @words)";
        var parameters = new List<(string, object?)> { ("words", q), ("ids", identifier ? q : "") };
        var access = "";
        if (labels is not null)
        {
            // Since issue 14 the labels are a condition on the label column; before, label lexemes in the tsquery:
            // "(" + query + " && to_tsquery('simple', 'l<hex>:D | ...'))" (the figures of both are in docs/benchmarks.md).
            access = " AND e.\"AccessLabelId\" = ANY(@labels)";
            parameters.Add(("labels", labels.Cast<Guid>().ToArray()));
        }
        return
        [
            ($"""
              SELECT e."RecordType", e."UnitId", extract(year FROM e."On")::int, e."Grade", count(*)::int
              FROM "SearchEntries" e
              WHERE e."Document" @@ {query}{access}
              GROUP BY 1, 2, 3, 4
              """, parameters),
            ($"""
              SELECT e."Id", e."RecordType", e."RecordId", e."Title", e."Href", e."UnitId", e."On", e."Grade", ts_headline('english', p."Body", websearch_to_tsquery('english', @words), 'StartSel={'\uE000'}, StopSel={'\uE001'}, MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "')
              FROM (
                  SELECT e.*, ts_rank(e."Document", websearch_to_tsquery('english', @words)) AS rank
                  FROM "SearchEntries" e
                  WHERE e."Document" @@ {query}{access}
                    AND (@type::text IS NULL OR e."RecordType" = @type) AND (@unit::uuid IS NULL OR e."UnitId" = @unit)
                    AND (@year::int IS NULL OR extract(year FROM e."On") = @year) AND (@grade::text IS NULL OR e."Grade" = @grade)
                  ORDER BY rank DESC, e."Id" DESC
                  LIMIT 20 OFFSET 0) p
              JOIN "SearchEntries" e ON e."Id" = p."Id"
              ORDER BY p.rank DESC, p."Id" DESC
              """, [.. parameters, ("type", null), ("unit", null), ("year", null), ("grade", null)]),
        ];
    }

    /// <summary>LIKE '%word%' over the entries' text (the identifiers for a phone), counted, then the newest 20,
    /// restricted to the same labels by the entry's label column.</summary>
    private static List<(string, List<(string, object?)>)> LikeSql(bool postgres, string q, bool identifier, List<object>? labels)
    {
        var column = identifier ? "\"Terms\"" : "\"Body\"";
        var like = postgres ? "ILIKE" : "LIKE";
        var parameters = new List<(string, object?)> { ("pattern", "%" + q + "%") };
        var where = $"e.{column} {like} @pattern";
        if (labels is not null)
        {
            where += " AND e.\"AccessLabelId\" IN (" + string.Join(", ", labels.Select((_, i) => "@l" + i.ToString(CultureInfo.InvariantCulture))) + ")";
            parameters.AddRange(labels.Select((l, i) => ("l" + i.ToString(CultureInfo.InvariantCulture), (object?)l)));
        }
        return
        [
            ($"SELECT count(*) FROM \"SearchEntries\" e WHERE {where}", parameters),
            ($"SELECT e.\"Id\", e.\"Title\", e.\"Href\" FROM \"SearchEntries\" e WHERE {where} ORDER BY e.\"Id\" DESC LIMIT 20", parameters),
        ];
    }

    /// <summary>The user as the access rule reads them, and the labels they may read: AccessPolicy.ReadableLabels
    /// in SQL (the clearance, the unit's labels without groups, the labels of their groups).</summary>
    private static async Task<UserInfo> UserAsync(DbConnection db, string email)
    {
        object id, unit;
        int clearance;
        await using (var command = Command(db, """SELECT "Id", "UnitId", "Clearance" FROM "AspNetUsers" WHERE "Email" = @email""", ("email", email)))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync())
            {
                throw new InvalidOperationException($"No user {email} (is the database seeded with the demo?)");
            }
            (id, unit, clearance) = (reader.GetValue(0), reader.GetValue(1), Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture));
        }
        var groups = Convert.ToInt32(await ScalarAsync(db, """SELECT count(*) FROM "GroupMemberships" WHERE "UserId" = @user""", ("user", id)), CultureInfo.InvariantCulture);
        var labels = new List<object>();
        await using (var command = Command(db, """
            SELECT l."Id" FROM "AccessLabels" l
            WHERE l."Classification" <= @clearance AND (
                (l."GroupCount" = 0 AND l."OwningUnitId" = @unit)
                OR (l."GroupCount" > 0 AND l."Id" IN (SELECT g."LabelId" FROM "AccessLabelGroups" g JOIN "GroupMemberships" m ON m."GroupId" = g."GroupId" WHERE m."UserId" = @user)))
            """, ("clearance", clearance), ("unit", unit), ("user", id)))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                labels.Add(reader.GetValue(0));
            }
        }
        return new UserInfo(email, id, unit, clearance, groups, labels);
    }

    private static async Task<DbConnection> OpenAsync(National.Target target)
    {
        DbConnection connection = target.ConnectionString is { } postgres
            ? new NpgsqlConnection(postgres)
            : new SqliteConnection($"Data Source={target.SqlitePath};Pooling=False;Default Timeout=60");
        await connection.OpenAsync();
        return connection;
    }

    // A key as the provider stores it: uuid on PostgreSQL, upper-case text on SQLite (EF Core's mapping).
    private static object Key(bool postgres, Guid id) => postgres ? id : id.ToString().ToUpperInvariant();

    private static DbCommand Command(DbConnection db, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    private static async Task<object?> ScalarAsync(DbConnection db, string sql, params (string, object?)[] parameters)
    {
        await using var command = Command(db, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    private static async Task<int> ExecuteAsync(DbConnection db, string sql, params (string, object?)[] parameters)
    {
        await using var command = Command(db, sql, parameters);
        command.CommandTimeout = 600;
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static void Print(Result r, Settings settings, TextWriter o)
    {
        o.WriteLine();
        o.WriteLine($"#### {r.Target.Label} ({r.Target.Provider}, {r.Size}); load average before {r.LoadBefore}, after the HTTP part {r.LoadAfterHttp}, after {r.LoadAfter}");
        o.WriteLine();
        o.WriteLine("| user | clearance | groups | labels readable |");
        o.WriteLine("|---|---|---:|---:|");
        foreach (var u in r.Users)
        {
            o.WriteLine($"| {National.Short(u.Email)} | {(u.Clearance == 1 ? "SECRET" : u.Clearance.ToString(CultureInfo.InvariantCulture))} | {u.Groups:N0} | {u.Labels.Count:N0} |");
        }
        o.WriteLine();
        o.WriteLine($"Over HTTP (one connection, sequential: {settings.Requests} requests after {settings.Warmup} warm-up; ms, from sending to the body read); the phone is {r.Phone}:");
        o.WriteLine();
        o.WriteLine("| request | query | user | p50 | p95 | p99 | mean | found | not 200 |");
        o.WriteLine("|---|---|---|---:|---:|---:|---:|---|---:|");
        foreach (var t in r.Http)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {t.What} | {t.Query} | {National.Short(t.User)} | {t.P50:0.0} | {t.P95:0.0} | {t.P99:0.0} | {t.Mean:0.0} | {t.Found} | {t.Failed} |"));
        }
        o.WriteLine();
        o.WriteLine($"Directly on the database ({settings.DbRuns} runs after 2 warm-up; ms for the counts and the first page together):");
        o.WriteLine();
        o.WriteLine("| query | how | user | p50 | p95 | p99 | mean | matches counted |");
        o.WriteLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var t in r.Direct)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {t.Query} | {t.What} | {National.Short(t.User)} | {t.P50:0.0} | {t.P95:0.0} | {t.P99:0.0} | {t.Mean:0.0} | {t.Found} |"));
        }
        foreach (var note in r.Notes)
        {
            o.WriteLine($"NOTE: {note}");
        }
    }
}

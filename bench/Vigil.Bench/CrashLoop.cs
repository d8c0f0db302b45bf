using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Vigil.Bench;

/// <summary>
/// The crash loop: the real server (the Release build of Vigil.Web, run as `dotnet Vigil.Web.dll --demo`)
/// killed with SIGKILL at random moments, then started again, on SQLite or on PostgreSQL.
/// <list type="number">
/// <item>First starts: a fresh database, a start killed at a random moment between launch and ready (during
/// migrations, seeding or the index build), then a start that must become ready, with every table holding
/// what an uninterrupted first start leaves, and the audit chain intact.</item>
/// <item>Writes: writers raising subjects over the API until the kill; after each restart every write that
/// was acknowledged (201) must be readable by id and found by a deconfliction check on its name and date of
/// birth, and `audit verify` (run between the kill and the restart) must exit 0.</item>
/// </list>
/// <code>dotnet run -c Release --project bench/Vigil.Bench -- crash [--postgres CONN] [--starts K] [--cycles N]</code>
/// Exits 1 if anything was lost, missed, stuck or broken.
/// </summary>
internal static class CrashLoop
{
    private const string Writer = "investigator.northwest@vigil.example";

    // Tables whose contents depend on when and how often the app ran, not on what it seeded.
    private static readonly HashSet<string> Volatile = new(StringComparer.Ordinal)
    {
        "AuditEntries", "RecordChanges", "DataProtectionKeys", "RateWindows", "__EFMigrationsHistory", "__EFMigrationsLock",
        "AnonymousRejections", "PersonalAccessTokens",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var postgres = Option(args, "--postgres");
        var starts = int.Parse(Option(args, "--starts") ?? "12", CultureInfo.InvariantCulture);
        var cycles = int.Parse(Option(args, "--cycles") ?? "24", CultureInfo.InvariantCulture);
        var seed = int.Parse(Option(args, "--seed") ?? "20261203", CultureInfo.InvariantCulture);
        var random = new Random(seed);
        var server = AppServer.Build();
        var root = Directory.CreateTempSubdirectory("vigil-crash-");
        Console.WriteLine($"crash loop on {(postgres is null ? "SQLite" : "PostgreSQL")}, seed {seed}, work in {root.FullName}");
        var failures = new List<string>();

        // An uninterrupted first start: how long it takes, and what it leaves.
        var baselineDb = new Database(postgres, root, "baseline");
        var (baselineReady, _) = await server.StartAsync(baselineDb, killAfter: null);
        var baseline = await baselineDb.CountTablesAsync();
        Console.WriteLine($"uninterrupted first start: ready in {baselineReady.TotalSeconds:0.0} s, {baseline.Count} tables compared");

        // 1. First starts killed at random moments.
        var recoveries = new List<double>();
        var killPoints = new List<double>();
        for (var i = 1; i <= starts; i++)
        {
            var db = new Database(postgres, root, $"start{i}");
            var at = TimeSpan.FromSeconds(0.2 + random.NextDouble() * baselineReady.TotalSeconds);
            var (_, killed) = await server.StartAsync(db, killAfter: at);
            var (ready, _) = await server.StartAsync(db, killAfter: null);
            recoveries.Add(ready.TotalSeconds);
            killPoints.Add(at.TotalSeconds);
            var counts = await db.CountTablesAsync();
            var differ = baseline.Where(b => counts.GetValueOrDefault(b.Key, -1) != b.Value)
                .Select(b => $"{b.Key} {counts.GetValueOrDefault(b.Key, -1)} (uninterrupted: {b.Value})").ToList();
            var verify = await server.RunCliAsync(db, "audit verify");
            Console.WriteLine($"first start {i}: killed at {at.TotalSeconds:0.00} s ({(killed ? "before ready" : "after ready")}), next start ready in {ready.TotalSeconds:0.0} s, "
                + $"tables {(differ.Count == 0 ? "complete" : "DIFFER: " + string.Join(", ", differ))}, audit verify exit {verify.Exit}");
            if (differ.Count > 0)
            {
                failures.Add($"first start {i}: {string.Join(", ", differ)}");
            }
            if (verify.Exit != 0)
            {
                failures.Add($"first start {i}: audit verify exit {verify.Exit}: {verify.Err.Trim()}");
            }
            db.Drop();
        }

        // 2. Writes killed at random moments.
        var writes = new Database(postgres, root, "writes");
        await server.StartAsync(writes, killAfter: null);
        var minted = await server.RunCliAsync(writes, $"tokens create --user {Writer} --name crash-loop --days 1");
        if (minted.Exit != 0)
        {
            throw new InvalidOperationException("Could not mint a token: " + minted.Err);
        }
        var token = minted.Out.Trim();
        var acknowledged = new List<Written>();
        var restarts = new List<double>();
        var attempted = 0;
        var notFoundById = 0;
        var missedByCheck = 0;
        for (var cycle = 1; cycle <= cycles; cycle++)
        {
            var run = await server.LaunchAsync(writes);
            restarts.Add(run.Ready.TotalSeconds);
            using var api = run.Client(token);
            var (byId, byCheck) = await VerifyAsync(api, acknowledged);
            notFoundById += byId;
            missedByCheck += byCheck;
            if (byId + byCheck > 0)
            {
                failures.Add($"cycle {cycle}: of {acknowledged.Count} acknowledged, {byId} not found by id, {byCheck} missed by the check");
            }

            var killAt = TimeSpan.FromSeconds(0.5 + random.NextDouble() * 2.5);
            using var stop = new CancellationTokenSource();
            var before = acknowledged.Count;
            var writers = Enumerable.Range(0, 4).Select(w => WriteUntilKilledAsync(api, new Random(seed + cycle * 10 + w), acknowledged, () => Interlocked.Increment(ref attempted), stop.Token)).ToArray();
            await Task.Delay(killAt);
            run.Kill();
            stop.Cancel();
            await Task.WhenAll(writers);
            var verify = await server.RunCliAsync(writes, "audit verify");
            Console.WriteLine($"cycle {cycle}: ready in {run.Ready.TotalSeconds:0.0} s, {acknowledged.Count - before} acknowledged before the kill at {killAt.TotalSeconds:0.00} s; "
                + $"earlier writes: {byId} not found by id, {byCheck} missed by the check; audit verify exit {verify.Exit}");
            if (verify.Exit != 0)
            {
                failures.Add($"cycle {cycle}: audit verify exit {verify.Exit}: {verify.Err.Trim()}");
            }
        }
        // The last cycle's writes are checked by one more start.
        var last = await server.LaunchAsync(writes);
        using (var api = last.Client(token))
        {
            var (byId, byCheck) = await VerifyAsync(api, acknowledged);
            notFoundById += byId;
            missedByCheck += byCheck;
            if (byId + byCheck > 0)
            {
                failures.Add($"final start: {byId} not found by id, {byCheck} missed by the check");
            }
        }
        last.Kill();
        writes.Drop();
        baselineDb.Drop();

        Console.WriteLine();
        Console.WriteLine("| database | first starts killed | kill point (s) | next start ready (s, median / max) | tables complete | write cycles | writes attempted | acknowledged | lost | missed by the check | restart ready (s, median / max) | audit verify |");
        Console.WriteLine("|---|---:|---|---|---|---:|---:|---:|---:|---:|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {(postgres is null ? "SQLite" : "PostgreSQL")} | {starts} | {killPoints.DefaultIfEmpty().Min():0.0} to {killPoints.DefaultIfEmpty().Max():0.0} | {Median(recoveries):0.0} / {recoveries.DefaultIfEmpty().Max():0.0} | "
            + $"{(failures.Any(f => f.StartsWith("first start", StringComparison.Ordinal)) ? "no" : "every time")} | {cycles} | {attempted} | {acknowledged.Count} | {notFoundById} | {missedByCheck} | "
            + $"{Median(restarts):0.0} / {restarts.DefaultIfEmpty().Max():0.0} | {(failures.Any(f => f.Contains("audit", StringComparison.Ordinal)) ? "BROKEN" : "0 (intact) every time")} |"));
        foreach (var failure in failures)
        {
            Console.WriteLine("FAILED: " + failure);
        }
        root.Delete(recursive: true);
        return failures.Count == 0 ? 0 : 1;
    }

    private sealed record Written(Guid Id, string GivenName, string Surname, string DateOfBirth);

    private static async Task WriteUntilKilledAsync(HttpClient api, Random random, List<Written> acknowledged, Action attempt, CancellationToken stop)
    {
        var faker = new Bogus.Faker { Random = new Bogus.Randomizer(random.Next()) };
        while (!stop.IsCancellationRequested)
        {
            // Fictional people: a name from Bogus's pool with a made-up second half, so none is a real person
            // and each is unique to this run.
            var person = new
            {
                givenName = faker.Name.FirstName(),
                surname = faker.Name.LastName() + "-" + faker.Random.String2(6, "bcdfghjklmnpqrstvwxz"),
                dateOfBirth = new DateOnly(1950, 1, 1).AddDays(random.Next(0, 365 * 55)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                classification = "Official",
                acknowledgedCandidates = true,
            };
            attempt();
            try
            {
                using var response = await api.PostAsJsonAsync("/api/v1/subjects", person, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var id = (await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("id").GetGuid();
                    lock (acknowledged)
                    {
                        acknowledged.Add(new Written(id, person.givenName, person.surname, person.dateOfBirth));
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                // The server died with this request in flight: not acknowledged, so it may or may not be there.
                return;
            }
        }
    }

    private static async Task<(int ById, int ByCheck)> VerifyAsync(HttpClient api, List<Written> acknowledged)
    {
        var byId = 0;
        var byCheck = 0;
        foreach (var w in acknowledged)
        {
            using var read = await api.GetAsync($"/api/v1/subjects/{w.Id}?purpose=crash-loop%20check");
            byId += read.StatusCode == HttpStatusCode.OK ? 0 : 1;
            using var check = await api.PostAsJsonAsync("/api/v1/deconfliction/checks", new
            {
                purpose = "crash loop: is every acknowledged subject found",
                person = new { givenName = w.GivenName, surname = w.Surname, dateOfBirth = w.DateOfBirth },
            });
            check.EnsureSuccessStatusCode();
            var found = (await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hits").EnumerateArray()
                .Any(h => h.GetProperty("subject").ValueKind == JsonValueKind.Object && h.GetProperty("subject").GetProperty("id").GetGuid() == w.Id);
            byCheck += found ? 0 : 1;
        }
        return (byId, byCheck);
    }

    private static double Median(List<double> values) =>
        values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    /// <summary>One database: a SQLite file in its own folder, or a PostgreSQL database of its own.</summary>
    private sealed class Database(string? postgres, DirectoryInfo root, string name) : IAppDatabase
    {
        public string Folder { get; } = Directory.CreateDirectory(Path.Combine(root.FullName, name)).FullName;
        private string DatabaseName => "vigil_crash_" + name;
        private bool created;

        public void Configure(ProcessStartInfo start)
        {
            start.Environment["Vigil__DataFolder"] = Folder;
            if (postgres is null)
            {
                start.Environment["Database__Path"] = Path.Combine(Folder, "vigil.db");
                return;
            }
            if (!created)
            {
                using var admin = new NpgsqlConnection(postgres);
                admin.Open();
                using var command = admin.CreateCommand();
                command.CommandText = $"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE); CREATE DATABASE \"{DatabaseName}\"";
                command.ExecuteNonQuery();
                created = true;
            }
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["ConnectionStrings__Vigil"] = ConnectionString;
        }

        private string ConnectionString => new NpgsqlConnectionStringBuilder(postgres) { Database = DatabaseName, Pooling = false }.ConnectionString;

        public async Task<Dictionary<string, long>> CountTablesAsync()
        {
            await using DbConnection connection = postgres is null
                ? new SqliteConnection($"Data Source={Path.Combine(Folder, "vigil.db")};Mode=ReadOnly;Pooling=False")
                : new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = postgres is null
                    ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                    : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in tables.Where(t => !Volatile.Contains(t)))
            {
                await using var count = connection.CreateCommand();
                count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                counts[table] = Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            }
            return counts;
        }

        public void Drop()
        {
            if (postgres is null || !created)
            {
                return;
            }
            using var admin = new NpgsqlConnection(postgres);
            admin.Open();
            using var command = admin.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)";
            command.ExecuteNonQuery();
        }
    }
}

using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Vigil.Bench;

/// <summary>
/// The national picture and the budget advice (issue 17) on a database of national scale (`seed-scale`): the Release
/// server started against it, with tokens minted by the CLI for the operations centre's coordinator, London's SIO and
/// HQ's planner, then, one request after another on one connection:
/// <list type="bullet">
/// <item>GET /api/v1/national/picture?scope=Network as the coordinator: the FIRST request, which counts the last finished
/// month over the whole network and keeps it (NationalSnapshots), timed alone; a first count of the month before, with
/// the code now warm, timed alone; then the kept snapshot, the measured requests after a warm-up;</item>
/// <item>GET /api/v1/national/picture?scope=Unit as London's SIO (live, through the record filter), after a warm-up;</item>
/// <item>POST /api/v1/national/budget/scenarios as the planner, timed once, then GET of that scenario (the split and the
/// sensitivity recomputed at each read) after a warm-up.</item>
/// </list>
/// <code>dotnet run -c Release --project bench/Vigil.Bench -- picture --sqlite [LABEL=]PATH [--postgres [LABEL=]CONN] [--requests 200] [--warmup 20]</code>
/// The databases must be seeded already (`seed-scale --demo --people N`). With the app stopped, it counts the main tables
/// and forgets the network's kept months (DELETE FROM "NationalSnapshots"), so that the first count is measured on every
/// run; each run adds tokens, a scenario and audit entries. It measures and prints only; it asserts nothing about time.
/// </summary>
internal static class PictureBench
{
    private const string Coordinator = "coordinator.noc@vigil.example";
    private const string Sio = "sio.london@vigil.example";
    private const string Planner = "planning.hq@vigil.example";

    /// <summary>The tables whose rows say how big the database is (the picture counts the first five).</summary>
    private static readonly (string Table, string Name)[] Tables =
    [
        ("Investigation", "investigations"),
        ("InvestigationAction", "investigation actions"),
        ("Subject", "subjects"),
        ("PreventCase", "Prevent cases"),
        ("ActReports", "ACT reports"),
        ("IntelligenceReports", "intelligence reports"),
        ("AuditEntries", "audit entries"),
    ];

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
            Console.Error.WriteLine("usage: picture --sqlite [LABEL=]PATH ... --postgres [LABEL=]CONNSTRING ... [--requests N] [--warmup N] (a database seeded with seed-scale --demo)");
            return 2;
        }
        var requests = int.Parse(National.Option(args, "--requests") ?? "200", CultureInfo.InvariantCulture);
        var warmup = int.Parse(National.Option(args, "--warmup") ?? "20", CultureInfo.InvariantCulture);
        var server = new AppServer(AppServer.Build().Dll) { StuckAfter = TimeSpan.FromMinutes(30) };
        Console.WriteLine($"picture bench: {Environment.ProcessorCount} cores, {National.Machine()}; {requests} requests after {warmup} warm-up per measured request on one connection");
        foreach (var target in targets)
        {
            try
            {
                await RunOneAsync(server, target, requests, warmup);
            }
            finally
            {
                target.Clean();
            }
        }
        return 0;
    }

    private sealed record Row(string Request, string User, int Count, double? Once, double[] Sorted, int NotOk, long Bytes);

    private static async Task RunOneAsync(AppServer server, National.Target target, int requests, int warmup)
    {
        Console.WriteLine();
        Console.WriteLine($"== {target.Label} ({target.Provider}, {target.Size()}): load average {National.LoadAverage()}");
        var counts = await CountRowsAsync(target);
        Console.WriteLine("| table | rows |");
        Console.WriteLine("|---|---:|");
        foreach (var (_, name) in Tables)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {counts[name]:N0} |"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"forgot {counts["kept months"]} kept month(s) of the network's figures, so that the first count is measured"));

        // Tokens first, with the app stopped, so that the start-up is its own.
        var tokens = new Dictionary<string, string>();
        foreach (var user in new[] { Coordinator, Sio, Planner })
        {
            var minted = await server.RunCliAsync(target, $"tokens create --user {user} --name \"bench picture {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}\" --days 1");
            if (minted.Exit != 0)
            {
                throw new InvalidOperationException($"{target.Label}: could not mint a token for {user} (is the database seeded with the demo?): {minted.Err.Trim()}");
            }
            tokens[user] = minted.Out.Trim();
        }

        var run = await server.LaunchAsync(target);
        var rows = new List<Row>();
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready in {run.Ready.TotalSeconds:0.0} s, peak RSS {National.PeakKiB(run.ProcessId) / 1024.0:0} MiB; load average {National.LoadAverage()}"));
            using var single = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionIdleTimeout = TimeSpan.FromHours(1) })
            {
                BaseAddress = run.Address,
                Timeout = TimeSpan.FromMinutes(30),
            };

            // (a) The network: the first request counts the last finished month and keeps it.
            var (first, firstMs, firstBytes) = await SendAsync(single, tokens[Coordinator], HttpMethod.Get, "/api/v1/national/picture?scope=Network", null);
            var month = first.GetProperty("month").GetString()!;
            var before = first.GetProperty("months").EnumerateArray().Skip(1).First().GetString()![..7];
            rows.Add(new Row($"picture, Network, FIRST request: {month[..7]} counted and kept", National.Short(Coordinator), 1, firstMs, [], 0, firstBytes));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  first network picture ({month[..7]}, counted at {first.GetProperty("countedAt").GetString()}): {firstMs:0} ms; load average {National.LoadAverage()}"));
            var (_, beforeMs, beforeBytes) = await SendAsync(single, tokens[Coordinator], HttpMethod.Get, $"/api/v1/national/picture?scope=Network&month={before}", null);
            rows.Add(new Row($"picture, Network, first request for {before} (code warm): counted and kept", National.Short(Coordinator), 1, beforeMs, [], 0, beforeBytes));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  first network picture of {before} (code warm): {beforeMs:0} ms"));
            rows.Add(await MeasureAsync(single, "picture, Network, the kept snapshot", Coordinator, tokens[Coordinator], "/api/v1/national/picture?scope=Network", requests, warmup));

            // (b) A unit, live, through the record filter.
            rows.Add(await MeasureAsync(single, "picture, Unit (London, live)", Sio, tokens[Sio], "/api/v1/national/picture?scope=Unit", requests, warmup));

            // (c) A budget scenario saved, then read (the split and the sensitivity recomputed at each read).
            var (saved, saveMs, saveBytes) = await SendAsync(single, tokens[Planner], HttpMethod.Post, "/api/v1/national/budget/scenarios",
                new { name = "Bench", financialYear = "2027/28", totalPounds = 633_000_000 });
            rows.Add(new Row("budget scenario saved (POST)", National.Short(Planner), 1, saveMs, [], 0, saveBytes));
            var id = saved.GetProperty("id").GetGuid();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  scenario {id} saved in {saveMs:0} ms: {saved.GetProperty("lines").GetArrayLength()} units, {saved.GetProperty("sensitivity").GetArrayLength()} sensitivity lines"));
            rows.Add(await MeasureAsync(single, "budget scenario read (split + sensitivity)", Planner, tokens[Planner], $"/api/v1/national/budget/scenarios/{id}", requests, warmup));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS over the run {National.PeakKiB(run.ProcessId) / 1024.0:0} MiB; load average after {National.LoadAverage()}"));
        }
        finally
        {
            run.Kill();
        }

        Console.WriteLine();
        Console.WriteLine($"### {target.Label} ({target.Provider}): ms, from sending to the body read; {requests} requests after {warmup} warm-up, or one request timed alone");
        Console.WriteLine();
        Console.WriteLine("| request | user | requests | once | p50 | p95 | max | not 200 | body KiB |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            string Cell(double q) => r.Sorted.Length == 0 ? "-" : National.Percentile(r.Sorted, q).ToString("0.0", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Request} | {r.User} | {r.Count} | {(r.Once is { } once ? once.ToString("0", CultureInfo.InvariantCulture) : "-")} | {Cell(0.5)} | {Cell(0.95)} | {(r.Sorted.Length == 0 ? "-" : r.Sorted[^1].ToString("0.0", CultureInfo.InvariantCulture))} | {r.NotOk} | {r.Bytes / 1024.0:0.0} |"));
        }
    }

    /// <summary>One request timed alone; anything but 200 stops the run (the rows after it would measure nothing).</summary>
    private static async Task<(JsonElement Body, double Ms, long Bytes)> SendAsync(HttpClient client, string token, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        var started = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(500, bytes.Length)))}");
        }
        return (JsonSerializer.Deserialize<JsonElement>(bytes), ms, bytes.Length);
    }

    /// <summary>Warm-up requests, then the measured ones, one after another on the one connection.</summary>
    private static async Task<Row> MeasureAsync(HttpClient client, string name, string user, string token, string path, int requests, int warmup)
    {
        var times = new double[requests];
        var notOk = 0;
        long bytes = 0;
        string? firstFailure = null;
        for (var i = -warmup; i < requests; i++)
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
            bytes = body.Length;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                notOk++;
                firstFailure ??= $"{(int)response.StatusCode} {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(300, body.Length)))}";
            }
        }
        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-44} p50 {National.Percentile(times, 0.5),8:0.0} p95 {National.Percentile(times, 0.95),8:0.0} max {times[^1],8:0.0} ms{(notOk > 0 ? $"  {notOk} NOT OK, the first: {firstFailure}" : "")}; load average {National.LoadAverage()}"));
        return new Row(name, National.Short(user), requests, null, times, notOk, bytes);
    }

    /// <summary>The main tables' rows, and the network's kept months forgotten (counted as "kept months"), with the app stopped.</summary>
    private static async Task<Dictionary<string, long>> CountRowsAsync(National.Target target)
    {
        await using DbConnection connection = target.ConnectionString is { } postgres
            ? new NpgsqlConnection(postgres)
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={target.SqlitePath};Pooling=False");
        await connection.OpenAsync();
        async Task<long> ScalarAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 600;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        var counts = new Dictionary<string, long>();
        foreach (var (table, name) in Tables)
        {
            counts[name] = await ScalarAsync($"SELECT COUNT(*) FROM \"{table}\"");
        }
        await using var forget = connection.CreateCommand();
        forget.CommandText = "DELETE FROM \"NationalSnapshots\"";
        counts["kept months"] = await forget.ExecuteNonQueryAsync();
        return counts;
    }
}

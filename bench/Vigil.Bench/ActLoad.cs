using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Vigil.Bench;

/// <summary>
/// ACT's anonymous endpoint under load (issue 15): the Release server on a fresh SQLite database (demo data), the load
/// from hey (Debian's package), spread evenly over time (<see cref="Arrivals"/>). A steady rate for a while, then a surge of ten times that rate for a minute, while a triage officer
/// reads the queue and a report. Afterwards every acknowledged report (202) must be in the database, nothing else,
/// all of them processed (clustered), and `audit verify` must pass.
/// </summary>
/// <remarks>dotnet run -c Release --project bench/Vigil.Bench -- act [--rate 200] [--warm-up 30] [--seconds 60] [--surge 10] [--surge-seconds 60]</remarks>
internal static partial class ActLoad
{
    private const string Officer = "act.northwest@vigil.example";

    private sealed class Database(string folder) : IAppDatabase
    {
        public string Path => System.IO.Path.Combine(folder, "vigil.db");

        public void Configure(ProcessStartInfo start)
        {
            start.Environment["Vigil__DataFolder"] = folder;
            start.Environment["Database__Path"] = Path;
            // The public forms' per-address limit would stop one load generator at once: raised for the measurement.
            start.Environment["Vigil__PublicForm__PermitsPerTenMinutes"] = "100000000";
        }

        public long Scalar(string sql)
        {
            using var connection = new SqliteConnection($"Data Source={Path};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>What one run of the load measured.</summary>
    private sealed record LoadRun(string Name, double TargetRate, double Seconds, double RequestsPerSecond, long Accepted, long OtherStatuses, long Errors,
        double P50, double P95, double P99, double Slowest, string Statuses);

    public static async Task<int> RunAsync(string[] args)
    {
        var rate = int.Parse(Option(args, "--rate") ?? "200", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Option(args, "--seconds") ?? "60", CultureInfo.InvariantCulture);
        var surge = int.Parse(Option(args, "--surge") ?? "10", CultureInfo.InvariantCulture);
        var surgeSeconds = int.Parse(Option(args, "--surge-seconds") ?? "60", CultureInfo.InvariantCulture);
        var warmUp = int.Parse(Option(args, "--warm-up") ?? "30", CultureInfo.InvariantCulture);

        var root = Directory.CreateTempSubdirectory("vigil-act-load-");
        var db = new Database(root.FullName);
        var server = AppServer.Build();
        await server.StartAsync(db, killAfter: null); // the first start makes the database and the demo data
        var minted = await server.RunCliAsync(db, $"tokens create --user {Officer} --name act-load --days 1");
        if (minted.Exit != 0)
        {
            throw new InvalidOperationException("Could not mint a token: " + minted.Err);
        }
        var token = minted.Out.Trim();
        var before = db.Scalar("SELECT COUNT(*) FROM ActReports");
        var run = await server.LaunchAsync(db);
        var url = new Uri(run.Address, "/api/v1/act/reports");
        var load = new Arrivals(EnsureHey(), url, root.FullName);

        var runs = new List<LoadRun>();
        var reads = new List<(string Phase, double Ms)>();
        try
        {
            using var officer = run.Client(token);
            // Warm-up (JIT, pools, the page cache), not counted against the targets: 30 s at the steady rate.
            runs.Add(await load.RunAsync("warm-up", rate, warmUp, incident: 0.1));
            runs.Add(await WithReadsAsync(officer, "steady", reads, () => load.RunAsync("steady", rate, seconds, incident: 0.1)));
            // After an attack most reports are about it: the same place, the same car.
            runs.Add(await WithReadsAsync(officer, "surge", reads, () => load.RunAsync($"surge x{surge}", rate * surge, surgeSeconds, incident: 0.6)));
            // The processor catches up after the surge: every report clustered, none left behind.
            var clock = Stopwatch.StartNew();
            while (db.Scalar("SELECT COUNT(*) FROM ActReports WHERE Processed = 0") > 0 && clock.Elapsed < TimeSpan.FromMinutes(10))
            {
                await ReadAsync(officer, "after", reads);
                await Task.Delay(500);
            }
            Console.WriteLine($"processing caught up {clock.Elapsed.TotalSeconds:0} s after the surge");
        }
        finally
        {
            run.Kill();
        }

        var after = db.Scalar("SELECT COUNT(*) FROM ActReports");
        var unprocessed = db.Scalar("SELECT COUNT(*) FROM ActReports WHERE Processed = 0");
        var links = db.Scalar("SELECT COUNT(*) FROM ActClusterLinks");
        var acknowledged = runs.Sum(r => r.Accepted);
        var verify = await server.RunCliAsync(db, "audit verify");
        var lost = acknowledged - (after - before);

        Console.WriteLine();
        Console.WriteLine("| run | target /s | achieved /s | 202 | other statuses | short of target | p50 ms | p95 ms | p99 ms | slowest ms |");
        Console.WriteLine("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var r in runs)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} ({r.Seconds:0} s) | {r.TargetRate:0} | {r.RequestsPerSecond:0} | {r.Accepted:N0} | {(r.Statuses.Length == 0 ? "none" : r.Statuses)} | {r.Errors} | {r.P50:0.0} | {r.P95:0.0} | {r.P99:0.0} | {r.Slowest:0} |"));
        }
        Console.WriteLine();
        Console.WriteLine("| triage officer's reads | n | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var phase in reads.GroupBy(r => r.Phase))
        {
            var ms = phase.Select(p => p.Ms).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| during {phase.Key} | {ms.Count} | {Pct(ms, 0.5):0.0} | {Pct(ms, 0.95):0.0} | {ms[^1]:0.0} |"));
        }
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"acknowledged (202): {acknowledged:N0}; reports stored: {after - before:N0}; lost: {lost}; left unprocessed: {unprocessed}; cluster links: {links:N0}; audit verify exit {verify.Exit}: {verify.Out.Trim()} {verify.Err.Trim()}"));
        root.Delete(recursive: true);
        return lost == 0 && unprocessed == 0 && verify.Exit == 0 ? 0 : 1;
    }

    /// <summary>Runs the load while the triage officer reads the queue and its first report twice a second.</summary>
    private static async Task<LoadRun> WithReadsAsync(HttpClient officer, string phase, List<(string, double)> reads, Func<Task<LoadRun>> load)
    {
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await ReadAsync(officer, phase, reads);
                await Task.Delay(500, CancellationToken.None);
            }
        });
        var result = await load();
        await stop.CancelAsync();
        await reader;
        return result;
    }

    private static async Task ReadAsync(HttpClient officer, string phase, List<(string, double)> reads)
    {
        var clock = Stopwatch.StartNew();
        using var queue = await officer.GetAsync("/api/v1/act/reports?pageSize=25");
        queue.EnsureSuccessStatusCode();
        var page = await queue.Content.ReadFromJsonAsync<JsonElement>();
        var queueMs = clock.Elapsed.TotalMilliseconds;
        var first = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).FirstOrDefault();
        clock.Restart();
        if (first != Guid.Empty)
        {
            using var report = await officer.GetAsync($"/api/v1/act/reports/{first}");
            report.EnsureSuccessStatusCode();
        }
        lock (reads)
        {
            reads.Add((phase, queueMs));
            if (first != Guid.Empty)
            {
                reads.Add((phase, clock.Elapsed.TotalMilliseconds));
            }
        }
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static string EnsureHey()
    {
        foreach (var candidate in new[] { "/usr/bin/hey", "/usr/local/bin/hey" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        Console.WriteLine("Installing hey (Debian package)...");
        using var install = Process.Start(new ProcessStartInfo("sh", "-c \"apt-get install -y -qq hey >/dev/null || (apt-get update -qq && apt-get install -y -qq hey >/dev/null)\"") { UseShellExecute = false })!;
        install.WaitForExit();
        return File.Exists("/usr/bin/hey") ? "/usr/bin/hey" : throw new InvalidOperationException("hey is not installed and could not be installed (apt-get install hey)");
    }

    private static double Pct(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
}

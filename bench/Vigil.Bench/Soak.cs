using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Vigil.Bench;

/// <summary>
/// The soak (issue 18): the Release server (as <see cref="AppServer"/> starts it) on a national-scale SQLite database
/// for an hour, with 50 simulated officers across the roles (tokens minted by the CLI for the demo accounts; each
/// officer on a connection of their own, an operation of their role, then a think) and the public's ACT reports
/// arriving at random (Poisson) at a steady rate, each timed from when it was due. Every minute it samples the
/// server process (RSS, peak RSS, threads and open file descriptors from /proc; the managed heap, GC and thread
/// pool from the runtime's own counters over its diagnostics port), the database file and its WAL, the ACT
/// processing backlog, the load average, and the minute's requests: count, p50/p95/p99, and errors (5xx,
/// timeouts, failed connections, and any other non-2xx status: the mix never provokes a 4xx on purpose). From the
/// same port: the minute's collections of each generation, and every full collection with generation 2 before and
/// after it and what of it survived (the runtime's GC events). With --gcdump DIR it takes a heap snapshot with
/// dotnet-gcdump (a dotnet tool: on the PATH, or --gcdump-tool PATH) after the warm-up and again once the load has
/// stopped (bench/Vigil.GcdumpRetained compares the two by type).
/// It writes the samples as CSV, draws them (PNG), prints a table per ten minutes and a verdict: linear fits of RSS,
/// the managed heap and officers' p95 over the last 40 minutes.
/// <code>dotnet run -c Release --project bench/Vigil.Bench -- soak --sqlite PATH [--minutes 60] [--users 50]
///     [--think 3] [--act-rate 20] [--seed 18] [--csv PATH] [--picture PATH] [--ready-timeout 30] [--server DLL]
///     [--gcdump DIR [--gcdump-tool PATH]]</code>
/// It measures and prints only; nothing in it asserts a time. It writes to the database it runs on (tokens, the
/// officers' records, the public's reports, an audit entry for every audited request): run it on a copy to keep one.
/// </summary>
internal static partial class Soak
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (National.Option(args, "--redraw") is { } samplesCsv)
        {
            return Redraw(samplesCsv, National.Option(args, "--picture"), National.Option(args, "--title"));
        }
        var path = National.Option(args, "--sqlite");
        if (path is null)
        {
            Console.Error.WriteLine("usage: soak --sqlite PATH [--minutes 60] [--users 50] [--think 3] [--act-rate 20] [--seed 18] [--csv PATH] [--picture PATH] [--gcdump DIR [--gcdump-tool PATH]]\n"
                + "       soak --redraw CSV [--picture PATH] [--title TEXT]   (the picture, tables and verdict again from a run's samples)");
            return 2;
        }
        var minutes = int.Parse(National.Option(args, "--minutes") ?? "60", CultureInfo.InvariantCulture);
        var users = int.Parse(National.Option(args, "--users") ?? "50", CultureInfo.InvariantCulture);
        var think = double.Parse(National.Option(args, "--think") ?? "3", CultureInfo.InvariantCulture);
        var actRate = double.Parse(National.Option(args, "--act-rate") ?? "20", CultureInfo.InvariantCulture);
        var seed = int.Parse(National.Option(args, "--seed") ?? "18", CultureInfo.InvariantCulture);
        var repo = Datasets.RepositoryRoot();
        var csvPath = Path.GetFullPath(National.Option(args, "--csv") ?? Path.Combine(repo, "docs", "images", "soak.csv"));
        var picturePath = Path.GetFullPath(National.Option(args, "--picture") ?? Path.Combine(repo, "docs", "images", "soak.png"));
        var target = new SoakDatabase(National.Target.Parse(false, path));
        var gcdumpFolder = National.Option(args, "--gcdump") is { } folder ? Path.GetFullPath(folder) : null;
        var gcdumpTool = National.Option(args, "--gcdump-tool") ?? "dotnet-gcdump";
        var fullCollectionsPath = Path.Combine(Path.GetDirectoryName(csvPath)!, Path.GetFileNameWithoutExtension(csvPath) + "-gc.csv");

        // --server: a Vigil.Web.dll built already (say into a folder of its own while another build's server runs).
        var built = National.Option(args, "--server") is { } dll ? new AppServer(Path.GetFullPath(dll)) : AppServer.Build();
        var server = new AppServer(built.Dll) { StuckAfter = TimeSpan.FromMinutes(double.Parse(National.Option(args, "--ready-timeout") ?? "30", CultureInfo.InvariantCulture)) };
        Console.WriteLine($"soak: {Environment.ProcessorCount} cores, {National.Machine()}; {target.Inner.Size()} SQLite at {path}; {minutes} min, {users} officers (think {think} s mean), public ACT reports {actRate}/s; load average {National.LoadAverage()}");

        // The officers, their accounts in turn within each role, in proportion to the mix.
        var shares = Mix.Sum(m => m.Share);
        var plan = new List<(Kind Kind, string Account)>();
        foreach (var (kind, accounts, share) in Mix)
        {
            var n = Math.Max(1, (int)Math.Round((double)share * users / shares));
            plan.AddRange(Enumerable.Range(0, n).Select(i => (kind, accounts[i % accounts.Length])));
        }
        var tokens = new Dictionary<string, string>();
        foreach (var account in plan.Select(p => p.Account).Distinct())
        {
            var minted = await server.RunCliAsync(target, $"tokens create --user {Email(account)} --name \"soak {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}\" --days 2");
            if (minted.Exit != 0)
            {
                throw new InvalidOperationException($"Could not mint a token for {account} (is the database seeded with the demo?): {minted.Err.Trim()}");
            }
            tokens[account] = minted.Out.Trim();
        }

        var run = await server.LaunchAsync(target);
        var recorder = new Recorder();
        var samples = new List<Sample>();
        var clients = new List<HttpClient>();
        RuntimeCounters? counters = null;
        List<FullCollection> fullCollections = [];
        string? heapAtStart = null, heapAtEnd = null;
        int exitCode;
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready in {run.Ready.TotalSeconds:0.0} s, RSS {Proc(run.ProcessId).RssMiB:0} MiB; load average {National.LoadAverage()}"));
            counters = RuntimeCounters.TryStart(run.ProcessId, 10);

            // Each officer: a connection of their own, their account's token; what each account sees, found once.
            var random = new Random(seed);
            var known = new Dictionary<string, Known>();
            var officers = new List<(Officer Officer, List<Op> Ops)>();
            foreach (var (kind, account) in plan)
            {
                var client = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) }) { BaseAddress = run.Address, Timeout = TimeSpan.FromSeconds(30) };
                client.DefaultRequestHeaders.Authorization = new("Bearer", tokens[account]);
                clients.Add(client);
                var firstOfAccount = !known.ContainsKey(account);
                var k = firstOfAccount ? known[account] = new Known() : known[account];
                var officer = new Officer(account, kind, client, recorder, k, new Random(random.Next()));
                if (firstOfAccount)
                {
                    await DiscoverAsync(officer);
                }
                officers.Add((officer, []));
            }
            // Every operation of every role tried once, not counted; one that fails is left out of the mix and named.
            var ops = new Dictionary<string, List<Op>>();
            foreach (var (officer, _) in officers.DistinctBy(o => o.Officer.Account))
            {
                var usable = new List<Op>();
                foreach (var op in Operations(officer.Kind, officer.Known))
                {
                    var before = recorder.SetupFailures.Count;
                    await op.Run(officer);
                    if (recorder.SetupFailures.Count == before)
                    {
                        usable.Add(op);
                    }
                    else
                    {
                        Console.WriteLine($"left out of the mix: {officer.Account} {op.Name}: {recorder.SetupFailures[^1]}");
                    }
                }
                ops[officer.Account] = usable;
                var k = officer.Known;
                Console.WriteLine($"{officer.Account,-24} {officer.Kind,-12} {string.Join(", ", usable.Select(o => $"{o.Name} x{o.Weight}"))}"
                    + $" | sees {k.Subjects.Count} subjects, {k.Investigations.Count} investigations{(k.ActionInvestigation is null ? "" : " (actions on one)")}, {k.Cases.Count} cases, {k.Sites.Count} sites, {k.ActReports.Count} ACT reports, {k.IntelligenceReports.Count} intelligence reports, {k.Scenarios.Count} scenarios");
            }
            Console.WriteLine(string.Join(", ", plan.GroupBy(p => p.Kind).Select(g => $"{g.Key} {g.Count()}")) + $": {plan.Count} officers");
            if (gcdumpFolder is not null)
            {
                // After the warm-up, before the clock: the snapshot's own full (induced, blocking) collection is not in the hour.
                heapAtStart = await GcdumpAsync(gcdumpTool, run.ProcessId, gcdumpFolder, "soak-start");
            }

            // The soak.
            recorder.Counting = true;
            using var stop = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            var work = officers.Select(o => WorkAsync(o.Officer, ops[o.Officer.Account], think, stop.Token)).ToList();
            var act = new PublicReports(run.Address, recorder, actRate, new Random(random.Next()));
            var publicLoad = act.RunAsync(stop.Token);
            var sqlite = target.Inner.SqlitePath!;
            var collectionsBefore = Collections(counters);
            var fullBefore = counters?.FullCollections().Count ?? 0;
            for (var minute = 1; minute <= minutes; minute++)
            {
                var due = TimeSpan.FromMinutes(minute) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }
                if (!IsRunning(run.ProcessId))
                {
                    Console.WriteLine($"THE SERVER HAS EXITED in minute {minute}");
                    break;
                }
                var collections = Collections(counters);
                var full = counters?.FullCollections() ?? [];
                var sample = Take(minute, run.ProcessId, sqlite, counters, recorder.Drain(), act.Short(),
                    (Minus(collections.Gen0, collectionsBefore.Gen0), Minus(collections.Gen1, collectionsBefore.Gen1), Minus(collections.Gen2, collectionsBefore.Gen2)),
                    full.Count - fullBefore, full.Count > 0 ? full[^1].Gen2SurvivedMiB : null);
                collectionsBefore = collections;
                fullBefore = full.Count;
                samples.Add(sample);
                Console.WriteLine(sample.Line());
                if (minute == 1 && counters is not null)
                {
                    Console.WriteLine("runtime counters: " + counters.Seen());
                }
            }
            await stop.CancelAsync();
            await Task.WhenAll(work);
            await publicLoad;
            var late = recorder.Drain();
            Console.WriteLine($"stopped; {late.Count} requests answered after the last sample (not in the table); unprocessed ACT reports at the end: {Backlog(sqlite)}");
            if (counters is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"collections since the counters began: gen-0-gc-count {counters.Total("gen-0-gc-count")}, gen-1-gc-count {counters.Total("gen-1-gc-count")}, gen-2-gc-count {counters.Total("gen-2-gc-count")}; GCStart events {counters.CollectionsSeen()}"));
            }
            if (gcdumpFolder is not null)
            {
                // Once the load has stopped (the requests answered), before the server is killed.
                heapAtEnd = await GcdumpAsync(gcdumpTool, run.ProcessId, gcdumpFolder, "soak-end");
            }
            fullCollections = counters?.FullCollections() ?? [];
            exitCode = 0;
        }
        finally
        {
            counters?.Dispose();
            run.Kill();
            foreach (var c in clients)
            {
                c.Dispose();
            }
        }

        var verify = await server.RunCliAsync(target, "audit verify");
        Console.WriteLine($"audit verify exit {verify.Exit}: {verify.Out.Trim()} {verify.Err.Trim()}");
        target.Inner.Clean();

        Directory.CreateDirectory(Path.GetDirectoryName(csvPath)!);
        await File.WriteAllTextAsync(csvPath, Sample.CsvHeader + "\n" + string.Join("\n", samples.Select(s => s.Csv())) + "\n");
        Console.WriteLine($"samples: {csvPath}");
        var clockStarted = samples.Count > 0 ? samples[0].At.AddMinutes(-1) : DateTime.UtcNow;
        await File.WriteAllTextAsync(fullCollectionsPath, FullCollectionsCsvHeader + "\n" + string.Join("\n", fullCollections.Select(f => FullCollectionCsv(f, clockStarted))) + "\n");
        Console.WriteLine($"full collections: {fullCollectionsPath}");
        if (samples.Count >= 2)
        {
            Draw(samples, picturePath, $"Vigil soak: {samples.Count} min, {plan.Count} officers + public ACT reports {actRate.ToString(CultureInfo.InvariantCulture)}/s, SQLite {target.Inner.Size()}");
            Console.WriteLine($"picture: {picturePath}");
        }
        Console.WriteLine();
        PrintTable(samples, Console.Out);
        Console.WriteLine();
        PrintEndpoints(recorder, Console.Out);
        Console.WriteLine();
        PrintFullCollections(fullCollections.Select(f => (Minute: (f.At - clockStarted).TotalMinutes, f)).ToList(), Console.Out);
        Console.WriteLine();
        if (heapAtStart is not null && heapAtEnd is not null)
        {
            PrintHeapComparison(heapAtStart, heapAtEnd, gcdumpFolder!, Console.Out);
            Console.WriteLine();
        }
        PrintVerdict(samples, Console.Out);
        foreach (var note in recorder.FirstErrors)
        {
            Console.WriteLine("ERROR " + note);
        }
        return verify.Exit == 0 && samples.Sum(s => s.Errors) == 0 ? exitCode : 1;
    }

    /// <summary>The picture, the tables and the verdict again, from the samples a run wrote.</summary>
    private static int Redraw(string csv, string? picture, string? title)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        var samples = lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var cells = l.Split(',');
            string Cell(string name) => cells[Array.IndexOf(header, name)];
            double D(string name) => double.Parse(Cell(name), CultureInfo.InvariantCulture);
            double? N(string name) => Array.IndexOf(header, name) < 0 || Cell(name).Length == 0 ? null : D(name);
            return new Sample((int)D("minute"), DateTime.Parse(Cell("utc"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), D("load1"), D("load5"), D("load15"),
                D("rss_mib"), D("peak_rss_mib"), (int)D("threads"), (int)D("open_fds"),
                N("gc_heap_mib"), N("gc_committed_mib"), N("gen2_mib"), N("loh_mib"), N("threadpool_threads"), N("threadpool_queue"), N("time_in_gc_pct"), N("kestrel_connections"),
                D("db_mib"), D("wal_mib"), (long)D("act_unprocessed"), (int)D("officer_requests"), D("officer_p50_ms"), D("officer_p95_ms"), D("officer_p99_ms"),
                (int)D("public_requests"), D("public_p50_ms"), D("public_p95_ms"), D("public_p99_ms"),
                (int)D("errors_5xx"), (int)D("timeouts"), (int)D("unexpected_status"), (int)D("connection_errors"), (long)D("public_not_sent"),
                N("gen0_gcs"), N("gen1_gcs"), N("gen2_gcs"), N("gc_fragmentation_pct"), (int)(N("full_collections") ?? 0), N("gen2_survived_last_full_mib"));
        }).ToList();
        var path = Path.GetFullPath(picture ?? Path.ChangeExtension(csv, ".png"));
        Draw(samples, path, title ?? $"Vigil soak: {samples.Count} min");
        Console.WriteLine($"picture: {path}");
        PrintTable(samples, Console.Out);
        Console.WriteLine();
        var fullCsv = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(csv))!, Path.GetFileNameWithoutExtension(csv) + "-gc.csv");
        if (File.Exists(fullCsv))
        {
            var rows = File.ReadAllLines(fullCsv);
            var h = rows[0].Split(',');
            PrintFullCollections(rows.Skip(1).Where(l => l.Length > 0).Select(l =>
            {
                var c = l.Split(',');
                double D(string name) => double.Parse(c[Array.IndexOf(h, name)], CultureInfo.InvariantCulture);
                return (D("minute"), new FullCollection(DateTime.Parse(c[Array.IndexOf(h, "utc")], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), (long)D("number"),
                    c[Array.IndexOf(h, "reason")], c[Array.IndexOf(h, "type")], D("gen2_before_mib"), D("gen2_after_mib"), D("gen2_survived_mib")));
            }).ToList(), Console.Out);
            Console.WriteLine();
        }
        PrintVerdict(samples, Console.Out);
        return 0;
    }

    private static (double? Gen0, double? Gen1, double? Gen2) Collections(RuntimeCounters? counters) =>
        (counters?.Total("gen-0-gc-count"), counters?.Total("gen-1-gc-count"), counters?.Total("gen-2-gc-count"));

    private static double? Minus(double? now, double? before) => now is { } n ? n - (before ?? 0) : null;

    private const string FullCollectionsCsvHeader = "minute,utc,number,reason,type,gen2_before_mib,gen2_after_mib,gen2_survived_mib";

    private static string FullCollectionCsv(FullCollection f, DateTime clockStarted) => string.Create(CultureInfo.InvariantCulture,
        $"{(f.At - clockStarted).TotalMinutes:0.00},{f.At:yyyy-MM-ddTHH:mm:ssZ},{f.Number},{f.Reason},{f.Type},{f.Gen2BeforeMiB:0.0},{f.Gen2AfterMiB:0.0},{f.Gen2SurvivedMiB:0.0}");

    /// <summary>Every full collection: generation 2 before it (after the collection before), after it, and what survived.</summary>
    private static void PrintFullCollections(List<(double Minute, FullCollection F)> full, TextWriter o)
    {
        o.WriteLine($"Full (generation 2) collections from the GC events: {full.Count} (a negative minute: before the clock started)");
        o.WriteLine("| minute | collection | reason | kind | gen 2 before MiB | gen 2 after MiB | gen 2 survived MiB |");
        o.WriteLine("|---:|---:|---|---|---:|---:|---:|");
        foreach (var (minute, f) in full)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {minute:0.0} | {f.Number} | {f.Reason} | {f.Type} | {f.Gen2BeforeMiB:0} | {f.Gen2AfterMiB:0} | {f.Gen2SurvivedMiB:0} |"));
        }
        var timed = full.Where(f => f.Minute >= 0 && f.F.Reason != "Induced").Select(f => f.F).ToList();
        if (timed.Count > 0)
        {
            // A background collection sweeps generation 2 in place: what died becomes free space that generation 2's size
            // still counts (and promotions fill), so the size after it is survivors plus that free space.
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"On the clock, not induced (the snapshots induce their own): {timed.Count} full collections; generation 2 survived {timed.Min(f => f.Gen2SurvivedMiB):0.0} to {timed.Max(f => f.Gen2SurvivedMiB):0.0} MiB; "
                + $"its size changed by {timed.Min(f => f.Gen2AfterMiB - f.Gen2BeforeMiB):+0.0;-0.0} to {timed.Max(f => f.Gen2AfterMiB - f.Gen2BeforeMiB):+0.0;-0.0} MiB across each; "
                + $"size after minus survived (free space left in generation 2) {timed.Min(f => f.Gen2AfterMiB - f.Gen2SurvivedMiB):0.0} to {timed.Max(f => f.Gen2AfterMiB - f.Gen2SurvivedMiB):0.0} MiB"));
        }
    }

    /// <summary>A heap snapshot with dotnet-gcdump (which induces a full blocking collection in the server), and its
    /// report (kept beside it as text); null (said why) if it fails.</summary>
    private static async Task<string?> GcdumpAsync(string tool, int pid, string folder, string name)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name + ".gcdump");
        var clock = Stopwatch.StartNew();
        var collect = await ToolAsync(tool, $"collect -p {pid} -o \"{file}\"");
        var took = clock.Elapsed;
        if (collect.Exit != 0 || !File.Exists(file))
        {
            Console.WriteLine($"gcdump {name} failed (exit {collect.Exit}): {collect.Out.Trim()} {collect.Err.Trim()}");
            return null;
        }
        var report = await ToolAsync(tool, $"report \"{file}\"");
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".txt"), report.Out);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gcdump {name}: {file} in {took.TotalSeconds:0.0} s ({new FileInfo(file).Length / 1048576.0:0} MiB); {collect.Out.Trim().ReplaceLineEndings(" ")} {collect.Err.Trim().ReplaceLineEndings(" ")}"));
        return report.Out;
    }

    private static async Task<(int Exit, string Out, string Err)> ToolAsync(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>dotnet-gcdump's report: the heap's total bytes and objects (its lines by type are not used: their
    /// "Object Bytes" column is not the types' bytes, 22 for 4.3 million strings in the soak's snapshot).</summary>
    private static (long Bytes, long Objects) HeapTotals(string report)
    {
        long bytes = 0, objects = 0;
        foreach (var line in report.Split('\n'))
        {
            var t = line.Trim();
            if (t.EndsWith("GC Heap bytes", StringComparison.Ordinal))
            {
                bytes = long.Parse(t.Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            }
            else if (t.EndsWith("GC Heap objects", StringComparison.Ordinal))
            {
                objects = long.Parse(t.Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            }
        }
        return (bytes, objects);
    }

    /// <summary>The two snapshots' totals; by type (own and retained bytes) bench/Vigil.GcdumpRetained compares them.</summary>
    private static void PrintHeapComparison(string start, string end, string folder, TextWriter o)
    {
        var a = HeapTotals(start);
        var b = HeapTotals(end);
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Heap snapshots (dotnet-gcdump: the objects live at the snapshot's own full collection): start {a.Bytes / 1048576.0:N1} MiB in {a.Objects:N0} objects, end {b.Bytes / 1048576.0:N1} MiB in {b.Objects:N0} objects ({(b.Bytes - a.Bytes) / 1048576.0:+0.0;-0.0} MiB). "
            + $"By type: dotnet run -c Release --project bench/Vigil.GcdumpRetained -p:GcdumpTool=DIR -- {Path.Combine(folder, "soak-start.gcdump")} {Path.Combine(folder, "soak-end.gcdump")}"));
    }

    /// <summary>The target with the public form's per-address limit raised (one load generator is one address).</summary>
    private sealed class SoakDatabase(National.Target inner) : IAppDatabase
    {
        public National.Target Inner => inner;

        public void Configure(ProcessStartInfo start)
        {
            inner.Configure(start);
            start.Environment["Vigil__PublicForm__PermitsPerTenMinutes"] = "100000000";
        }
    }

    private static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}");

    private static (double RssMiB, double HwmMiB, int Threads) Proc(int pid)
    {
        double rss = 0, hwm = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            switch (parts[0])
            {
                case "VmRSS:":
                    rss = long.Parse(parts[1], CultureInfo.InvariantCulture) / 1024.0;
                    break;
                case "VmHWM:":
                    hwm = long.Parse(parts[1], CultureInfo.InvariantCulture) / 1024.0;
                    break;
                case "Threads:":
                    threads = int.Parse(parts[1], CultureInfo.InvariantCulture);
                    break;
            }
        }
        return (rss, hwm, threads);
    }

    private static long Backlog(string sqlite)
    {
        try
        {
            using var connection = new SqliteConnection($"Data Source={sqlite};Mode=ReadOnly;Pooling=False;Default Timeout=10");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM ActReports WHERE Processed = 0";
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return -1;
        }
    }

    private static double FileMiB(string path) => File.Exists(path) ? new FileInfo(path).Length / 1024.0 / 1024.0 : 0;

    private static Sample Take(int minute, int pid, string sqlite, RuntimeCounters? counters, List<Recorded> requests, long publicShort,
        (double? Gen0, double? Gen1, double? Gen2) collections, int fullCollections, double? gen2Survived)
    {
        var (rss, hwm, threads) = Proc(pid);
        var fds = Directory.GetFiles($"/proc/{pid}/fd").Length;
        var officers = requests.Where(r => !r.Public).Select(r => r.Ms).Order().ToArray();
        var @public = requests.Where(r => r.Public).Select(r => r.Ms).Order().ToArray();
        var load = File.ReadAllText("/proc/loadavg").Split(' ');
        return new Sample(
            minute, DateTime.UtcNow,
            double.Parse(load[0], CultureInfo.InvariantCulture), double.Parse(load[1], CultureInfo.InvariantCulture), double.Parse(load[2], CultureInfo.InvariantCulture),
            rss, hwm, threads, fds,
            // gc-heap-size and gc-committed are in MB (bytes / 1,000,000), the generations' sizes in bytes: all as MiB here.
            counters?.Get("gc-heap-size") * MiBPerMB, counters?.Get("gc-committed") * MiBPerMB, counters?.Get("gen-2-size") / 1048576.0, counters?.Get("loh-size") / 1048576.0,
            counters?.Get("threadpool-thread-count"), counters?.Get("threadpool-queue-length"), counters?.Get("time-in-gc"), counters?.Get("current-connections"),
            FileMiB(sqlite), FileMiB(sqlite + "-wal"), Backlog(sqlite),
            officers.Length, National.Percentile(officers, 0.5), National.Percentile(officers, 0.95), National.Percentile(officers, 0.99),
            @public.Length, National.Percentile(@public, 0.5), National.Percentile(@public, 0.95), National.Percentile(@public, 0.99),
            requests.Count(r => r.Outcome == Outcome.ServerError), requests.Count(r => r.Outcome == Outcome.Timeout),
            requests.Count(r => r.Outcome == Outcome.Unexpected), requests.Count(r => r.Outcome == Outcome.Connection), publicShort,
            collections.Gen0, collections.Gen1, collections.Gen2, counters?.Get("gc-fragmentation"), fullCollections, gen2Survived);
    }

    private const double MiBPerMB = 1_000_000.0 / 1048576.0;

    private sealed record Sample(
        int Minute, DateTime At, double Load1, double Load5, double Load15,
        double RssMiB, double HwmMiB, int Threads, int Fds,
        double? GcHeapMiB, double? GcCommittedMiB, double? Gen2MiB, double? LohMiB, double? PoolThreads, double? PoolQueue, double? TimeInGcPercent, double? Connections,
        double DbMiB, double WalMiB, long ActBacklog,
        int OfficerRequests, double OfficerP50, double OfficerP95, double OfficerP99,
        int PublicRequests, double PublicP50, double PublicP95, double PublicP99,
        int ServerErrors, int Timeouts, int Unexpected, int ConnectionErrors, long PublicShort,
        double? Gen0Collections, double? Gen1Collections, double? Gen2Collections, double? FragmentationPercent, int FullCollections, double? Gen2SurvivedMiB)
    {
        public int Errors => ServerErrors + Timeouts + Unexpected + ConnectionErrors;

        public const string CsvHeader = "minute,utc,load1,load5,load15,rss_mib,peak_rss_mib,threads,open_fds,gc_heap_mib,gc_committed_mib,gen2_mib,loh_mib,threadpool_threads,threadpool_queue,time_in_gc_pct,kestrel_connections,"
            + "db_mib,wal_mib,act_unprocessed,officer_requests,officer_p50_ms,officer_p95_ms,officer_p99_ms,public_requests,public_p50_ms,public_p95_ms,public_p99_ms,"
            + "errors_5xx,timeouts,unexpected_status,connection_errors,public_not_sent,"
            + "gen0_gcs,gen1_gcs,gen2_gcs,gc_fragmentation_pct,full_collections,gen2_survived_last_full_mib";

        public string Csv() => string.Join(",", new object?[]
        {
            Minute, At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), Load1, Load5, Load15, R(RssMiB), R(HwmMiB), Threads, Fds,
            R(GcHeapMiB), R(GcCommittedMiB), R(Gen2MiB), R(LohMiB), PoolThreads, PoolQueue, R(TimeInGcPercent), Connections,
            R(DbMiB), R(WalMiB), ActBacklog, OfficerRequests, R(OfficerP50), R(OfficerP95), R(OfficerP99), PublicRequests, R(PublicP50), R(PublicP95), R(PublicP99),
            ServerErrors, Timeouts, Unexpected, ConnectionErrors, PublicShort,
            Gen0Collections, Gen1Collections, Gen2Collections, R(FragmentationPercent), FullCollections, R(Gen2SurvivedMiB),
        }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""));

        private static double? R(double? v) => v is { } x ? Math.Round(x, 1) : null;

        public string Line() => string.Create(CultureInfo.InvariantCulture,
            $"min {Minute,2}: load {Load1:0.00}; RSS {RssMiB:0} MiB (peak {HwmMiB:0}), GC heap {GcHeapMiB:0} MiB, gen 2 {Gen2MiB:0} MiB (survived last full {Gen2SurvivedMiB:0}), collections gen 0/1/2 {Gen0Collections}/{Gen1Collections}/{Gen2Collections}, threads {Threads}, fds {Fds}; db {DbMiB:0} MiB + WAL {WalMiB:0}; ACT backlog {ActBacklog}; "
            + $"officers {OfficerRequests} p50/95/99 {OfficerP50:0}/{OfficerP95:0}/{OfficerP99:0} ms; public {PublicRequests} p50/95/99 {PublicP50:0}/{PublicP95:0}/{PublicP99:0} ms; "
            + $"errors {Errors} (5xx {ServerErrors}, timeouts {Timeouts}, other status {Unexpected}, connection {ConnectionErrors}){(PublicShort > 0 ? $"; public not sent {PublicShort}" : "")}");
    }

    private enum Outcome { Ok, ServerError, Timeout, Unexpected, Connection }

    private sealed record Recorded(string Endpoint, bool Public, double Ms, Outcome Outcome);

    /// <summary>Every request's time and outcome, drained by the minute; the whole run's per endpoint; the first errors.</summary>
    private sealed class Recorder
    {
        private readonly object gate = new();
        private List<Recorded> minute = [];
        private readonly Dictionary<string, List<double>> byEndpoint = [];
        private readonly Dictionary<string, int> errorsByEndpoint = [];

        public bool Counting { get; set; }

        public List<string> SetupFailures { get; } = [];

        public List<string> FirstErrors { get; } = [];

        public void Record(string endpoint, bool isPublic, double ms, Outcome outcome, string? detail)
        {
            lock (gate)
            {
                if (!Counting)
                {
                    if (outcome != Outcome.Ok && endpoint != "setup")
                    {
                        SetupFailures.Add(detail ?? outcome.ToString());
                    }
                    return;
                }
                minute.Add(new Recorded(endpoint, isPublic, ms, outcome));
                if (!byEndpoint.TryGetValue(endpoint, out var list))
                {
                    byEndpoint[endpoint] = list = [];
                }
                list.Add(ms);
                if (outcome != Outcome.Ok)
                {
                    errorsByEndpoint[endpoint] = errorsByEndpoint.GetValueOrDefault(endpoint) + 1;
                    if (FirstErrors.Count < 30)
                    {
                        FirstErrors.Add($"{DateTime.UtcNow:HH:mm:ss} {outcome}: {detail}");
                        Console.WriteLine($"ERROR {outcome}: {detail}");
                    }
                }
            }
        }

        public List<Recorded> Drain()
        {
            lock (gate)
            {
                var taken = minute;
                minute = [];
                return taken;
            }
        }

        public List<(string Endpoint, int Count, double P50, double P95, double P99, int Errors)> Endpoints()
        {
            lock (gate)
            {
                return byEndpoint.Select(e =>
                {
                    var sorted = e.Value.Order().ToArray();
                    return (e.Key, sorted.Length, National.Percentile(sorted, 0.5), National.Percentile(sorted, 0.95), National.Percentile(sorted, 0.99), errorsByEndpoint.GetValueOrDefault(e.Key));
                }).OrderByDescending(e => e.Length).ToList();
            }
        }
    }

    private static void PrintTable(List<Sample> samples, TextWriter o)
    {
        o.WriteLine("| minutes | load average (1 min, mean) | officers' requests | officers p50 / p95 / p99 ms | public reports | public p50 / p95 / p99 ms | errors | RSS MiB (end) | GC heap MiB (end) | gen 2 MiB (end) | collections gen 0 / 1 / 2 | gen 2 survived last full MiB (end) | threads (end) | open fds (end) | database + WAL MiB (end) | ACT backlog (end) |");
        o.WriteLine("|---|---:|---:|---|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var chunk in samples.Chunk(10))
        {
            var last = chunk[^1];
            // Percentiles of a ten-minute block: the mean of its minutes' percentiles (each minute's are over all its requests).
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {chunk[0].Minute}-{last.Minute} | {chunk.Average(s => s.Load1):0.0} | {chunk.Sum(s => s.OfficerRequests):N0} | {chunk.Average(s => s.OfficerP50):0} / {chunk.Average(s => s.OfficerP95):0} / {chunk.Average(s => s.OfficerP99):0} | "
                + $"{chunk.Sum(s => s.PublicRequests):N0} | {chunk.Average(s => s.PublicP50):0} / {chunk.Average(s => s.PublicP95):0} / {chunk.Average(s => s.PublicP99):0} | {chunk.Sum(s => s.Errors)} | "
                + $"{last.RssMiB:0} | {last.GcHeapMiB:0} | {last.Gen2MiB:0} | {(chunk.All(s => s.Gen0Collections is null) ? "" : $"{chunk.Sum(s => s.Gen0Collections ?? 0):0} / {chunk.Sum(s => s.Gen1Collections ?? 0):0} / {chunk.Sum(s => s.Gen2Collections ?? 0):0}")} | {last.Gen2SurvivedMiB:0} | "
                + $"{last.Threads} | {last.Fds} | {last.DbMiB:N0} + {last.WalMiB:0} | {last.ActBacklog} |"));
        }
    }

    private static void PrintEndpoints(Recorder recorder, TextWriter o)
    {
        o.WriteLine("| operation | requests | p50 ms | p95 ms | p99 ms | errors |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (endpoint, count, p50, p95, p99, errors) in recorder.Endpoints())
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {endpoint} | {count:N0} | {p50:0.0} | {p95:0.0} | {p99:0.0} | {errors} |"));
        }
    }

    /// <summary>Least squares: the slope per minute and r².</summary>
    private static (double Slope, double R2) Fit(List<(double X, double Y)> points)
    {
        if (points.Count < 3)
        {
            return (double.NaN, double.NaN);
        }
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - mx) * (p.X - mx));
        var sxy = points.Sum(p => (p.X - mx) * (p.Y - my));
        var syy = points.Sum(p => (p.Y - my) * (p.Y - my));
        var slope = sxy / sxx;
        return (slope, syy == 0 ? 1 : sxy * sxy / (sxx * syy));
    }

    private static void PrintVerdict(List<Sample> samples, TextWriter o)
    {
        var window = samples.Skip(Math.Max(0, samples.Count - 40)).ToList();
        if (window.Count < 3)
        {
            o.WriteLine("verdict: too few samples");
            return;
        }
        string Line(string what, Func<Sample, double?> value, string unit, double growthLimit)
        {
            var points = window.Where(s => value(s) is not null).Select(s => (X: (double)s.Minute, Y: value(s)!.Value)).ToList();
            if (points.Count < 3)
            {
                return $"{what}: not sampled";
            }
            var (slope, r2) = Fit(points);
            var mean = points.Average(p => p.Y);
            var perHour = slope * 60;
            var grows = perHour > growthLimit * mean;
            var judged = grows ? "GROWS (more than " : perHour < -growthLimit * mean ? "falls (by more than " : "flat (less than ";
            return string.Create(CultureInfo.InvariantCulture,
                $"{what}: {perHour:+0.0;-0.0} {unit}/hour over minutes {window[0].Minute}-{window[^1].Minute} (r² {r2:0.00}, mean {mean:0.0} {unit}, first {points[0].Y:0.0}, last {points[^1].Y:0.0}): {judged}{growthLimit:P0} of its mean an hour)");
        }
        o.WriteLine("Verdict (linear least-squares fit over the last 40 minutes; 'grows' if the fitted rate adds more than the stated share of the mean in an hour):");
        o.WriteLine("- " + Line("RSS", s => s.RssMiB, "MiB", 0.10));
        o.WriteLine("- " + Line("managed heap (gc-heap-size)", s => s.GcHeapMiB, "MiB", 0.10));
        o.WriteLine("- " + Line("generation 2 (gen-2-size)", s => s.Gen2MiB, "MiB", 0.10));
        o.WriteLine("- " + Line("generation 2 survived at the last full collection", s => s.Gen2SurvivedMiB, "MiB", 0.10));
        if (samples.Any(s => s.Gen2Collections is not null))
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"- collections over the run (counters): gen 0 {samples.Sum(s => s.Gen0Collections ?? 0):0}, gen 1 {samples.Sum(s => s.Gen1Collections ?? 0):0}, gen 2 {samples.Sum(s => s.Gen2Collections ?? 0):0} (each count includes the older generations' collections); in minutes {window[0].Minute}-{window[^1].Minute}: gen 2 {window.Sum(s => s.Gen2Collections ?? 0):0} (GC events: {window.Sum(s => s.FullCollections)})"));
        }
        o.WriteLine("- " + Line("threads", s => s.Threads, "", 0.10));
        o.WriteLine("- " + Line("open file descriptors", s => s.Fds, "", 0.10));
        o.WriteLine("- " + Line("WAL", s => s.WalMiB, "MiB", 0.50));
        o.WriteLine("- " + Line("officers' p95", s => s.OfficerP95, "ms", 0.20));
        o.WriteLine("- " + Line("officers' p99", s => s.OfficerP99, "ms", 0.20));
        o.WriteLine("- " + Line("public reports' p95", s => s.PublicP95, "ms", 0.20));
        o.WriteLine("- " + Line("ACT backlog", s => s.ActBacklog, "reports", 0.50));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- database: {samples[0].DbMiB:N0} MiB after minute 1, {samples[^1].DbMiB:N0} MiB at the end (the records the run wrote; data, not a leak)"));
        o.WriteLine($"- errors: {samples.Sum(s => s.Errors)} in {samples.Sum(s => s.OfficerRequests + s.PublicRequests):N0} requests (5xx {samples.Sum(s => s.ServerErrors)}, timeouts {samples.Sum(s => s.Timeouts)}, other status {samples.Sum(s => s.Unexpected)}, connection {samples.Sum(s => s.ConnectionErrors)}); public reports not sent (over 500 in flight): {samples.Sum(s => s.PublicShort)}");
        o.WriteLine($"- load average (1 min) over the run: min {samples.Min(s => s.Load1):0.00}, median {samples.Select(s => s.Load1).Order().ElementAt(samples.Count / 2):0.00}, max {samples.Max(s => s.Load1):0.00}");
    }
}

using System.Globalization;

namespace Vigil.Bench;

/// <summary>
/// A full disk under PostgreSQL, for real: a size-limited tmpfs (<c>mount -t tmpfs -o size=...</c>) holds either the
/// database's tablespace (<c>data</c>: its tables and indexes; the WAL on the ordinary disk) or the server's WAL
/// (<c>wal</c>: <c>initdb --waldir</c>, 1 MB segments). The real server (the Release build, <c>--demo</c>) seeds its demo
/// there; writers raise subjects and a reader searches; then a ballast file takes all but <c>--headroom-kb</c> of the
/// filesystem, and the writes go on until the disk is full and they are refused. Then the ballast is removed (and, if
/// PostgreSQL stopped itself, it is started again, as an operator would) and the writes go on. Checked: every refusal
/// is a 503 ProblemDetails (never a 500), no refused write left anything, every acknowledged write is there, `audit
/// verify` exits 0, and the app process is the one that started.
/// <code>dotnet run -c Release --project bench/Vigil.Bench -- diskfull [--where data,wal] [--size-mb 512] [--headroom-kb 256]</code>
/// Needs root (mount, and the server runs as the postgres user). Exits 1 if anything was lost, half-saved or broken.
/// </summary>
internal static class DiskFull
{
    private const string Writer = "investigator.northwest@vigil.example";
    private const string Database = "vigil_diskfull";

    public static async Task<int> RunAsync(string[] args)
    {
        var where = (FaultLoad.Option(args, "--where") ?? "data,wal").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var sizeMb = int.Parse(FaultLoad.Option(args, "--size-mb") ?? "512", CultureInfo.InvariantCulture);
        var headroomKb = int.Parse(FaultLoad.Option(args, "--headroom-kb") ?? "256", CultureInfo.InvariantCulture);
        var server = AppServer.Build();
        Console.WriteLine($"disk full: PostgreSQL {PgCluster.Major}, tmpfs of {sizeMb} MB for {string.Join(" then ", where)}, filled to {headroomKb} KB free once the app is running");
        var failures = new List<string>();
        var rows = new List<string>();
        foreach (var place in where)
        {
            rows.Add(await RunOnceAsync(server, place, sizeMb, headroomKb, failures));
        }
        Console.WriteLine();
        Console.WriteLine("| full | writes attempted | acknowledged | refused (503, ProblemDetails) | 500s | searches (200 / 503) | lost | \"may or may not have been saved\" (saved) | refused yet saved | half-saved | PostgreSQL | freeing to first acknowledged write (s) | audit verify | app restarted |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|---:|---|---:|---:|---|---:|---|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }
        foreach (var failure in failures)
        {
            Console.WriteLine("FAILED: " + failure);
        }
        return failures.Count == 0 ? 0 : 1;
    }

    private static async Task<string> RunOnceAsync(AppServer server, string place, int sizeMb, int headroomKb, List<string> failures)
    {
        if (place is not ("data" or "wal"))
        {
            throw new ArgumentException("--where takes data, wal or both");
        }
        var root = Directory.CreateTempSubdirectory("vigil-diskfull-");
        PgCluster.Run("chmod", $"755 {root.FullName}");
        var small = Directory.CreateDirectory(Path.Combine(root.FullName, "small")).FullName;
        PgCluster.Run("mount", $"-t tmpfs -o size={sizeMb}m,mode=755 vigil-diskfull {small}");
        PgCluster? cluster = null;
        AppRun? app = null;
        try
        {
            var onSmall = Directory.CreateDirectory(Path.Combine(small, place)).FullName;
            PgCluster.Run("chown", $"postgres {onSmall}");
            cluster = place == "wal"
                ? PgCluster.Init(root, "pg", $"--waldir={onSmall}/pg_wal --wal-segsize=1")
                : PgCluster.Init(root, "pg");
            // max_wal_size high: a checkpoint recycles old segments, which would make room the test did not free.
            cluster.With("max_wal_size=4GB").Start();
            if (place == "data")
            {
                await cluster.ExecuteAsync($"CREATE TABLESPACE small LOCATION '{onSmall}'");
                await cluster.ExecuteAsync($"CREATE DATABASE {Database} TABLESPACE small");
            }
            else
            {
                await cluster.ExecuteAsync($"CREATE DATABASE {Database}");
            }
            var connection = $"Host=127.0.0.1;Port={cluster.Port};Username=vigil;Database={Database};Timeout=5";
            var database = new PostgresAppDatabase(Directory.CreateDirectory(Path.Combine(root.FullName, "app")).FullName, connection);
            app = await server.LaunchAsync(database);
            var processId = app.ProcessId;
            var minted = await server.RunCliAsync(database, $"tokens create --user {Writer} --name diskfull --days 1");
            if (minted.Exit != 0)
            {
                throw new InvalidOperationException("Could not mint a token: " + minted.Err);
            }
            using var load = new FaultLoad(app.Address, minted.Out.Trim(), writers: 4, readers: 1, seed: 20261207);
            load.Start();
            await Task.Delay(TimeSpan.FromSeconds(3));

            var ballast = Path.Combine(small, "ballast");
            var used = new DriveInfo(small).TotalSize - new DriveInfo(small).AvailableFreeSpace;
            var free = new DriveInfo(small).AvailableFreeSpace - headroomKb * 1024L;
            PgCluster.Run("fallocate", $"-l {free} {ballast}");
            var filledAt = load.Now;
            Console.WriteLine($"{place}: {used / 1048576.0:0.0} MB used on the tmpfs, {free / 1048576.0:0.0} MB of ballast, {headroomKb} KB left");

            // Full: no write acknowledged for 5 s while writes are being refused (three minutes at most).
            double? fullAt = null;
            while (load.Now - filledAt < 180)
            {
                var recent = load.Attempts.Where(a => a.Write && a.Answered > load.Now - 5).ToList();
                if (load.Now - filledAt > 5 && recent.Count > 0 && recent.All(a => a.Status != 201))
                {
                    fullAt = load.Now;
                    break;
                }
                await Task.Delay(200);
            }
            var beforeFreeing = load.Acknowledged.Count();
            File.Delete(ballast);
            var freedAt = load.Now;
            var postgres = "kept running";
            if (!cluster.Running)
            {
                // PostgreSQL stops itself when it cannot write its WAL (PANIC): an operator starts it once there is room.
                var (started, log) = cluster.TryStart();
                postgres = started ? "stopped itself (PANIC); started again after freeing" : "stopped and did not start: " + log;
            }
            while (load.Now - freedAt < 120 && !load.Acknowledged.Any(a => a.Sent > freedAt))
            {
                await Task.Delay(100);
            }
            await Task.Delay(TimeSpan.FromSeconds(5));
            await load.StopAsync();

            var attempts = load.Attempts;
            var writes = attempts.Where(a => a.Write).ToList();
            var reads = attempts.Where(a => !a.Write).ToList();
            var resumed = load.Acknowledged.Where(a => a.Sent > freedAt).Select(a => a.Answered - freedAt).DefaultIfEmpty(double.NaN).Min();
            var check = await load.CheckAsync(cluster.ConnectionString(Database));
            var verify = await server.RunCliAsync(database, "audit verify");
            var sameProcess = !app.HasExited && app.ProcessId == processId;
            var serverErrors = attempts.Count(a => HttpStatus.IsServerError(a.Status));
            var refused = writes.Count(a => a.Status == 503);
            var notProblems = attempts.Count(a => a.Status == 503 && !HttpStatus.IsProblem(a));
            Console.WriteLine($"{place}: writes {HttpStatus.Count(writes)}; searches {HttpStatus.Count(reads)}; {beforeFreeing} acknowledged before freeing; PostgreSQL {postgres}; log:\n{cluster.LogTail(6)}");
            if (serverErrors > 0 || !sameProcess)
            {
                // What the server said about its 500s, or before it died: the lines that name an exception.
                Console.WriteLine(string.Join("\n", app.Log.Split('\n').Where(l => l.Contains("Exception", StringComparison.Ordinal) || l.Contains("fail", StringComparison.Ordinal) || l.Contains("crit", StringComparison.Ordinal)).Distinct().Take(40)));
            }
            void Fail(bool failed, string what)
            {
                if (failed)
                {
                    failures.Add($"{place}: {what}");
                }
            }
            Fail(fullAt is null, "the writes were never all refused: the disk did not fill");
            Fail(refused == 0, "no write was refused");
            Fail(check.Lost > 0, $"{check.Lost} acknowledged writes missing");
            Fail(check.RefusedYetSaved > 0, $"{check.RefusedYetSaved} writes answered \"nothing was saved\" left a subject");
            Fail(check.HalfSaved > 0, $"{check.HalfSaved} subjects saved without their audit entry");
            Fail(serverErrors > 0, $"{serverErrors} answers were 5xx other than 503");
            Fail(notProblems > 0, $"{notProblems} 503 answers were not ProblemDetails");
            Fail(verify.Exit != 0, $"audit verify exit {verify.Exit}: {verify.Err.Trim()}");
            Fail(!sameProcess, "the app process did not survive");
            Fail(double.IsNaN(resumed), "no write was acknowledged after freeing the disk");
            return string.Create(CultureInfo.InvariantCulture,
                $"| {(place == "data" ? "the database's tablespace" : "the WAL")} (tmpfs {sizeMb} MB) | {writes.Count} | {writes.Count(a => a.Status == 201)} | {refused} | {serverErrors} | "
                + $"{reads.Count(a => a.Status == 200)} / {reads.Count(a => a.Status == 503)} | {check.Lost} | {check.OutcomeUnknown} ({check.OutcomeUnknownSaved}) | {check.RefusedYetSaved} | {check.HalfSaved} | {postgres} | {resumed:0.00} | {(verify.Exit == 0 ? "0 (intact)" : $"{verify.Exit} BROKEN")} | {(sameProcess ? "no" : "YES")} |");
        }
        finally
        {
            if (app is { HasExited: false })
            {
                app.Kill();
            }
            cluster?.Stop();
            PgCluster.TryRun("umount", small);
            root.Delete(recursive: true);
        }
    }
}

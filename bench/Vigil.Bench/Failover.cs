using System.Globalization;
using System.Net;

namespace Vigil.Bench;

/// <summary>
/// Failover, measured: a PostgreSQL primary and a streaming standby started here (pg_basebackup -R), replicated
/// synchronously (<c>synchronous_commit = remote_apply</c>, the standby named in <c>synchronous_standby_names</c>: a
/// commit is acknowledged only once the standby has applied it, so promoting the standby loses no acknowledged write;
/// with asynchronous replication it could). The real server (the Release build, <c>--demo</c>) runs on
/// <c>Host=primary,standby;Target Session Attributes=primary</c> with the standby as its read replica
/// (<c>Target Session Attributes=prefer-standby</c>). Writers raise subjects and readers search; the primary's
/// postmaster and every process it started are killed with SIGKILL mid-writes; after <c>--promote-after</c> seconds the
/// standby is promoted (<c>pg_ctl promote</c>) and the writes go on. Then: every acknowledged write must be on the new
/// primary (and read by id through the same app), no refused write may have left anything, `audit verify` must exit 0
/// against the new primary, no answer may be a 500, and the app process must be the one that started.
/// <code>dotnet run -c Release --project bench/Vigil.Bench -- failover [--runs 5] [--promote-after 2] [--writers 4] [--readers 2]</code>
/// Needs root (initdb and the servers run as the postgres user). Exits 1 if anything was lost, half-saved or broken.
/// </summary>
internal static class Failover
{
    private const string Writer = "investigator.northwest@vigil.example";
    private const string Database = "vigil_failover";

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = int.Parse(FaultLoad.Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var promoteAfter = double.Parse(FaultLoad.Option(args, "--promote-after") ?? "2", CultureInfo.InvariantCulture);
        var writers = int.Parse(FaultLoad.Option(args, "--writers") ?? "4", CultureInfo.InvariantCulture);
        var readers = int.Parse(FaultLoad.Option(args, "--readers") ?? "2", CultureInfo.InvariantCulture);
        var seed = int.Parse(FaultLoad.Option(args, "--seed") ?? "20261207", CultureInfo.InvariantCulture);
        var server = AppServer.Build();
        Console.WriteLine($"failover: PostgreSQL {PgCluster.Major}, {runs} runs, standby promoted {promoteAfter:0.0} s after the primary is killed, {writers} writers and {readers} readers");
        var results = new List<Result>();
        var failures = new List<string>();
        for (var i = 1; i <= runs; i++)
        {
            var result = await RunOnceAsync(server, i, promoteAfter, writers, readers, seed + i, failures);
            results.Add(result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {i}: writes {result.Attempted} attempted, {result.Acknowledged} acknowledged, {result.Check.Lost} lost, {result.Check.RefusedYetSaved} refused yet saved, "
                + $"{result.Check.OutcomeUnknown} answered \"may or may not have been saved\" ({result.Check.OutcomeUnknownSaved} of them saved), {result.Check.HalfSaved} half-saved; "
                + $"write outage {result.Outage:0.00} s (kill to first acknowledged write {result.KillToWrite:0.00} s, promotion done to it {result.PromotedToWrite:0.00} s); "
                + $"search outage {result.ReadOutage:0.00} s; answers: writes {result.WriteStatuses}; reads {result.ReadStatuses}; ready again {result.ReadyAgain:0.0} s after promotion; "
                + $"audit verify exit {result.Verify}; app process {(result.SameProcess ? "the same throughout" : "RESTARTED OR DIED")}"));
        }

        Console.WriteLine();
        Console.WriteLine("| runs | promoted after kill (s) | write outage (s, median / max) | kill to first acknowledged write (s, median / max) | promotion done to first acknowledged write (s, median / max) | search outage (s, median / max) | writes attempted | acknowledged | lost | refused (503) | of which \"may or may not have been saved\" (saved) | refused yet saved | half-saved | 500s | audit verify | app restarted |");
        Console.WriteLine("|---:|---:|---|---|---|---|---:|---:|---:|---:|---|---:|---:|---:|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {runs} | {promoteAfter:0.0} | {FaultLoad.Median(results.Select(r => r.Outage)):0.00} / {results.Max(r => r.Outage):0.00} | "
            + $"{FaultLoad.Median(results.Select(r => r.KillToWrite)):0.00} / {results.Max(r => r.KillToWrite):0.00} | "
            + $"{FaultLoad.Median(results.Select(r => r.PromotedToWrite)):0.00} / {results.Max(r => r.PromotedToWrite):0.00} | "
            + $"{FaultLoad.Median(results.Select(r => r.ReadOutage)):0.00} / {results.Max(r => r.ReadOutage):0.00} | "
            + $"{results.Sum(r => r.Attempted)} | {results.Sum(r => r.Acknowledged)} | {results.Sum(r => r.Check.Lost)} | {results.Sum(r => r.Refused)} | "
            + $"{results.Sum(r => r.Check.OutcomeUnknown)} ({results.Sum(r => r.Check.OutcomeUnknownSaved)}) | {results.Sum(r => r.Check.RefusedYetSaved)} | {results.Sum(r => r.Check.HalfSaved)} | {results.Sum(r => r.ServerErrors)} | "
            + $"{(results.All(r => r.Verify == 0) ? "0 (intact) every time" : "BROKEN")} | {(results.All(r => r.SameProcess) ? "never" : "YES")} |"));
        foreach (var failure in failures)
        {
            Console.WriteLine("FAILED: " + failure);
        }
        return failures.Count == 0 ? 0 : 1;
    }

    private sealed record Result(int Attempted, int Acknowledged, Checked Check, int Refused, int ServerErrors, double Outage, double KillToWrite,
        double PromotedToWrite, double ReadOutage, string WriteStatuses, string ReadStatuses, double ReadyAgain, int Verify, bool SameProcess);

    private static async Task<Result> RunOnceAsync(AppServer server, int run, double promoteAfter, int writers, int readers, int seed, List<string> failures)
    {
        var root = Directory.CreateTempSubdirectory("vigil-failover-");
        PgCluster.Run("chmod", $"755 {root.FullName}");
        var primary = PgCluster.Init(root, "primary");
        PgCluster? standby = null;
        AppRun? app = null;
        try
        {
            primary.Start();
            await primary.ExecuteAsync($"CREATE DATABASE {Database}");
            standby = PgCluster.StandbyOf(primary, root, "standby");
            // Once promoted, it must not wait for a standby of its own (there is none): its own setting, on its command line.
            standby.With("synchronous_standby_names=''").Start();
            await primary.ExecuteAsync("ALTER SYSTEM SET synchronous_standby_names = 'standby'");
            await primary.ExecuteAsync("ALTER SYSTEM SET synchronous_commit = 'remote_apply'");
            await primary.ExecuteAsync("SELECT pg_reload_conf()");
            for (var wait = 0; await primary.ScalarAsync<long>("SELECT COUNT(*) FROM pg_stat_replication WHERE sync_state = 'sync'") == 0; wait++)
            {
                if (wait > 300)
                {
                    throw new InvalidOperationException("The standby did not become synchronous within 30 seconds.");
                }
                await Task.Delay(100);
            }

            var hosts = $"127.0.0.1:{primary.Port},127.0.0.1:{standby.Port}";
            var connection = $"Host={hosts};Username=vigil;Database={Database};Target Session Attributes=primary;Host Recheck Seconds=1;Timeout=5";
            var replica = $"Host=127.0.0.1:{standby.Port},127.0.0.1:{primary.Port};Username=vigil;Database={Database};Target Session Attributes=prefer-standby;Host Recheck Seconds=1;Timeout=5";
            var database = new PostgresAppDatabase(Directory.CreateDirectory(Path.Combine(root.FullName, "app")).FullName, connection, replica);
            app = await server.LaunchAsync(database);
            var processId = app.ProcessId;
            var minted = await server.RunCliAsync(database, $"tokens create --user {Writer} --name failover --days 1");
            if (minted.Exit != 0)
            {
                throw new InvalidOperationException("Could not mint a token: " + minted.Err);
            }
            using var load = new FaultLoad(app.Address, minted.Out.Trim(), writers, readers, seed);
            load.Start();
            await Task.Delay(TimeSpan.FromSeconds(5));

            var killedAt = load.Now;
            primary.Kill();
            await Task.Delay(TimeSpan.FromSeconds(promoteAfter));
            standby.Promote();
            var promotedAt = load.Now;
            // Writes go on until one is acknowledged after the promotion (two minutes at most), then five seconds more.
            while (load.Now - promotedAt < 120 && !load.Acknowledged.Any(a => a.Sent > promotedAt))
            {
                await Task.Delay(50);
            }
            await Task.Delay(TimeSpan.FromSeconds(5));
            await load.StopAsync();

            // Readiness comes back by itself (it stays off for 30 s after the last refused request).
            var readyAgain = double.NaN;
            using (var probe = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(5) })
            {
                while (load.Now - promotedAt < 180)
                {
                    using var response = await probe.GetAsync("/health/ready");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        readyAgain = load.Now - promotedAt;
                        break;
                    }
                    await Task.Delay(250);
                }
            }

            var attempts = load.Attempts;
            var writes = attempts.Where(a => a.Write).ToList();
            var reads = attempts.Where(a => !a.Write).ToList();
            var check = await load.CheckAsync(standby.ConnectionString(Database));
            // Every acknowledged write read back by id through the same app, now on the new primary.
            using var api = app.Client(minted.Out.Trim());
            var unreadable = 0;
            foreach (var written in load.Acknowledged)
            {
                using var response = await api.GetAsync($"/api/v1/subjects/{written.Id}?purpose=failover%20check");
                unreadable += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
            }
            var verify = await server.RunCliAsync(new PostgresAppDatabase(Path.Combine(root.FullName, "app"), standby.ConnectionString(Database)), "audit verify");
            var sameProcess = !app.HasExited && app.ProcessId == processId;

            var (outage, killToWrite, promotedToWrite) = Outage(writes, 201, killedAt, promotedAt);
            var (readOutage, _, _) = Outage(reads, 200, killedAt, promotedAt);
            var serverErrors = attempts.Count(a => HttpStatus.IsServerError(a.Status));
            var notProblems = attempts.Count(a => a.Status == 503 && !HttpStatus.IsProblem(a));
            if (serverErrors > 0 || !sameProcess)
            {
                // What the server said about its 500s, or before it died: the lines that name an exception.
                Console.WriteLine(string.Join("\n", app.Log.Split('\n').Where(l => l.Contains("Exception", StringComparison.Ordinal) || l.Contains("fail", StringComparison.Ordinal) || l.Contains("crit", StringComparison.Ordinal)).Distinct().Take(40)));
            }
            void Fail(bool failed, string what)
            {
                if (failed)
                {
                    failures.Add($"run {run}: {what}");
                }
            }
            Fail(check.Lost > 0, $"{check.Lost} acknowledged writes missing on the new primary");
            Fail(unreadable > 0, $"{unreadable} acknowledged writes not read by id through the app");
            Fail(check.RefusedYetSaved > 0, $"{check.RefusedYetSaved} writes answered \"nothing was saved\" left a subject");
            Fail(check.HalfSaved > 0, $"{check.HalfSaved} subjects saved without their audit entry");
            Fail(serverErrors > 0, $"{serverErrors} answers were 5xx other than 503");
            Fail(notProblems > 0, $"{notProblems} 503 answers were not ProblemDetails");
            Fail(verify.Exit != 0, $"audit verify exit {verify.Exit}: {verify.Err.Trim()}");
            Fail(!sameProcess, "the app process did not survive");
            Fail(double.IsNaN(promotedToWrite), "no write was acknowledged after the promotion");
            Fail(double.IsNaN(readyAgain), "readiness did not come back within three minutes");
            return new Result(writes.Count, writes.Count(a => a.Status == 201), check, writes.Count(a => a.Status == 503), serverErrors,
                outage, killToWrite, promotedToWrite, readOutage, HttpStatus.Count(writes), HttpStatus.Count(reads), readyAgain, verify.Exit, sameProcess);
        }
        finally
        {
            if (app is { HasExited: false })
            {
                app.Kill();
            }
            standby?.Stop();
            primary.Stop();
            root.Delete(recursive: true);
        }
    }

    /// <summary>For one kind of request: from the first refused answer after the kill to the first success of a request
    /// sent after it; from the kill to that success; and from the promotion to that success.</summary>
    private static (double Outage, double KillToSuccess, double PromotedToSuccess) Outage(List<Attempt> attempts, int success, double killedAt, double promotedAt)
    {
        var firstFailure = attempts.Where(a => a.Answered >= killedAt && a.Status != success).Select(a => a.Answered).DefaultIfEmpty(double.NaN).Min();
        var after = double.IsNaN(firstFailure) ? killedAt : firstFailure;
        var recovered = attempts.Where(a => a.Status == success && a.Sent > after).Select(a => a.Answered).DefaultIfEmpty(double.NaN).Min();
        return (double.IsNaN(firstFailure) ? 0 : recovered - firstFailure, recovered - killedAt, recovered - promotedAt);
    }
}

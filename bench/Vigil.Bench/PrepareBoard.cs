using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Npgsql;

namespace Vigil.Bench;

/// <summary>
/// Prepare's national board under CRITICAL (issue 16): the Release server on a fresh demo database (SQLite, and
/// PostgreSQL when a server is given), where every regional unit has a Critical Threat Plan of forty steps. The
/// national duty officer raises the level to CRITICAL (11 plans activated in that save), a third of the steps are
/// completed and every plan acknowledged, then GET /api/v1/prepare/board is timed, one request after another after
/// a warm-up; the level is lowered again at the end and the stand-down timed too. It measures and prints only.
/// <code>dotnet run -c Release --project bench/Vigil.Bench -- prepare [--postgres "Host=...;Username=...;Database=postgres"] [--requests 200] [--warmup 20]</code>
/// For PostgreSQL it creates a database of its own on that server (and drops it afterwards).
/// </summary>
internal static class PrepareBoard
{
    private const string Duty = "duty.noc@vigil.example";

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = int.Parse(National.Option(args, "--requests") ?? "200", CultureInfo.InvariantCulture);
        var warmup = int.Parse(National.Option(args, "--warmup") ?? "20", CultureInfo.InvariantCulture);
        var postgres = National.Option(args, "--postgres");
        var server = AppServer.Build();
        Console.WriteLine($"prepare bench: {Environment.ProcessorCount} cores, {National.Machine()}; {requests} board requests after {warmup} warm-up on one connection");
        Console.WriteLine("| provider | activate 11 plans (POST level) ms | board p50 ms | board p95 ms | board max ms | stand down ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        var folder = Directory.CreateTempSubdirectory("vigil-prepare-");
        try
        {
            await RunOneAsync(server, new National.Target("sqlite", Path.Combine(folder.FullName, "vigil.db"), null), requests, warmup);
            if (postgres is not null)
            {
                var name = $"vigil_prepare_{Guid.NewGuid():N}"[..30];
                await ExecuteAsync(postgres, $"CREATE DATABASE {name}");
                try
                {
                    var connection = new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString;
                    await RunOneAsync(server, new National.Target("postgres", null, connection), requests, warmup);
                }
                finally
                {
                    NpgsqlConnection.ClearAllPools();
                    await ExecuteAsync(postgres, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                }
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        return 0;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task RunOneAsync(AppServer server, National.Target target, int requests, int warmup)
    {
        await server.StartAsync(target, killAfter: null); // the first start makes the database and the demo data
        var minted = await server.RunCliAsync(target, $"tokens create --user {Duty} --name prepare-bench --days 1");
        if (minted.Exit != 0)
        {
            throw new InvalidOperationException("Could not mint a token: " + minted.Err);
        }
        var run = await server.LaunchAsync(target);
        try
        {
            using var duty = run.Client(minted.Out.Trim());
            var clock = Stopwatch.StartNew();
            (await duty.PostAsJsonAsync("/api/v1/prepare/threat-levels", new { scope = "National", level = "Critical", basis = "Benchmark (fictional)" })).EnsureSuccessStatusCode();
            var activate = clock.Elapsed.TotalMilliseconds;

            // Every unit's plan acknowledged and a third of its steps done, written in SQL on the benchmark's own database
            // (the board counts the same rows whichever way they were written).
            await MarkProgressAsync(target);

            var times = new List<double>();
            for (var i = 0; i < warmup + requests; i++)
            {
                clock.Restart();
                using var response = await duty.GetAsync("/api/v1/prepare/board");
                response.EnsureSuccessStatusCode();
                _ = await response.Content.ReadAsByteArrayAsync();
                if (i >= warmup)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
            clock.Restart();
            (await duty.PostAsJsonAsync("/api/v1/prepare/threat-levels", new { scope = "National", level = "Severe", basis = "Benchmark (fictional)" })).EnsureSuccessStatusCode();
            var standDown = clock.Elapsed.TotalMilliseconds;
            times.Sort();
            double P(double p) => times[Math.Min(times.Count - 1, (int)(times.Count * p))];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {target.Provider} | {activate:0.0} | {P(0.5):0.0} | {P(0.95):0.0} | {times[^1]:0.0} | {standDown:0.0} |"));
        }
        finally
        {
            run.Kill();
            target.Clean();
        }
    }

    /// <summary>Acknowledges every activation and completes every third step, in SQL on the benchmark's own database.</summary>
    private static async Task MarkProgressAsync(National.Target target)
    {
        const string Acknowledge = "UPDATE \"PlanActivations\" SET \"AcknowledgedAt\" = \"ActivatedAt\", \"AcknowledgedBy\" = 'Benchmark' WHERE \"StoodDownAt\" IS NULL";
        const string Complete = "UPDATE \"PlanActivationSteps\" SET \"DoneAt\" = \"DueAt\", \"DoneBy\" = 'Benchmark', \"Evidence\" = 'Benchmark' WHERE \"Number\" % 3 = 0";
        if (target.ConnectionString is { } postgres)
        {
            await ExecuteAsync(postgres, Acknowledge);
            await ExecuteAsync(postgres, Complete);
            return;
        }
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={target.SqlitePath};Pooling=False");
        await connection.OpenAsync();
        foreach (var sql in new[] { Acknowledge, Complete })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }
}

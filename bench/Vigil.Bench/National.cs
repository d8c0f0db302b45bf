using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace Vigil.Bench;

/// <summary>
/// The API as an operator meets it, on databases of different sizes: the Release server (as the crash loop
/// starts it: `dotnet Vigil.Web.dll --demo`, environment Production) started against each database in turn,
/// its start-up time to a 200 from /health/ready and its peak memory (VmHWM), then, with tokens minted by
/// the CLI, the latency of the reads and checks officers make (one connection, sequential, after a warm-up)
/// and the throughput of an audited read against unaudited endpoints (many connections).
/// <code>dotnet run -c Release --project bench/Vigil.Bench -- national --sqlite demo=PATH [--sqlite 1m=PATH]
///     [--postgres LABEL=CONNSTRING] [--requests 200] [--warmup 20] [--seconds 15] [--connections 32]
///     [--client wrk|http] [--ready-timeout MINUTES]</code>
/// It only measures and prints; it asserts nothing about time. Each run adds its tokens and audit entries
/// (reads, searches, checks) to the databases it measures.
/// </summary>
internal static class National
{
    private const string Sio = "sio.london@vigil.example";
    private const string Investigator = "investigator.northwest@vigil.example";
    private const string Prevent = "prevent.northwest@vigil.example";
    private const string Phone = "07700900111";

    public static async Task<int> RunAsync(string[] args)
    {
        var targets = new List<Target>();
        for (var i = 1; i < args.Length - 1; i++)
        {
            if (args[i] is "--sqlite" or "--postgres")
            {
                targets.Add(Target.Parse(args[i] == "--postgres", args[++i]));
            }
        }
        if (targets.Count == 0)
        {
            Console.Error.WriteLine("usage: national --sqlite [LABEL=]PATH ... --postgres [LABEL=]CONNSTRING ... [--requests N] [--warmup N] [--seconds S] [--connections C] [--client wrk|http]");
            return 2;
        }
        if (targets.GroupBy(t => t.Label).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            Console.Error.WriteLine($"Two databases are labelled {twice.Key}: give each its own label (LABEL=...).");
            return 2;
        }
        var settings = new Settings(
            Requests: int.Parse(Option(args, "--requests") ?? "200", CultureInfo.InvariantCulture),
            Warmup: int.Parse(Option(args, "--warmup") ?? "20", CultureInfo.InvariantCulture),
            Seconds: double.Parse(Option(args, "--seconds") ?? "15", CultureInfo.InvariantCulture),
            Connections: int.Parse(Option(args, "--connections") ?? "32", CultureInfo.InvariantCulture),
            Wrk: (Option(args, "--client") ?? (OnPath("wrk") ? "wrk" : "http")) == "wrk");

        var server = AppServer.Build();
        server = new AppServer(server.Dll) { StuckAfter = TimeSpan.FromMinutes(double.Parse(Option(args, "--ready-timeout") ?? "30", CultureInfo.InvariantCulture)) };
        Console.WriteLine($"national bench: {Environment.ProcessorCount} cores, {Machine()}; {settings.Requests} requests after {settings.Warmup} warm-up per endpoint on one connection; "
            + $"throughput {settings.Connections} connections for {settings.Seconds} s with {(settings.Wrk ? "wrk (" + WrkVersion() + ", 2 threads)" : "HttpClient (SocketsHttpHandler)")}");

        var results = new List<DatabaseResult>();
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

        Print(results, settings, Console.Out);
        return 0;
    }

    private sealed record Settings(int Requests, int Warmup, double Seconds, int Connections, bool Wrk);

    private sealed record Latency(string Endpoint, string User, int Count, double P50, double P95, double P99, double Mean, int Failed);

    private sealed record Rate(string Endpoint, string User, bool Audited, double PerSecond, long Completed, long Failed);

    private sealed class DatabaseResult(Target target)
    {
        public Target Target { get; } = target;
        public double StartSeconds { get; set; }
        public long ReadyPeakKiB { get; set; }
        public long EndPeakKiB { get; set; }
        public string LoadBefore { get; set; } = "";
        public string LoadAfter { get; set; } = "";
        public string Size { get; set; } = "";
        public Dictionary<string, int> Visible { get; } = [];
        public List<Latency> Latencies { get; } = [];
        public List<Rate> Rates { get; } = [];
        public List<string> Notes { get; } = [];
    }

    private static async Task<DatabaseResult> RunOneAsync(AppServer server, Target target, Settings settings)
    {
        var result = new DatabaseResult(target) { LoadBefore = LoadAverage(), Size = target.Size() };
        Console.WriteLine();
        Console.WriteLine($"== {target.Label} ({target.Provider}, {result.Size}): load average {result.LoadBefore}");

        // Tokens first, with the app stopped, so that the start-up is timed on its own.
        var tokens = new Dictionary<string, string>();
        foreach (var user in new[] { Sio, Investigator, Prevent })
        {
            var minted = await server.RunCliAsync(target, $"tokens create --user {user} --name \"bench national {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}\" --days 1");
            if (minted.Exit != 0)
            {
                throw new InvalidOperationException($"{target.Label}: could not mint a token for {user} (is the database seeded with the demo?): {minted.Err.Trim()}");
            }
            tokens[user] = minted.Out.Trim();
        }

        var run = await server.LaunchAsync(target);
        try
        {
            result.StartSeconds = run.Ready.TotalSeconds;
            result.ReadyPeakKiB = PeakKiB(run.ProcessId);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready in {result.StartSeconds:0.0} s, peak RSS {result.ReadyPeakKiB / 1024.0:0} MiB"));

            // One connection for every latency measurement: the requests go one after another.
            using var single = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionIdleTimeout = TimeSpan.FromHours(1) })
            {
                BaseAddress = run.Address,
                Timeout = TimeSpan.FromMinutes(5),
            };
            var probes = new List<Probe> { new("health/live (reference)", "-", null, () => new HttpRequestMessage(HttpMethod.Get, "/health/live")) };
            Guid? throughputId = null;
            foreach (var user in new[] { Sio, Investigator })
            {
                var token = tokens[user];
                var list = await GetJsonAsync(single, token, "/api/v1/subjects?page=1&pageSize=25");
                var items = list.GetProperty("items").EnumerateArray().ToList();
                result.Visible[user] = list.GetProperty("total").GetInt32();
                probes.Add(Get("subjects, page 1 of 25", user, token, "/api/v1/subjects?page=1&pageSize=25"));
                probes.Add(Get("subjects, page 40 of 25", user, token, "/api/v1/subjects?page=40&pageSize=25"));
                if (items.Count > 0)
                {
                    var subject = items[items.Count / 2];
                    var id = subject.GetProperty("id").GetGuid();
                    var givenName = subject.GetProperty("givenName").GetString()!;
                    var surname = subject.GetProperty("surname").GetString()!;
                    throughputId ??= id;
                    probes.Add(Get("subjects by name (a surname seen)", user, token, "/api/v1/subjects?name=" + Uri.EscapeDataString(surname)));
                    probes.Add(Get("subject by id (audited read)", user, token, $"/api/v1/subjects/{id}?purpose=" + Uri.EscapeDataString("Bench read for operation BENCH")));
                    probes.Add(Post("deconfliction check, name", user, token, new
                    {
                        purpose = "Bench name check for operation BENCH",
                        person = new { givenName, surname },
                    }));
                }
                else
                {
                    result.Notes.Add($"{user} sees no subjects: no name search, read by id or name check");
                }
                probes.Add(Post("deconfliction check, phone", user, token, new { purpose = "Bench phone check for operation BENCH", phone = Phone }));
                var caseload = await GetJsonAsync(single, token, "/api/v1/investigations?pageSize=25");
                probes.Add(Get("caseload, 25", user, token, "/api/v1/investigations?pageSize=25"));
                if (caseload.GetProperty("items").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } investigation)
                {
                    probes.Add(Get("investigation by id", user, token, $"/api/v1/investigations/{investigation.GetProperty("id").GetGuid()}"));
                }
                else
                {
                    result.Notes.Add($"{user} sees no investigations: no read by id");
                }
            }
            probes.Add(Get("Prevent cases, 25", Prevent, tokens[Prevent], "/api/v1/prevent/cases?pageSize=25"));

            // Two seconds of /health/live first, not counted: the client's and the pipeline's code past its
            // first tier of JIT, so that the first database measured is not the one that pays for it.
            var warming = Stopwatch.StartNew();
            while (warming.Elapsed < TimeSpan.FromSeconds(2))
            {
                using var response = await single.GetAsync("/health/live");
                await response.Content.ReadAsByteArrayAsync();
            }

            foreach (var probe in probes)
            {
                var latency = await MeasureAsync(single, probe, settings);
                result.Latencies.Add(latency);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {probe.Endpoint,-36} {Short(probe.User),-24} p50 {latency.P50,8:0.00} p95 {latency.P95,8:0.00} p99 {latency.P99,8:0.00} mean {latency.Mean,8:0.00} ms{(latency.Failed > 0 ? $"  {latency.Failed} NOT OK" : "")}"));
            }

            // Throughput: an audited read against endpoints that write no audit entry.
            var rates = new List<(string Endpoint, string User, bool Audited, string Path, string? Token)>
            {
                ("health/live", "-", false, "/health/live", null),
                ("me (authenticated, unaudited)", Sio, false, "/api/v1/me", tokens[Sio]),
            };
            if (throughputId is { } readId)
            {
                rates.Add(("subject by id (audited read)", Sio, true, $"/api/v1/subjects/{readId}?purpose=" + Uri.EscapeDataString("Bench throughput for operation BENCH"), tokens[Sio]));
            }
            foreach (var (endpoint, user, audited, path, token) in rates)
            {
                var rate = settings.Wrk
                    ? await WrkAsync(run.Address, path, token, settings)
                    : await HttpRateAsync(run.Address, path, token, settings);
                result.Rates.Add(rate with { Endpoint = endpoint, User = user, Audited = audited });
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {endpoint,-36} {rate.PerSecond,10:0} requests/s ({rate.Completed} in {settings.Seconds} s{(rate.Failed > 0 ? $", {rate.Failed} NOT OK" : "")})"));
            }

            result.EndPeakKiB = PeakKiB(run.ProcessId);
        }
        finally
        {
            run.Kill();
        }
        result.LoadAfter = LoadAverage();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS over the run {result.EndPeakKiB / 1024.0:0} MiB; load average after {result.LoadAfter}"));
        return result;
    }

    private sealed record Probe(string Endpoint, string User, string? Token, Func<HttpRequestMessage> Build);

    private static Probe Get(string endpoint, string user, string token, string path) =>
        new(endpoint, user, token, () => new HttpRequestMessage(HttpMethod.Get, path));

    private static Probe Post(string endpoint, string user, string token, object body) =>
        new(endpoint, user, token, () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/deconfliction/checks") { Content = JsonContent.Create(body) });

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

    /// <summary>Warm-up requests, then the measured ones, one after another on the one connection; the time
    /// of each is from sending to the last byte of the body read.</summary>
    private static async Task<Latency> MeasureAsync(HttpClient client, Probe probe, Settings settings)
    {
        var times = new double[settings.Requests];
        var failed = 0;
        string? firstFailure = null;
        for (var i = -settings.Warmup; i < settings.Requests; i++)
        {
            using var request = probe.Build();
            if (probe.Token is not null)
            {
                request.Headers.Authorization = new("Bearer", probe.Token);
            }
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
                failed++;
                firstFailure ??= $"{(int)response.StatusCode} {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(300, body.Length)))}";
            }
        }
        if (firstFailure is not null)
        {
            Console.WriteLine($"  {probe.Endpoint}: {failed} answers not 200, the first: {firstFailure}");
        }
        Array.Sort(times);
        return new Latency(probe.Endpoint, probe.User, times.Length, Percentile(times, 0.50), Percentile(times, 0.95), Percentile(times, 0.99),
            times.Length == 0 ? 0 : times.Average(), failed);
    }

    /// <summary>Nearest rank on sorted values.</summary>
    internal static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Closed loop: each connection sends its next request when the last answer is read. Two
    /// seconds of warm-up (connections opened, code jitted) are not counted.</summary>
    private static async Task<Rate> HttpRateAsync(Uri address, string path, string? token, Settings settings)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Connections, PooledConnectionIdleTimeout = TimeSpan.FromHours(1) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromMinutes(1),
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }
        long completed = 0;
        long failed = 0;
        var counting = false;
        async Task LoopAsync(DateTime until)
        {
            while (DateTime.UtcNow < until)
            {
                using var response = await client.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                if (Volatile.Read(ref counting))
                {
                    Interlocked.Increment(ref completed);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, settings.Connections).Select(_ => LoopAsync(DateTime.UtcNow.AddSeconds(2))));
        Volatile.Write(ref counting, true);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, settings.Connections).Select(_ => LoopAsync(DateTime.UtcNow.AddSeconds(settings.Seconds))));
        return new Rate("", "", false, completed / clock.Elapsed.TotalSeconds, completed, failed);
    }

    /// <summary>wrk (closed loop, 2 threads), after a 2-second warm-up run that is not counted.</summary>
    private static async Task<Rate> WrkAsync(Uri address, string path, string? token, Settings settings)
    {
        async Task<string> WrkRunAsync(double seconds)
        {
            var start = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-t", "2", "-c", settings.Connections.ToString(CultureInfo.InvariantCulture), "-d", seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s", "--timeout", "60s" })
            {
                start.ArgumentList.Add(a);
            }
            if (token is not null)
            {
                start.ArgumentList.Add("-H");
                start.ArgumentList.Add("Authorization: Bearer " + token);
            }
            start.ArgumentList.Add(new Uri(address, path).AbsoluteUri);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"wrk exited {process.ExitCode}: {await error}");
            }
            return await output;
        }
        await WrkRunAsync(2);
        var text = await WrkRunAsync(settings.Seconds);
        var perSecond = double.Parse(Regex.Match(text, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var completed = long.Parse(Regex.Match(text, @"(\d+) requests in").Groups[1].Value, CultureInfo.InvariantCulture);
        var notOk = Regex.Match(text, @"Non-2xx or 3xx responses: (\d+)") is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = Regex.Match(text, @"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)") is { Success: true } s
            ? Enumerable.Range(1, 4).Sum(g => long.Parse(s.Groups[g].Value, CultureInfo.InvariantCulture))
            : 0;
        return new Rate("", "", false, perSecond, completed, notOk + socket);
    }

    private static void Print(List<DatabaseResult> results, Settings settings, TextWriter o)
    {
        var demo = results.FirstOrDefault(r => r.Target.Label == "demo");
        o.WriteLine();
        o.WriteLine("### Start-up and memory");
        o.WriteLine();
        o.WriteLine("| database | provider | size | subjects visible (SIO London / investigator North West) | start-up to ready (s) | peak RSS at ready (MiB) | peak RSS after the run (MiB) | load average before | load average after |");
        o.WriteLine("|---|---|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in results)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Target.Label} | {r.Target.Provider} | {r.Size} | {r.Visible.GetValueOrDefault(Sio):N0} / {r.Visible.GetValueOrDefault(Investigator):N0} | {r.StartSeconds:0.0} | {r.ReadyPeakKiB / 1024.0:0} | {r.EndPeakKiB / 1024.0:0} | {r.LoadBefore} | {r.LoadAfter} |"));
        }

        o.WriteLine();
        o.WriteLine($"### Latency (one connection, sequential: {settings.Requests} requests after {settings.Warmup} warm-up; ms, from sending to the body read)");
        o.WriteLine();
        o.WriteLine("| endpoint | user | database | p50 | p95 | p99 | mean | p95 / demo p95 | not 200 |");
        o.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|");
        var keys = results.SelectMany(r => r.Latencies).Select(l => (l.Endpoint, l.User)).Distinct().ToList();
        foreach (var (endpoint, user) in keys)
        {
            var baseline = demo?.Latencies.FirstOrDefault(l => l.Endpoint == endpoint && l.User == user);
            foreach (var r in results)
            {
                if (r.Latencies.FirstOrDefault(l => l.Endpoint == endpoint && l.User == user) is not { } l)
                {
                    continue;
                }
                var ratio = baseline is null || baseline.P95 <= 0 ? "-" : (l.P95 / baseline.P95).ToString("0.00", CultureInfo.InvariantCulture);
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {endpoint} | {Short(user)} | {r.Target.Label} | {l.P50:0.00} | {l.P95:0.00} | {l.P99:0.00} | {l.Mean:0.00} | {ratio} | {l.Failed} |"));
            }
        }

        o.WriteLine();
        o.WriteLine($"### Throughput ({settings.Connections} connections, {settings.Seconds} s each after 2 s of warm-up, {(settings.Wrk ? "wrk" : "HttpClient")})");
        o.WriteLine();
        o.WriteLine("| endpoint | user | database | audited | requests/s | not OK | audited read / this |");
        o.WriteLine("|---|---|---|---|---:|---:|---:|");
        foreach (var r in results)
        {
            var audited = r.Rates.FirstOrDefault(x => x.Audited);
            foreach (var x in r.Rates)
            {
                var ratio = audited is null || x.Audited || x.PerSecond <= 0 ? "-" : (audited.PerSecond / x.PerSecond).ToString("0.00", CultureInfo.InvariantCulture);
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {x.Endpoint} | {Short(x.User)} | {r.Target.Label} | {(x.Audited ? "yes" : "no")} | {x.PerSecond:0} | {x.Failed} | {ratio} |"));
            }
        }
        foreach (var r in results)
        {
            foreach (var note in r.Notes)
            {
                o.WriteLine($"NOTE {r.Target.Label}: {note}");
            }
        }
    }

    internal static string Short(string user) => user.Split('@')[0];

    internal static long PeakKiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    internal static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    internal static string Machine()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return $"{model ?? "unknown CPU"}, {(memory is null ? "?" : (long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture))} GiB";
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, program)));

    private static string WrkVersion()
    {
        using var process = Process.Start(new ProcessStartInfo("wrk", "--version") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return text.Split('\n')[0].Split('[')[0].Trim();
    }

    internal static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    /// <summary>A database to measure: a SQLite file or a PostgreSQL connection string, with its label. The
    /// app's data folder (keys, exhibits) is a temporary folder of the run's own.</summary>
    internal sealed class Target(string label, string? sqlitePath, string? postgres) : IAppDatabase
    {
        private DirectoryInfo? folder;

        public string Label { get; } = label;

        public string Provider => postgres is null ? "SQLite" : "PostgreSQL";

        /// <summary>The SQLite file, or null for PostgreSQL.</summary>
        public string? SqlitePath => sqlitePath;

        /// <summary>The PostgreSQL connection string, or null for SQLite.</summary>
        public string? ConnectionString => postgres;

        /// <summary>"LABEL=VALUE" or just the value. For PostgreSQL the text is a label only if the whole does
        /// not read as a connection string (whose keywords also use "=").</summary>
        public static Target Parse(bool isPostgres, string text)
        {
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (!isPostgres)
            {
                var path = Path.GetFullPath(eq > 0 ? text[(eq + 1)..] : text);
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"No SQLite database at {path}", path);
                }
                return new Target(eq > 0 ? text[..eq] : Path.GetFileName(Path.GetDirectoryName(path)!), path, null);
            }
            try
            {
                var whole = new NpgsqlConnectionStringBuilder(text);
                return new Target(whole.Database ?? "postgres", null, text);
            }
            catch (ArgumentException) when (eq > 0)
            {
                var connection = text[(eq + 1)..];
                _ = new NpgsqlConnectionStringBuilder(connection);
                return new Target(text[..eq], null, connection);
            }
        }

        public void Configure(ProcessStartInfo start)
        {
            folder ??= Directory.CreateTempSubdirectory("vigil-national-");
            start.Environment["Vigil__DataFolder"] = folder.FullName;
            if (postgres is null)
            {
                start.Environment["Database__Path"] = sqlitePath;
                return;
            }
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["ConnectionStrings__Vigil"] = postgres;
        }

        public string Size()
        {
            if (postgres is null)
            {
                var bytes = new FileInfo(sqlitePath!).Length + (File.Exists(sqlitePath + "-wal") ? new FileInfo(sqlitePath + "-wal").Length : 0);
                return Mib(bytes);
            }
            using var connection = new NpgsqlConnection(postgres);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT pg_database_size(current_database())";
            return Mib(Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
        }

        private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture) + " MiB";

        public void Clean() => folder?.Delete(recursive: true);
    }
}

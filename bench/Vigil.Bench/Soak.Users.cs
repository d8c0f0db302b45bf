using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Vigil.Bench;

internal static partial class Soak
{
    private enum Kind { Investigator, Analyst, Prevent, Protect, ActTriage, Noc, HqPlanner }

    /// <summary>The simulated officers: role, demo accounts (users of a role take them in turn) and how many.</summary>
    private static readonly (Kind Kind, string[] Accounts, int Share)[] Mix =
    [
        (Kind.Investigator, ["sio.london", "investigator.london", "sio.northwest", "investigator.northwest", "sio.westmidlands"], 16),
        (Kind.Analyst, ["intelligence.london", "intelligence.northwest", "analyst.wales"], 8),
        (Kind.Prevent, ["prevent.northwest"], 6),
        (Kind.Protect, ["ctsa.london", "ctsa.wales"], 4),
        (Kind.ActTriage, ["act.london", "act.northwest"], 6),
        (Kind.Noc, ["coordinator.noc", "duty.noc"], 6),
        (Kind.HqPlanner, ["planning.hq"], 4),
    ];

    // A fictional place of the generator's in about one report in a thousand, a word in most, and a few between.
    private static readonly string[] Words = ["dunkirford", "reports", "vehicle", "meeting", "address", "travel", "cash", "dunkirford reports"];

    private static string Email(string account) => account + "@vigil.example";

    /// <summary>What an account can see, found once at the start (ids for the reads by id).</summary>
    private sealed class Known
    {
        public List<Guid> Subjects { get; } = [];
        public List<(string Given, string Surname)> Names { get; } = [];
        public List<Guid> Investigations { get; } = [];
        public Guid? ActionInvestigation { get; set; }
        public List<Guid> Cases { get; } = [];
        public List<Guid> Sites { get; } = [];
        public List<Guid> ActReports { get; } = [];
        public List<Guid> IntelligenceReports { get; } = [];
        public List<Guid> Scenarios { get; } = [];
    }

    private sealed record Op(string Name, int Weight, Func<Officer, Task> Run);

    /// <summary>One simulated officer: their own connection and token, and a random stream of their own.</summary>
    private sealed class Officer(string account, Kind kind, HttpClient client, Recorder recorder, Known known, Random random)
    {
        public string Account { get; } = account;
        public Kind Kind { get; } = kind;
        public Known Known { get; } = known;
        public Random Random { get; } = random;
        public HttpClient Client { get; } = client;

        public T Pick<T>(List<T> list)
        {
            lock (list)
            {
                return list[Random.Next(list.Count)];
            }
        }

        /// <summary>One request, timed from sending to the body read. Any 2xx is success; a 5xx, a timeout, a
        /// failed connection or any other status (a 4xx this mix never provokes on purpose) is an error.</summary>
        public async Task<JsonElement?> CallAsync(string endpoint, HttpMethod method, string path, object? body = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await Client.SendAsync(request);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var status = (int)response.StatusCode;
                var outcome = status is >= 200 and < 300 ? Outcome.Ok : status >= 500 ? Outcome.ServerError : Outcome.Unexpected;
                recorder.Record(endpoint, false, ms, outcome, outcome == Outcome.Ok ? null : $"{Account} {method} {path}: {status} {Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(300, bytes.Length)))}");
                return outcome == Outcome.Ok && bytes.Length > 0 ? JsonSerializer.Deserialize<JsonElement>(bytes) : null;
            }
            catch (TaskCanceledException)
            {
                recorder.Record(endpoint, false, Stopwatch.GetElapsedTime(started).TotalMilliseconds, Outcome.Timeout, $"{Account} {method} {path}: timed out");
                return null;
            }
            catch (HttpRequestException e)
            {
                recorder.Record(endpoint, false, Stopwatch.GetElapsedTime(started).TotalMilliseconds, Outcome.Connection, $"{Account} {method} {path}: {e.Message}");
                return null;
            }
        }

        public Task<JsonElement?> GetAsync(string endpoint, string path) => CallAsync(endpoint, HttpMethod.Get, path);

        public Task<JsonElement?> PostAsync(string endpoint, string path, object body) => CallAsync(endpoint, HttpMethod.Post, path, body);
    }

    /// <summary>The ids in a list answer: its items (a page) or the array itself.</summary>
    private static IEnumerable<Guid> Ids(JsonElement? answer)
    {
        if (answer is not { } a)
        {
            yield break;
        }
        var items = a.ValueKind == JsonValueKind.Array ? a : a.ValueKind == JsonValueKind.Object && a.TryGetProperty("items", out var i) ? i : default;
        if (items.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.TryGetGuid(out var g))
            {
                yield return g;
            }
        }
    }

    private static void Refresh(List<Guid> list, IEnumerable<Guid> ids)
    {
        var fresh = ids.ToList();
        if (fresh.Count == 0)
        {
            return;
        }
        lock (list)
        {
            list.Clear();
            list.AddRange(fresh);
        }
    }

    /// <summary>Finds what an account can see (as the account itself, over the API, before the clock starts).</summary>
    private static async Task DiscoverAsync(Officer o)
    {
        var k = o.Known;
        switch (o.Kind)
        {
            case Kind.Investigator or Kind.Analyst:
                foreach (var page in new[] { 1, 40 })
                {
                    if (await o.GetAsync("setup", $"/api/v1/subjects?page={page}&pageSize=25") is { } list && list.TryGetProperty("items", out var items))
                    {
                        foreach (var s in items.EnumerateArray())
                        {
                            k.Subjects.Add(s.GetProperty("id").GetGuid());
                            k.Names.Add((s.GetProperty("givenName").GetString()!, s.GetProperty("surname").GetString()!));
                        }
                    }
                }
                if (o.Kind == Kind.Investigator)
                {
                    k.Investigations.AddRange(Ids(await o.GetAsync("setup", "/api/v1/investigations?pageSize=25")));
                    // An SIO records actions on an investigation whose team they are in: the first that takes one.
                    foreach (var id in o.Account.StartsWith("sio.", StringComparison.Ordinal) ? k.Investigations.Take(10) : [])
                    {
                        if (await o.PostAsync("setup", $"/api/v1/investigations/{id}/actions", new { title = "Soak: set-up action", allocateTo = Email(o.Account) }) is not null)
                        {
                            k.ActionInvestigation = id;
                            break;
                        }
                    }
                }
                else
                {
                    k.IntelligenceReports.AddRange(Ids(await o.GetAsync("setup", "/api/v1/intelligence/reports?pageSize=25")));
                }
                break;
            case Kind.Prevent:
                k.Cases.AddRange(Ids(await o.GetAsync("setup", "/api/v1/prevent/cases?pageSize=25")));
                break;
            case Kind.Protect:
                k.Sites.AddRange(Ids(await o.GetAsync("setup", "/api/v1/protect/sites?page=1&pageSize=25")));
                break;
            case Kind.ActTriage:
                k.ActReports.AddRange(Ids(await o.GetAsync("setup", "/api/v1/act/reports?pageSize=25")));
                break;
            case Kind.HqPlanner:
                k.Scenarios.AddRange(Ids(await o.GetAsync("setup", "/api/v1/national/budget/scenarios")));
                if (k.Scenarios.Count == 0 && await SaveScenarioAsync(o, "setup") is { } made)
                {
                    k.Scenarios.Add(made);
                }
                break;
        }
    }

    /// <summary>The operations of a role, weighted (how often an officer of that role does each, between thinks).</summary>
    private static List<Op> Operations(Kind kind, Known k)
    {
        var ops = new List<Op>();
        void Add(string name, int weight, Func<Officer, Task> run, bool possible = true)
        {
            if (possible)
            {
                ops.Add(new Op(name, weight, run));
            }
        }
        var purpose = Uri.EscapeDataString("Soak: read for operation SOAK");
        switch (kind)
        {
            case Kind.Investigator:
                Add("subjects list", 10, o => o.GetAsync("subjects list", $"/api/v1/subjects?page={1 + o.Random.Next(40)}&pageSize=25"));
                Add("subjects by name", 8, o => o.GetAsync("subjects by name", "/api/v1/subjects?name=" + Uri.EscapeDataString(o.Pick(o.Known.Names).Surname)), k.Names.Count > 0);
                Add("subject read", 15, o => o.GetAsync("subject read", $"/api/v1/subjects/{o.Pick(o.Known.Subjects)}?purpose={purpose}"), k.Subjects.Count > 0);
                Add("check (name)", 8, CheckNameAsync, k.Names.Count > 0);
                Add("check (phone)", 4, o => o.PostAsync("check (phone)", "/api/v1/deconfliction/checks",
                    new { purpose = "Soak: phone check for operation SOAK", phone = "07700900" + o.Random.Next(100, 999).ToString(CultureInfo.InvariantCulture) }));
                Add("caseload", 10, o => o.GetAsync("caseload", "/api/v1/investigations?pageSize=25"));
                Add("investigation", 8, o => o.GetAsync("investigation", $"/api/v1/investigations/{o.Pick(o.Known.Investigations)}"), k.Investigations.Count > 0);
                Add("action queue", 5, o => o.GetAsync("action queue", "/api/v1/investigations/actions?mine=true"));
                Add("search", 8, SearchAsync);
                Add("inbox", 5, o => o.GetAsync("inbox", "/api/v1/inbox"));
                Add("link chart", 3, o => o.GetAsync("link chart", $"/api/v1/graph?from=subject:{o.Pick(o.Known.Subjects)}&depth=1"), k.Subjects.Count > 0);
                Add("raise subject", 3, RaiseSubjectAsync);
                Add("record action", 3, RecordActionAsync, k.ActionInvestigation is not null);
                break;
            case Kind.Analyst:
                Add("search", 20, SearchAsync);
                Add("intelligence reports", 10, async o => Refresh(o.Known.IntelligenceReports, Ids(await o.GetAsync("intelligence reports", "/api/v1/intelligence/reports?pageSize=25"))));
                Add("intelligence queue", 5, o => o.GetAsync("intelligence queue", "/api/v1/intelligence/queue"));
                Add("intelligence report", 10, o => o.GetAsync("intelligence report", $"/api/v1/intelligence/reports/{o.Pick(o.Known.IntelligenceReports)}"), k.IntelligenceReports.Count > 0);
                Add("link chart", 5, o => o.GetAsync("link chart", $"/api/v1/graph?from=intelligence-report:{o.Pick(o.Known.IntelligenceReports)}&depth=1"), k.IntelligenceReports.Count > 0);
                Add("subject read", 5, o => o.GetAsync("subject read", $"/api/v1/subjects/{o.Pick(o.Known.Subjects)}?purpose={purpose}"), k.Subjects.Count > 0);
                Add("check (name)", 5, CheckNameAsync, k.Names.Count > 0);
                Add("record report", 3, o => o.PostAsync("record report", "/api/v1/intelligence/reports", new
                {
                    text = $"A fictional source reports a meeting at a cafe near the station; the soak's report {o.Random.Next():x8}.",
                    source = "2", assessment = "B", handling = "P", classification = "Official",
                }));
                break;
            case Kind.Prevent:
                Add("prevent cases", 10, o => o.GetAsync("prevent cases", $"/api/v1/prevent/cases?page={1 + o.Random.Next(20)}&pageSize=25"));
                Add("prevent case", 10, o => o.GetAsync("prevent case", $"/api/v1/prevent/cases/{o.Pick(o.Known.Cases)}"), k.Cases.Count > 0);
                Add("assessments due", 5, o => o.GetAsync("assessments due", "/api/v1/prevent/queues/assessments-due"));
                Add("reviews due", 5, o => o.GetAsync("reviews due", "/api/v1/prevent/queues/reviews-due"));
                Add("prevent statistics", 2, o => o.GetAsync("prevent statistics", "/api/v1/prevent/statistics"));
                Add("refer", 2, o => o.PostAsync("refer", "/api/v1/prevent/referrals", new Dictionary<string, object?>
                {
                    ["panel"] = "manchester", ["sector"] = "Education", ["referrerName"] = "Fictional Teacher", ["referrerOrganisation"] = "Example Academy",
                    ["referrerRole"] = "Designated safeguarding lead", ["referrerContact"] = "dsl@example.org",
                    ["givenName"] = "Soak", ["surname"] = UniqueSurname(), ["dateOfBirth"] = "2008-04-01", ["gender"] = "Male",
                    ["concernType"] = "extreme-right-wing", ["whatPrompted"] = "Shared extremist material with classmates and talked about it at length.",
                }));
                break;
            case Kind.Protect:
                Add("sites", 10, o => o.GetAsync("sites", $"/api/v1/protect/sites?page={1 + o.Random.Next(5)}&pageSize=25"));
                Add("site", 10, o => o.GetAsync("site", $"/api/v1/protect/sites/{o.Pick(o.Known.Sites)}"), k.Sites.Count > 0);
                Add("protect queue", 5, o => o.GetAsync("protect queue", "/api/v1/protect/queue"));
                Add("awareness", 5, o => o.GetAsync("awareness", "/api/v1/protect/awareness"));
                Add("search", 3, SearchAsync);
                Add("record awareness", 2, o => o.PostAsync("record awareness", "/api/v1/protect/awareness", new
                {
                    kind = "Scan", on = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), site = "Fictional shopping centre staff", sector = "retail",
                    attendees = 5 + o.Random.Next(60),
                }));
                break;
            case Kind.ActTriage:
                Add("act queue", 15, async o => Refresh(o.Known.ActReports, Ids(await o.GetAsync("act queue", "/api/v1/act/reports?pageSize=25"))));
                Add("act report", 10, o => o.GetAsync("act report", $"/api/v1/act/reports/{o.Pick(o.Known.ActReports)}"), k.ActReports.Count > 0);
                Add("act statistics", 2, o => o.GetAsync("act statistics", "/api/v1/act/statistics"));
                break;
            case Kind.Noc:
                Add("picture (network)", 10, o => o.GetAsync("picture (network)", "/api/v1/national/picture?scope=Network"));
                Add("surge board", 5, o => o.GetAsync("surge board", "/api/v1/operations/board"));
                Add("incidents", 5, o => o.GetAsync("incidents", "/api/v1/operations/incidents"));
                Add("prepare board", 5, o => o.GetAsync("prepare board", "/api/v1/prepare/board"));
                Add("threat levels", 5, o => o.GetAsync("threat levels", "/api/v1/prepare/threat-levels"));
                Add("awareness", 2, o => o.GetAsync("awareness", "/api/v1/protect/awareness"));
                Add("inbox", 3, o => o.GetAsync("inbox", "/api/v1/inbox"));
                break;
            case Kind.HqPlanner:
                Add("picture (network)", 5, o => o.GetAsync("picture (network)", "/api/v1/national/picture?scope=Network"));
                Add("scenarios", 5, o => o.GetAsync("scenarios", "/api/v1/national/budget/scenarios"));
                Add("scenario", 10, o => o.GetAsync("scenario", $"/api/v1/national/budget/scenarios/{o.Pick(o.Known.Scenarios)}"), k.Scenarios.Count > 0);
                Add("save scenario", 1, SaveScenarioAsync);
                break;
        }
        return ops;
    }

    private static Task CheckNameAsync(Officer o)
    {
        var (given, surname) = o.Pick(o.Known.Names);
        return o.PostAsync("check (name)", "/api/v1/deconfliction/checks", new { purpose = "Soak: name check for operation SOAK", person = new { givenName = given, surname } });
    }

    private static Task SearchAsync(Officer o) =>
        o.GetAsync("search", "/api/v1/search?q=" + Uri.EscapeDataString(Words[o.Random.Next(Words.Length)]));

    private static Task RaiseSubjectAsync(Officer o) =>
        o.PostAsync("raise subject", "/api/v1/subjects", new
        {
            givenName = "Soak",
            surname = UniqueSurname(),
            dateOfBirth = new DateOnly(1960, 1, 1).AddDays(o.Random.Next(0, 365 * 45)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            classification = "Official",
            acknowledgedCandidates = true,
        });

    /// <summary>An action raised and allocated to the officer (an SIO), then its result recorded: two requests.</summary>
    private static async Task RecordActionAsync(Officer o)
    {
        var id = o.Known.ActionInvestigation!.Value;
        if (await o.PostAsync("record action", $"/api/v1/investigations/{id}/actions", new { title = "Soak: trace the fictional vehicle " + o.Random.Next(1000), allocateTo = Email(o.Account) }) is { } action)
        {
            await o.PostAsync("record action", $"/api/v1/investigations/{id}/actions/{action.GetProperty("id").GetGuid()}/result",
                new { version = action.GetProperty("version").GetGuid(), result = "Soak: vehicle traced to a fictional hire company." });
        }
    }

    private static async Task<Guid?> SaveScenarioAsync(Officer o, string endpoint) =>
        await o.PostAsync(endpoint, "/api/v1/national/budget/scenarios", new { name = "Soak " + o.Random.Next(100_000), financialYear = "2027/28", totalPounds = 633_000_000 }) is { } s
            && s.TryGetProperty("id", out var id) ? id.GetGuid() : null;

    private static Task SaveScenarioAsync(Officer o) => SaveScenarioAsync(o, "save scenario");

    // Fictional: a made-up word of consonants, unique to the run (Random.Shared: a run repeated with the same seed
    // on the same database must not raise the same people again).
    private static string UniqueSurname() => "Soak-" + new string(Enumerable.Range(0, 10).Select(_ => "bcdfghjklmnpqrstvwxz"[Random.Shared.Next(20)]).ToArray());

    /// <summary>An officer's day: an operation of their role, then a think (exponential, capped), until stopped.</summary>
    private static async Task WorkAsync(Officer o, List<Op> ops, double thinkSeconds, CancellationToken stop)
    {
        var total = ops.Sum(x => x.Weight);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(o.Random.NextDouble() * 20), stop); // arrivals spread over the first 20 s
            while (!stop.IsCancellationRequested)
            {
                var roll = o.Random.Next(total);
                var op = ops.First(x => (roll -= x.Weight) < 0);
                await op.Run(o);
                var think = Math.Min(thinkSeconds * 10, -thinkSeconds * Math.Log(1 - o.Random.NextDouble()));
                await Task.Delay(TimeSpan.FromSeconds(think), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The soak is over.
        }
    }
}

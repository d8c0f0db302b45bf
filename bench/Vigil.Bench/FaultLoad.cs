using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Vigil.Bench;

/// <summary>One request of the fault modes' load: when it was sent and answered (seconds on the run's clock), what it
/// was, and the status (0: no answer at all); <see cref="OutcomeUnknown"/>: a 503 saying the database went away as it
/// committed, so it may or may not have been saved (any other 503 says nothing was).</summary>
internal sealed record Attempt(double Sent, double Answered, bool Write, int Status, string? ContentType, Guid? Id, string Surname, bool OutcomeUnknown = false);

/// <summary>
/// The load the failover and disk-full modes put on the real server while they break its database: writers raising
/// subjects over the API (a CLI-minted token, as the crash loop does) and readers searching, every request kept with
/// its times and status. A writer that is refused waits 50 ms before the next, as a client that retries would.
/// </summary>
internal sealed class FaultLoad(Uri address, string token, int writers, int readers, int seed) : IDisposable
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<Attempt> attempts = [];
    private readonly CancellationTokenSource stop = new();
    private Task[] running = [];

    public double Now => clock.Elapsed.TotalSeconds;

    public IReadOnlyList<Attempt> Attempts
    {
        get
        {
            lock (attempts)
            {
                return [.. attempts];
            }
        }
    }

    public IEnumerable<Attempt> Acknowledged => Attempts.Where(a => a.Write && a.Status == 201);

    public void Start()
    {
        running = [.. Enumerable.Range(0, writers).Select(w => WriteAsync(new Random(seed * 100 + w))), .. Enumerable.Range(0, readers).Select(_ => ReadAsync())];
    }

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(running);
    }

    public void Dispose() => stop.Dispose();

    private HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private async Task WriteAsync(Random random)
    {
        using var api = Client();
        var faker = new Bogus.Faker { Random = new Bogus.Randomizer(random.Next()) };
        while (!stop.IsCancellationRequested)
        {
            var person = new
            {
                givenName = faker.Name.FirstName(),
                surname = faker.Name.LastName() + "-" + faker.Random.String2(8, "bcdfghjklmnpqrstvwxz"),
                dateOfBirth = new DateOnly(1950, 1, 1).AddDays(random.Next(0, 365 * 55)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                classification = "Official",
                acknowledgedCandidates = true,
            };
            var sent = Now;
            var (status, type, id, unknown) = await SendAsync(() => api.PostAsJsonAsync("/api/v1/subjects", person, CancellationToken.None), read: status => status == 201);
            Record(new Attempt(sent, Now, true, status, type, id, person.surname, unknown));
            if (status != 201)
            {
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    /// <summary>Searches for the surname of a write acknowledged a moment ago (or any word until there is one).</summary>
    private async Task ReadAsync()
    {
        using var api = Client();
        while (!stop.IsCancellationRequested)
        {
            var word = Acknowledged.LastOrDefault()?.Surname.Split('-')[^1] ?? "market";
            var sent = Now;
            var (status, type, _, unknown) = await SendAsync(() => api.GetAsync($"/api/v1/search?q={word}", CancellationToken.None), read: _ => false);
            Record(new Attempt(sent, Now, false, status, type, null, word, unknown));
            await Task.Delay(status == 200 ? 20 : 50, CancellationToken.None);
        }
    }

    private static async Task<(int Status, string? ContentType, Guid? Id, bool OutcomeUnknown)> SendAsync(Func<Task<HttpResponseMessage>> send, Func<int, bool> read)
    {
        try
        {
            using var response = await send();
            var status = (int)response.StatusCode;
            Guid? id = read(status) ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() : null;
            var unknown = status == 503 && (await response.Content.ReadAsStringAsync()).Contains("may or may not have been saved", StringComparison.Ordinal);
            return (status, response.Content.Headers.ContentType?.MediaType, id, unknown);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            return (0, null, null, false);
        }
    }

    private void Record(Attempt attempt)
    {
        lock (attempts)
        {
            attempts.Add(attempt);
        }
    }

    /// <summary>Read directly on <paramref name="connection"/>: the acknowledged writes missing; the writes refused as
    /// "nothing was saved" that left a subject (by surname: each is unique to its attempt); of those answered "may or may
    /// not have been saved", how many were; and the subjects of this load saved without their audit entry (half-saved).</summary>
    public async Task<Checked> CheckAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        async Task<long> CountAsync(string sql, object values)
        {
            await using var command = new NpgsqlCommand(sql, db);
            command.Parameters.AddWithValue("values", values);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        // The table is named after the entity ("Subject"), as EF names a set it is not told to name otherwise.
        var attempts = Attempts.Where(a => a.Write).ToList();
        var acknowledged = attempts.Where(a => a.Status == 201).Select(a => a.Id!.Value).ToArray();
        var found = await CountAsync("""SELECT COUNT(*) FROM "Subject" WHERE "Id" = ANY(@values)""", acknowledged);
        var refused = await CountAsync("""SELECT COUNT(*) FROM "Subject" WHERE "Surname" = ANY(@values)""",
            attempts.Where(a => a.Status >= 500 && !a.OutcomeUnknown).Select(a => a.Surname).ToArray());
        var unknown = attempts.Where(a => a.Status >= 500 && a.OutcomeUnknown).Select(a => a.Surname).ToArray();
        var unknownSaved = await CountAsync("""SELECT COUNT(*) FROM "Subject" WHERE "Surname" = ANY(@values)""", unknown);
        var halfSaved = await CountAsync("""
            SELECT COUNT(*) FROM "Subject" s WHERE s."Surname" = ANY(@values)
            AND NOT EXISTS (SELECT 1 FROM "AuditEntries" e WHERE e."RecordType" = 'subject' AND e."Action" = 'create' AND e."RecordId" = s."Id"::text)
            """, attempts.Select(a => a.Surname).ToArray());
        return new Checked(acknowledged.Length - (int)found, (int)refused, unknown.Length, (int)unknownSaved, (int)halfSaved);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    public static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

/// <summary>What <see cref="FaultLoad.CheckAsync"/> found.</summary>
internal sealed record Checked(int Lost, int RefusedYetSaved, int OutcomeUnknown, int OutcomeUnknownSaved, int HalfSaved);

/// <summary>The server pointed at PostgreSQL through the given connection strings (the primary's, which may name
/// several hosts, and the read replica's).</summary>
internal sealed class PostgresAppDatabase(string folder, string connection, string? replica = null) : IAppDatabase
{
    public void Configure(ProcessStartInfo start)
    {
        start.Environment["Vigil__DataFolder"] = folder;
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["ConnectionStrings__Vigil"] = connection;
        if (replica is not null)
        {
            start.Environment["ConnectionStrings__VigilReplica"] = replica;
        }
    }
}

internal static class HttpStatus
{
    public static bool IsProblem(Attempt a) => a.ContentType == "application/problem+json";

    public static string Count(IEnumerable<Attempt> attempts) =>
        string.Join(", ", attempts.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "no answer" : g.Key.ToString(CultureInfo.InvariantCulture))}: {g.Count()}"));

    public static bool IsServerError(int status) => status >= 500 && status != (int)HttpStatusCode.ServiceUnavailable;
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace Vigil.Bench;

internal static partial class Soak
{
    /// <summary>
    /// The public's ACT reports (POST /api/v1/act/reports, anonymous): arrivals at random (Poisson) at a steady rate,
    /// each sent when due on a pool of connections and timed from when it was due (an open model: a slow server
    /// does not slow the arrivals). At most 500 in flight; one due beyond that is counted as not sent. One report
    /// in ten is about the incident of the moment (a place, a car and a name that change every ten minutes); the
    /// rest are spread over places, names and cars.
    /// </summary>
    private sealed class PublicReports(Uri address, Recorder recorder, double rate, Random random)
    {
        private const int MostInFlight = 500;

        private static readonly string[] Postcodes =
            ["M1 1AE", "M4 5JD", "M14 5RS", "B1 1BB", "B5 4BU", "LS1 4AP", "L1 8JQ", "S1 2HH", "NE1 7RU", "BS1 4DJ",
             "CF10 1EP", "G1 1XQ", "EH1 1YZ", "SW1A 2AA", "E1 6AN", "N1 9GU", "SE1 7PB", "W1D 3QU", "NG1 5FS", "LE1 5YA",
             "OX1 2JD", "CB2 1TN", "BN1 1GE", "PL1 2AA", "EX1 1QA", "NR2 1TF", "YO1 7HH", "HU1 3RQ", "PR1 2HE", "BT1 5GS"];

        private static readonly string[] Behaviours = ["suspicious-vehicle", "hostile-reconnaissance"];

        private readonly Bogus.Faker faker = new() { Random = new Bogus.Randomizer(random.Next()) };
        private long notSent;

        /// <summary>Reports due but not sent since the last call.</summary>
        public long Short() => Interlocked.Exchange(ref notSent, 0);

        public async Task RunAsync(CancellationToken stop)
        {
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
            {
                BaseAddress = address,
                Timeout = TimeSpan.FromSeconds(30),
            };
            var inFlight = new List<Task>();
            var clock = Stopwatch.StartNew();
            var next = 0.0;
            var flying = 0;
            while (!stop.IsCancellationRequested)
            {
                next += -Math.Log(1 - random.NextDouble()) / rate;
                var wait = TimeSpan.FromSeconds(next) - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    try
                    {
                        await Task.Delay(wait, stop);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
                if (Volatile.Read(ref flying) >= MostInFlight)
                {
                    Interlocked.Increment(ref notSent);
                    continue;
                }
                var due = Stopwatch.GetTimestamp() - (long)((clock.Elapsed.TotalSeconds - next) * Stopwatch.Frequency);
                var report = Report(clock.Elapsed);
                Interlocked.Increment(ref flying);
                inFlight.Add(SendAsync(client, report, due).ContinueWith(_ => Interlocked.Decrement(ref flying), TaskScheduler.Default));
                if (inFlight.Count > 2_000)
                {
                    inFlight.RemoveAll(t => t.IsCompleted);
                }
            }
            await Task.WhenAll(inFlight);
        }

        private async Task SendAsync(HttpClient client, object report, long due)
        {
            try
            {
                using var response = await client.PostAsJsonAsync("/api/v1/act/reports", report);
                var body = await response.Content.ReadAsStringAsync();
                var ms = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                var status = (int)response.StatusCode;
                var outcome = response.StatusCode == HttpStatusCode.Accepted ? Outcome.Ok : status >= 500 ? Outcome.ServerError : Outcome.Unexpected;
                recorder.Record("public ACT report", true, ms, outcome, outcome == Outcome.Ok ? null : $"public POST /api/v1/act/reports: {status} {body[..Math.Min(300, body.Length)]}");
            }
            catch (TaskCanceledException)
            {
                recorder.Record("public ACT report", true, Stopwatch.GetElapsedTime(due).TotalMilliseconds, Outcome.Timeout, "public POST /api/v1/act/reports: timed out");
            }
            catch (HttpRequestException e)
            {
                recorder.Record("public ACT report", true, Stopwatch.GetElapsedTime(due).TotalMilliseconds, Outcome.Connection, "public POST /api/v1/act/reports: " + e.Message);
            }
        }

        private object Report(TimeSpan at)
        {
            // Fictional throughout: names from Bogus's pool with "Fictional" before them, made-up registrations.
            var incident = (int)(at.TotalMinutes / 10);
            var aboutTheIncident = random.NextDouble() < 0.1;
            return new
            {
                behaviour = aboutTheIncident ? "hostile-reconnaissance" : Behaviours[random.Next(Behaviours.Length)],
                whatHappened = aboutTheIncident
                    ? "A fictional person filmed the entrance and the barriers for a long time and left when a steward came over."
                    : "A fictional van was parked by the entrance for most of the day with nobody in it.",
                seenOn = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                seenAt = "14:30",
                postcode = aboutTheIncident ? Postcodes[(incident * 7) % Postcodes.Length] : Postcodes[random.Next(Postcodes.Length)],
                placeDescription = "By the main entrance.",
                people = new[] { new { name = aboutTheIncident ? $"Fictional Incident Person {incident}" : "Fictional " + faker.Name.FullName(), description = "About 40, grey coat" } },
                vehicles = new[]
                {
                    new
                    {
                        registration = aboutTheIncident ? $"SK{10 + incident % 80} INC" : $"{faker.Random.String2(2, "ABCDEFGHJKLMNOPRSTUVWXY")}{random.Next(10, 80)} {faker.Random.String2(3, "ABCDEFGHJKLMNOPRSTUVWXYZ")}",
                        make = "Ford Transit", colour = "white",
                    },
                },
            };
        }
    }
}

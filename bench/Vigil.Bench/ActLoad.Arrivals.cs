using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Vigil.Bench;

internal static partial class ActLoad
{
    /// <summary>
    /// The public's reports sent by hey (Debian's package) as a fleet of small hey processes whose ticks are spread
    /// over the tick: one hey with 50 workers at 4 a second each sends 50 reports at the same instant every quarter
    /// second (its workers tick together), which is a burst of 50 and not 200 a second; 50 hey processes of one
    /// worker each, started a fiftieth of a tick apart, send one report every 5 ms. Every request's time and status
    /// comes back as hey's CSV and the percentiles are over all of them. Each process sends its own report: a share
    /// are about one incident (one place, one car, one name), the rest spread over places, cars and names, so that
    /// clustering meets a few big clusters and many small ones.
    /// </summary>
    private sealed class Arrivals(string hey, Uri url, string folder)
    {
        private const int MostProcesses = 10;

        private static readonly string[] Postcodes =
            ["M1 1AE", "M4 5JD", "M14 5RS", "B1 1BB", "B5 4BU", "LS1 4AP", "L1 8JQ", "S1 2HH", "NE1 7RU", "BS1 4DJ",
             "CF10 1EP", "G1 1XQ", "EH1 1YZ", "SW1A 2AA", "E1 6AN", "N1 9GU", "SE1 7PB", "W1D 3QU", "NG1 5FS", "LE1 5YA",
             "OX1 2JD", "CB2 1TN", "BN1 1GE", "PL1 2AA", "EX1 1QA", "NR2 1TF", "YO1 7HH", "HU1 3RQ", "PR1 2HE", "BT1 5GS"];

        private static readonly string[] Names =
            ["Fictional Ada Testperson", "Fictional Bo Example", "Fictional Chidi Sample", "Fictional Dana Placeholder",
             "Fictional Emre Madeup", "Fictional Fen Notreal", "Fictional Gita Invented", "Fictional Hal Synthetic"];

        public async Task<LoadRun> RunAsync(string name, int rate, int seconds, double incident)
        {
            var perWorker = rate <= 400 ? 4 : 10;
            var workers = Math.Max(1, rate / perWorker);
            var processes = Math.Min(workers, MostProcesses);
            var tick = TimeSpan.FromSeconds(1.0 / perWorker);
            var clock = Stopwatch.StartNew();
            var running = new List<Task<string>>();
            for (var i = 0; i < processes; i++)
            {
                var body = Path.Combine(folder, $"report-{name.Split(' ')[0]}-{i}.json");
                await File.WriteAllTextAsync(body, JsonSerializer.Serialize(Report(i, i < processes * incident)));
                var startAt = tick * i / processes;
                if (startAt - clock.Elapsed is { } wait && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
                running.Add(HeyAsync(workers / processes + (i < workers % processes ? 1 : 0), perWorker, seconds, body));
            }
            var rows = (await Task.WhenAll(running)).SelectMany(Rows).ToList();
            var took = clock.Elapsed.TotalSeconds;
            var ms = rows.Select(r => r.Ms).Order().ToList();
            var accepted = rows.LongCount(r => r.Status == 202);
            var other = rows.Where(r => r.Status != 202).GroupBy(r => r.Status).Select(g => $"{g.Key} x{g.Count()}");
            var run = new LoadRun(name, workers * perWorker, seconds, rows.Count / took, accepted, rows.LongCount(r => r.Status != 202),
                Math.Max(0, (long)workers * perWorker * seconds - rows.Count),
                Pct(ms, 0.5), Pct(ms, 0.95), Pct(ms, 0.99), ms.Count == 0 ? double.NaN : ms[^1], string.Join(", ", other));
            Console.WriteLine($"{name}: {processes} hey processes, {run}");
            return run;
        }

        private async Task<string> HeyAsync(int connections, int perWorker, int seconds, string body)
        {
            var start = new ProcessStartInfo(hey, $"-z {seconds}s -c {connections} -q {perWorker} -o csv -m POST -T application/json -D {body} {url}")
            {
                UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return await output + await error;
        }

        /// <summary>hey's CSV: response-time (seconds), the phases, status-code, offset. A request that failed (no
        /// answer) has no row: the run counts how far the answers fell short of the target instead.</summary>
        private static IEnumerable<(int Status, double Ms)> Rows(string csv)
        {
            foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1))
            {
                var cells = line.Split(',');
                if (cells.Length >= 7 && double.TryParse(cells[0], CultureInfo.InvariantCulture, out var seconds) && int.TryParse(cells[6], out var status))
                {
                    yield return (status, seconds * 1000);
                }
            }
        }

        private static object Report(int i, bool aboutTheIncident) => new
        {
            behaviour = aboutTheIncident ? "hostile-reconnaissance" : "suspicious-vehicle",
            whatHappened = aboutTheIncident
                ? "A fictional person filmed the stadium's turnstiles for an hour and drove off when a steward came over."
                : "A fictional van was parked by the entrance for most of the day with nobody in it.",
            seenOn = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            seenAt = "14:30",
            postcode = aboutTheIncident ? "M11 3FF" : Postcodes[i % Postcodes.Length],
            placeDescription = "By the main entrance.",
            people = new[] { new { name = aboutTheIncident ? "Fictional Loadtest Person" : Names[i % Names.Length], description = "About 40, grey coat" } },
            vehicles = new[] { new { registration = aboutTheIncident ? "LO70 ADS" : $"FK{10 + (i % 60)} VGL", make = "Ford Transit", colour = "white" } },
        };
    }
}

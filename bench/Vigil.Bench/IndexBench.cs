using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vigil.Matching;

namespace Vigil.Bench;

internal sealed record IndexRow(int People, double TrainSeconds, double BuildSeconds, double IndexMiB, double WorkingSetMiB, int Queries, double P50Ms, double P95Ms, double P99Ms, double MaxMs, double FoundRate, double FalseRate);

internal static class IndexBench
{
    /// <summary>
    /// Trains a model once on 20,000 synthetic people with 4,000 corrupted copies, indexes
    /// <paramref name="people"/> synthetic people (streamed, so the index's memory is what stays), then times
    /// single queries: corrupted copies of indexed people (which should be found) and people not indexed
    /// (who should not).
    /// </summary>
    public static IndexRow Run(int people)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(7);
        var sample = Synthetic.People(5_000_000, 20_000).ToList();
        var training = new List<PersonRecord>(sample);
        for (var i = 0; i < 4_000; i++)
        {
            training.Add(Synthetic.Corrupt(sample[random.Next(sample.Count)], random, "D" + i.ToString(CultureInfo.InvariantCulture)));
        }

        var model = MatchModel.Train(training);
        var trainSeconds = clock.Elapsed.TotalSeconds;
        training.Clear();
        sample.Clear();

        // Which indexed people the queries will copy: chosen now, kept while streaming.
        const int Queries = 5_000;
        var chosen = new HashSet<int>();
        while (chosen.Count < Queries * 2 / 3)
        {
            chosen.Add(random.Next(people));
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        clock.Restart();
        var index = new PersonIndex(model);
        var originals = new List<PersonRecord>();
        var n = 0;
        foreach (var person in Synthetic.People(0, people))
        {
            index.Add(person);
            if (chosen.Contains(n))
            {
                originals.Add(person);
            }

            n++;
        }

        var buildSeconds = clock.Elapsed.TotalSeconds;
        var keep = originals.Count;
        var indexBytes = GC.GetTotalMemory(true) - before;

        var queries = new List<(PersonRecord Query, string? Expected)>();
        foreach (var o in originals)
        {
            queries.Add((Synthetic.Corrupt(o, random, "Q" + queries.Count.ToString(CultureInfo.InvariantCulture)), o.Id));
        }

        foreach (var stranger in Synthetic.People(8_000_000, Queries - queries.Count))
        {
            queries.Add((stranger with { Id = "S" + queries.Count.ToString(CultureInfo.InvariantCulture) }, null));
        }

        queries = [.. queries.OrderBy(_ => random.Next())];

        // Warm up, then time each query alone.
        for (var i = 0; i < 200; i++)
        {
            index.Query(queries[i].Query);
        }

        var times = new double[queries.Count];
        int found = 0, expected = 0, falseHits = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var result = index.Query(queries[i].Query, 0.5, 10);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (queries[i].Expected is { } id)
            {
                expected++;
                found += result.Count > 0 && result[0].Id == id ? 1 : 0;
                falseHits += result.Any(c => c.Id != id) ? 1 : 0;
            }
            else
            {
                falseHits += result.Count > 0 ? 1 : 0;
            }
        }

        Array.Sort(times);
        using var process = Process.GetCurrentProcess();
        GC.KeepAlive(index);
        return new IndexRow(
            people, trainSeconds, buildSeconds, indexBytes / 1048576.0, process.PeakWorkingSet64 / 1048576.0, times.Length,
            Percentile(times, 0.50), Percentile(times, 0.95), Percentile(times, 0.99), times[^1],
            (double)found / expected, (double)falseHits / times.Length);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public static string ToJson(IndexRow row) => JsonSerializer.Serialize(row);

    public static IndexRow? FromJson(string line) => JsonSerializer.Deserialize<IndexRow>(line);

    public static void PrintTable(IEnumerable<IndexRow> rows, TextWriter output)
    {
        output.WriteLine("| indexed people | train (s) | build (s) | index memory (MiB) | peak working set (MiB) | queries | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | true person found first | queries with a wrong candidate |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.People:N0} | {r.TrainSeconds:0.0} | {r.BuildSeconds:0.0} | {r.IndexMiB:0} | {r.WorkingSetMiB:0} | {r.Queries:N0} | {r.P50Ms:0.00} | {r.P95Ms:0.00} | {r.P99Ms:0.00} | {r.MaxMs:0.00} | {r.FoundRate:P1} | {r.FalseRate:P1} |"));
        }
    }
}

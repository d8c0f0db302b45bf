using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vigil.Matching;
using Vigil.Matching.Engine;

namespace Vigil.Bench;

internal sealed record ThroughputRow(string Set, long Comparisons, int Threads, double BlockingSeconds, double CompareSeconds, double ScoreSeconds, double ComparisonsPerSecond, double PerCore);

/// <summary>
/// The prediction rate (Splink's predict(): block, compare, score) on a data set's candidate pairs, with a
/// trained model, best of three runs, on one thread and on every core.
/// </summary>
internal static class Throughput
{
    public static List<ThroughputRow> Run(Dataset set, string dataDir)
    {
        var task = set.Load(dataDir);
        var records = task.Right is null ? task.Left : [.. task.Left, .. task.Right];
        var options = new MatchOptions { CompareWithinSource = !task.AcrossSources };
        var model = task.Right is null ? MatchModel.Train(task.Left, options) : MatchModel.Train(task.Left, task.Right, options);
        var population = new Population();
        var cells = new FieldValue?[records.Count * RecordEncoder.FieldCount];
        for (var i = 0; i < records.Count; i++)
        {
            population.Add(records[i], cells.AsSpan(i * RecordEncoder.FieldCount, RecordEncoder.FieldCount));
        }

        var fields = model.Comparisons.Select(c => c.Field).ToArray();
        var comparer = new PairComparer(fields);
        var scorer = new Scorer(model, fields, population, model.PriorProbability);
        var space = task.Right is not null ? ComparisonSpace.Link(task.Left.Count, task.Right.Count)
            : task.AcrossSources ? ComparisonSpace.AcrossSources([.. records.Select(r => r.Source!.GetHashCode(StringComparison.Ordinal))])
            : ComparisonSpace.Dedupe(records.Count);
        var rules = BlockingRule.Usable(f => fields.Contains(f));
        var rows = new List<ThroughputRow>();
        foreach (var threads in new[] { 1, Environment.ProcessorCount })
        {
            ThroughputRow? best = null;
            for (var run = 0; run < 3; run++)
            {
                var candidates = CandidateGenerator.Generate(cells, space, rules, comparer, 1000, threads);
                var clock = Stopwatch.StartNew();
                var above = 0;
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
                {
                    var local = 0;
                    for (var i = t; i < candidates.Count; i += threads)
                    {
                        var w = scorer.Score(candidates.Row(i), cells.AsSpan(candidates.A[i] * RecordEncoder.FieldCount, RecordEncoder.FieldCount));
                        local += w >= 0 ? 1 : 0;
                    }

                    Interlocked.Add(ref above, local);
                });
                var score = clock.Elapsed.TotalSeconds;
                var blocking = candidates.BlockingElapsed.TotalSeconds;
                var compare = (candidates.Elapsed - candidates.BlockingElapsed).TotalSeconds;
                var rate = candidates.Count / (blocking + compare + score);
                if (best is null || rate > best.ComparisonsPerSecond)
                {
                    best = new ThroughputRow(set.Name, candidates.Count, threads, blocking, compare, score, rate, rate / threads);
                }
            }

            rows.Add(best!);
        }

        return rows;
    }

    public static string ToJson(List<ThroughputRow> rows) => JsonSerializer.Serialize(rows);

    public static List<ThroughputRow>? FromJson(string line) => JsonSerializer.Deserialize<List<ThroughputRow>>(line);

    public static void PrintTable(IEnumerable<ThroughputRow> rows, TextWriter output)
    {
        output.WriteLine("| set | candidate pairs | threads | blocking (s) | comparing (s) | scoring (s) | comparisons/s | per core | vs Splink per vCPU (125,000/s) |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Set} | {r.Comparisons:N0} | {r.Threads} | {r.BlockingSeconds:0.000} | {r.CompareSeconds:0.000} | {r.ScoreSeconds:0.000} | {r.ComparisonsPerSecond:N0} | {r.PerCore:N0} | {r.PerCore / 125_000:0.0}x |"));
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vigil.Matching;
using Vigil.Matching.Io;

namespace Vigil.Bench;

/// <summary>One data set's measurements.</summary>
internal sealed record AccuracyRow(
    string Set, string Task, int Records, long PossiblePairs, long Comparisons, long TruePairs, int Predicted, long TruePositives,
    double Precision, double Recall, double F1, double ClusterPrecision, double ClusterRecall, double ClusterF1,
    double ColdSeconds, double ColdFromProcessStartSeconds, double WarmSeconds, double CompareSeconds, double PeakMiB, double ComparisonsPerSecondPerCore, int EmIterations, double Prior);

internal static class Accuracy
{
    /// <summary>Runs one data set twice in this process (cold, then warm), end to end: read, train, score, write.</summary>
    public static AccuracyRow Run(Dataset set, string dataDir, double threshold)
    {
        var (cold, _, _) = Once(set, dataDir, threshold);
        using var self = Process.GetCurrentProcess();
        var fromStart = (DateTime.Now - self.StartTime).TotalSeconds;
        var (warm, result, task) = Once(set, dataDir, threshold);
        var stats = result.Stats;
        var (tp, predicted) = Score(result.Pairs, task);
        var precision = predicted == 0 ? 0 : (double)tp / predicted;
        var recall = task.TruePairs == 0 ? 0 : (double)tp / task.TruePairs;
        double cp = double.NaN, cr = double.NaN, cf = double.NaN;
        if (result.Clusters is not null)
        {
            var (ctp, cpred) = ClusterScore(result.Clusters, task);
            cp = cpred == 0 ? 0 : (double)ctp / cpred;
            cr = (double)ctp / task.TruePairs;
            cf = F1(cp, cr);
        }

        using var process = Process.GetCurrentProcess();
        return new AccuracyRow(
            set.Name, set.Task, stats.Records, stats.PossiblePairs, stats.Comparisons, task.TruePairs, predicted, tp,
            precision, recall, F1(precision, recall), cp, cr, cf,
            cold.TotalSeconds, fromStart, warm.TotalSeconds, stats.Comparing.TotalSeconds, process.PeakWorkingSet64 / 1048576.0,
            stats.Comparisons / (stats.Blocking + stats.Comparing + stats.Scoring).TotalSeconds / Environment.ProcessorCount, stats.EmIterations, stats.PriorProbability);
    }

    private sealed record Outcome(IReadOnlyList<MatchPair> Pairs, IReadOnlyList<ClusterAssignment>? Clusters, MatchStatistics Stats);

    private static (TimeSpan Elapsed, Outcome Result, LoadedTask Task) Once(Dataset set, string dataDir, double threshold)
    {
        var clock = Stopwatch.StartNew();
        var task = set.Load(dataDir);
        Outcome outcome;
        var matcher = new PersonMatcher(new MatchOptions { CompareWithinSource = !task.AcrossSources });
        if (task.Right is not null)
        {
            var r = matcher.Link(task.Left, task.Right, threshold);
            outcome = new Outcome(r.Pairs, null, r.Statistics);
        }
        else
        {
            var r = matcher.Dedupe(task.Left, threshold);
            outcome = new Outcome(r.Pairs, r.Clusters, r.Statistics);
        }

        var output = Path.Combine(Path.GetTempPath(), $"vigil-bench-{set.Name}-{Environment.ProcessId}.csv");
        using (var writer = new StreamWriter(output))
        {
            MatchCsvWriter.WritePairs(writer, outcome.Pairs);
            if (outcome.Clusters is not null)
            {
                MatchCsvWriter.WriteClusters(writer, outcome.Clusters);
            }
        }

        File.Delete(output);
        return (clock.Elapsed, outcome, task);
    }

    private static (long TruePositives, int Predicted) Score(IReadOnlyList<MatchPair> pairs, LoadedTask task)
    {
        long tp = 0;
        foreach (var p in pairs)
        {
            if (task.Entity[(p.Left.Source, p.LeftId)] == task.Entity[(p.Right.Source, p.RightId)])
            {
                tp++;
            }
        }

        return (tp, pairs.Count);
    }

    /// <summary>Pairwise scores of the pairs that the clusters imply (every two records of a cluster).</summary>
    private static (long TruePositives, long Predicted) ClusterScore(IReadOnlyList<ClusterAssignment> clusters, LoadedTask task)
    {
        var members = new Dictionary<int, List<ClusterAssignment>>();
        foreach (var c in clusters)
        {
            if (c.ClusterSize > 1)
            {
                if (!members.TryGetValue(c.ClusterId, out var list))
                {
                    members[c.ClusterId] = list = [];
                }

                list.Add(c);
            }
        }

        long tp = 0, predicted = 0;
        foreach (var list in members.Values)
        {
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    if (task.AcrossSources && list[i].Record.Source == list[j].Record.Source)
                    {
                        continue;
                    }

                    predicted++;
                    if (task.Entity[(list[i].Record.Source, list[i].Id)] == task.Entity[(list[j].Record.Source, list[j].Id)])
                    {
                        tp++;
                    }
                }
            }
        }

        return (tp, predicted);
    }

    private static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string ToJson(AccuracyRow row) => JsonSerializer.Serialize(row, Json);

    public static AccuracyRow? FromJson(string line) => JsonSerializer.Deserialize<AccuracyRow>(line, Json);

    public static void PrintTable(IEnumerable<AccuracyRow> rows, TextWriter output)
    {
        output.WriteLine("| set | task | records | comparisons | precision | recall | F1 | cluster F1 | wall, first run (s) | incl. process start (s) | wall, second run (s) | peak memory (MiB) | comparisons/s per core |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Set} | {r.Task} | {r.Records:N0} | {r.Comparisons:N0} | {r.Precision:0.0000} | {r.Recall:0.0000} | {r.F1:0.0000} | {(double.IsNaN(r.ClusterF1) ? "-" : r.ClusterF1.ToString("0.0000", CultureInfo.InvariantCulture))} | {r.ColdSeconds:0.00} | {r.ColdFromProcessStartSeconds:0.00} | {r.WarmSeconds:0.00} | {r.PeakMiB:0} | {r.ComparisonsPerSecondPerCore:N0} |"));
        }
    }
}

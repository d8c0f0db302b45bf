using System.Diagnostics;
using System.Globalization;
using Vigil.Bench;

// dotnet run -c Release --project bench/Vigil.Bench -- [accuracy|speed|all] [set...]
//                                                  -- crash [--postgres CONN] [--starts K] [--cycles N]
//                                                  -- failover [--runs 5] [--promote-after 2] [--writers 4] [--readers 2]
//                                                  -- diskfull [--where data,wal] [--size-mb 512] [--headroom-kb 256]
//                                                  -- national --sqlite demo=PATH [--sqlite LABEL=PATH] [--postgres LABEL=CONN] ...
//                                                  -- search --sqlite LABEL=PATH [--postgres LABEL=CONN] [--join-all-teams EMAIL] ...
//                                                  -- hard [--known 200000] [--per-class 500] [--seed 13]
//                                                  -- surge [--requests 200] [--days 14] [--seed 17] [--runs 5]
//                                                  -- prepare [--postgres CONN] [--requests 200] [--warmup 20]
//                                                  -- act [--rate 200] [--warm-up 30] [--seconds 60] [--surge 10] [--surge-seconds 60]
//                                                  -- picture --sqlite [LABEL=]PATH [--postgres [LABEL=]CONN] [--requests 200] [--warmup 20]
//                                                  -- soak --sqlite PATH [--minutes 60] [--users 50] [--think 3] [--act-rate 20]
// Each data set runs in a child process of its own, so that its peak memory and cold start are its own.
var mode = args.Length > 0 ? args[0] : "all";
var threshold = 0.5;
if (mode == "crash")
{
    return await CrashLoop.RunAsync(args);
}

if (mode == "failover")
{
    return await Failover.RunAsync(args);
}

if (mode == "diskfull")
{
    return await DiskFull.RunAsync(args);
}

if (mode == "national")
{
    return await National.RunAsync(args);
}

if (mode == "surge")
{
    return SurgeBench.Run(args);
}

if (mode == "prepare")
{
    return await PrepareBoard.RunAsync(args);
}

if (mode == "picture")
{
    return await PictureBench.RunAsync(args);
}

if (mode == "soak")
{
    return await Soak.RunAsync(args);
}

if (mode == "act")
{
    return await ActLoad.RunAsync(args);
}

if (mode == "search")
{
    return await SearchBench.RunAsync(args);
}

if (mode == "hard")
{
    return HardCases.Run(args);
}

var dataDir = Datasets.Locate();

if (mode == "one")
{
    var set = Datasets.All.Single(d => d.Name == args[1]);
    Console.WriteLine("ROW " + Accuracy.ToJson(Accuracy.Run(set, dataDir, threshold)));
    return 0;
}

if (mode == "model")
{
    var set = Datasets.All.Single(d => d.Name == args[1]);
    var task = set.Load(dataDir);
    var options = new Vigil.Matching.MatchOptions { CompareWithinSource = !task.AcrossSources };
    var model = task.Right is null ? Vigil.Matching.MatchModel.Train(task.Left, options) : Vigil.Matching.MatchModel.Train(task.Left, task.Right, options);
    Console.WriteLine($"prior {model.PriorProbability:E3} matches/record {model.ExpectedMatchesPerRecord:0.###}");
    foreach (var c in model.Comparisons)
    {
        Console.WriteLine($"{c.Field,-12} " + string.Join("  ", Enumerable.Range(0, c.M.Count).Select(l => string.Create(CultureInfo.InvariantCulture, $"L{l} m={c.M[l]:0.0000} u={c.U[l]:0.00000} w={c.Weight(l):+0.0;-0.0}"))));
    }

    return 0;
}

if (mode == "truem")
{
    // Diagnostic: the level distribution of true pairs among the candidates (what m should be), and
    // the weights of the false pairs that pass the threshold.
    var set = Datasets.All.Single(d => d.Name == args[1]);
    var task = set.Load(dataDir);
    var options = new Vigil.Matching.MatchOptions { CompareWithinSource = !task.AcrossSources };
    var matcher = new Vigil.Matching.PersonMatcher(options);
    var pairs = task.Right is null ? matcher.Dedupe(task.Left, 0).Pairs : matcher.Link(task.Left, task.Right, 0).Pairs;
    var tally = new Dictionary<string, int[]>();
    var trueCount = 0;
    var falseShown = 0;
    var missed = 0;
    foreach (var p in pairs)
    {
        var same = task.Entity[(p.Left.Source, p.LeftId)] == task.Entity[(p.Right.Source, p.RightId)];
        if (same)
        {
            trueCount++;
            foreach (var f in p.Explanation.Fields)
            {
                var key = f.Field.ToString();
                if (!tally.TryGetValue(key, out var t))
                {
                    tally[key] = t = new int[7];
                }

                t[f.Level < 0 ? 6 : f.Level]++;
            }

            if (p.Probability < 0.5 && missed++ < 15)
            {
                Console.WriteLine($"MISSED p={p.Probability:0.000} {Describe(p.Left)} <> {Describe(p.Right)} :: {Vigil.Matching.Io.MatchCsvWriter.Describe(p.Explanation)}");
            }
        }
        else if (p.Probability >= 0.5 && falseShown++ < 15)
        {
            Console.WriteLine($"FALSE p={p.Probability:0.000} {Describe(p.Left)} <> {Describe(p.Right)} :: {Vigil.Matching.Io.MatchCsvWriter.Describe(p.Explanation)}");
        }
    }

    Console.WriteLine($"true pairs among candidates {trueCount} of {task.TruePairs} (blocking recall {(double)trueCount / task.TruePairs:0.0000})");
    if (task.Right is null)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var p in pairs)
        {
            seen.Add((p.LeftId, p.RightId));
            seen.Add((p.RightId, p.LeftId));
        }

        var groups = task.Left.GroupBy(r => task.Entity[(r.Source, r.Id)]).Where(g => g.Count() > 1).ToList();
        var shown = 0;
        foreach (var g in groups)
        {
            var list = g.ToList();
            for (var i = 0; i < list.Count && shown < 25; i++)
            {
                for (var j = i + 1; j < list.Count && shown < 25; j++)
                {
                    if (!seen.Contains((list[i].Id, list[j].Id)) && (!task.AcrossSources || list[i].Source != list[j].Source) && Random.Shared.Next(20) == 0)
                    {
                        Console.WriteLine($"UNBLOCKED {Describe(list[i])} <> {Describe(list[j])}");
                        shown++;
                    }
                }
            }
        }
    }
    foreach (var (k, t) in tally)
    {
        Console.WriteLine($"{k,-12} " + string.Join(" ", t.Select(x => ((double)x / trueCount).ToString("0.0000", CultureInfo.InvariantCulture))) + "   (last = missing)");
    }

    return 0;
}

static string Describe(Vigil.Matching.PersonRecord r) => $"[{r.Id}: {r.GivenName} {r.Surname} {r.DateOfBirth} {r.Postcode} {r.Locality} {r.Email} {r.Gender} {r.BirthPlace}]";

if (mode == "profile")
{
    Profile.Run(Datasets.All.Single(d => d.Name == args[1]).Load(dataDir));
    return 0;
}

if (mode == "calibration")
{
    // Predicted probability against the observed share of true pairs, in bins (pairs at or above 0.01).
    foreach (var name in args.Skip(1))
    {
        var set = Datasets.All.Single(d => d.Name == name);
        var task = set.Load(dataDir);
        var matcher = new Vigil.Matching.PersonMatcher(new Vigil.Matching.MatchOptions { CompareWithinSource = !task.AcrossSources });
        var pairs = task.Right is null ? matcher.Dedupe(task.Left, 0.01).Pairs : matcher.Link(task.Left, task.Right, 0.01).Pairs;
        double[] edges = [0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1.0001];
        Console.WriteLine($"{name}: bin | pairs | mean predicted | observed true share");
        for (var b = 0; b + 1 < edges.Length; b++)
        {
            var inBin = pairs.Where(p => p.Probability >= edges[b] && p.Probability < edges[b + 1]).ToList();
            if (inBin.Count == 0)
            {
                continue;
            }

            var observed = inBin.Count(p => task.Entity[(p.Left.Source, p.LeftId)] == task.Entity[(p.Right.Source, p.RightId)]) / (double)inBin.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {edges[b]:0.00}-{Math.Min(1, edges[b + 1]):0.00} | {inBin.Count:N0} | {inBin.Average(p => p.Probability):0.000} | {observed:0.000} |"));
        }
    }

    return 0;
}

if (mode is "throughput" or "index" && args.Length < 2)
{
    Console.Error.WriteLine(mode == "index" ? "usage: index PEOPLE (e.g. index 1000000)" : "usage: throughput SET (e.g. throughput historical_50k)");
    return 2;
}

if (mode == "throughput")
{
    Console.WriteLine("THROUGHPUT " + Throughput.ToJson(Throughput.Run(Datasets.All.Single(d => d.Name == args[1]), dataDir)));
    return 0;
}

if (mode == "index")
{
    Console.WriteLine("INDEX " + IndexBench.ToJson(IndexBench.Run(int.Parse(args[1], CultureInfo.InvariantCulture))));
    return 0;
}

Console.WriteLine($"Vigil.Matching benchmark: {Environment.ProcessorCount} cores, data {dataDir}, threshold {threshold}");
if (mode is "accuracy" or "all")
{
    var only = args.Skip(1).ToHashSet();
    var rows = new List<AccuracyRow>();
    foreach (var set in Datasets.All.Where(d => only.Count == 0 || only.Contains(d.Name)))
    {
        var line = Child("one", set.Name).FirstOrDefault(l => l.StartsWith("ROW ", StringComparison.Ordinal));
        if (line is null)
        {
            Console.WriteLine($"{set.Name}: failed");
            continue;
        }

        var row = Accuracy.FromJson(line[4..])!;
        rows.Add(row);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Set}: P {row.Precision:0.0000} R {row.Recall:0.0000} F1 {row.F1:0.0000} (clusters {row.ClusterF1:0.0000}) predicted {row.Predicted} true {row.TruePairs} comparisons {row.Comparisons:N0} cold {row.ColdSeconds:0.00}s warm {row.WarmSeconds:0.00}s EM {row.EmIterations} prior {row.Prior:E2}"));
    }

    Console.WriteLine();
    Accuracy.PrintTable(rows, Console.Out);
}

if (mode is "speed" or "all")
{
    Console.WriteLine();
    var throughput = new List<ThroughputRow>();
    foreach (var name in new[] { "historical_50k", "ncvr_ocp20", "ncvr_ocp40" })
    {
        var line = Child("throughput", name).FirstOrDefault(l => l.StartsWith("THROUGHPUT ", StringComparison.Ordinal));
        if (line is not null)
        {
            throughput.AddRange(Throughput.FromJson(line[11..])!);
        }
    }

    Throughput.PrintTable(throughput, Console.Out);
    Console.WriteLine();
    var rows = new List<IndexRow>();
    foreach (var size in new[] { 100_000, 1_000_000 })
    {
        var line = Child("index", size.ToString(CultureInfo.InvariantCulture)).FirstOrDefault(l => l.StartsWith("INDEX ", StringComparison.Ordinal));
        if (line is not null)
        {
            rows.Add(IndexBench.FromJson(line[6..])!);
        }
    }

    IndexBench.PrintTable(rows, Console.Out);
}

return 0;

static List<string> Child(params string[] arguments)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
    var self = typeof(Datasets).Assembly.Location;
    if (!Environment.ProcessPath!.EndsWith("Vigil.Bench", StringComparison.Ordinal))
    {
        start.ArgumentList.Add(self);
    }

    foreach (var a in arguments)
    {
        start.ArgumentList.Add(a);
    }

    using var process = Process.Start(start)!;
    var lines = new List<string>();
    while (process.StandardOutput.ReadLine() is { } l)
    {
        lines.Add(l);
        if (!l.StartsWith("ROW ", StringComparison.Ordinal) && !l.StartsWith("INDEX ", StringComparison.Ordinal) && !l.StartsWith("THROUGHPUT ", StringComparison.Ordinal))
        {
            Console.WriteLine("  " + l);
        }
    }

    process.WaitForExit();
    return lines;
}

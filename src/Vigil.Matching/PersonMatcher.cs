using System.Diagnostics;
using Vigil.Matching.Engine;

namespace Vigil.Matching;

/// <summary>
/// Batch record linkage: <see cref="Link"/> finds the records of one file that are people of another,
/// <see cref="Dedupe"/> finds the records of one file (or of several sources) that are the same person
/// and groups them into people. Both block on several keys, compare the candidate pairs field by field,
/// train a Fellegi-Sunter model on the input without labels (unless given one) and keep the pairs whose
/// match probability reaches the threshold.
/// </summary>
/// <param name="options">Parallelism, limits and training settings; defaults when null.</param>
public sealed class PersonMatcher(MatchOptions? options = null)
{
    private readonly MatchOptions options = options ?? new MatchOptions();

    /// <summary>Links <paramref name="left"/> to <paramref name="right"/>: every pair with probability at or above <paramref name="threshold"/>.</summary>
    /// <param name="left">The first file's records; ids unique within it.</param>
    /// <param name="right">The second file's records; ids unique within it.</param>
    /// <param name="threshold">Minimum match probability, 0 to 1.</param>
    /// <param name="model">A trained model to use; when null one is trained on the two files.</param>
    /// <exception cref="ArgumentException">An id appears twice in one file, or the threshold is not in [0, 1].</exception>
    public LinkResult Link(IReadOnlyList<PersonRecord> left, IReadOnlyList<PersonRecord> right, double threshold = 0.5, MatchModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        CheckThreshold(threshold);
        CheckUniqueIds(left, nameof(left), bySource: false);
        CheckUniqueIds(right, nameof(right), bySource: false);
        var run = Run([.. left, .. right], ComparisonSpace.Link(left.Count, right.Count), threshold, model, train: model is null);
        return new LinkResult(run.Pairs, run.Model, run.Statistics) { Best = run.Best };
    }

    /// <summary>
    /// Finds duplicates among <paramref name="records"/>: pairs with probability at or above
    /// <paramref name="threshold"/>, and every record's cluster (connected components of those pairs).
    /// With <see cref="MatchOptions.CompareWithinSource"/> false, only records of different sources are compared.
    /// </summary>
    /// <param name="records">The records; ids unique (within each source).</param>
    /// <param name="threshold">Minimum match probability, 0 to 1.</param>
    /// <param name="model">A trained model to use; when null one is trained on the records.</param>
    /// <exception cref="ArgumentException">An id appears twice (within a source), or the threshold is not in [0, 1].</exception>
    public DedupeResult Dedupe(IReadOnlyList<PersonRecord> records, double threshold = 0.5, MatchModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        CheckThreshold(threshold);
        CheckUniqueIds(records, nameof(records), bySource: true);
        var space = DedupeSpace(records);
        var run = Run(records, space, threshold, model, train: model is null);
        var clock = Stopwatch.StartNew();
        var clusters = Cluster(records, run.PairIndices);
        var stats = run.Statistics with { Scoring = run.Statistics.Scoring + clock.Elapsed, Total = run.Statistics.Total + clock.Elapsed };
        return new DedupeResult(run.Pairs, clusters, run.Model, stats);
    }

    internal MatchModel TrainDedupe(IReadOnlyList<PersonRecord> records)
    {
        CheckUniqueIds(records, nameof(records), bySource: true);
        return Run(records, DedupeSpace(records), 1, null, train: true).Model;
    }

    internal MatchModel TrainLink(IReadOnlyList<PersonRecord> left, IReadOnlyList<PersonRecord> right)
    {
        CheckUniqueIds(left, nameof(left), bySource: false);
        CheckUniqueIds(right, nameof(right), bySource: false);
        return Run([.. left, .. right], ComparisonSpace.Link(left.Count, right.Count), 1, null, train: true).Model;
    }

    private ComparisonSpace DedupeSpace(IReadOnlyList<PersonRecord> records)
    {
        if (options.CompareWithinSource)
        {
            return ComparisonSpace.Dedupe(records.Count);
        }

        var sources = new Dictionary<string, int>(StringComparer.Ordinal);
        var sourceOf = new int[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var s = records[i].Source ?? string.Empty;
            if (!sources.TryGetValue(s, out var n))
            {
                sources[s] = n = sources.Count;
            }

            sourceOf[i] = n;
        }

        return ComparisonSpace.AcrossSources(sourceOf);
    }

    private sealed record RunResult(List<MatchPair> Pairs, List<(int A, int B)> PairIndices, MatchModel Model, MatchStatistics Statistics, IReadOnlyList<BestMatch> Best);

    private RunResult Run(IReadOnlyList<PersonRecord> records, ComparisonSpace space, double threshold, MatchModel? model, bool train)
    {
        var total = Stopwatch.StartNew();
        var n = records.Count;
        var population = new Population();
        var cells = new FieldValue?[n * RecordEncoder.FieldCount];
        for (var i = 0; i < n; i++)
        {
            population.Add(records[i], cells.AsSpan(i * RecordEncoder.FieldCount, RecordEncoder.FieldCount));
        }

        var fields = PresentFields(cells, space, model);
        var comparer = new PairComparer(fields);
        var rules = BlockingRule.Usable(f => Array.IndexOf(fields, f) >= 0);
        var preparing = total.Elapsed;

        var candidates = CandidateGenerator.Generate(cells, space, rules, comparer, options.MaxBlockSize, options.Parallelism);

        var trainingClock = Stopwatch.StartNew();
        var report = new TrainingReport();
        double prior;
        if (train && space.PairCount > 0 && fields.Length > 0)
        {
            model = Trainer.Train(cells, space, comparer, rules, candidates, options, report);
            prior = model.PriorProbability;
        }
        else if (train)
        {
            // Nothing to learn from (no pairs, or no field on both sides): the default model.
            model = MatchModel.Default;
            prior = model.PriorFor(Math.Max(1, n));
        }
        else
        {
            prior = Math.Clamp(model!.ExpectedMatchesPerRecord * n / 2.0 / Math.Max(1, space.PairCount), 1e-12, 0.5);
        }

        var training = trainingClock.Elapsed;

        var scoringClock = Stopwatch.StartNew();
        var scorer = new Scorer(model, fields, population, prior);
        var weights = new double[candidates.Count];
        Parallel.For(0, (candidates.Count + 4095) / 4096, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism }, chunk =>
        {
            var end = Math.Min(candidates.Count, (chunk + 1) * 4096);
            for (var i = chunk * 4096; i < end; i++)
            {
                weights[i] = scorer.Score(candidates.Row(i), cells.AsSpan(candidates.A[i] * RecordEncoder.FieldCount, RecordEncoder.FieldCount));
            }
        });

        // In a link, each left record is at most one person of the right file: its candidates share the evidence.
        var cut = Scorer.WeightOf(threshold);
        var shared = space.IsLink ? Evidence.Share(candidates.A, weights, space.LeftCount, cut) : weights;
        var pairs = new List<MatchPair>();
        var indices = new List<(int, int)>();
        MatchPair Pair(int i)
        {
            var a = candidates.A[i];
            var b = candidates.B[i];
            var row = candidates.Levels.AsSpan(i * candidates.Width, candidates.Width).ToArray();
            return new MatchPair(records[a], records[b], weights[i], shared[i], () => scorer.Explain(row, cells.AsSpan(a * RecordEncoder.FieldCount, RecordEncoder.FieldCount)));
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            if (shared[i] >= cut)
            {
                pairs.Add(Pair(i));
                indices.Add((candidates.A[i], candidates.B[i]));
            }
        }

        var best = space.IsLink ? Evidence.Best(candidates.A, weights, space.LeftCount, threshold, records, Pair) : [];

        var stats = new MatchStatistics
        {
            Records = n,
            PossiblePairs = space.PairCount,
            Comparisons = candidates.Count,
            PairsFound = pairs.Count,
            SkippedBlocks = candidates.SkippedBlocks,
            PriorProbability = prior,
            EmIterations = report.EmIterations,
            Preparing = preparing,
            Blocking = candidates.BlockingElapsed,
            Comparing = candidates.Elapsed - candidates.BlockingElapsed,
            Training = training,
            Scoring = scoringClock.Elapsed,
            Total = total.Elapsed,
        };
        return new RunResult(pairs, indices, model, stats, best);
    }

    /// <summary>Fields worth comparing: held by enough records (on both sides of a link) and, with a model, compared by it.</summary>
    private static PersonField[] PresentFields(FieldValue?[] cells, ComparisonSpace space, MatchModel? model)
    {
        var n = space.Count;
        var leftEnd = space.IsLink ? space.LeftCount : n;
        var list = new List<PersonField>();
        for (var f = 0; f < RecordEncoder.FieldCount; f++)
        {
            var field = (PersonField)f;
            if (model is not null && model.For(field) is null)
            {
                continue;
            }

            int left = 0, right = 0;
            for (var i = 0; i < n; i++)
            {
                if (cells[(i * RecordEncoder.FieldCount) + f] is not null)
                {
                    if (i < leftEnd)
                    {
                        left++;
                    }
                    else
                    {
                        right++;
                    }
                }
            }

            var enough = space.IsLink
                ? left >= Math.Max(1, leftEnd / 200) && right >= Math.Max(1, (n - leftEnd) / 200)
                : left >= Math.Max(2, n / 200);
            if (enough)
            {
                list.Add(field);
            }
        }

        return [.. list];
    }

    private static List<ClusterAssignment> Cluster(IReadOnlyList<PersonRecord> records, List<(int A, int B)> pairs)
    {
        var parent = new int[records.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        foreach (var (a, b) in pairs)
        {
            var ra = Find(a);
            var rb = Find(b);
            if (ra != rb)
            {
                // The smaller index is the root, so a cluster is named after its first record.
                if (ra < rb)
                {
                    parent[rb] = ra;
                }
                else
                {
                    parent[ra] = rb;
                }
            }
        }

        var size = new int[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            size[Find(i)]++;
        }

        var number = new int[records.Count];
        var next = 0;
        var result = new List<ClusterAssignment>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var root = Find(i);
            if (number[root] == 0)
            {
                number[root] = ++next;
            }

            result.Add(new ClusterAssignment(records[i], number[root], size[root]));
        }

        return result;
    }

    private static void CheckThreshold(double threshold)
    {
        if (!(threshold >= 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold is a probability from 0 to 1.");
        }
    }

    private static void CheckUniqueIds(IReadOnlyList<PersonRecord> records, string name, bool bySource)
    {
        var seen = new Dictionary<(string?, string), int>();
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i] ?? throw new ArgumentException($"Record {i + 1} is null.", name);
            if (string.IsNullOrEmpty(r.Id))
            {
                throw new ArgumentException($"Record {i + 1} has no id.", name);
            }

            var key = (bySource ? r.Source : null, r.Id);
            if (!seen.TryAdd(key, i))
            {
                throw new ArgumentException($"Record id '{r.Id}' appears twice (records {seen[key] + 1} and {i + 1}); ids must be unique.", name);
            }
        }
    }
}

using System.Diagnostics;
using Vigil.Matching;
using Vigil.Matching.Engine;

namespace Vigil.Bench;

/// <summary>Time per field comparison on the blocked candidate pairs of a data set, single-threaded (diagnostic).</summary>
internal static class Profile
{
    public static void Run(LoadedTask task)
    {
        var records = task.Right is null ? task.Left : [.. task.Left, .. task.Right];
        var population = new Population();
        var cells = new FieldValue?[records.Count * RecordEncoder.FieldCount];
        for (var i = 0; i < records.Count; i++)
        {
            population.Add(records[i], cells.AsSpan(i * RecordEncoder.FieldCount, RecordEncoder.FieldCount));
        }

        var fields = Enum.GetValues<PersonField>().Where(f => Enumerable.Range(0, records.Count).Any(i => cells[(i * RecordEncoder.FieldCount) + (int)f] is not null)).ToArray();
        var comparer = new PairComparer(fields);
        var space = task.Right is null ? ComparisonSpace.Dedupe(records.Count) : ComparisonSpace.Link(task.Left.Count, task.Right.Count);
        var rules = BlockingRule.Usable(f => fields.Contains(f));
        var candidates = CandidateGenerator.Generate(cells, space, rules, comparer, 1000, 1);
        Console.WriteLine($"{candidates.Count} candidates; blocking {candidates.BlockingElapsed.TotalMilliseconds:0} ms, blocking and comparing on 1 thread {candidates.Elapsed.TotalMilliseconds:0} ms = {candidates.Count / (candidates.Elapsed - candidates.BlockingElapsed).TotalSeconds:N0} comparisons/s");
        for (var round = 0; round < 2; round++)
        {
            var levels = new byte[comparer.Width];
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < candidates.Count; i++)
            {
                comparer.Compare(cells.AsSpan(candidates.A[i] * RecordEncoder.FieldCount, RecordEncoder.FieldCount), cells.AsSpan(candidates.B[i] * RecordEncoder.FieldCount, RecordEncoder.FieldCount), levels);
            }

            Console.WriteLine($"round {round}: whole comparer {sw.Elapsed.TotalMilliseconds * 1e6 / candidates.Count:0} ns/pair");
            foreach (var f in fields)
            {
                sw.Restart();
                long sum = 0;
                for (var i = 0; i < candidates.Count; i++)
                {
                    var x = cells[(candidates.A[i] * RecordEncoder.FieldCount) + (int)f];
                    var y = cells[(candidates.B[i] * RecordEncoder.FieldCount) + (int)f];
                    if (x is not null && y is not null)
                    {
                        sum += Comparisons.Compare(f, x, y);
                    }
                }

                Console.WriteLine($"  {f,-12} {sw.Elapsed.TotalMilliseconds * 1e6 / candidates.Count,6:0} ns/pair ({sum})");
            }
        }
    }
}

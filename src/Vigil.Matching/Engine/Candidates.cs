using System.Diagnostics;

namespace Vigil.Matching.Engine;

/// <summary>Which pairs of an encoded population are to be compared: all, left to right, or across sources only.</summary>
internal sealed class ComparisonSpace
{
    private ComparisonSpace(int count, int leftCount, int[]? sourceOf, long pairCount)
    {
        Count = count;
        LeftCount = leftCount;
        SourceOf = sourceOf;
        PairCount = pairCount;
    }

    public int Count { get; }

    /// <summary>For a link, records below this index are the left side; -1 for a dedupe.</summary>
    public int LeftCount { get; }

    /// <summary>For a dedupe across sources, each record's source number; null when every pair counts.</summary>
    public int[]? SourceOf { get; }

    public long PairCount { get; }

    public bool IsLink => LeftCount >= 0;

    public static ComparisonSpace Link(int left, int right) => new(left + right, left, null, (long)left * right);

    public static ComparisonSpace Dedupe(int count) => new(count, -1, null, (long)count * (count - 1) / 2);

    public static ComparisonSpace AcrossSources(int[] sourceOf)
    {
        var sizes = new Dictionary<int, long>();
        foreach (var s in sourceOf)
        {
            sizes[s] = sizes.GetValueOrDefault(s) + 1;
        }

        long n = sourceOf.Length;
        var same = 0L;
        foreach (var size in sizes.Values)
        {
            same += size * (size - 1) / 2;
        }

        return new ComparisonSpace(sourceOf.Length, -1, sourceOf, (n * (n - 1) / 2) - same);
    }

    public bool Allowed(int a, int b) => SourceOf is null || SourceOf[a] != SourceOf[b];

    /// <summary>A uniformly random pair of the space (rejection sampling across sources).</summary>
    public (int A, int B) RandomPair(Random random)
    {
        if (IsLink)
        {
            return (random.Next(LeftCount), LeftCount + random.Next(Count - LeftCount));
        }

        while (true)
        {
            var a = random.Next(Count);
            var b = random.Next(Count - 1);
            if (b >= a)
            {
                b++;
            }

            if (Allowed(a, b))
            {
                return a < b ? (a, b) : (b, a);
            }
        }
    }
}

/// <summary>The compared pairs with their comparison levels (one row of <see cref="Width"/> bytes each).</summary>
internal sealed class Candidates(int[] a, int[] b, byte[] levels, int width, uint[] rules)
{
    /// <summary>For each pair, a bit per blocking rule whose key the two records share.</summary>
    public uint[] Rules { get; } = rules;

    public int Count => A.Length;

    public int[] A { get; } = a;

    public int[] B { get; } = b;

    public byte[] Levels { get; } = levels;

    public int Width { get; } = width;

    /// <summary>Blocks skipped because they were larger than the limit.</summary>
    public int SkippedBlocks { get; init; }

    public long PairsInSkippedBlocks { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>Of <see cref="Elapsed"/>, the time spent on keys and blocks before any comparison.</summary>
    public TimeSpan BlockingElapsed { get; init; }

    public ReadOnlySpan<byte> Row(int i) => Levels.AsSpan(i * Width, Width);
}

/// <summary>Blocks a population on every usable rule and compares each distinct candidate pair once, in parallel.</summary>
internal static class CandidateGenerator
{
    private const long TargetPairsPerChunk = 16_384;

    private readonly record struct Block(int Rule, int Start, int End, int RightStart, int RightEnd, long Pairs);

    public static Candidates Generate(FieldValue?[] cells, ComparisonSpace space, BlockingRule[] rules, PairComparer comparer, int maxBlockSize, int parallelism)
    {
        var clock = Stopwatch.StartNew();
        var n = space.Count;
        var r = rules.Length;
        var keys = new ulong[n * r];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i =>
        {
            var row = cells.AsSpan(i * RecordEncoder.FieldCount, RecordEncoder.FieldCount);
            for (var k = 0; k < r; k++)
            {
                keys[(i * r) + k] = rules[k].Key(row);
            }
        });

        var blocks = new List<Block>();
        var orders = new int[r][];
        var skipped = 0;
        var skippedPairs = 0L;
        var maxPairs = (long)maxBlockSize * (maxBlockSize - 1) / 2;
        for (var k = 0; k < r; k++)
        {
            if (space.IsLink)
            {
                var left = Sorted(keys, r, k, 0, space.LeftCount);
                var right = Sorted(keys, r, k, space.LeftCount, n);
                orders[k] = [.. left.Order, .. right.Order];
                var offset = left.Order.Length;
                int i = 0, j = 0;
                while (i < left.Keys.Length && j < right.Keys.Length)
                {
                    var kl = left.Keys[i];
                    var kr = right.Keys[j];
                    if (kl < kr)
                    {
                        i++;
                        continue;
                    }

                    if (kr < kl)
                    {
                        j++;
                        continue;
                    }

                    var ie = i;
                    while (ie < left.Keys.Length && left.Keys[ie] == kl)
                    {
                        ie++;
                    }

                    var je = j;
                    while (je < right.Keys.Length && right.Keys[je] == kl)
                    {
                        je++;
                    }

                    var pairs = (long)(ie - i) * (je - j);
                    if (pairs > maxPairs)
                    {
                        skipped++;
                        skippedPairs += pairs;
                        Forget(keys, r, k, left.Order.AsSpan(i, ie - i));
                        Forget(keys, r, k, right.Order.AsSpan(j, je - j));
                    }
                    else
                    {
                        blocks.Add(new Block(k, i, ie, offset + j, offset + je, pairs));
                    }

                    i = ie;
                    j = je;
                }
            }
            else
            {
                var all = Sorted(keys, r, k, 0, n);
                orders[k] = all.Order;
                var i = 0;
                while (i < all.Keys.Length)
                {
                    var e = i + 1;
                    while (e < all.Keys.Length && all.Keys[e] == all.Keys[i])
                    {
                        e++;
                    }

                    var size = e - i;
                    if (size > maxBlockSize)
                    {
                        skipped++;
                        skippedPairs += (long)size * (size - 1) / 2;
                        Forget(keys, r, k, all.Order.AsSpan(i, size));
                    }
                    else if (size > 1)
                    {
                        blocks.Add(new Block(k, i, e, 0, 0, (long)size * (size - 1) / 2));
                    }

                    i = e;
                }
            }
        }

        // Chunks of consecutive blocks, so that the output order does not depend on thread timing.
        var chunks = new List<(int First, int End)>();
        var first = 0;
        var acc = 0L;
        for (var i = 0; i < blocks.Count; i++)
        {
            acc += blocks[i].Pairs;
            if (acc >= TargetPairsPerChunk)
            {
                chunks.Add((first, i + 1));
                first = i + 1;
                acc = 0;
            }
        }

        if (first < blocks.Count)
        {
            chunks.Add((first, blocks.Count));
        }

        var blocking = clock.Elapsed;
        var width = comparer.Width;
        var results = new ChunkResult[chunks.Count];
        Parallel.For(0, chunks.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, c =>
        {
            var result = new ChunkResult(width);
            Span<byte> levels = stackalloc byte[width];
            for (var bi = chunks[c].First; bi < chunks[c].End; bi++)
            {
                var block = blocks[bi];
                var order = orders[block.Rule];
                if (space.IsLink)
                {
                    for (var i = block.Start; i < block.End; i++)
                    {
                        for (var j = block.RightStart; j < block.RightEnd; j++)
                        {
                            Visit(order[i], order[j], block.Rule, keys, r, cells, space, comparer, levels, result);
                        }
                    }
                }
                else
                {
                    for (var i = block.Start; i < block.End; i++)
                    {
                        for (var j = i + 1; j < block.End; j++)
                        {
                            var a = order[i];
                            var b = order[j];
                            if (a > b)
                            {
                                (a, b) = (b, a);
                            }

                            Visit(a, b, block.Rule, keys, r, cells, space, comparer, levels, result);
                        }
                    }
                }
            }

            results[c] = result;
        });

        var total = 0;
        foreach (var res in results)
        {
            total += res.Count;
        }

        var outA = new int[total];
        var outB = new int[total];
        var outLevels = new byte[total * width];
        var outRules = new uint[total];
        var at = 0;
        foreach (var res in results)
        {
            res.CopyTo(outA, outB, outLevels, outRules, at);
            at += res.Count;
        }

        return new Candidates(outA, outB, outLevels, width, outRules)
        {
            SkippedBlocks = skipped,
            PairsInSkippedBlocks = skippedPairs,
            Elapsed = clock.Elapsed,
            BlockingElapsed = blocking,
        };
    }

    private static void Visit(int a, int b, int rule, ulong[] keys, int r, FieldValue?[] cells, ComparisonSpace space, PairComparer comparer, Span<byte> levels, ChunkResult result)
    {
        if (!space.Allowed(a, b))
        {
            return;
        }

        // A pair that an earlier rule also blocked together was compared there.
        var ka = keys.AsSpan(a * r, r);
        var kb = keys.AsSpan(b * r, r);
        for (var q = 0; q < rule; q++)
        {
            if (ka[q] != 0 && ka[q] == kb[q])
            {
                return;
            }
        }

        var mask = 1u << rule;
        for (var q = rule + 1; q < r; q++)
        {
            if (ka[q] != 0 && ka[q] == kb[q])
            {
                mask |= 1u << q;
            }
        }

        comparer.Compare(
            cells.AsSpan(a * RecordEncoder.FieldCount, RecordEncoder.FieldCount),
            cells.AsSpan(b * RecordEncoder.FieldCount, RecordEncoder.FieldCount),
            levels);
        result.Add(a, b, levels, mask);
    }

    private static void Forget(ulong[] keys, int r, int k, ReadOnlySpan<int> members)
    {
        foreach (var m in members)
        {
            keys[(m * r) + k] = 0;
        }
    }

    private static (ulong[] Keys, int[] Order) Sorted(ulong[] keys, int r, int k, int from, int to)
    {
        var count = 0;
        for (var i = from; i < to; i++)
        {
            if (keys[(i * r) + k] != 0)
            {
                count++;
            }
        }

        var ks = new ulong[count];
        var order = new int[count];
        var w = 0;
        for (var i = from; i < to; i++)
        {
            var key = keys[(i * r) + k];
            if (key != 0)
            {
                ks[w] = key;
                order[w++] = i;
            }
        }

        Array.Sort(ks, order);
        return (ks, order);
    }

    private sealed class ChunkResult(int width)
    {
        private int[] a = new int[256];
        private int[] b = new int[256];
        private byte[] levels = new byte[256 * width];
        private uint[] rules = new uint[256];

        public int Count { get; private set; }

        public void Add(int x, int y, ReadOnlySpan<byte> row, uint mask)
        {
            if (Count == a.Length)
            {
                Array.Resize(ref a, a.Length * 2);
                Array.Resize(ref b, b.Length * 2);
                Array.Resize(ref levels, levels.Length * 2);
                Array.Resize(ref rules, rules.Length * 2);
            }

            a[Count] = x;
            b[Count] = y;
            rules[Count] = mask;
            row.CopyTo(levels.AsSpan(Count * width));
            Count++;
        }

        public void CopyTo(int[] outA, int[] outB, byte[] outLevels, uint[] outRules, int at)
        {
            Array.Copy(rules, 0, outRules, at, Count);
            Array.Copy(a, 0, outA, at, Count);
            Array.Copy(b, 0, outB, at, Count);
            Array.Copy(levels, 0, outLevels, at * width, Count * width);
        }
    }
}

using Vigil.Matching.Engine;

namespace Vigil.Matching;

/// <summary>
/// Evidence shared among the candidates of one record that can be at most one of them (a left record of a
/// link; an index query): with pairwise odds o_j, the chance that it is candidate j is o_j / (1 + sum of
/// all o), the 1 standing for "none of them". One clear candidate keeps its probability; two that fit
/// equally well share it, and neither reaches one half.
/// </summary>
public static class Evidence
{
    // 2^900 is far inside double range, and a weight above it is certainty anyway.
    private const double MaxWeight = 900;

    /// <summary>
    /// The shared weight of each candidate that reaches <paramref name="cut"/> on its own: its own weight less
    /// log2(1 + the odds of its rivals that reach it too). Candidates below the cut neither share nor take a
    /// share (blocking's far-fetched pairs must not make a clear match depend on how big a block was).
    /// </summary>
    /// <param name="owner">For each candidate, the record it is a candidate for (0 to owners - 1).</param>
    /// <param name="weights">Each candidate's own match weight.</param>
    /// <param name="owners">How many records there are.</param>
    /// <param name="cut">The weight a candidate needs on its own to take part.</param>
    internal static double[] Share(int[] owner, double[] weights, int owners, double cut)
    {
        var sum = new double[owners];
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] >= cut)
            {
                sum[owner[i]] += Math.Pow(2, Math.Min(weights[i], MaxWeight));
            }
        }

        var shared = new double[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            shared[i] = weights[i] >= cut ? Shared(weights[i], sum[owner[i]]) : weights[i];
        }

        return shared;
    }

    /// <summary>
    /// The shared weights of one record's candidates, given their own weights: the same rule as a link's,
    /// for a single check (a caller may put a fixed stand-in weight for a candidate whose score it must not reveal).
    /// </summary>
    public static double[] Share(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var sum = 0.0;
        foreach (var w in weights)
        {
            sum += Math.Pow(2, Math.Min(w, MaxWeight));
        }

        var shared = new double[weights.Count];
        for (var i = 0; i < shared.Length; i++)
        {
            shared[i] = Shared(weights[i], sum);
        }

        return shared;
    }

    /// <summary>The probability a match weight stands for.</summary>
    public static double Probability(double weight) => Scorer.Probability(weight);

    /// <summary>The match weight a probability stands for.</summary>
    public static double WeightOf(double probability) => Scorer.WeightOf(probability);

    private static double Shared(double weight, double sumOfOdds)
    {
        var own = Math.Pow(2, Math.Min(weight, MaxWeight));
        var rivals = Math.Max(0, sumOfOdds - own);
        return weight - Math.Log2(1 + rivals);
    }

    /// <summary>For every left record: the best and second candidates by their own weight, and the verdict.</summary>
    internal static List<BestMatch> Best(int[] owner, double[] weights, int owners, double threshold, IReadOnlyList<PersonRecord> records, Func<int, MatchPair> pair)
    {
        var first = new int[owners];
        var second = new int[owners];
        var possible = new int[owners];
        Array.Fill(first, -1);
        Array.Fill(second, -1);
        var cut = Scorer.WeightOf(threshold);
        for (var i = 0; i < weights.Length; i++)
        {
            var o = owner[i];
            possible[o] += weights[i] >= cut ? 1 : 0;
            if (first[o] < 0 || weights[i] > weights[first[o]])
            {
                second[o] = first[o];
                first[o] = i;
            }
            else if (second[o] < 0 || weights[i] > weights[second[o]])
            {
                second[o] = i;
            }
        }

        var result = new List<BestMatch>(owners);
        for (var o = 0; o < owners; o++)
        {
            var best = first[o] >= 0 ? pair(first[o]) : null;
            var runnerUp = second[o] >= 0 ? pair(second[o]) : null;
            var verdict = best is null || best.PairProbability < threshold ? MatchVerdict.NoMatch
                : best.Probability >= threshold || possible[o] < 2 ? MatchVerdict.Match
                : MatchVerdict.SeveralPossibleMatches;
            result.Add(new BestMatch(records[o], verdict, best, runnerUp, possible[o]));
        }

        return result;
    }
}

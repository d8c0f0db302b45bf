namespace Vigil.Matching.Engine;

/// <summary>
/// Turns comparison levels into a Fellegi-Sunter match weight: the prior log2-odds plus, per field,
/// log2(m/u) of its level, plus a term-frequency adjustment when the field agrees exactly on a value
/// rarer (or commoner) than average.
/// </summary>
internal sealed class Scorer
{
    private const double MinAdjustment = -8;
    private const double MaxAdjustment = 16;

    private readonly PersonField[] fields;
    private readonly double[][] weights;
    private readonly int[] levelCount;
    private readonly int[] parent;
    private readonly bool[] termFrequency;
    private readonly Population? population;

    /// <summary>Weights of <paramref name="model"/> for the active <paramref name="fields"/>; term frequencies from <paramref name="population"/> (none when null).</summary>
    public Scorer(MatchModel model, PersonField[] fields, Population? population, double priorProbability)
    {
        this.fields = fields;
        this.population = population;
        weights = new double[fields.Length][];
        levelCount = new int[fields.Length];
        parent = new int[fields.Length];
        termFrequency = new bool[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var p = model.For(fields[i]) ?? throw new InvalidOperationException($"The model has no parameters for {fields[i]}.");
            var levels = p.M.Count;
            levelCount[i] = levels;
            parent[i] = p.ConditionedOn is { } other && p.ConditionalU is not null ? Array.IndexOf(fields, other) : -1;
            if (parent[i] < 0)
            {
                weights[i] = new double[levels];
                for (var l = 0; l < levels; l++)
                {
                    weights[i][l] = p.Weight(l);
                }
            }
            else
            {
                // One row of weights per level of the field this one is conditioned on, and one for missing.
                var rows = p.ConditionalU!.Count;
                weights[i] = new double[rows * levels];
                for (var row = 0; row < rows; row++)
                {
                    for (var l = 0; l < levels; l++)
                    {
                        weights[i][(row * levels) + l] = p.Weight(l, row == rows - 1 ? -1 : row);
                    }
                }
            }

            termFrequency[i] = p.TermFrequencyAdjusted;
        }

        PriorProbability = priorProbability;
        PriorWeight = Math.Log2(priorProbability / (1 - priorProbability));
    }

    public double PriorProbability { get; }

    public double PriorWeight { get; }

    public PersonField[] Fields => fields;

    public static double Probability(double weight) => 1.0 / (1.0 + Math.Pow(2, -weight));

    /// <summary>The weight a probability threshold corresponds to.</summary>
    public static double WeightOf(double probability) =>
        probability <= 0 ? double.NegativeInfinity : probability >= 1 ? double.PositiveInfinity : Math.Log2(probability / (1 - probability));

    public double Score(ReadOnlySpan<byte> levels, ReadOnlySpan<FieldValue?> a) => Score(levels, a, PriorWeight);

    public double Score(ReadOnlySpan<byte> levels, ReadOnlySpan<FieldValue?> a, double priorWeight)
    {
        var w = priorWeight;
        var swapped = (levels[fields.Length] & PairComparer.Swapped) != 0;
        for (var i = 0; i < fields.Length; i++)
        {
            var l = levels[i];
            if (l == Comparisons.Null)
            {
                continue;
            }

            w += Weight(i, l, levels);
            if (l == 0 && TermFrequencyApplies(i, levels))
            {
                w += TermFrequencyAdjustment(fields[i], a, swapped);
            }
        }

        return w;
    }

    /// <summary>The weight of the levels without prior and term frequencies: log2 of the likelihood ratio.</summary>
    public double BaseWeight(ReadOnlySpan<byte> levels)
    {
        var w = 0.0;
        for (var i = 0; i < fields.Length; i++)
        {
            var l = levels[i];
            if (l != Comparisons.Null)
            {
                w += Weight(i, l, levels);
            }
        }

        return w;
    }

    /// <summary>
    /// Whether exact agreement on field <paramref name="i"/> is weighed by how rare its value is: not when the
    /// field it depends on agrees exactly, since then its u is that stratum's (a household shares its surname
    /// however rare the surname).
    /// </summary>
    private bool TermFrequencyApplies(int i, ReadOnlySpan<byte> levels) =>
        termFrequency[i] && (parent[i] < 0 || levels[parent[i]] != 0);

    private double Weight(int i, byte level, ReadOnlySpan<byte> levels)
    {
        var p = parent[i];
        if (p < 0)
        {
            return weights[i][level];
        }

        var pl = levels[p];
        var rows = weights[i].Length / levelCount[i];
        var row = pl == Comparisons.Null || pl >= rows - 1 ? rows - 1 : pl;
        return weights[i][(row * levelCount[i]) + level];
    }

    public MatchExplanation Explain(ReadOnlySpan<byte> levels, ReadOnlySpan<FieldValue?> a) => Explain(levels, a, PriorWeight);

    public MatchExplanation Explain(ReadOnlySpan<byte> levels, ReadOnlySpan<FieldValue?> a, double priorWeight)
    {
        var swapped = (levels[fields.Length] & PairComparer.Swapped) != 0;
        var list = new FieldComparison[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var l = levels[i];
            if (l == Comparisons.Null)
            {
                list[i] = new FieldComparison(fields[i], -1, "missing", 0, 0);
                continue;
            }

            var tf = l == 0 && TermFrequencyApplies(i, levels) ? TermFrequencyAdjustment(fields[i], a, swapped) : 0;
            list[i] = new FieldComparison(fields[i], l, Comparisons.LevelNames(fields[i])[l], Weight(i, l, levels), tf);
        }

        return new MatchExplanation(priorWeight, list, swapped);
    }

    /// <summary>
    /// log2(sum of squared value frequencies / frequency of this value): zero for a value of average
    /// commonness, positive for a rare one. Exact agreement on a value of frequency f is evidence
    /// m / (u * f / sum f^2) rather than m / u.
    /// </summary>
    public double TermFrequencyAdjustment(PersonField field, ReadOnlySpan<FieldValue?> a, bool swapped)
    {
        if (swapped && field is PersonField.GivenName or PersonField.Surname)
        {
            return 0;
        }

        var v = a[(int)field];
        if (population is null)
        {
            return 0;
        }

        var table = population.Table(field);
        if (v is null || v.Count <= 0 || table.NonNullCount <= 0)
        {
            return 0;
        }

        double n = table.NonNullCount;
        var f = v.Count / n;
        var sumSquares = table.SumOfSquaredCounts / (n * n);
        var adj = Math.Log2(sumSquares / f);
        return Math.Clamp(adj, MinAdjustment, MaxAdjustment);
    }
}

using System.Globalization;
using System.Numerics;

namespace Vigil.Web.National;

/// <summary>One measure of a regional unit's counter-terrorism demand that the budget can be split by.</summary>
/// <param name="Code">The stable code a weight or a unit's figure is keyed by, such as <c>caseload</c>.</param>
/// <param name="Name">The name a reader sees, such as "Live investigations".</param>
/// <param name="Measures">What one unit of the figure counts, in words for the page.</param>
public sealed record BudgetIndicator(string Code, string Name, string Measures);

/// <summary>A regional unit's figures for the indicators, keyed by indicator code. An indicator missing from
/// <see cref="Indicators"/> counts as 0 for this unit.</summary>
/// <param name="Unit">The unit's name, unique within the input; the allocation's tie-break orders by it.</param>
/// <param name="Indicators">The unit's figure for each indicator: non-negative, in the indicator's own measure.</param>
public sealed record UnitDemand(string Unit, IReadOnlyDictionary<string, decimal> Indicators);

/// <summary>Everything the split depends on.</summary>
/// <param name="TotalPence">The grant to divide, in pence: from £1 to £10,000,000,000.</param>
/// <param name="Weights">HQ's weight for each indicator, keyed by code: from 0 to 1,000, on any scale, since only
/// their proportions matter. An indicator missing here has weight 0.</param>
/// <param name="Units">The units sharing the grant.</param>
public sealed record BudgetInput(long TotalPence, IReadOnlyDictionary<string, decimal> Weights, IReadOnlyList<UnitDemand> Units);

/// <summary>The advised split: every unit's allocation, which always add up to exactly the total, and notes on
/// anything in the input the model set aside.</summary>
/// <param name="TotalPence">The grant divided, in pence.</param>
/// <param name="Units">One allocation per unit, in the input's order.</param>
/// <param name="Notes">Sentences for the reader, such as why a weighted indicator had no effect.</param>
public sealed record BudgetSplit(long TotalPence, IReadOnlyList<UnitAllocation> Units, IReadOnlyList<string> Notes);

/// <summary>One unit's part of the grant, and why it gets it.</summary>
/// <param name="Unit">The unit's name.</param>
/// <param name="Pence">The unit's allocation in whole pence.</param>
/// <param name="Share">The unit's exact share of the grant (from 0 to 1), to 28 decimal places; its pence are this
/// share of the total, rounded down or up by the largest remainder method.</param>
/// <param name="ShareByIndicator">For every indicator, by code, the part of <paramref name="Share"/> it contributes:
/// the indicator's normalised weight times the unit's fraction of the network's total for it. Indicators that do
/// not count contribute 0. The parts add up to the share, give or take the rounding of the last decimal place.</param>
public sealed record UnitAllocation(string Unit, long Pence, decimal Share, IReadOnlyDictionary<string, decimal> ShareByIndicator);

/// <summary>How one unit's allocation moves when HQ nudges one indicator's weight, everything else unchanged.</summary>
/// <param name="Indicator">The indicator code whose weight is nudged.</param>
/// <param name="Unit">The unit whose allocation moves.</param>
/// <param name="UpPence">New allocation minus current, in pence, with the weight raised by the given percentage.</param>
/// <param name="DownPence">New allocation minus current, in pence, with the weight lowered by the given percentage.</param>
public sealed record Sensitivity(string Indicator, string Unit, long UpPence, long DownPence);

/// <summary>A unit's proposed allocation beside last year's.</summary>
/// <param name="Unit">The unit's name.</param>
/// <param name="ProposedPence">The allocation this split proposes.</param>
/// <param name="LastYearPence">Last year's allocation, or null when there is none for this unit.</param>
/// <param name="ChangePence">Proposed minus last year, or null when there is no last year.</param>
/// <param name="ChangePercent">The change as a percentage of last year, to 1 decimal place (halves rounded away from
/// zero), or null when there is no last year or it was £0.</param>
public sealed record Comparison(string Unit, long ProposedPence, long? LastYearPence, long? ChangePence, decimal? ChangePercent);

/// <summary>
/// The documented model behind NCTPHQ's advice on splitting the counter-terrorism policing grant between the
/// regional units. It is pure arithmetic: the same input always gives the same split, to the penny.
/// <para>
/// <b>Weights.</b> HQ gives each indicator a non-negative weight. Only proportions matter: weights of 2 and 1 split
/// the same as 60 and 30. An indicator <i>counts</i> when its weight is above 0 and at least one unit has a figure
/// above 0 for it; an indicator no unit has cannot divide money between them, so its weight is set aside (the split
/// says so in its notes) and the weights that count are scaled to add up to 1. Call the scaled weights
/// w<sub>i</sub>.
/// </para>
/// <para>
/// <b>Shares.</b> On each indicator that counts, a unit's fraction is its figure over the network's total,
/// x<sub>u,i</sub> / Σ<sub>v</sub> x<sub>v,i</sub>: a unit with a quarter of the live investigations has a fraction
/// of 0.25 on caseload. A unit's share of the grant is the weighted sum of its fractions,
/// Σ<sub>i</sub> w<sub>i</sub> × x<sub>u,i</sub> / Σ<sub>v</sub> x<sub>v,i</sub>, and the shares of all units add up
/// to exactly 1. Raising a unit's figure on a weighted indicator never lowers its share.
/// </para>
/// <para>
/// <b>Pence.</b> Each unit first gets its share of the total rounded down to a whole penny. The few pence this leaves
/// over (fewer than the number of units) go one each to the units whose rounded-down amounts lost the most, the
/// largest remainder method; equal remainders go in order of unit name (ordinal). So every unit gets its exact
/// share rounded down or up, and the allocations add up to exactly the total. The arithmetic is done in exact
/// fractions, never rounded on the way, so the result does not depend on the scale of the weights or figures.
/// </para>
/// </summary>
public static class BudgetModel
{
    /// <summary>The indicators the grant can be split by, in the order the page shows them.</summary>
    public static readonly IReadOnlyList<BudgetIndicator> Indicators =
    [
        new("caseload", "Live investigations", "the unit's live investigations"),
        new("subjects", "Subjects of interest", "subjects with a tier"),
        new("referrals", "Prevent referrals", "referrals received in the year"),
        new("act-reports", "ACT reports", "public reports received in the year"),
        new("crowded-places", "Crowded places", "sites on the Protect register"),
        new("surge-days", "Surge days", "officer-days of surge support received in the year"),
        new("population", "Population", "residents of the region, millions"),
    ];

    /// <summary>The smallest grant the model splits: £1.</summary>
    public const long MinimumTotalPence = 100;

    /// <summary>The largest grant the model splits: £10,000,000,000.</summary>
    public const long MaximumTotalPence = 1_000_000_000_000;

    /// <summary>The largest weight HQ may give an indicator.</summary>
    public const decimal MaximumWeight = 1000m;

    private static readonly Dictionary<string, BudgetIndicator> ByCode = Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);

    /// <summary>What is wrong with the input, as (field, message) pairs for an error summary; empty when the input can
    /// be split. Fields are <c>Total</c>, <c>Weights</c>, <c>Weights[code]</c>, <c>Units</c> and
    /// <c>Units[unit].code</c>.</summary>
    public static IReadOnlyList<(string Field, string Message)> Problems(BudgetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<(string Field, string Message)>();

        if (input.TotalPence is < MinimumTotalPence or > MaximumTotalPence)
        {
            problems.Add(("Total", "Enter a total from £1 to £10,000,000,000"));
        }

        foreach (var (code, weight) in input.Weights)
        {
            if (!ByCode.TryGetValue(code, out var indicator))
            {
                problems.Add(($"Weights[{code}]", $"There is no indicator '{code}'"));
            }
            else if (weight is < 0m or > MaximumWeight)
            {
                problems.Add(($"Weights[{code}]", $"Weight for {indicator.Name} must be from 0 to 1,000"));
            }
        }

        if (input.Units.Count == 0)
        {
            problems.Add(("Units", "Add at least one unit"));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var unit in input.Units)
        {
            if (string.IsNullOrWhiteSpace(unit.Unit))
            {
                problems.Add(("Units", "Enter a name for every unit"));
                continue;
            }
            if (!names.Add(unit.Unit))
            {
                problems.Add(("Units", $"There is more than one unit called '{unit.Unit}'"));
            }
            foreach (var (code, value) in unit.Indicators)
            {
                if (!ByCode.TryGetValue(code, out var indicator))
                {
                    problems.Add(($"Units[{unit.Unit}].{code}", $"There is no indicator '{code}'"));
                }
                else if (value < 0m)
                {
                    problems.Add(($"Units[{unit.Unit}].{code}", $"{indicator.Name} for {unit.Unit} must be 0 or more"));
                }
            }
        }

        if (!Indicators.Any(i => WeightOf(input, i.Code) > 0m))
        {
            problems.Add(("Weights", "Give at least one indicator a weight above 0"));
        }
        else if (input.Units.Count > 0 && !Indicators.Any(i => WeightOf(input, i.Code) > 0m && input.Units.Any(u => ValueOf(u, i.Code) > 0m)))
        {
            problems.Add(("Weights", "Give a weight above 0 to at least one indicator that a unit has a figure for"));
        }

        return problems;
    }

    /// <summary>Splits the grant by the model described on <see cref="BudgetModel"/>.</summary>
    /// <exception cref="ArgumentException">The input has <see cref="Problems"/>.</exception>
    public static BudgetSplit Split(BudgetInput input)
    {
        ThrowIfInvalid(input);
        return Allocate(input, Indicators.Select(i => Fraction.From(WeightOf(input, i.Code))).ToArray());
    }

    /// <summary>How much each unit's allocation moves when one weight is nudged: for every indicator with a weight
    /// above 0 and every unit, the change in pence with that weight raised by <paramref name="percent"/>% and with
    /// it lowered by <paramref name="percent"/>%, the other weights unchanged. Raising a weight moves money towards the
    /// units whose fraction of that indicator is larger than their share of the whole. Each indicator's changes add
    /// up to 0 across the units, since the total never changes. Ordered by indicator, then unit name (ordinal).</summary>
    /// <exception cref="ArgumentException">The input has <see cref="Problems"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is not above 0 and below 100.</exception>
    public static IReadOnlyList<Sensitivity> SensitivityOf(BudgetInput input, decimal percent = 10m)
    {
        ThrowIfInvalid(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(percent, 100m);

        var weights = Indicators.Select(i => Fraction.From(WeightOf(input, i.Code))).ToArray();
        var current = Allocate(input, weights).Units.ToDictionary(u => u.Unit, u => u.Pence, StringComparer.Ordinal);
        var up = Fraction.From(1m + (percent / 100m));
        var down = Fraction.From(1m - (percent / 100m));
        var sensitivities = new List<Sensitivity>();

        for (var i = 0; i < Indicators.Count; i++)
        {
            if (weights[i].IsZero)
            {
                continue;
            }
            var raised = Allocate(input, weights.Select((w, j) => j == i ? w.Times(up) : w).ToArray()).Units;
            var lowered = Allocate(input, weights.Select((w, j) => j == i ? w.Times(down) : w).ToArray()).Units;
            sensitivities.AddRange(raised.Zip(lowered)
                .Select(pair => new Sensitivity(Indicators[i].Code, pair.First.Unit,
                    pair.First.Pence - current[pair.First.Unit], pair.Second.Pence - current[pair.Second.Unit]))
                .OrderBy(s => s.Unit, StringComparer.Ordinal));
        }

        return sensitivities;
    }

    /// <summary>Each unit of the split beside its allocation last year, in the split's order. Units only in
    /// <paramref name="lastYearPence"/> are left out: the split does not fund them.</summary>
    public static IReadOnlyList<Comparison> CompareWith(BudgetSplit split, IReadOnlyDictionary<string, long> lastYearPence)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(lastYearPence);

        return split.Units.Select(u =>
        {
            if (!lastYearPence.TryGetValue(u.Unit, out var last))
            {
                return new Comparison(u.Unit, u.Pence, null, null, null);
            }
            var change = u.Pence - last;
            decimal? percent = last == 0 ? null : Math.Round(change * 100m / last, 1, MidpointRounding.AwayFromZero);
            return new Comparison(u.Unit, u.Pence, last, change, percent);
        }).ToList();
    }

    /// <summary>An amount in pence as pounds, the way GOV.UK writes money: "£1,234,567.89", "-£12.50".</summary>
    public static string Pounds(long pence)
    {
        var pounds = Math.Abs((decimal)pence / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);
        return pence < 0 ? $"-£{pounds}" : $"£{pounds}";
    }

    private static void ThrowIfInvalid(BudgetInput input)
    {
        var problems = Problems(input);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")), nameof(input));
        }
    }

    /// <summary>Population is the one indicator whose name is singular.</summary>
    private static string NoWeightNote(BudgetIndicator indicator) =>
        $"{indicator.Name} {(indicator.Code == "population" ? "carries" : "carry")} no weight: no unit has any";

    private static decimal WeightOf(BudgetInput input, string code) => input.Weights.TryGetValue(code, out var weight) ? weight : 0m;

    private static decimal ValueOf(UnitDemand unit, string code) => unit.Indicators.TryGetValue(code, out var value) ? value : 0m;

    /// <summary>The model itself, on weights given as exact fractions in <see cref="Indicators"/> order (the input's
    /// own weights are ignored, so a sensitivity can nudge one without the bounds on what HQ may enter).</summary>
    private static BudgetSplit Allocate(BudgetInput input, Fraction[] weights)
    {
        var units = input.Units;
        var figures = units.Select(u => Indicators.Select(i => Fraction.From(ValueOf(u, i.Code))).ToArray()).ToArray();
        var totals = Enumerable.Range(0, Indicators.Count).Select(i => figures.Aggregate(Fraction.Zero, (sum, f) => sum.Plus(f[i]))).ToArray();

        var notes = new List<string>();
        var counts = new bool[Indicators.Count];
        var weightThatCounts = Fraction.Zero;
        for (var i = 0; i < Indicators.Count; i++)
        {
            if (weights[i].IsZero)
            {
                continue;
            }
            if (totals[i].IsZero)
            {
                notes.Add(NoWeightNote(Indicators[i]));
                continue;
            }
            counts[i] = true;
            weightThatCounts = weightThatCounts.Plus(weights[i]);
        }
        if (notes.Count > 0)
        {
            notes.Add(notes.Count == 1
                ? "The other weights are scaled up in proportion to make up for it"
                : "The other weights are scaled up in proportion to make up for them");
        }

        var parts = figures.Select(f => Enumerable.Range(0, Indicators.Count)
            .Select(i => counts[i] ? weights[i].Over(weightThatCounts).Times(f[i]).Over(totals[i]) : Fraction.Zero).ToArray()).ToArray();
        var shares = parts.Select(p => p.Aggregate(Fraction.Zero, (sum, part) => sum.Plus(part))).ToArray();

        var total = new BigInteger(input.TotalPence);
        var pence = new long[units.Count];
        var remainders = new Fraction[units.Count];
        for (var u = 0; u < units.Count; u++)
        {
            var exact = shares[u].Times(total);
            var floor = BigInteger.DivRem(exact.Numerator, exact.Denominator, out var remainder);
            pence[u] = (long)floor;
            remainders[u] = new Fraction(remainder, exact.Denominator);
        }

        var leftOver = input.TotalPence - pence.Sum();
        var byRemainder = Enumerable.Range(0, units.Count)
            .OrderByDescending(u => remainders[u])
            .ThenBy(u => units[u].Unit, StringComparer.Ordinal);
        foreach (var u in byRemainder.Take((int)leftOver))
        {
            pence[u]++;
        }

        var allocations = units.Select((unit, u) => new UnitAllocation(unit.Unit, pence[u], shares[u].ToDecimal(),
            Enumerable.Range(0, Indicators.Count).ToDictionary(i => Indicators[i].Code, i => parts[u][i].ToDecimal(), StringComparer.Ordinal))).ToList();
        return new BudgetSplit(input.TotalPence, allocations, notes);
    }

    /// <summary>An exact fraction, kept in lowest terms, so no step of the model rounds.</summary>
    private readonly record struct Fraction : IComparable<Fraction>
    {
        public static readonly Fraction Zero = new(BigInteger.Zero, BigInteger.One);

        private static readonly BigInteger DecimalScale = BigInteger.Pow(10, 28);

        public Fraction(BigInteger numerator, BigInteger denominator)
        {
            var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
            (Numerator, Denominator) = divisor.IsZero || divisor.IsOne ? (numerator, denominator) : (numerator / divisor, denominator / divisor);
        }

        public BigInteger Numerator { get; }

        public BigInteger Denominator { get; }

        public bool IsZero => Numerator.IsZero;

        public static Fraction From(decimal value)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value, bits);
            var mantissa = (new BigInteger((uint)bits[2]) << 64) | (new BigInteger((uint)bits[1]) << 32) | new BigInteger((uint)bits[0]);
            return new Fraction(value < 0m ? -mantissa : mantissa, BigInteger.Pow(10, value.Scale));
        }

        public Fraction Plus(Fraction other) =>
            new((Numerator * other.Denominator) + (other.Numerator * Denominator), Denominator * other.Denominator);

        public Fraction Times(Fraction other) => new(Numerator * other.Numerator, Denominator * other.Denominator);

        public Fraction Times(BigInteger factor) => new(Numerator * factor, Denominator);

        public Fraction Over(Fraction other) => new(Numerator * other.Denominator, Denominator * other.Numerator);

        public int CompareTo(Fraction other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

        /// <summary>The fraction to 28 decimal places, halves rounded up: for shares and their parts, which are from 0 to 1.</summary>
        public decimal ToDecimal()
        {
            var scaled = ((Numerator * DecimalScale * 2) + Denominator) / (Denominator * 2);
            var bytes = new byte[12];
            scaled.TryWriteBytes(bytes, out _, isUnsigned: true);
            return new decimal(BitConverter.ToInt32(bytes, 0), BitConverter.ToInt32(bytes, 4), BitConverter.ToInt32(bytes, 8), false, 28);
        }
    }
}

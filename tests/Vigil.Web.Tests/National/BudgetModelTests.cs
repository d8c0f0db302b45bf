using System.Numerics;
using CsCheck;
using Vigil.Web.National;
using Xunit;

namespace Vigil.Web.Tests.National;

/// <summary>The budget allocation model: a worked example by hand, then its promises over generated inputs, checked
/// against the exact arithmetic done independently here in BigInteger fractions.</summary>
public sealed class BudgetModelTests
{
    private static readonly string[] Codes = BudgetModel.Indicators.Select(i => i.Code).ToArray();

    private static Dictionary<string, decimal> Figures(params (string Code, decimal Value)[] figures) =>
        figures.ToDictionary(f => f.Code, f => f.Value);

    private static UnitDemand Unit(string name, params (string Code, decimal Value)[] figures) => new(name, Figures(figures));

    private static long[] PenceOf(BudgetSplit split) => split.Units.Select(u => u.Pence).ToArray();

    [Fact]
    public void Indicators_AreTheSevenInTheirPageOrder() =>
        Assert.Equal(["caseload", "subjects", "referrals", "act-reports", "crowded-places", "surge-days", "population"], Codes);

    /// <summary>
    /// Total £100.00 = 10,000p. Weights caseload 3, referrals 1, normalised to 3/4 and 1/4.
    /// <code>
    ///          caseload  referrals   share                                  exact pence
    ///   A      5 of 10   1 of 7      3/4·5/10 + 1/4·1/7 = 3/8 + 1/28 = 115/280   4107.142857…
    ///   B      3 of 10   2 of 7      3/4·3/10 + 1/4·2/7 = 9/40 + 1/14 = 83/280   2964.285714…
    ///   C      2 of 10   4 of 7      3/4·2/10 + 1/4·4/7 = 3/20 + 1/7  = 82/280   2928.571428…
    /// </code>
    /// Rounded down: 4107 + 2964 + 2928 = 9,999p, so 1p is left over. It goes to the largest remainder, C's .571
    /// (not to A, the largest share): A £41.07, B £29.64, C £29.29.
    /// </summary>
    [Fact]
    public void Split_WorkedExample_OddPennyGoesToTheLargestRemainder()
    {
        var input = new BudgetInput(10_000, Figures(("caseload", 3m), ("referrals", 1m)),
            [Unit("A", ("caseload", 5m), ("referrals", 1m)), Unit("B", ("caseload", 3m), ("referrals", 2m)), Unit("C", ("caseload", 2m), ("referrals", 4m))]);

        var split = BudgetModel.Split(input);

        Assert.Equal(["A", "B", "C"], split.Units.Select(u => u.Unit));
        Assert.Equal([4107L, 2964L, 2929L], PenceOf(split));
        Assert.Equal(115m / 280m, split.Units[0].Share, 25);
        Assert.Equal(83m / 280m, split.Units[1].Share, 25);
        Assert.Equal(82m / 280m, split.Units[2].Share, 25);
        Assert.Equal(0.375m, split.Units[0].ShareByIndicator["caseload"]);
        Assert.Equal(1m / 28m, split.Units[0].ShareByIndicator["referrals"], 25);
        Assert.Equal(0m, split.Units[0].ShareByIndicator["population"]);
        Assert.Empty(split.Notes);
    }

    [Fact]
    public void Split_EqualRemainders_OddPennyGoesByUnitName()
    {
        var input = new BudgetInput(101, Figures(("caseload", 1m)), [Unit("North East", ("caseload", 4m)), Unit("East Midlands", ("caseload", 4m))]);

        Assert.Equal([50L, 51L], PenceOf(BudgetModel.Split(input)));
    }

    [Fact]
    public void Split_WeightedIndicatorNoUnitHas_IsDroppedWithANoteAndTheRestRenormalised()
    {
        var units = new[] { Unit("North East", ("caseload", 3m), ("population", 2.7m)), Unit("Wales", ("caseload", 1m), ("population", 3.1m)) };

        var split = BudgetModel.Split(new BudgetInput(10_000, Figures(("caseload", 1m), ("surge-days", 3m)), units));

        Assert.Equal([7500L, 2500L], PenceOf(split));
        Assert.Equal([0.75m, 0.25m], split.Units.Select(u => u.Share));
        Assert.All(split.Units, u => Assert.Equal(0m, u.ShareByIndicator["surge-days"]));
        Assert.Contains("Surge days carry no weight: no unit has any", split.Notes);
        Assert.Contains("The other weights are scaled up in proportion to make up for it", split.Notes);
        Assert.Equal(PenceOf(BudgetModel.Split(new BudgetInput(10_000, Figures(("caseload", 1m)), units))), PenceOf(split));
    }

    private static readonly Gen<decimal> GenFigure =
        Gen.OneOf(Gen.Const(0m), Gen.Int[0, 500].Select(i => i / 10m), Gen.Int[0, 100_000_000].Select(i => i / 100m));

    private static readonly Gen<decimal> GenWeight = Gen.OneOf(Gen.Const(0m), Gen.Int[1, 100_000].Select(i => i / 1000m));

    /// <summary>Totals from £1 to £10bn, 1 to 11 units (named so that input order is not name order), figures and
    /// weights often 0, always with at least one weight on an indicator some unit has.</summary>
    private static readonly Gen<BudgetInput> GenInput =
        Gen.SelectMany(Gen.Long[BudgetModel.MinimumTotalPence, BudgetModel.MaximumTotalPence], GenWeight.Array[Codes.Length], Gen.Int[1, 11],
                (total, weights, count) => GenFigure.Array[Codes.Length].Array[count].Select(rows => new BudgetInput(
                    total,
                    Codes.Zip(weights).ToDictionary(p => p.First, p => p.Second),
                    rows.Select((row, u) => new UnitDemand($"Unit {count - u:D2}", Codes.Zip(row).ToDictionary(p => p.First, p => p.Second))).ToList())))
            .Where(input => BudgetModel.Problems(input).Count == 0);

    /// <summary>A non-negative fraction, independent of the model's own arithmetic.</summary>
    private readonly record struct Q(BigInteger N, BigInteger D)
    {
        public static Q Of(decimal value) => new(new BigInteger(value * Pow10(value.Scale)), BigInteger.Pow(10, value.Scale));

        private static decimal Pow10(int scale) => Enumerable.Repeat(10m, scale).Aggregate(1m, (p, ten) => p * ten);

        public Q Add(Q other) => new((N * other.D) + (other.N * D), D * other.D);

        public Q Mul(Q other) => new(N * other.N, D * other.D);

        public Q Div(Q other) => new(N * other.D, D * other.N);

        public static int Compare(Q a, Q b) => (a.N * b.D).CompareTo(b.N * a.D);
    }

    /// <summary>Each unit's exact entitlement in pence: total × Σ w_i x_u,i / (W Σ_v x_v,i) over the indicators that count.</summary>
    private static Q[] ExactPence(BudgetInput input)
    {
        var zero = new Q(0, 1);
        Q Figure(UnitDemand u, string code) => Q.Of(u.Indicators.GetValueOrDefault(code));
        var totals = Codes.ToDictionary(c => c, c => input.Units.Aggregate(zero, (sum, u) => sum.Add(Figure(u, c))));
        var counting = Codes.Where(c => input.Weights.GetValueOrDefault(c) > 0m && totals[c].N > 0).ToList();
        var weightSum = counting.Aggregate(zero, (sum, c) => sum.Add(Q.Of(input.Weights[c])));
        return input.Units.Select(u => counting
                .Aggregate(zero, (sum, c) => sum.Add(Q.Of(input.Weights[c]).Mul(Figure(u, c)).Div(totals[c])))
                .Div(weightSum).Mul(new Q(input.TotalPence, 1)))
            .ToArray();
    }

    [Fact]
    public void Split_AllocationsAlwaysAddUpToTheTotal() =>
        GenInput.Sample(input => Assert.Equal(input.TotalPence, BudgetModel.Split(input).Units.Sum(u => u.Pence)));

    [Fact]
    public void Split_EachUnitGetsItsExactEntitlementRoundedDownOrUp_LargestRemaindersRoundedUp() =>
        GenInput.Sample(input =>
        {
            var split = BudgetModel.Split(input);
            var exact = ExactPence(input);
            var roundedUp = new List<(Q Remainder, string Unit)>();
            var roundedDown = new List<(Q Remainder, string Unit)>();
            for (var u = 0; u < exact.Length; u++)
            {
                var floor = BigInteger.DivRem(exact[u].N, exact[u].D, out var rest);
                var remainder = new Q(rest, exact[u].D);
                var pence = split.Units[u].Pence;
                if (pence == floor)
                {
                    roundedDown.Add((remainder, input.Units[u].Unit));
                }
                else
                {
                    Assert.True(pence == floor + 1 && !rest.IsZero, $"{input.Units[u].Unit}: {pence}p, exactly {exact[u].N}/{exact[u].D}");
                    roundedUp.Add((remainder, input.Units[u].Unit));
                }
            }
            foreach (var up in roundedUp)
            {
                foreach (var down in roundedDown)
                {
                    var order = Q.Compare(up.Remainder, down.Remainder);
                    Assert.True(order > 0 || (order == 0 && string.CompareOrdinal(up.Unit, down.Unit) < 0), $"{up.Unit} was rounded up before {down.Unit}");
                }
            }
        });

    [Fact]
    public void Split_ScalingEveryWeight_GivesTheIdenticalSplit() =>
        Gen.Select(GenInput, Gen.Int[1, 1000]).Sample((input, hundredths) =>
        {
            var factor = hundredths / 100m;
            var scaled = input with { Weights = input.Weights.ToDictionary(w => w.Key, w => w.Value * factor) };

            var split = BudgetModel.Split(input);
            var scaledSplit = BudgetModel.Split(scaled);

            Assert.Equal(split.Units.Select(u => (u.Unit, u.Pence, u.Share)), scaledSplit.Units.Select(u => (u.Unit, u.Pence, u.Share)));
            Assert.Equal(split.Notes, scaledSplit.Notes);
        });

    [Fact]
    public void Split_RaisingAUnitsFigureOnAWeightedIndicator_NeverLowersItsShare() =>
        Gen.Select(GenInput, Gen.Int[0, 10], Gen.Int[0, 6], Gen.Int[1, 1_000_000]).Sample((input, unitPick, indicatorPick, hundredths) =>
        {
            var weighted = Codes.Where(c => input.Weights.GetValueOrDefault(c) > 0m).ToList();
            var code = weighted[indicatorPick % weighted.Count];
            var u = unitPick % input.Units.Count;
            var unit = input.Units[u];
            var figures = new Dictionary<string, decimal>(unit.Indicators) { [code] = unit.Indicators.GetValueOrDefault(code) + (hundredths / 100m) };
            var raised = input with { Units = input.Units.Select((x, i) => i == u ? x with { Indicators = figures } : x).ToList() };

            Assert.True(BudgetModel.Split(raised).Units[u].Share >= BudgetModel.Split(input).Units[u].Share);
        });

    [Fact]
    public void SensitivityOf_RaisingAWeight_MovesMoneyToUnitsWithMoreOfThatIndicatorThanOfTheWhole()
    {
        // Shares: North West (0.6 + 0.2) / 2 = 0.4, East Midlands (0.2 + 0.6) / 2 = 0.4, Wales (0.2 + 0.2) / 2 = 0.2.
        // Caseload up 10% (weights 1.1 and 1): North West 0.86 / 2.1 of £1m = 40,952,380.95p, East Midlands 0.82 / 2.1
        // = 39,047,619.05p, Wales 0.42 / 2.1 = 0.2 exactly; the odd penny goes to North West's .95.
        // Caseload down 10% (0.9 and 1): North West 0.74 / 1.9 = 38,947,368.42p, East Midlands 0.78 / 1.9 =
        // 41,052,631.58p, Wales still 0.2; the odd penny goes to East Midlands' .58. Referrals mirror caseload.
        var input = new BudgetInput(100_000_000, Figures(("caseload", 1m), ("referrals", 1m)),
        [
            Unit("North West", ("caseload", 30m), ("referrals", 10m)),
            Unit("East Midlands", ("caseload", 10m), ("referrals", 30m)),
            Unit("Wales", ("caseload", 10m), ("referrals", 10m)),
        ]);
        Assert.Equal([40_000_000L, 40_000_000L, 20_000_000L], PenceOf(BudgetModel.Split(input)));

        var sensitivity = BudgetModel.SensitivityOf(input);

        Assert.Equal(
        [
            new Sensitivity("caseload", "East Midlands", -952_381, 1_052_632),
            new Sensitivity("caseload", "North West", 952_381, -1_052_632),
            new Sensitivity("caseload", "Wales", 0, 0),
            new Sensitivity("referrals", "East Midlands", 952_381, -1_052_632),
            new Sensitivity("referrals", "North West", -952_381, 1_052_632),
            new Sensitivity("referrals", "Wales", 0, 0),
        ], sensitivity);
    }

    [Fact]
    public void SensitivityOf_EveryWeightedIndicatorAndUnit_MovesAddUpToZero() =>
        Gen.Select(GenInput, Gen.Int[1, 99]).Sample((input, percent) =>
        {
            var sensitivity = BudgetModel.SensitivityOf(input, percent);

            var weighted = Codes.Where(c => input.Weights.GetValueOrDefault(c) > 0m).ToList();
            Assert.Equal(weighted, sensitivity.Select(s => s.Indicator).Distinct());
            foreach (var rows in sensitivity.GroupBy(s => s.Indicator))
            {
                Assert.Equal(input.Units.Select(u => u.Unit).Order(StringComparer.Ordinal), rows.Select(s => s.Unit));
                Assert.Equal(0L, rows.Sum(s => s.UpPence));
                Assert.Equal(0L, rows.Sum(s => s.DownPence));
            }
        });

    private static BudgetInput Valid() => new(1_000_000, Figures(("caseload", 1m)), [Unit("North East", ("caseload", 5m)), Unit("Wales", ("caseload", 3m))]);

    [Theory]
    [InlineData("total below £1", "Total", "Enter a total from £1 to £10,000,000,000")]
    [InlineData("total above £10bn", "Total", "Enter a total from £1 to £10,000,000,000")]
    [InlineData("negative weight", "Weights[caseload]", "Weight for Live investigations must be from 0 to 1,000")]
    [InlineData("weight above 1000", "Weights[caseload]", "Weight for Live investigations must be from 0 to 1,000")]
    [InlineData("unknown weight", "Weights[budget]", "There is no indicator 'budget'")]
    [InlineData("no weight", "Weights", "Give at least one indicator a weight above 0")]
    [InlineData("weight only where no unit has any", "Weights", "Give a weight above 0 to at least one indicator that a unit has a figure for")]
    [InlineData("no units", "Units", "Add at least one unit")]
    [InlineData("negative figure", "Units[North East].caseload", "Live investigations for North East must be 0 or more")]
    [InlineData("unknown figure", "Units[North East].budget", "There is no indicator 'budget'")]
    [InlineData("duplicate unit", "Units", "There is more than one unit called 'wales'")]
    [InlineData("unnamed unit", "Units", "Enter a name for every unit")]
    public void Problems_BadInput_IsRefusedNamingTheField(string bad, string field, string message)
    {
        var valid = Valid();
        var input = bad switch
        {
            "total below £1" => valid with { TotalPence = 99 },
            "total above £10bn" => valid with { TotalPence = 1_000_000_000_001 },
            "negative weight" => valid with { Weights = Figures(("caseload", -1m), ("subjects", 1m)) },
            "weight above 1000" => valid with { Weights = Figures(("caseload", 1000.01m)) },
            "unknown weight" => valid with { Weights = Figures(("caseload", 1m), ("budget", 1m)) },
            "no weight" => valid with { Weights = Figures(("caseload", 0m)) },
            "weight only where no unit has any" => valid with { Weights = Figures(("caseload", 0m), ("surge-days", 2m)) },
            "no units" => valid with { Units = [] },
            "negative figure" => valid with { Units = [Unit("North East", ("caseload", -2m)), Unit("Wales", ("caseload", 3m))] },
            "unknown figure" => valid with { Units = [Unit("North East", ("caseload", 2m), ("budget", 1m)), Unit("Wales", ("caseload", 3m))] },
            "duplicate unit" => valid with { Units = [.. valid.Units, Unit("wales", ("caseload", 1m))] },
            "unnamed unit" => valid with { Units = [.. valid.Units, Unit(" ", ("caseload", 1m))] },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };

        Assert.Contains((field, message), BudgetModel.Problems(input));
        Assert.Throws<ArgumentException>(() => BudgetModel.Split(input));
    }

    [Fact]
    public void Problems_LimitsThemselves_AreAccepted()
    {
        var valid = Valid();

        Assert.Empty(BudgetModel.Problems(valid with { TotalPence = 100 }));
        Assert.Empty(BudgetModel.Problems(valid with { TotalPence = 1_000_000_000_000, Weights = Figures(("caseload", 1000m), ("subjects", 0m)) }));
    }

    [Fact]
    public void Split_AtTheLargestTotal_StillAddsUpToThePenny()
    {
        var units = Enumerable.Range(1, 11).Select(i => Unit($"Unit {i}", ("caseload", i), ("population", 1m / i))).ToList();

        var split = BudgetModel.Split(new BudgetInput(1_000_000_000_000, Figures(("caseload", 7m), ("population", 3m)), units));

        Assert.Equal(1_000_000_000_000, split.Units.Sum(u => u.Pence));
    }

    [Fact]
    public void CompareWith_ChangeAndPercent_NullWithoutALastYear()
    {
        var split = new BudgetSplit(0,
        [
            new UnitAllocation("Rising", 4107, 0m, new Dictionary<string, decimal>()),
            new UnitAllocation("Midpoint", 2929, 0m, new Dictionary<string, decimal>()),
            new UnitAllocation("Falling midpoint", 1999, 0m, new Dictionary<string, decimal>()),
            new UnitAllocation("Nothing last year", 2964, 0m, new Dictionary<string, decimal>()),
            new UnitAllocation("New", 1000, 0m, new Dictionary<string, decimal>()),
        ], []);
        var lastYear = new Dictionary<string, long> { ["Rising"] = 4000, ["Midpoint"] = 2000, ["Falling midpoint"] = 2000, ["Nothing last year"] = 0, ["Gone"] = 500 };

        var comparison = BudgetModel.CompareWith(split, lastYear);

        Assert.Equal(
        [
            new Comparison("Rising", 4107, 4000, 107, 2.7m),
            new Comparison("Midpoint", 2929, 2000, 929, 46.5m),
            new Comparison("Falling midpoint", 1999, 2000, -1, -0.1m),
            new Comparison("Nothing last year", 2964, 0, 2964, null),
            new Comparison("New", 1000, null, null, null),
        ], comparison);
    }

    [Theory]
    [InlineData(0L, "£0.00")]
    [InlineData(5L, "£0.05")]
    [InlineData(123_456_789L, "£1,234,567.89")]
    [InlineData(1_000_000_000_000L, "£10,000,000,000.00")]
    [InlineData(-1_250L, "-£12.50")]
    public void Pounds_WritesMoneyTheGovUkWay(long pence, string expected) => Assert.Equal(expected, BudgetModel.Pounds(pence));
}

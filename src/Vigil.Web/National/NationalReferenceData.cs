namespace Vigil.Web.National;

/// <summary>
/// The national picture's reference data. The resident population each regional unit serves, in thousands, rounded
/// from public mid-year estimates of the regions and nations the units cover (approximate: the units' areas are not
/// exactly the statistical regions). It is the budget model's one indicator not counted from Vigil's records.
/// </summary>
public static class NationalReferenceData
{
    public static readonly IReadOnlyDictionary<string, long> PopulationThousands = new Dictionary<string, long>
    {
        ["london"] = 8_900, ["south-east"] = 9_400, ["eastern"] = 6_400, ["east-midlands"] = 4_900, ["west-midlands"] = 6_000, ["north-west"] = 7_500,
        ["north-east"] = 8_200, ["south-west"] = 5_800, ["wales"] = 3_100, ["scotland"] = 5_500, ["northern-ireland"] = 1_900,
    };

    /// <summary>How many finished months back the national picture and the budget model may look.</summary>
    public const int MonthsKept = 24;

    public static DateOnly MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1);

    /// <summary>The finished months a reader may choose, newest first.</summary>
    public static IReadOnlyList<DateOnly> FinishedMonths(DateTimeOffset now) => [.. Enumerable.Range(1, MonthsKept).Select(i => MonthOf(now).AddMonths(-i))];

    public static string MonthName(DateOnly month) => month.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}

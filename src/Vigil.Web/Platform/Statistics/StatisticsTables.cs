using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace Vigil.Web.Platform.Statistics;

/// <summary>One line of a statistics table. <see cref="Count"/> and <see cref="Percentage"/> are null
/// when the cell is suppressed (shown as "*"), so a suppressed figure never leaves the server.</summary>
/// <param name="OfWhich">A part of the row above it ("of which"): not added into the table's total, and
/// its percentage is of all records.</param>
public sealed record StatisticsRow(string Label, int? Count, int? Percentage, bool Suppressed, bool OfWhich = false)
{
    /// <summary>The count as the release prints it: "*" when suppressed, digits otherwise.</summary>
    public string CountText => Suppressed ? StatisticsTables.SuppressedMark : Count!.Value.ToString(CultureInfo.InvariantCulture);

    public string PercentageText => Suppressed ? StatisticsTables.SuppressedMark : Percentage!.Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One table : its rows (mutually exclusive, summing to the total, then any
/// "of which" rows), and the total of all records in the year.</summary>
/// <param name="Separate">Rows that are separate measures (not parts of a whole): no total and no percentages are
/// printed, and no second cell is hidden (nothing is derivable from a total).</param>
public sealed record StatisticsTable(string Key, string Title, string Dimension, string SheetName, IReadOnlyList<StatisticsRow> Rows, StatisticsRow Total, bool Separate = false);

/// <summary>
/// The aggregate tables every statistics page builds (Prevent's Home Office release, ACT's volumes): counts and
/// percentages per row, small-number suppression (a count from 1 to 4 shown as "*", and the next smallest when
/// one alone is hidden, so it cannot be worked out from the total), and the CSV and XLSX exports.
/// </summary>
public static class StatisticsTables
{
    public const string SuppressedMark = "*";

    /// <summary>Counts from 1 to this are suppressed.</summary>
    public const int SuppressBelowOrAt = 4;

    public const string TotalLabel = "Total";

    public static bool IsSmall(int count) => count is >= 1 and <= SuppressBelowOrAt;

    /// <summary>Percentage of the total as a whole number, rounded half away from zero.</summary>
    public static int PercentageOf(int count, int total) => total == 0 ? 0 : (int)Math.Round(100m * count / total, MidpointRounding.AwayFromZero);

    public static StatisticsTable Table(string key, string title, string dimension, string sheet, int total, bool suppress,
        IEnumerable<(string Label, int Count, bool OfWhich)> cells, bool separate = false)
    {
        var list = cells.ToList();
        var hidden = new bool[list.Count];
        if (suppress)
        {
            for (var i = 0; i < list.Count; i++)
            {
                hidden[i] = IsSmall(list[i].Count);
            }
            var parts = Enumerable.Range(0, list.Count).Where(i => !list[i].OfWhich).ToList();
            if (!separate && parts.Count(i => hidden[i]) == 1)
            {
                var next = parts.Where(i => !hidden[i] && list[i].Count > 0).OrderBy(i => list[i].Count).ThenBy(i => i).Cast<int?>().FirstOrDefault();
                if (next is { } n)
                {
                    hidden[n] = true;
                }
            }
        }
        var rows = list.Select((c, i) => hidden[i]
            ? new StatisticsRow(c.Label, null, null, true, c.OfWhich)
            : new StatisticsRow(c.Label, c.Count, PercentageOf(c.Count, total), false, c.OfWhich)).ToList();
        // Mutually exclusive rows first, then the "of which" rows, as the page and the exports print them.
        rows = [.. rows.Where(r => !r.OfWhich), .. rows.Where(r => r.OfWhich)];
        var totalRow = suppress && IsSmall(total)
            ? new StatisticsRow(TotalLabel, null, null, true)
            : new StatisticsRow(TotalLabel, total, total == 0 ? 0 : 100, false);
        return new StatisticsTable(key, title, dimension, sheet, rows, totalRow, separate);
    }

    /// <summary>The label of a row in an export: "of which: ..." for a part of the row above.</summary>
    public static string ExportLabel(StatisticsRow row) => row.OfWhich ? $"of which: {row.Label}" : row.Label;

    /// <summary>The rows of a table in print order: its rows, the total, then the "of which" rows.</summary>
    public static IEnumerable<StatisticsRow> PrintOrder(StatisticsTable table) => table.Separate ? table.Rows
        : table.Rows.Where(r => !r.OfWhich).Append(table.Total).Concat(table.Rows.Where(r => r.OfWhich));

    public static string Csv(IEnumerable<StatisticsTable> tables)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true))
        {
            foreach (var field in new[] { "Table", "Label", "Count", "Percentage" })
            {
                csv.WriteField(field);
            }
            csv.EndRecord();
            foreach (var table in tables)
            {
                foreach (var row in PrintOrder(table))
                {
                    csv.WriteField(table.Title);
                    // A spreadsheet must not run a label (a unit's name is editable) as a formula.
                    var label = ExportLabel(row);
                    csv.WriteField(label.Length > 0 && "=+-@\t\r".Contains(label[0], StringComparison.Ordinal) ? "'" + label : label);
                    csv.WriteField(row.CountText);
                    csv.WriteField(table.Separate ? "" : row.PercentageText);
                    csv.EndRecord();
                }
            }
        }
        return writer.ToString();
    }

    public static async Task<byte[]> XlsxAsync(IEnumerable<StatisticsTable> tables, CancellationToken ct)
    {
        var sheets = new Dictionary<string, object>();
        foreach (var table in tables)
        {
            sheets[table.SheetName] = PrintOrder(table).Select(row => new Dictionary<string, object>
            {
                ["Label"] = ExportLabel(row),
                ["Count"] = row.Suppressed ? SuppressedMark : row.Count!.Value,
                ["Percentage"] = table.Separate ? "" : row.Suppressed ? SuppressedMark : row.Percentage!.Value,
            }).ToList();
        }
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, sheets, cancellationToken: ct);
        return stream.ToArray();
    }
}

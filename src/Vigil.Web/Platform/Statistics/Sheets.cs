using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace Vigil.Web.Platform.Statistics;

/// <summary>A table of plain values to export (a budget scenario's split, its sensitivity): named columns, rows of text or numbers.</summary>
public sealed record Sheet(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object>> Rows);

/// <summary>Exporting <see cref="Sheet"/>s as one CSV (the sheet's name in the first column) or an XLSX workbook (a sheet each).</summary>
public static class Sheets
{
    /// <summary>One CSV: each sheet's header row then its rows, the sheet's name first, padded to the widest sheet
    /// (a CSV file has the same number of fields on every line).</summary>
    public static string Csv(IReadOnlyList<Sheet> sheets)
    {
        var width = sheets.Max(s => s.Columns.Count);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true))
        {
            foreach (var sheet in sheets)
            {
                csv.WriteField("Sheet");
                foreach (var column in sheet.Columns.Concat(Enumerable.Repeat("", width - sheet.Columns.Count)))
                {
                    csv.WriteField(column);
                }
                csv.EndRecord();
                foreach (var row in sheet.Rows)
                {
                    csv.WriteField(sheet.Name);
                    foreach (var value in row.Concat(Enumerable.Repeat<object>("", width - row.Count)))
                    {
                        csv.WriteField(Text(value));
                    }
                    csv.EndRecord();
                }
            }
        }
        return writer.ToString();
    }

    public static async Task<byte[]> XlsxAsync(IReadOnlyList<Sheet> sheets, CancellationToken ct)
    {
        var book = new Dictionary<string, object>();
        foreach (var sheet in sheets)
        {
            book[sheet.Name] = sheet.Rows.Select(row => sheet.Columns.Select((c, i) => (c, v: row[i])).ToDictionary(p => p.c, p => p.v is string s ? Text(s) : p.v)).ToList();
        }
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, book, cancellationToken: ct);
        return stream.ToArray();
    }

    // A spreadsheet must not run a value (a scenario's name is typed by a user) as a formula.
    private static string Text(object value) => value switch
    {
        string s when s.Length > 0 && "=+-@\t\r".Contains(s[0], StringComparison.Ordinal) && !decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out _) => "'" + s,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

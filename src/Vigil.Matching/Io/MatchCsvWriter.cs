using System.Globalization;
using CsvHelper;

namespace Vigil.Matching.Io;

/// <summary>Writes linkage results as CSV.</summary>
public static class MatchCsvWriter
{
    /// <summary>
    /// Writes pairs as left_id,right_id,probability,match_weight (sources added when any record has one;
    /// with <paramref name="explain"/>, a column per compared field holding its level and weight).
    /// </summary>
    public static void WritePairs(TextWriter writer, IEnumerable<MatchPair> pairs, bool explain = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(pairs);
        var list = pairs as IReadOnlyList<MatchPair> ?? [.. pairs];
        var sources = false;
        foreach (var p in list)
        {
            sources |= p.Left.Source is not null || p.Right.Source is not null;
        }

        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        csv.WriteField("left_id");
        csv.WriteField("right_id");
        if (sources)
        {
            csv.WriteField("left_source");
            csv.WriteField("right_source");
        }

        csv.WriteField("probability");
        csv.WriteField("match_weight");
        if (explain)
        {
            csv.WriteField("explanation");
        }

        csv.EndRecord();
        foreach (var p in list)
        {
            csv.WriteField(p.LeftId);
            csv.WriteField(p.RightId);
            if (sources)
            {
                csv.WriteField(p.Left.Source ?? string.Empty);
                csv.WriteField(p.Right.Source ?? string.Empty);
            }

            csv.WriteField(p.Probability.ToString("0.######", CultureInfo.InvariantCulture));
            csv.WriteField(p.MatchWeight.ToString("0.###", CultureInfo.InvariantCulture));
            if (explain)
            {
                csv.WriteField(Describe(p.Explanation));
            }

            csv.EndRecord();
        }
    }

    /// <summary>Writes id,cluster_id (and source when any record has one) for every record.</summary>
    public static void WriteClusters(TextWriter writer, IEnumerable<ClusterAssignment> clusters)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(clusters);
        var list = clusters as IReadOnlyList<ClusterAssignment> ?? [.. clusters];
        var sources = false;
        foreach (var c in list)
        {
            sources |= c.Record.Source is not null;
        }

        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        csv.WriteField("id");
        if (sources)
        {
            csv.WriteField("source");
        }

        csv.WriteField("cluster_id");
        csv.EndRecord();
        foreach (var c in list)
        {
            csv.WriteField(c.Id);
            if (sources)
            {
                csv.WriteField(c.Record.Source ?? string.Empty);
            }

            csv.WriteField(c.ClusterId.ToString(CultureInfo.InvariantCulture));
            csv.EndRecord();
        }
    }

    /// <summary>
    /// "surname: exact +8.1; date_of_birth: one typo or day/month swapped +6.0; ..." for one pair, after what the
    /// pattern suggests in words when it suggests something ("same surname, birth date and address; given names
    /// differ: possibly a relative").
    /// </summary>
    public static string Describe(MatchExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var parts = new List<string>(explanation.Fields.Count + 1);
        if (explanation.Summary is { } summary)
        {
            parts.Add(summary);
        }

        foreach (var f in explanation.Fields)
        {
            if (f.Level >= 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{f.Field}: {f.LevelName} {f.TotalWeight:+0.0;-0.0}"));
            }
        }

        return string.Join("; ", parts);
    }
}

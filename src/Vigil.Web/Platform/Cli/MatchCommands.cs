using System.CommandLine;
using System.Globalization;
using Vigil.Matching;
using Vigil.Matching.Io;

namespace Vigil.Web.Platform.Cli;

/// <summary>`vigil match link` and `vigil match dedupe`: batch linkage of CSV files with Vigil.Matching,
/// no labels used. Output is written to a temporary file and moved into place, so a failure leaves
/// nothing half-written.</summary>
public static class MatchCommands
{
    public static Command Build()
    {
        var match = new Command("match", "Link or deduplicate CSV files of people (Fellegi-Sunter, trained without labels).");

        var maps = new Option<string[]>("--map") { Description = "Rename a column: source=canonical (repeatable).", AllowMultipleArgumentsPerToken = false };
        var threshold = new Option<double>("--threshold") { Description = "Minimum match probability (0 to 1).", DefaultValueFactory = _ => 0.5 };

        var left = new Option<FileInfo>("--left") { Description = "The first CSV file.", Required = true };
        var right = new Option<FileInfo>("--right") { Description = "The second CSV file.", Required = true };
        var pairsOut = new Option<FileInfo>("--out") { Description = "Where to write pairs.csv (left_id,right_id,probability).", Required = true };
        var best = new Option<bool>("--best") { Description = "One row per --left record: its best match, the runner-up, the margin between them in bits, and the verdict (match, several possible matches: more details needed, no match)." };
        var link = new Command("link", "Find the records of --left that are people of --right.") { left, right, pairsOut, maps, threshold, best };
        link.SetAction(parse => Run(() =>
        {
            var reader = Reader(parse.GetValue(maps));
            var l = reader.ReadFile(parse.GetValue(left)!.FullName);
            var r = reader.ReadFile(parse.GetValue(right)!.FullName);
            Warn(l.Warnings.Concat(r.Warnings));
            var result = new PersonMatcher().Link(l.Records, r.Records, CheckThreshold(parse.GetValue(threshold)));
            WriteAtomically(parse.GetValue(pairsOut)!, w =>
            {
                if (parse.GetValue(best))
                {
                    w.WriteLine("left_id,verdict,right_id,probability,runner_up_id,runner_up_probability,margin_bits,possible");
                    foreach (var b in result.Best)
                    {
                        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{Csv(b.Left.Id)},{Csv(b.VerdictText)},{Csv(b.Best?.RightId ?? "")},{b.Best?.Probability:0.######},{Csv(b.RunnerUp?.RightId ?? "")},{b.RunnerUp?.Probability:0.######},{b.Margin:0.###},{b.Possible}"));
                    }

                    return;
                }

                // Exactly the documented columns: left_id,right_id,probability.
                w.WriteLine("left_id,right_id,probability");
                foreach (var pair in result.Pairs)
                {
                    w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Csv(pair.LeftId)},{Csv(pair.RightId)},{pair.Probability:0.######}"));
                }
            });
            var several = result.Best.Count(b => b.Verdict == MatchVerdict.SeveralPossibleMatches);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Pairs.Count} pairs at or above {parse.GetValue(threshold)}; {several} records with several possible matches (more details needed; --best lists them); {result.Statistics.Comparisons} comparisons in {result.Statistics.Total.TotalSeconds:0.00} s"));
        }));

        var input = new Option<FileInfo>("--input") { Description = "The CSV file.", Required = true };
        var clustersOut = new Option<FileInfo>("--out") { Description = "Where to write clusters.csv (id,cluster_id).", Required = true };
        var dedupe = new Command("dedupe", "Find the records of --input that are the same person and group them.") { input, clustersOut, maps, threshold };
        dedupe.SetAction(parse => Run(() =>
        {
            var file = Reader(parse.GetValue(maps)).ReadFile(parse.GetValue(input)!.FullName);
            Warn(file.Warnings);
            var result = new PersonMatcher().Dedupe(file.Records, CheckThreshold(parse.GetValue(threshold)));
            WriteAtomically(parse.GetValue(clustersOut)!, w => MatchCsvWriter.WriteClusters(w, result.Clusters));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Clusters.Select(c => c.ClusterId).Distinct().Count()} people among {file.Records.Count} records; {result.Pairs.Count} pairs; {result.Statistics.Total.TotalSeconds:0.00} s"));
        }));

        match.Subcommands.Add(link);
        match.Subcommands.Add(dedupe);
        return match;
    }

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static PersonCsvReader Reader(string[]? maps)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var map in maps ?? [])
        {
            var parts = map.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                throw new ArgumentException($"--map '{map}' is not source=canonical");
            }
            pairs.Add(new(parts[0], parts[1]));
        }
        return new PersonCsvReader(pairs);
    }

    private static double CheckThreshold(double value) =>
        value is >= 0 and <= 1 ? value : throw new ArgumentException("--threshold must be between 0 and 1");

    private static void Warn(IEnumerable<string> warnings)
    {
        foreach (var warning in warnings.Take(20))
        {
            Console.Error.WriteLine("warning: " + warning);
        }
    }

    private static void WriteAtomically(FileInfo target, Action<TextWriter> write)
    {
        var temporary = target.FullName + ".part";
        try
        {
            using (var writer = new StreamWriter(temporary))
            {
                write(writer);
            }
            File.Move(temporary, target.FullName, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static int Run(Action work)
    {
        try
        {
            work();
            return 0;
        }
        catch (PersonFileException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}

namespace Vigil.Matching.Tests;

/// <summary>
/// A floor under accuracy on public labelled data (FEBRL 4: 5,000 records linked to 5,000 corrupted
/// copies), read from the shared data folder. The benchmark (bench/Vigil.Bench) measures more; this
/// only guards against regressions.
/// </summary>
public sealed class AccuracyRegressionTests
{
    [Fact]
    public void Febrl4_Link_F1IsAtLeast099()
    {
        var folder = Path.Combine(LinkageData(), "febrl");
        var reader = new PersonCsvReader();
        var left = reader.ReadFile(Path.Combine(folder, "dataset4a.csv")).Records;
        var right = reader.ReadFile(Path.Combine(folder, "dataset4b.csv")).Records;

        var result = new PersonMatcher().Link(left, right, 0.5);

        // rec-N-org in 4a is the same person as rec-N-dup-0 in 4b.
        static string Person(string id) => id.Split('-')[1];
        var truePositives = result.Pairs.Count(p => Person(p.LeftId) == Person(p.RightId));
        var rightPeople = right.Select(r => Person(r.Id)).ToHashSet();
        var truePairs = left.Count(l => rightPeople.Contains(Person(l.Id)));
        var precision = (double)truePositives / result.Pairs.Count;
        var recall = (double)truePositives / truePairs;
        var f1 = 2 * precision * recall / (precision + recall);
        Assert.Equal(5000, truePairs);
        Assert.True(f1 >= 0.99, $"F1 {f1:0.0000} (precision {precision:0.0000}, recall {recall:0.0000})");
    }

    /// <summary>VIGIL_LINKAGE_DATA, else shared/data/linkage in or above the test's folder (CI puts shared/ beside the clone).</summary>
    private static string LinkageData()
    {
        var env = Environment.GetEnvironmentVariable("VIGIL_LINKAGE_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "linkage");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail("The labelled linkage data was not found: expected shared/data/linkage beside the repository (or set VIGIL_LINKAGE_DATA to its folder).");
        return string.Empty;
    }
}

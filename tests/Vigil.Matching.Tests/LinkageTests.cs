namespace Vigil.Matching.Tests;

public sealed class LinkageTests
{
    [Fact]
    public void Link_CopiesWithErrors_AreFound()
    {
        var left = People.Crowd(2000, seed: 11);
        var random = new Random(2);
        var right = left.Take(500).Select((p, i) => People.Corrupt(p, random, "r" + i)).ToList();
        right.AddRange(People.Crowd(1500, seed: 12).Select((p, i) => p with { Id = "n" + i }));
        var result = new PersonMatcher().Link(left, right);
        var found = result.Pairs.Count(p => p.RightId.StartsWith('r') && left.IndexOf(p.Left) == int.Parse(p.RightId[1..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(found >= 480, $"found {found} of 500");
        Assert.True(result.Pairs.Count - found <= 10, $"{result.Pairs.Count - found} false pairs");
        Assert.Equal(4000, result.Statistics.Records);
        Assert.True(result.Statistics.Comparisons < result.Statistics.PossiblePairs / 50);
    }

    [Fact]
    public void Dedupe_DuplicateIds_IsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => new PersonMatcher().Dedupe([People.Person("a"), People.Person("b"), People.Person("a")]));
        Assert.Contains("'a' appears twice (records 1 and 3)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dedupe_SameIdInDifferentSources_IsAllowedAcrossSources()
    {
        var options = new MatchOptions { CompareWithinSource = false };
        var result = new PersonMatcher(options).Dedupe([People.Person("1", source: "x"), People.Person("1", source: "y")], 0.5, MatchModel.Default);
        var pair = Assert.Single(result.Pairs);
        Assert.NotEqual(pair.Left.Source, pair.Right.Source);
    }

    [Fact]
    public void Dedupe_Clusters_AreTheConnectedComponentsOfThePairs()
    {
        var crowd = People.Crowd(600, seed: 8);
        var random = new Random(9);
        var records = new List<PersonRecord>(crowd);
        for (var i = 0; i < 300; i++)
        {
            records.Add(People.Corrupt(crowd[random.Next(crowd.Count)], random, "x" + i));
        }

        var result = new PersonMatcher().Dedupe(records);
        var cluster = result.Clusters.ToDictionary(c => c.Id, c => c.ClusterId);
        Assert.Equal(records.Count, cluster.Count);
        foreach (var p in result.Pairs)
        {
            Assert.Equal(cluster[p.LeftId], cluster[p.RightId]);
        }

        // Every cluster is connected by pairs: union-find over the pairs gives the same partition.
        var sizes = result.Clusters.GroupBy(c => c.ClusterId).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(result.Clusters, c => Assert.Equal(sizes[c.ClusterId], c.ClusterSize));
        Assert.Equal(records.Count - Merges(result.Pairs), sizes.Count);
    }

    /// <summary>How many unions the pairs make (records minus components).</summary>
    private static int Merges(IReadOnlyList<MatchPair> pairs)
    {
        var parent = new Dictionary<string, string>();
        string Find(string x)
        {
            while (parent.TryGetValue(x, out var p) && p != x)
            {
                x = p;
            }

            return x;
        }

        var merges = 0;
        foreach (var p in pairs)
        {
            var a = Find(p.LeftId);
            var b = Find(p.RightId);
            if (a != b)
            {
                parent[a] = b;
                merges++;
            }
        }

        return merges;
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Link_ThresholdOutsideZeroToOne_IsRefused(double threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PersonMatcher().Link([People.Person("a")], [People.Person("b")], threshold));

    [Fact]
    public void Link_EmptySides_GiveNoPairs()
    {
        Assert.Empty(new PersonMatcher().Link([], [People.Person("b")]).Pairs);
        Assert.Empty(new PersonMatcher().Dedupe([]).Pairs);
        Assert.Single(new PersonMatcher().Dedupe([People.Person("a")]).Clusters);
    }
}

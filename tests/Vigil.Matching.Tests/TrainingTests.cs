namespace Vigil.Matching.Tests;

public sealed class TrainingTests
{
    /// <summary>
    /// 3,000 people and 1,000 copies with known error rates: 10% of copies have a transposed given name,
    /// 10% a day and month swapped (where the day allows), 20% no postcode. Nothing else differs.
    /// </summary>
    private static List<PersonRecord> KnownStructure(out int pairs)
    {
        var people = People.Crowd(3000, seed: 42);
        var random = new Random(3);
        var records = new List<PersonRecord>(people);
        pairs = 0;
        for (var i = 0; i < 1000; i++)
        {
            var p = people[random.Next(people.Count)];
            var copy = p with { Id = "dup" + i };
            if (random.NextDouble() < 0.1)
            {
                copy = copy with { GivenName = People.Typo(copy.GivenName, random) };
            }

            if (random.NextDouble() < 0.1 && copy.DateOfBirth is { Day: <= 12 } d && d.Day != d.Month)
            {
                copy = copy with { DateOfBirth = new PartialDate(d.Year, d.Day, d.Month) };
            }

            if (random.NextDouble() < 0.2)
            {
                copy = copy with { Postcode = null };
            }

            records.Add(copy);
        }

        // True pairs: each copy with its original, and copies of the same original with each other.
        pairs = records.GroupBy(r => r.Id.StartsWith("dup", StringComparison.Ordinal) ? null : r.Id).Count();
        return records;
    }

    [Fact]
    public void Train_KnownStructure_RecoversSensibleMAndU()
    {
        var records = KnownStructure(out _);
        var model = MatchModel.Train(records, new MatchOptions { Parallelism = 2 });

        var given = model.For(PersonField.GivenName)!;
        Assert.InRange(given.M[0], 0.82, 0.97);
        Assert.InRange(given.M[1], 0.03, 0.16);
        Assert.InRange(given.U[0], 0.02, 0.07); // 24 given names in the crowd: about 1 in 24

        var dob = model.For(PersonField.DateOfBirth)!;
        Assert.InRange(dob.M[0], 0.85, 0.99);
        Assert.True(dob.U[0] < 0.001);

        var surname = model.For(PersonField.Surname)!;
        Assert.True(surname.M[0] > 0.95);
        Assert.True(surname.Weight(0) > 3 && surname.Weight(surname.M.Count - 1) < -3);

        // About 1,000 to 1,200 true pairs among 4,000 records.
        var possible = 4000.0 * 3999 / 2;
        Assert.InRange(model.PriorProbability * possible, 700, 2000);
    }

    [Fact]
    public void Dedupe_KnownStructure_FindsTheCopies()
    {
        var records = KnownStructure(out _);
        var result = new PersonMatcher().Dedupe(records);
        var byOriginal = result.Clusters.Where(c => c.Id.StartsWith("dup", StringComparison.Ordinal)).ToList();
        Assert.All(byOriginal, c => Assert.True(c.ClusterSize >= 2));
        Assert.All(result.Pairs, p => Assert.True(p.Probability >= 0.5));
    }

    [Fact]
    public void Model_Json_RoundTrips()
    {
        var model = MatchModel.Train(KnownStructure(out _));
        var copy = MatchModel.FromJson(model.ToJson());
        Assert.Equal(model.PriorProbability, copy.PriorProbability);
        Assert.Equal(model.Comparisons.Count, copy.Comparisons.Count);
        for (var i = 0; i < model.Comparisons.Count; i++)
        {
            Assert.Equal(model.Comparisons[i].M, copy.Comparisons[i].M);
            Assert.Equal(model.Comparisons[i].U, copy.Comparisons[i].U);
            Assert.Equal(model.Comparisons[i].ConditionedOn, copy.Comparisons[i].ConditionedOn);
        }
    }

    [Fact]
    public void Model_BadJson_IsAFormatError()
    {
        Assert.Throws<FormatException>(() => MatchModel.FromJson("{ not json"));
        Assert.Throws<FormatException>(() => MatchModel.FromJson("""{"PriorProbability":0.1,"ExpectedMatchesPerRecord":1,"Comparisons":[{"Field":"Surname","Levels":["a"],"M":[1],"U":[1],"TermFrequencyAdjusted":false}]}"""));
    }

    [Fact]
    public void Explanation_Sums_ToTheMatchWeight()
    {
        var records = KnownStructure(out _).Take(3600).ToList();
        var result = new PersonMatcher().Dedupe(records, threshold: 0.01);
        Assert.NotEmpty(result.Pairs);
        foreach (var pair in result.Pairs)
        {
            var e = pair.Explanation;
            var sum = e.PriorWeight + e.Fields.Sum(f => f.Weight + f.TermFrequencyAdjustment);
            Assert.Equal(pair.MatchWeight, sum, 9);
            Assert.Equal(pair.Probability, e.Probability, 9);
            Assert.All(e.Fields, f => Assert.Equal(f.Level < 0, f.LevelName == "missing"));
        }
    }

    [Fact]
    public void Explanation_OfIndexQuery_SumsToTheMatchWeight() =>
        Gen.Int[0, 400].Sample(i =>
        {
            using var index = new PersonIndex();
            var crowd = People.Crowd(400, seed: 5);
            foreach (var p in crowd)
            {
                index.Add(p);
            }

            var query = People.Corrupt(crowd[i % crowd.Count], new Random(i), "q");
            foreach (var c in index.Query(query, threshold: 0))
            {
                var e = c.Explanation;
                if (Math.Abs(e.MatchWeight - c.MatchWeight) > 1e-9 || Math.Abs(e.Probability - c.Probability) > 1e-9)
                {
                    return false;
                }
            }

            return true;
        }, iter: 20);
}

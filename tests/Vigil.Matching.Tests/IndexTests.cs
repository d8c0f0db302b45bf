namespace Vigil.Matching.Tests;

public sealed class IndexTests
{
    private static readonly List<PersonRecord> Pool = People.Crowd(40, seed: 21);

    [Fact]
    public void Query_ExactCopy_FindsThePerson()
    {
        using var index = new PersonIndex();
        foreach (var p in People.Crowd(2000, seed: 4))
        {
            index.Add(p);
        }

        var target = People.Crowd(2000, seed: 4)[1234];
        var result = index.Query(target with { Id = "new" });
        Assert.Equal("c1234", result[0].Id);
        Assert.True(result[0].Probability > 0.99);
        Assert.All(result, c => Assert.True(c.Probability >= 0.5));
    }

    [Fact]
    public void Query_OwnId_IsLeftOut()
    {
        using var index = new PersonIndex();
        index.Add(People.Person("a"));
        Assert.Empty(index.Query(People.Person("a")));
        Assert.Single(index.Query(People.Person("b")));
    }

    [Fact]
    public void Query_MaxResults_KeepsTheMostLikely()
    {
        using var index = new PersonIndex();
        for (var i = 0; i < 5; i++)
        {
            index.Add(People.Person("p" + i, email: i == 3 ? "js@example.com" : null));
        }

        var result = index.Query(People.Person("q", email: "js@example.com"), 0.5, maxResults: 2);
        Assert.Equal(2, result.Count);
        Assert.Equal("p3", result[0].Id);
        Assert.True(result[0].MatchWeight >= result[1].MatchWeight);
    }

    [Fact]
    public void Add_ExistingId_IsRefused()
    {
        using var index = new PersonIndex();
        index.Add(People.Person("a"));
        Assert.Throws<ArgumentException>(() => index.Add(People.Person("a")));
        Assert.Throws<KeyNotFoundException>(() => index.Update(People.Person("b")));
        Assert.False(index.Remove("b"));
        Assert.True(index.AddOrUpdate(People.Person("a", given: "Jon")));
        Assert.False(index.AddOrUpdate(People.Person("b")));
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Update_ChangedName_IsFoundUnderTheNewNameOnly()
    {
        using var index = new PersonIndex();
        index.Add(People.Person("a", given: "Harriet", surname: "Fennimore", email: "hf@example.com"));
        index.Update(People.Person("a", given: "Zebedee", surname: "Quartermaine", dob: "1950-02-02", postcode: "EH1 1YZ", address: "1 Castle Hill", locality: "Edinburgh"));
        Assert.Empty(index.Query(People.Person("q", given: "Harriet", surname: "Fennimore", email: "hf@example.com")));
        Assert.Equal("a", Assert.Single(index.Query(People.Person("q", given: "Zebedee", surname: "Quartermaine", dob: "1950-02-02", postcode: "EH1 1YZ", address: "1 Castle Hill", locality: "Edinburgh"))).Id);
    }

    /// <summary>
    /// Random adds, updates and removes against a plain dictionary of the current records: the index holds
    /// what the dictionary holds, finds every current record from an exact copy, never returns a removed
    /// one, and answers exactly as an index built afresh from the final records.
    /// </summary>
    [Fact]
    public void Index_AddUpdateRemove_AgreesWithBruteForce() =>
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, Pool.Count - 1], Gen.Int[0, 1000]).Array[1, 120]
            .Sample(operations =>
            {
                using var index = new PersonIndex();
                var current = new Dictionary<string, PersonRecord>();
                foreach (var (kind, i, seed) in operations)
                {
                    var id = "p" + i;
                    var person = People.Corrupt(Pool[i], new Random(seed), id);
                    switch (kind)
                    {
                        case 0 when !current.ContainsKey(id):
                            index.Add(person);
                            current[id] = person;
                            break;
                        case 0 or 1:
                            index.AddOrUpdate(person);
                            current[id] = person;
                            break;
                        default:
                            if (index.Remove(id) != current.Remove(id))
                            {
                                return false;
                            }

                            break;
                    }
                }

                if (index.Count != current.Count || current.Keys.Any(id => !index.Contains(id)))
                {
                    return false;
                }

                using var fresh = new PersonIndex();
                foreach (var p in current.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
                {
                    fresh.Add(p);
                }

                foreach (var p in current.Values)
                {
                    var found = index.Query(p with { Id = "query" }, threshold: 0, maxResults: 100);
                    if (!found.Any(c => c.Id == p.Id) || found.Any(c => !current.ContainsKey(c.Id)))
                    {
                        return false;
                    }

                    var expected = fresh.Query(p with { Id = "query" }, threshold: 0, maxResults: 100);
                    if (!Same(found, expected))
                    {
                        return false;
                    }
                }

                return true;
            }, iter: 40);

    private static bool Same(IReadOnlyList<MatchCandidate> a, IReadOnlyList<MatchCandidate> b) =>
        a.Count == b.Count &&
        a.OrderBy(c => c.Id, StringComparer.Ordinal).Zip(b.OrderBy(c => c.Id, StringComparer.Ordinal))
            .All(x => x.First.Id == x.Second.Id && Math.Abs(x.First.MatchWeight - x.Second.MatchWeight) < 1e-9);

    [Fact]
    public async Task Index_ConcurrentQueriesAndChanges_StayConsistent()
    {
        using var index = new PersonIndex();
        var crowd = People.Crowd(3000, seed: 31);
        foreach (var p in crowd.Take(2000))
        {
            index.Add(p);
        }

        var writer = Task.Run(() =>
        {
            for (var i = 2000; i < 3000; i++)
            {
                index.Add(crowd[i]);
                index.Remove(crowd[i - 1000].Id);
            }
        });
        var readers = Enumerable.Range(0, 2).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 1500; i++)
            {
                var result = index.Query(crowd[((i * 7) + t) % crowd.Count] with { Id = "q" });
                Assert.All(result, c => Assert.InRange(c.Probability, 0.5, 1.0));
            }
        })).ToList();
        await Task.WhenAll([writer, .. readers]);
        Assert.Equal(2000, index.Count);
        Assert.Equal(crowd[2500].Id, index.Query(crowd[2500] with { Id = "q" })[0].Id);
    }

    [Fact]
    public void Index_TrainedModel_IsUsed()
    {
        var crowd = People.Crowd(3000, seed: 6);
        var random = new Random(1);
        var training = crowd.Concat(crowd.Take(600).Select((p, i) => People.Corrupt(p, random, "d" + i))).ToList();
        var model = MatchModel.Train(training);
        using var index = new PersonIndex(model);
        foreach (var p in crowd)
        {
            index.Add(p);
        }

        Assert.Same(model, index.Model);
        var hits = 0;
        for (var i = 0; i < 200; i++)
        {
            var query = People.Corrupt(crowd[i + 1000], random, "q" + i);
            var result = index.Query(query);
            hits += result.Count > 0 && result[0].Id == crowd[i + 1000].Id ? 1 : 0;
        }

        Assert.True(hits >= 185, $"found {hits} of 200");
    }
}

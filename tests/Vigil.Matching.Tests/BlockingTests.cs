namespace Vigil.Matching.Tests;

public sealed class BlockingTests
{
    private static readonly PersonField[] AllFields = Enum.GetValues<PersonField>();

    /// <summary>Whether blocking makes the first two records candidates, among a crowd of others.</summary>
    private static bool Blocked(PersonRecord a, PersonRecord b)
    {
        List<PersonRecord> records = [a, b, .. People.Crowd(200)];
        var (_, cells) = People.Encode(records);
        var comparer = new PairComparer(AllFields);
        var rules = BlockingRule.Usable(_ => true);
        var candidates = CandidateGenerator.Generate(cells, ComparisonSpace.Dedupe(records.Count), rules, comparer, 1000, 2);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.A[i] == 0 && candidates.B[i] == 1)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly Func<PersonRecord, PersonRecord>[] Corruptions =
    [
        p => p with { GivenName = "Xavier" },
        p => p with { GivenName = null },
        p => p with { Surname = "Quigley" },
        p => p with { Surname = null },
        p => p with { DateOfBirth = new PartialDate(1901, 1, 1) },
        p => p with { DateOfBirth = null },
        p => p with { Postcode = "ZZ9 9ZZ" },
        p => p with { Postcode = null },
        p => p with { Address = "Flat 3 Nowhere Road" },
        p => p with { Locality = "Aberdeen" },
        p => p with { Email = "someone.else@example.com" },
        p => p with { Identifiers = ["ZZ000000Z"] },
        p => p with { GivenName = p.Surname, Surname = p.GivenName },
    ];

    [Fact]
    public void Blocking_AnySingleFieldCorrupted_KeepsTheTruePair()
    {
        var original = People.Person("a", given: "Harriet", surname: "Fennimore", dob: "1977-03-29", postcode: "LS6 3QW", address: "41 Cardigan Road", locality: "Leeds", email: "hfennimore@example.net", identifier: "AB123456C");
        for (var c = 0; c < Corruptions.Length; c++)
        {
            Assert.True(Blocked(original, Corruptions[c](original) with { Id = "b" }), $"corruption {c} lost the pair");
        }
    }

    [Fact]
    public void Blocking_RandomPersonWithOneFieldCorrupted_KeepsTheTruePair() =>
        Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, Corruptions.Length - 1])
            .Sample((seed, c) =>
            {
                var person = People.Crowd(1, seed)[0] with { Id = "a", Email = "p" + seed + "@example.org", Identifiers = ["ID" + seed] };
                return Blocked(person, Corruptions[c](person) with { Id = "b" });
            }, iter: 60);

    [Fact]
    public void Blocking_PairsAreComparedOnce()
    {
        var records = People.Crowd(300);
        records.AddRange(records.Take(100).Select((p, i) => p with { Id = "d" + i }));
        var (_, cells) = People.Encode(records);
        var candidates = CandidateGenerator.Generate(cells, ComparisonSpace.Dedupe(records.Count), BlockingRule.Usable(_ => true), new PairComparer(AllFields), 1000, 2);
        var pairs = new HashSet<(int, int)>();
        for (var i = 0; i < candidates.Count; i++)
        {
            Assert.True(candidates.A[i] < candidates.B[i]);
            Assert.True(pairs.Add((candidates.A[i], candidates.B[i])));
        }
    }

    [Fact]
    public void Blocking_AcrossSources_SkipsPairsOfOneSource()
    {
        var records = People.Crowd(100);
        var copies = records.Select((p, i) => p with { Id = "x" + i }).ToList();
        List<PersonRecord> all = [.. records, .. copies];
        var sourceOf = all.Select((_, i) => i < records.Count ? 0 : 1).ToArray();
        var (_, cells) = People.Encode(all);
        var candidates = CandidateGenerator.Generate(cells, ComparisonSpace.AcrossSources(sourceOf), BlockingRule.Usable(_ => true), new PairComparer(AllFields), 1000, 2);
        for (var i = 0; i < candidates.Count; i++)
        {
            Assert.NotEqual(sourceOf[candidates.A[i]], sourceOf[candidates.B[i]]);
        }

        Assert.True(candidates.Count >= records.Count);
    }
}

using Vigil.Web.Operations;

namespace Vigil.Web.Tests.Operations;

/// <summary>The surge optimiser against an exhaustive search: on small instances its proposal is worth exactly the
/// best there is, it never takes a unit below its minimum cover on any day, never has a unit give to itself or more
/// than was asked, prefers neighbours only among equally good ways to meet the requests, and explains each line and
/// each shortfall.</summary>
public sealed class SurgeOptimiserTests
{
    private static readonly string[] Units = ["london", "north-west", "wales"];
    private static readonly DateOnly Start = new(2026, 12, 7);

    private static bool Neighbours(string a, string b) => (a, b) is ("london", "wales") or ("wales", "london");

    private static (List<SurgeNeed> Needs, List<CapacityDay> Capacity) Instance(int seed)
    {
        var random = new Random(seed);
        var capabilities = new[] { "investigators", "surveillance teams" }[..random.Next(1, 3)];
        var days = random.Next(2, 4);
        var capacity = (from u in Units
                        from c in capabilities
                        from d in Enumerable.Range(0, days)
                        let available = random.Next(0, 5)
                        select new CapacityDay(u, c, Start.AddDays(d), available, Math.Min(available, random.Next(0, 3)))).ToList();
        var needs = Enumerable.Range(0, random.Next(2, 4)).Select(i =>
        {
            var from = random.Next(0, days);
            return new SurgeNeed($"r{i}", Units[random.Next(Units.Length)], capabilities[random.Next(capabilities.Length)], random.Next(1, 4),
                Start.AddDays(from), Start.AddDays(random.Next(from, days)), (SurgePriority)random.Next(1, 4));
        }).ToList();
        return (needs, capacity);
    }

    /// <summary>Every allocation there is, each (request, unit) pair from 0 to what the request asks; the best value of
    /// those that keep every unit's minimum cover every day.</summary>
    private static long Exhaustive(List<SurgeNeed> needs, List<CapacityDay> capacity, SurgeSettings settings)
    {
        var pairs = (from n in needs from u in Units where u != n.RequestingUnit select (Need: n, Unit: u)).ToList();
        var counts = new int[pairs.Count];
        var best = 0L;
        while (true)
        {
            if (Feasible(needs, capacity, pairs.Select((p, i) => (p.Need.Id, p.Unit, counts[i]))))
            {
                best = Math.Max(best, pairs.Select((p, i) => SurgeOptimiser.ValueOf(p.Need, p.Unit, counts[i], Neighbours, settings)).Sum());
            }
            var k = 0;
            while (k < counts.Length && ++counts[k] > pairs[k].Need.Officers)
            {
                counts[k++] = 0;
            }
            if (k == counts.Length)
            {
                return best;
            }
        }
    }

    private static bool Feasible(List<SurgeNeed> needs, List<CapacityDay> capacity, IEnumerable<(string Need, string Unit, int Officers)> allocation)
    {
        var lines = allocation.Where(a => a.Officers > 0).ToList();
        var byId = needs.ToDictionary(n => n.Id);
        if (needs.Any(n => lines.Where(l => l.Need == n.Id).Sum(l => l.Officers) > n.Officers) || lines.Any(l => byId[l.Need].RequestingUnit == l.Unit))
        {
            return false;
        }
        return capacity.All(c => lines.Where(l => l.Unit == c.Unit && byId[l.Need].Capability == c.Capability && byId[l.Need].Days().Contains(c.Day)).Sum(l => l.Officers) <= c.Spare)
            // A unit with no capacity row for a day has nothing to give that day.
            && lines.All(l => byId[l.Need].Days().All(d => capacity.Any(c => c.Unit == l.Unit && c.Capability == byId[l.Need].Capability && c.Day == d)));
    }

    [Fact]
    public void OnSmallInstances_TheProposalIsWorthTheBestThereIs_AndKeepsEveryMinimumCover()
    {
        var settings = new SurgeSettings(NeighbourPreference: 10);
        for (var seed = 1; seed <= 40; seed++)
        {
            var (needs, capacity) = Instance(seed);
            var proposal = SurgeOptimiser.Propose(needs, capacity, Neighbours, settings);

            Assert.True(proposal.Optimal, $"instance {seed}: not proved optimal");
            Assert.Equal(Exhaustive(needs, capacity, settings), proposal.Value);
            Assert.True(Feasible(needs, capacity, proposal.Lines.Select(l => (l.RequestId, l.GivingUnit, l.Officers))), $"instance {seed}: a minimum cover is broken");
            // Every request short of what it asked is explained, and only those.
            var short_ = needs.Where(n => proposal.Lines.Where(l => l.RequestId == n.Id).Sum(l => l.Officers) < n.Officers).Select(n => n.Id).Order().ToList();
            Assert.Equal(short_, proposal.Shortfalls.Select(s => s.RequestId).Order().ToList());
            Assert.All(proposal.Shortfalls, s => Assert.False(string.IsNullOrWhiteSpace(s.Why)));
            Assert.All(proposal.Lines, l => Assert.Contains("to spare", l.Why, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ANeighbour_IsPreferred_OnlyAmongEquallyGoodWaysToMeetTheRequests()
    {
        var day = Start;
        var need = new SurgeNeed("r1", "london", "investigators", 4, day, day, SurgePriority.High);
        // Wales (a neighbour) and the North West each have 4 to spare: Wales gives all four.
        var capacity = new List<CapacityDay>
        {
            new("wales", "investigators", day, 6, 2), new("north-west", "investigators", day, 10, 6), new("london", "investigators", day, 0, 0),
        };
        var proposal = SurgeOptimiser.Propose([need], capacity, Neighbours);
        var line = Assert.Single(proposal.Lines);
        Assert.Equal(("wales", 4), (line.GivingUnit, line.Officers));
        Assert.Contains("a neighbour of london", line.Why, StringComparison.Ordinal);

        // Wales has only 1 to spare: the North West makes up the rest, since meeting the request outweighs travel.
        capacity[0] = new("wales", "investigators", day, 3, 2);
        proposal = SurgeOptimiser.Propose([need], capacity, Neighbours);
        Assert.Equal([("north-west", 3), ("wales", 1)], proposal.Lines.Select(l => (l.GivingUnit, l.Officers)).Order().ToList());
        Assert.Empty(proposal.Shortfalls);
    }

    [Fact]
    public void TheHigherPriority_IsMetFirst_AndTheOtherSaysWhatBindsIt()
    {
        var day = Start;
        var capacity = new List<CapacityDay>
        {
            new("wales", "surveillance teams", day, 3, 1), new("london", "surveillance teams", day, 0, 0), new("north-west", "surveillance teams", day, 0, 0),
        };
        var high = new SurgeNeed("high", "london", "surveillance teams", 2, day, day, SurgePriority.High);
        var low = new SurgeNeed("low", "north-west", "surveillance teams", 2, day, day, SurgePriority.Low);
        var proposal = SurgeOptimiser.Propose([low, high], capacity, Neighbours);
        Assert.Equal([("high", "wales", 2)], proposal.Lines.Select(l => (l.RequestId, l.GivingUnit, l.Officers)).ToList());
        var shortfall = Assert.Single(proposal.Shortfalls);
        Assert.Equal(("low", 0), (shortfall.RequestId, shortfall.Met));
        Assert.Contains("no other unit has surveillance teams to spare on", shortfall.Why, StringComparison.Ordinal);
    }
}

using System.Globalization;
using Vigil.Web.Network;
using Vigil.Web.Operations;

namespace Vigil.Bench;

/// <summary>
/// The surge optimiser on a national surge (issue 17): 11 regional units, 20 capabilities, 14 days, 200 requests, with
/// capacity and minimum cover drawn from a fixed seed (each unit 2 to 40 officers of a capability a day, keeping a
/// quarter to a half at home; requests of 1 to 30 officers for 1 to 14 days at three priorities). It times
/// <see cref="SurgeOptimiser.Propose"/> (building the model, solving, explaining) five times after one warm-up and
/// prints what the proposal met. It measures and prints only.
/// <code>dotnet run -c Release --project bench/Vigil.Bench -- surge [--requests 200] [--days 14] [--seed 17] [--runs 5]</code>
/// </summary>
internal static class SurgeBench
{
    public static int Run(string[] args)
    {
        var requests = int.Parse(National.Option(args, "--requests") ?? "200", CultureInfo.InvariantCulture);
        var days = int.Parse(National.Option(args, "--days") ?? "14", CultureInfo.InvariantCulture);
        var seed = int.Parse(National.Option(args, "--seed") ?? "17", CultureInfo.InvariantCulture);
        var runs = int.Parse(National.Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var random = new Random(seed);
        var units = NetworkReferenceData.RegionalUnits.Select(u => u.Code).ToList();
        var capabilities = OperationsReferenceData.Capabilities.Select(c => c.Code).ToList();
        var start = new DateOnly(2026, 12, 7);
        var capacity = (from u in units
                        from c in capabilities
                        let usual = random.Next(2, 41)
                        from d in Enumerable.Range(0, days)
                        let available = Math.Max(0, usual + random.Next(-2, 3))
                        select new CapacityDay(u, c, start.AddDays(d), available, (int)Math.Ceiling(available * (0.25 + random.NextDouble() * 0.25)))).ToList();
        var needs = Enumerable.Range(0, requests).Select(i =>
        {
            var from = random.Next(0, days);
            return new SurgeNeed($"r{i:D3}", units[random.Next(units.Count)], capabilities[random.Next(capabilities.Count)], random.Next(1, 31),
                start.AddDays(from), start.AddDays(Math.Min(days - 1, from + random.Next(0, days))), (SurgePriority)random.Next(1, 4));
        }).ToList();
        Console.WriteLine($"surge bench: {Environment.ProcessorCount} cores, {National.Machine()}; {units.Count} units, {capabilities.Count} capabilities, {days} days, "
            + $"{requests} requests asking {needs.Sum(n => n.Officers)} officers (seed {seed}); {runs} runs after one warm-up");
        SurgeOptimiser.Propose(needs, capacity, OperationsReferenceData.AreNeighbours);
        var times = new List<double>();
        SurgeProposal? last = null;
        for (var i = 0; i < runs; i++)
        {
            last = SurgeOptimiser.Propose(needs, capacity, OperationsReferenceData.AreNeighbours);
            times.Add(last.Took.TotalMilliseconds);
        }
        times.Sort();
        var met = last!.Lines.Sum(l => l.Officers);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"propose: median {times[times.Count / 2]:0} ms, slowest {times[^1]:0} ms; proved optimal: {last.Optimal}; {last.Lines.Count} lines giving {met} of {needs.Sum(n => n.Officers)} officers; "
            + $"{last.Shortfalls.Count} requests short ({last.Shortfalls.Count(s => s.Met == 0)} unmet); value {last.Value}"));
        return 0;
    }
}

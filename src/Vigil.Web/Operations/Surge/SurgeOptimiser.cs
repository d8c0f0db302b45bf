using System.Globalization;
using Google.OrTools.Sat;

namespace Vigil.Web.Operations;

/// <summary>How much a request matters: the optimiser meets higher priorities first.</summary>
public enum SurgePriority
{
    Low = 1,
    Medium = 2,
    High = 3,
}

/// <summary>A unit's officers of one capability on one day: how many it has and how many it must keep at home.</summary>
public sealed record CapacityDay(string Unit, string Capability, DateOnly Day, int Available, int MinimumCover)
{
    public int Spare => Math.Max(0, Available - MinimumCover);
}

/// <summary>A region's request for officers of one capability, every day from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record SurgeNeed(string Id, string RequestingUnit, string Capability, int Officers, DateOnly From, DateOnly To, SurgePriority Priority)
{
    public IEnumerable<DateOnly> Days()
    {
        for (var d = From; d <= To; d = d.AddDays(1))
        {
            yield return d;
        }
    }
}

/// <summary>What the coordinator tunes: how strongly a neighbour is preferred (0 to 99 per officer, always less than
/// the value of meeting a request, so travel never leaves a request unmet), and how long the solver may take.</summary>
public sealed record SurgeSettings(int NeighbourPreference = 10, double SecondsAllowed = 10);

/// <summary>One line of a proposal: a unit gives officers to a request, and why it can.</summary>
public sealed record ProposedLine(string RequestId, string GivingUnit, int Officers, string Why);

/// <summary>A request the proposal does not meet in full, and what binds it.</summary>
public sealed record Shortfall(string RequestId, int Officers, int Met, string Why);

/// <summary>The proposal: its lines, the requests left short and why, the value it reached and whether the solver
/// proved it the best there is.</summary>
public sealed record SurgeProposal(IReadOnlyList<ProposedLine> Lines, IReadOnlyList<Shortfall> Shortfalls, long Value, bool Optimal, TimeSpan Took);

/// <summary>
/// The allocation proposal for a surge, computed with Google OR-Tools' CP-SAT solver: how many officers each unit
/// gives to each request so as to meet as much of the requests as it can, weighted by priority, never taking a unit
/// below its minimum cover of a capability on any day of a request it gives to, a unit never giving to itself, and,
/// among the best ways to meet the requests, preferring neighbours. The value of a proposal is, for each officer
/// given, 100 times the request's priority, less the travel cost (<see cref="SurgeSettings.NeighbourPreference"/>)
/// when the giving unit is not a neighbour of the requesting one. It explains itself: each line says what spare
/// the unit has, each shortfall which day and capability binds it.
/// </summary>
public static class SurgeOptimiser
{
    public const int ValuePerOfficer = 100;

    public static long ValueOf(SurgeNeed need, string givingUnit, int officers, Func<string, string, bool> neighbours, SurgeSettings settings) =>
        (long)officers * (ValuePerOfficer * (int)need.Priority - (neighbours(givingUnit, need.RequestingUnit) ? 0 : Math.Clamp(settings.NeighbourPreference, 0, 99)));

    /// <param name="name">How the explanations name a unit or capability code (the code itself by default).</param>
    public static SurgeProposal Propose(IReadOnlyList<SurgeNeed> needs, IReadOnlyList<CapacityDay> capacity, Func<string, string, bool> neighbours, SurgeSettings? settings = null,
        Func<string, string>? name = null)
    {
        settings ??= new();
        name ??= code => code;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var spare = capacity.GroupBy(c => (c.Unit, c.Capability, c.Day)).ToDictionary(g => g.Key, g => g.Min(c => c.Spare));
        var units = capacity.Select(c => c.Unit).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // A unit can give to a request only what it has spare on every day of it.
        int Most(SurgeNeed need, string unit) => unit == need.RequestingUnit ? 0
            : Math.Min(need.Officers, need.Days().Select(d => spare.GetValueOrDefault((unit, need.Capability, d))).DefaultIfEmpty(0).Min());

        var model = new CpModel();
        var x = new Dictionary<(string Need, string Unit), IntVar>();
        foreach (var need in needs)
        {
            var givers = new List<IntVar>();
            foreach (var unit in units)
            {
                var most = Most(need, unit);
                if (most > 0)
                {
                    var v = model.NewIntVar(0, most, $"x_{need.Id}_{unit}");
                    x[(need.Id, unit)] = v;
                    givers.Add(v);
                }
            }
            if (givers.Count > 0)
            {
                model.Add(LinearExpr.Sum(givers) <= need.Officers);
            }
        }
        // Minimum cover: on every day, what a unit gives of a capability across every request covering that day
        // leaves at least its minimum at home.
        foreach (var group in needs.SelectMany(n => n.Days().Select(d => (Need: n, Day: d))).GroupBy(p => (p.Need.Capability, p.Day)))
        {
            foreach (var unit in units)
            {
                var onThatDay = group.Where(p => x.ContainsKey((p.Need.Id, unit))).Select(p => x[(p.Need.Id, unit)]).ToList();
                if (onThatDay.Count > 1)
                {
                    model.Add(LinearExpr.Sum(onThatDay) <= spare.GetValueOrDefault((unit, group.Key.Capability, group.Key.Day)));
                }
            }
        }
        var byId = needs.ToDictionary(n => n.Id, StringComparer.Ordinal);
        model.Maximize(LinearExpr.WeightedSum(x.Values, x.Keys.Select(k => ValueOf(byId[k.Need], k.Unit, 1, neighbours, settings))));

        var solver = new CpSolver { StringParameters = string.Create(CultureInfo.InvariantCulture, $"max_time_in_seconds:{settings.SecondsAllowed},num_workers:2,random_seed:1") };
        var status = x.Count == 0 ? CpSolverStatus.Optimal : solver.Solve(model);
        var solved = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
        var given = x.ToDictionary(p => p.Key, p => solved ? (int)solver.Value(p.Value) : 0);

        var used = new Dictionary<(string Unit, string Capability, DateOnly Day), int>();
        foreach (var ((needId, unit), officers) in given.Where(g => g.Value > 0))
        {
            foreach (var day in byId[needId].Days())
            {
                used[(unit, byId[needId].Capability, day)] = used.GetValueOrDefault((unit, byId[needId].Capability, day)) + officers;
            }
        }
        var lines = new List<ProposedLine>();
        foreach (var ((needId, unit), officers) in given.Where(g => g.Value > 0).OrderBy(g => g.Key.Need, StringComparer.Ordinal).ThenBy(g => g.Key.Unit, StringComparer.Ordinal))
        {
            var need = byId[needId];
            var tightest = need.Days().MinBy(d => spare.GetValueOrDefault((unit, need.Capability, d)));
            var cover = capacity.First(c => c.Unit == unit && c.Capability == need.Capability && c.Day == tightest);
            lines.Add(new(needId, unit, officers,
                $"{name(unit)} has {cover.Spare} {name(need.Capability)} to spare on its tightest day ({tightest:d MMM}: {cover.Available} available, {cover.MinimumCover} kept as minimum cover)"
                + (neighbours(unit, need.RequestingUnit) ? $"; a neighbour of {name(need.RequestingUnit)}" : "")));
        }
        var shortfalls = new List<Shortfall>();
        foreach (var need in needs)
        {
            var met = given.Where(g => g.Key.Need == need.Id).Sum(g => g.Value);
            if (met >= need.Officers)
            {
                continue;
            }
            // What binds it: the day on which the units that could give have the least left, after the proposal.
            var left = need.Days().Select(d => (Day: d, Left: units.Where(u => u != need.RequestingUnit)
                .Sum(u => Math.Max(0, spare.GetValueOrDefault((u, need.Capability, d)) - used.GetValueOrDefault((u, need.Capability, d)))))).MinBy(p => p.Left);
            var why = !solved ? "the solver found no proposal in the time allowed"
                : left.Left == 0 ? $"no other unit has {name(need.Capability)} to spare on {left.Day:d MMM}: what they have beyond their minimum cover that day is all given (to this or to requests worth as much or more)"
                : $"the units with {name(need.Capability)} to spare on {left.Day:d MMM} ({left.Left} left that day) have none to spare on another day of the request";
            shortfalls.Add(new(need.Id, need.Officers, met, why));
        }
        var value = given.Sum(g => ValueOf(byId[g.Key.Need], g.Key.Unit, g.Value, neighbours, settings));
        return new(lines, shortfalls, value, status == CpSolverStatus.Optimal, clock.Elapsed);
    }
}

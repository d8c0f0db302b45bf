using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Graph;

/// <summary>A node of the link chart: "subject:{id}", "intelligence-report:{id}", "phone:07700900123"...</summary>
public sealed record GraphNode(string Id, string Type, string Label, string? Href, DateOnly? On = null, string? Grade = null)
{
    public static string Key(string type, string key) => $"{type}:{key}";
}

/// <summary>Identifiers as nodes of their own (a phone, a vehicle, an e-mail): not records, so every one is shown
/// where a link the user may see leads to it; expanding one finds the records the user may see that hold it.</summary>
public static class IdentifierNodes
{
    public static readonly IReadOnlyCollection<string> Types = ["phone", "vehicle", "email"];

    /// <summary>The node's key: letters and digits in lower case for a phone or vehicle (as the search holds them), the
    /// address in lower case for an e-mail. Null when it is not an identifier of that type.</summary>
    public static string? Key(string type, string? value) => type switch
    {
        "email" => value?.Trim().ToLowerInvariant() is { Length: >= 5 } email && email.Contains('@', StringComparison.Ordinal) ? email : null,
        "phone" or "vehicle" => Search.SearchTerms.Identifier(value),
        _ => null,
    };

    public static GraphNode Node(string type, string key) => new(GraphNode.Key(type, key), type, type == "vehicle" ? key.ToUpperInvariant() : key, null);
}

/// <summary>A link between two nodes, of a kind ("named in", "linked to"), dated and graded where its record is.</summary>
public sealed record GraphEdge(string Source, string Target, string Kind, string Label, DateOnly? On = null, string? Grade = null)
{
    public string Id => $"{Source}|{Kind}|{Target}";
}

/// <summary>Two nodes the user may see that a record they may not see connects: all that is said is that such a
/// link exists and which unit to ask; never the record, its kind or its other links.</summary>
public sealed record RestrictedLink(string Source, string Target, string Unit);

/// <summary>What one module knows links a node to others (the other ends by id only: the chart shows an end only
/// when its own module finds it visible).</summary>
public sealed record GraphLinks(IReadOnlyList<GraphEdge> Edges, IReadOnlyList<RestrictedLink> Restricted)
{
    public static readonly GraphLinks None = new([], []);
}

/// <summary>The chart as drawn: nodes and edges the user may see, and the restricted links between them.</summary>
public sealed record GraphView(string From, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, IReadOnlyList<RestrictedLink> Restricted, bool Truncated);

/// <summary>
/// A module's part of the link chart: the node types it owns (found through its access filter: only those the
/// user may see come back), the links it knows from a node through records the user may see, the restricted links
/// its hidden records make between two visible nodes, and telling those records' holders that someone asked.
/// Subjects knows people and their identifiers, Pursue investigations and who is linked to them, Intelligence
/// reports and what they name.
/// </summary>
public interface IGraphSource
{
    IReadOnlyCollection<string> Types { get; }

    Task<IReadOnlyList<GraphNode>> NodesAsync(string type, IReadOnlyCollection<string> keys, CancellationToken ct);

    Task<GraphLinks> LinksAsync(GraphNode node, CancellationToken ct);

    /// <summary>Audits that a node asked for was not given (hidden or missing alike, as every miss is).</summary>
    Task MissAsync(string type, string key, CancellationToken ct);

    /// <summary>Tells the holders of this module's hidden records that connect the two nodes who asked (nothing when none does).</summary>
    Task AskAsync(GraphNode first, GraphNode second, CancellationToken ct);
}

/// <summary>
/// The link chart: from a node the user may see, its neighbours to a depth, or the shortest path to another node,
/// drawn only from what the user may see. Every edge any module offers is kept only when the module that owns its
/// other end finds that node visible to the user (one place decides, not each module), and restricted links only
/// between two drawn nodes. Audited as a read with what was drawn.
/// </summary>
public sealed class LinkChart(VigilDb db, IEnumerable<IGraphSource> sources)
{
    public const int MaxDepth = 3;
    public const int MaxNodes = 400;
    public const int MaxPathDepth = 5;
    public const int MaxPathNodes = 3000;

    private IGraphSource? Owner(string type) => sources.FirstOrDefault(s => s.Types.Contains(type));

    private static (string Type, string Key)? Parse(string? id) =>
        id?.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && colon < id.Length - 1 ? (id[..colon], id[(colon + 1)..]) : null;

    /// <summary>The visible nodes among these ids, by id.</summary>
    private async Task<Dictionary<string, GraphNode>> ResolveAsync(IEnumerable<string> ids, CancellationToken ct)
    {
        var found = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (var group in ids.Select(Parse).OfType<(string Type, string Key)>().Distinct().GroupBy(p => p.Type))
        {
            if (IdentifierNodes.Types.Contains(group.Key))
            {
                foreach (var key in group.Select(p => IdentifierNodes.Key(group.Key, p.Key)).OfType<string>())
                {
                    found[GraphNode.Key(group.Key, key)] = IdentifierNodes.Node(group.Key, key);
                }
            }
            else if (Owner(group.Key) is { } owner)
            {
                foreach (var node in await owner.NodesAsync(group.Key, [.. group.Select(p => p.Key)], ct))
                {
                    found[node.Id] = node;
                }
            }
        }
        return found;
    }

    private async Task<GraphLinks> LinksOfAsync(GraphNode node, CancellationToken ct)
    {
        var edges = new List<GraphEdge>();
        var restricted = new List<RestrictedLink>();
        foreach (var source in sources)
        {
            var links = await source.LinksAsync(node, ct);
            edges.AddRange(links.Edges);
            restricted.AddRange(links.Restricted);
        }
        return new GraphLinks(edges, restricted);
    }

    public async Task<WorkResult<GraphView>> NeighboursAsync(string? from, int? depth, CancellationToken ct)
    {
        var steps = depth ?? 1;
        if (steps is < 1 or > MaxDepth)
        {
            return WorkResult<GraphView>.Invalid("depth", $"Choose a depth from 1 to {MaxDepth}");
        }
        if (Parse(from) is null)
        {
            return WorkResult<GraphView>.Invalid("from", "Name the record to start from as type:id, for example subject:0193...");
        }
        var start = (await ResolveAsync([from!], ct)).Values.FirstOrDefault();
        if (start is null)
        {
            // Missing and hidden alike, the miss audited by the owning module as it does for any read.
            await MissAsync(from!, ct);
            return WorkResult<GraphView>.Missing();
        }
        var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal) { [start.Id] = start };
        var edges = new Dictionary<string, GraphEdge>(StringComparer.Ordinal);
        var restricted = new List<RestrictedLink>();
        var frontier = new List<GraphNode> { start };
        var truncated = false;
        for (var level = 0; level < steps && frontier.Count > 0 && !truncated; level++)
        {
            var next = new List<GraphNode>();
            foreach (var node in frontier)
            {
                var links = await LinksOfAsync(node, ct);
                var ends = links.Edges.Select(e => e.Source == node.Id ? e.Target : e.Source).Concat(links.Restricted.Select(r => r.Source == node.Id ? r.Target : r.Source))
                    .Where(id => !nodes.ContainsKey(id)).Distinct().ToList();
                var visible = await ResolveAsync(ends, ct);
                foreach (var edge in links.Edges)
                {
                    var other = edge.Source == node.Id ? edge.Target : edge.Source;
                    if (!nodes.ContainsKey(other) && visible.TryGetValue(other, out var shown))
                    {
                        if (nodes.Count >= MaxNodes)
                        {
                            truncated = true;
                            continue;
                        }
                        nodes[other] = shown;
                        next.Add(shown);
                    }
                    if (nodes.ContainsKey(other))
                    {
                        edges.TryAdd(edge.Id, edge);
                    }
                }
                // The other end of a restricted link is drawn (it is visible to the user), not expanded.
                foreach (var link in links.Restricted)
                {
                    var other = link.Source == node.Id ? link.Target : link.Source;
                    if (!nodes.ContainsKey(other) && visible.TryGetValue(other, out var shown) && nodes.Count < MaxNodes)
                    {
                        nodes[other] = shown;
                    }
                    restricted.Add(link);
                }
            }
            frontier = next;
        }
        // A restricted link is drawn only between two drawn nodes, once per pair and unit.
        var drawn = restricted.Where(r => nodes.ContainsKey(r.Source) && nodes.ContainsKey(r.Target))
            .Select(r => string.CompareOrdinal(r.Source, r.Target) <= 0 ? r : r with { Source = r.Target, Target = r.Source }).Distinct().ToList();
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "link-chart", from,
            detail: string.Create(CultureInfo.InvariantCulture, $"depth {steps}; {nodes.Count} nodes, {edges.Count} links, {drawn.Count} restricted: {string.Join(",", nodes.Keys.Take(60))}"));
        await db.SaveChangesAsync(ct);
        return WorkResult<GraphView>.Ok(new GraphView(start.Id, [.. nodes.Values], [.. edges.Values], drawn, truncated));
    }

    /// <summary>The shortest chain of links the user may see from one node to another (breadth first, up to
    /// <see cref="MaxPathDepth"/> links and <see cref="MaxPathNodes"/> nodes looked at), or none.</summary>
    public async Task<WorkResult<GraphView>> PathAsync(string? from, string? to, CancellationToken ct)
    {
        if (Parse(from) is null || Parse(to) is null)
        {
            return WorkResult<GraphView>.Invalid(Parse(from) is null ? "from" : "to", "Name both records as type:id");
        }
        var ends = await ResolveAsync([from!, to!], ct);
        var start = ends.Values.FirstOrDefault(n => SameNode(n, from!));
        var goal = ends.Values.FirstOrDefault(n => SameNode(n, to!));
        if (start is null || goal is null)
        {
            await MissAsync(start is null ? from! : to!, ct);
            return WorkResult<GraphView>.Missing();
        }
        var cameFrom = new Dictionary<string, (GraphNode Node, GraphEdge? Edge)>(StringComparer.Ordinal) { [start.Id] = (start, null) };
        var frontier = new List<GraphNode> { start };
        for (var level = 0; level < MaxPathDepth && frontier.Count > 0 && !cameFrom.ContainsKey(goal.Id) && cameFrom.Count < MaxPathNodes; level++)
        {
            var next = new List<GraphNode>();
            foreach (var node in frontier)
            {
                var links = await LinksOfAsync(node, ct);
                var others = links.Edges.Select(e => e.Source == node.Id ? e.Target : e.Source).Where(id => !cameFrom.ContainsKey(id)).Distinct().ToList();
                var visible = await ResolveAsync(others, ct);
                foreach (var edge in links.Edges)
                {
                    var other = edge.Source == node.Id ? edge.Target : edge.Source;
                    if (!cameFrom.ContainsKey(other) && visible.TryGetValue(other, out var shown))
                    {
                        cameFrom[other] = (shown, edge);
                        next.Add(shown);
                    }
                }
                if (cameFrom.ContainsKey(goal.Id) || cameFrom.Count >= MaxPathNodes)
                {
                    break;
                }
            }
            frontier = next;
        }
        var pathNodes = new List<GraphNode>();
        var pathEdges = new List<GraphEdge>();
        if (cameFrom.ContainsKey(goal.Id))
        {
            for (var at = goal.Id; ;)
            {
                var (node, edge) = cameFrom[at];
                pathNodes.Insert(0, node);
                if (edge is null)
                {
                    break;
                }
                pathEdges.Insert(0, edge);
                at = edge.Source == at ? edge.Target : edge.Source;
            }
        }
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "link-chart", from,
            detail: string.Create(CultureInfo.InvariantCulture, $"shortest path to {to}: {(pathNodes.Count == 0 ? "none found" : string.Join(" > ", pathNodes.Select(n => n.Id)))}; {cameFrom.Count} nodes looked at"));
        await db.SaveChangesAsync(ct);
        return WorkResult<GraphView>.Ok(new GraphView(start.Id, pathNodes, pathEdges, [], cameFrom.Count >= MaxPathNodes && pathNodes.Count == 0));
    }

    /// <summary>How many times an officer may ask about restricted links in a day: each one writes to another unit's inbox.</summary>
    public const int AsksPerDay = 20;

    /// <summary>Asks about a restricted link: the holders of every hidden record that connects the two nodes are
    /// told who asked (through their inbox); the asker hears the same whether there was one or not.</summary>
    public async Task<WorkResult<string>> AskAsync(string? from, string? to, CancellationToken ct)
    {
        if (Parse(from) is null || Parse(to) is null)
        {
            return WorkResult<string>.Invalid(Parse(from) is null ? "from" : "to", "Name both records as type:id");
        }
        var ends = await ResolveAsync([from!, to!], ct);
        var a = ends.Values.FirstOrDefault(n => SameNode(n, from!));
        var b = ends.Values.FirstOrDefault(n => SameNode(n, to!));
        if (a is null || b is null)
        {
            await MissAsync(a is null ? from! : to!, ct);
            return WorkResult<string>.Missing();
        }
        var since = db.Clock.GetUtcNow().AddDays(-1);
        var user = db.Access.UserId;
        if (await db.AuditEntries.CountAsync(e => e.UserId == user && e.At > since && e.RecordType == "link-chart" && e.Detail!.StartsWith(AskedAbout), ct) >= AsksPerDay)
        {
            return WorkResult<string>.TooMany($"You can ask about {AsksPerDay} restricted links a day. Ask again tomorrow, or contact the unit directly.", TimeSpan.FromHours(1));
        }
        foreach (var source in sources)
        {
            await source.AskAsync(a, b, ct);
        }
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "link-chart", from, detail: $"{AskedAbout} to {to}");
        await db.SaveChangesAsync(ct);
        return WorkResult<string>.Ok("The holders have been told that you asked. They will contact you if they can share it.");
    }

    private const string AskedAbout = "asked about a restricted link";

    // The node an id names, once resolved (an identifier's key is normalised: "phone:07700 900123" is "phone:07700900123").
    private static bool SameNode(GraphNode node, string id) =>
        node.Id == id || (Parse(id) is { } parsed && IdentifierNodes.Key(parsed.Type, parsed.Key) is { } key && node.Id == GraphNode.Key(parsed.Type, key));

    private async Task MissAsync(string id, CancellationToken ct)
    {
        var (type, key) = Parse(id)!.Value;
        if (Owner(type) is { } owner)
        {
            await owner.MissAsync(type, key, ct);
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/graph").RequireAuthorization(SecuritySetup.OfficerPolicy).WithTags("Link chart");
        api.MapGet("/", (string? from, int? depth, LinkChart chart, CancellationToken ct) => chart.NeighboursAsync(from, depth, ct).AsOk())
            .WithSummary("The link chart from a record (type:id) to a depth of 1 to 3: only what you may see, and restricted links between what you may see");
        api.MapGet("/path", (string? from, string? to, LinkChart chart, CancellationToken ct) => chart.PathAsync(from, to, ct).AsOk())
            .WithSummary("The shortest chain of links you may see between two records");
        api.MapPost("/ask", (AskAbout request, LinkChart chart, CancellationToken ct) => chart.AskAsync(request.From, request.To, ct).AsOk())
            .WithSummary("Ask the holders about a restricted link between two records you may see (20 a day)")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        // The chart page's own reads (signed in with the cookie).
        var pages = app.MapGroup("/graph").RequireAuthorization(SecuritySetup.OfficerPolicy).ExcludeFromDescription();
        pages.MapGet("/data", (string? from, int? depth, LinkChart chart, CancellationToken ct) => chart.NeighboursAsync(from, depth, ct).AsOk());
        pages.MapGet("/path-data", (string? from, string? to, LinkChart chart, CancellationToken ct) => chart.PathAsync(from, to, ct).AsOk());
    }
}

public sealed record AskAbout(string? From, string? To);

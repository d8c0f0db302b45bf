using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Graph;
using Vigil.Web.Platform.Inbox;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Pursue;

/// <summary>Investigations in the link chart: the people linked to an investigation, and from a person the
/// investigations (the user may see) they are linked to. An investigation the user may not see that links two
/// people they may see is a restricted link (its unit named, nothing else), and its team is told when asked.</summary>
public sealed class PursueGraph(VigilDb db, AccessContext access, IOrganisationDirectory directory, UnitInbox inbox) : IGraphSource
{
    public IReadOnlyCollection<string> Types { get; } = ["investigation"];

    public async Task<IReadOnlyList<GraphNode>> NodesAsync(string type, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var found = await db.Set<Investigation>().AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.OperationName, i.OpenedAt }).ToListAsync(ct);
        return [.. found.Select(i => new GraphNode(GraphNode.Key("investigation", i.Id.ToString()), "investigation", i.OperationName, $"/investigations/{i.Id}", DateOnly.FromDateTime(i.OpenedAt.UtcDateTime)))];
    }

    public async Task<GraphLinks> LinksAsync(GraphNode node, CancellationToken ct)
    {
        if (!Guid.TryParse(node.Id[(node.Type.Length + 1)..], out var id))
        {
            return GraphLinks.None;
        }
        if (node.Type == "investigation")
        {
            var linked = await db.Set<InvestigationSubject>().AsNoTracking().Where(l => l.InvestigationId == id).Select(l => new { l.SubjectId, l.Role, l.AddedAt }).Take(500).ToListAsync(ct);
            return new GraphLinks([.. linked.Select(l => Edge(id, l.SubjectId, l.Role, l.AddedAt))], []);
        }
        if (node.Type != "subject")
        {
            return GraphLinks.None;
        }
        // Through the child's filter: only links of investigations the user may see.
        var visible = await db.Set<InvestigationSubject>().AsNoTracking().Where(l => l.SubjectId == id).Select(l => new { l.InvestigationId, l.Role, l.AddedAt }).Take(500).ToListAsync(ct);
        var restricted = new List<RestrictedLink>();
        foreach (var (other, unit) in await HiddenConnectionsAsync(id, ct))
        {
            restricted.Add(new RestrictedLink(node.Id, GraphNode.Key("subject", other.ToString()), await UnitNameAsync(unit, ct)));
        }
        return new GraphLinks([.. visible.Select(l => Edge(l.InvestigationId, id, l.Role, l.AddedAt))], restricted);
    }

    private static GraphEdge Edge(Guid investigation, Guid subject, SubjectRole role, DateTimeOffset at) =>
        new(GraphNode.Key("investigation", investigation.ToString()), GraphNode.Key("subject", subject.ToString()), "linked-subject", role.ToString().ToLowerInvariant(), DateOnly.FromDateTime(at.UtcDateTime));

    // The investigations linking this person that the user may not see. (IgnoreQueryFilters lifts every filter of
    // its query, so the visible ones are asked apart, through the filter, and taken away.)
    private async Task<List<Guid>> HiddenLinkingAsync(Guid subject, CancellationToken ct)
    {
        var all = await db.Set<InvestigationSubject>().IgnoreQueryFilters().Where(l => l.SubjectId == subject).Select(l => l.InvestigationId).Distinct().Take(500).ToListAsync(ct);
        var visible = await db.Set<Investigation>().Where(i => all.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct);
        return [.. all.Except(visible)];
    }

    // Investigations the user may not see that link this person to others: (the other person, the investigation's unit).
    private async Task<List<(Guid Other, Guid Unit)>> HiddenConnectionsAsync(Guid subject, CancellationToken ct)
    {
        var hidden = await HiddenLinkingAsync(subject, ct);
        var rows = await db.Set<InvestigationSubject>().IgnoreQueryFilters().Where(l => hidden.Contains(l.InvestigationId) && l.SubjectId != subject)
            .Join(db.Set<Investigation>().IgnoreQueryFilters(), l => l.InvestigationId, i => i.Id, (l, i) => new { l.SubjectId, i.OwningUnitId }).Distinct().Take(200).ToListAsync(ct);
        return [.. rows.Select(r => (r.SubjectId, r.OwningUnitId))];
    }

    private async Task<string> UnitNameAsync(Guid unit, CancellationToken ct) => (await directory.OfAsync(unit, null, ct))?.Name ?? "another unit";

    public Task MissAsync(string type, string key, CancellationToken ct) => Guid.TryParse(key, out var id)
        ? db.RecordMissAsync<Investigation>(i => i.Id == id, "investigation", key, ct: ct)
        : db.RecordMissAsync<Investigation>(i => false, "investigation", key[..Math.Min(key.Length, 100)], ct: ct);

    public async Task AskAsync(GraphNode first, GraphNode second, CancellationToken ct)
    {
        if (first.Type != "subject" || second.Type != "subject" || !Guid.TryParse(first.Id["subject:".Length..], out var a) || !Guid.TryParse(second.Id["subject:".Length..], out var b))
        {
            return;
        }
        var hidden = await HiddenLinkingAsync(a, ct);
        var holding = await db.Set<Investigation>().IgnoreQueryFilters().Where(i => hidden.Contains(i.Id) && db.Set<InvestigationSubject>().IgnoreQueryFilters().Any(l => l.InvestigationId == i.Id && l.SubjectId == b))
            .ToListAsync(ct);
        foreach (var investigation in holding)
        {
            inbox.Send(ProtectiveLabel.Of(investigation), "Someone asked about a link your investigation holds",
                $"{access.DisplayName} ({access.UnitName}) saw on the link chart that a record they may not see links two people they may see (subject records {a} and {b}), and asked about it. {investigation.OperationName} links both. Contact them if it can be shared.",
                "investigation", investigation.Id.ToString());
        }
        await db.SaveChangesAsync(ct);
    }
}

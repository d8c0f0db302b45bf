using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Graph;
using Vigil.Web.Platform.Inbox;
using Vigil.Web.Platform.Search;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Intelligence;

/// <summary>Intelligence in the link chart: a report's named people and identifiers and its investigations, each
/// edge carrying the report's grade and date (the chart filters on them); from a person, an investigation or an
/// identifier, the reports (the user may see) that name or are linked to it. A report the user may not see that
/// names two people they may see is a restricted link, and its holders are told when asked.</summary>
public sealed class IntelligenceGraph(VigilDb db, AccessContext access, IOrganisationDirectory directory, UnitInbox inbox) : IGraphSource
{
    public IReadOnlyCollection<string> Types { get; } = ["intelligence-report"];

    public async Task<IReadOnlyList<GraphNode>> NodesAsync(string type, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var reports = await db.Set<IntelligenceReport>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        return [.. reports.Select(Node)];
    }

    private static GraphNode Node(IntelligenceReport r) => new(GraphNode.Key("intelligence-report", r.Id.ToString()), "intelligence-report",
        $"{r.Reference} ({r.GradeText})", $"/intelligence/reports/{r.Id}", r.InformationDate ?? DateOnly.FromDateTime(r.ReportedAt.UtcDateTime), r.GradeFacet);

    public async Task<GraphLinks> LinksAsync(GraphNode node, CancellationToken ct)
    {
        var key = node.Id[(node.Type.Length + 1)..];
        switch (node.Type)
        {
            case "intelligence-report" when Guid.TryParse(key, out var id):
                {
                    var report = await db.Set<IntelligenceReport>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
                    if (report is null || report.Withheld)
                    {
                        return GraphLinks.None;
                    }
                    var entities = await db.Set<ReportEntity>().AsNoTracking().Where(e => e.ReportId == id).ToListAsync(ct);
                    var edges = entities.Select(e => EntityEdge(report, e)).OfType<GraphEdge>().ToList();
                    edges.AddRange(report.Investigations.Select(l => new GraphEdge(node.Id, GraphNode.Key("investigation", l.InvestigationId.ToString()), "linked-report", "linked to",
                        DateOnly.FromDateTime(l.LinkedAt.UtcDateTime), report.GradeFacet)));
                    return new GraphLinks(edges, []);
                }
            case "subject" when Guid.TryParse(key, out var subject):
                {
                    var named = await Named(db.Set<ReportEntity>().AsNoTracking().Where(e => e.SubjectId == subject), ct);
                    var restricted = new List<RestrictedLink>();
                    foreach (var (other, unit) in await HiddenConnectionsAsync(subject, ct))
                    {
                        restricted.Add(new RestrictedLink(node.Id, GraphNode.Key("subject", other.ToString()), (await directory.OfAsync(unit, null, ct))?.Name ?? "another unit"));
                    }
                    return new GraphLinks(named, restricted);
                }
            case "investigation" when Guid.TryParse(key, out var investigation):
                {
                    var reports = await db.Set<IntelligenceReport>().AsNoTracking().Where(r => r.Investigations.Any(l => l.InvestigationId == investigation)).Take(500).ToListAsync(ct);
                    return new GraphLinks([.. reports.Where(r => !r.Withheld).Select(r => new GraphEdge(GraphNode.Key("intelligence-report", r.Id.ToString()), node.Id, "linked-report", "linked to",
                    DateOnly.FromDateTime(r.Investigations.First(l => l.InvestigationId == investigation).LinkedAt.UtcDateTime), r.GradeFacet))], []);
                }
            case "phone" or "vehicle" or "email":
                {
                    var kind = node.Type switch { "phone" => EntityKind.Phone, "vehicle" => EntityKind.Vehicle, _ => EntityKind.Email };
                    var normalised = SearchTerms.Identifier(key);
                    return new GraphLinks(await Named(db.Set<ReportEntity>().AsNoTracking().Where(e => e.Kind == kind && e.Normalised == normalised), ct), []);
                }
            default:
                return GraphLinks.None;
        }
    }

    // Through the entities' filter: only what reports the user may see name (a copy awaiting acknowledgement names nothing).
    private async Task<List<GraphEdge>> Named(IQueryable<ReportEntity> entities, CancellationToken ct)
    {
        var rows = await entities.Join(db.Set<IntelligenceReport>().AsNoTracking(), e => e.ReportId, r => r.Id, (e, r) => new { Entity = e, Report = r }).Take(500).ToListAsync(ct);
        return [.. rows.Where(x => !x.Report.Withheld).Select(x => EntityEdge(x.Report, x.Entity)).OfType<GraphEdge>()];
    }

    private static GraphEdge? EntityEdge(IntelligenceReport report, ReportEntity e)
    {
        var from = GraphNode.Key("intelligence-report", report.Id.ToString());
        var on = report.InformationDate ?? DateOnly.FromDateTime(report.ReportedAt.UtcDateTime);
        string? to = e.Kind switch
        {
            EntityKind.Person when e.SubjectId is { } subject => GraphNode.Key("subject", subject.ToString()),
            EntityKind.Phone => IdentifierNodes.Key("phone", e.Value) is { } phone ? GraphNode.Key("phone", phone) : null,
            EntityKind.Vehicle => IdentifierNodes.Key("vehicle", e.Value) is { } vehicle ? GraphNode.Key("vehicle", vehicle) : null,
            EntityKind.Email => IdentifierNodes.Key("email", e.Value) is { } email ? GraphNode.Key("email", email) : null,
            _ => null,
        };
        return to is null ? null : new GraphEdge(from, to, "named", $"named ({report.GradeText})", on, report.GradeFacet);
    }

    // The reports naming this person that the user may not see. (IgnoreQueryFilters lifts every filter of its
    // query, so the visible ones are asked apart, through the filter, and taken away.)
    private async Task<List<Guid>> HiddenNamingAsync(Guid subject, CancellationToken ct)
    {
        var all = await db.Set<ReportEntity>().IgnoreQueryFilters().Where(e => e.SubjectId == subject).Select(e => e.ReportId).Distinct().Take(500).ToListAsync(ct);
        var visible = await db.Set<IntelligenceReport>().Where(r => all.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct);
        return [.. all.Except(visible)];
    }

    // Reports the user may not see that name this person and others: (the other person, the report's unit).
    private async Task<List<(Guid Other, Guid Unit)>> HiddenConnectionsAsync(Guid subject, CancellationToken ct)
    {
        var hidden = await HiddenNamingAsync(subject, ct);
        var rows = await db.Set<ReportEntity>().IgnoreQueryFilters().Where(e => hidden.Contains(e.ReportId) && e.SubjectId != null && e.SubjectId != subject)
            .Join(db.Set<IntelligenceReport>().IgnoreQueryFilters(), e => e.ReportId, r => r.Id, (e, r) => new { Other = e.SubjectId!.Value, r.OwningUnitId }).Distinct().Take(200).ToListAsync(ct);
        return [.. rows.Select(r => (r.Other, r.OwningUnitId))];
    }

    public Task MissAsync(string type, string key, CancellationToken ct) => Guid.TryParse(key, out var id)
        ? db.RecordMissAsync<IntelligenceReport>(r => r.Id == id, "intelligence-report", key, ct: ct)
        : db.RecordMissAsync<IntelligenceReport>(r => false, "intelligence-report", key[..Math.Min(key.Length, 100)], ct: ct);

    public async Task AskAsync(GraphNode first, GraphNode second, CancellationToken ct)
    {
        if (first.Type != "subject" || second.Type != "subject" || !Guid.TryParse(first.Id["subject:".Length..], out var a) || !Guid.TryParse(second.Id["subject:".Length..], out var b))
        {
            return;
        }
        var hidden = await HiddenNamingAsync(a, ct);
        var holding = await db.Set<IntelligenceReport>().IgnoreQueryFilters()
            .Where(r => hidden.Contains(r.Id) && db.Set<ReportEntity>().IgnoreQueryFilters().Any(e => e.ReportId == r.Id && e.SubjectId == b)).ToListAsync(ct);
        foreach (var report in holding)
        {
            inbox.Send(ProtectiveLabel.Of(report), "Someone asked about a link your intelligence report holds",
                $"{access.DisplayName} ({access.UnitName}) saw on the link chart that a record they may not see links two people they may see (subject records {a} and {b}), and asked about it. Report {report.Reference} names both. Contact them if it can be shared.",
                "intelligence-report", report.Id.ToString());
        }
        await db.SaveChangesAsync(ct);
    }
}

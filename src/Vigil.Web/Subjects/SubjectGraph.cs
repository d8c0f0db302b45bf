using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Graph;

namespace Vigil.Web.Subjects;

/// <summary>Subjects in the link chart: people (through their access filter), the people they are linked to, and
/// the phones, vehicles and e-mail addresses they hold; from an identifier, the people the user may see who hold it.</summary>
public sealed class SubjectGraph(VigilDb db) : IGraphSource
{
    public IReadOnlyCollection<string> Types { get; } = ["subject"];

    public async Task<IReadOnlyList<GraphNode>> NodesAsync(string type, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var people = await db.Set<Subject>().AsNoTracking().Where(s => ids.Contains(s.Id) && s.MergedIntoId == null)
            .Select(s => new { s.Id, s.GivenName, s.Surname, s.DateOfBirth }).ToListAsync(ct);
        return [.. people.Select(p => new GraphNode(GraphNode.Key("subject", p.Id.ToString()), "subject", $"{p.GivenName} {p.Surname}", $"/subjects/{p.Id}", p.DateOfBirth))];
    }

    public async Task<GraphLinks> LinksAsync(GraphNode node, CancellationToken ct)
    {
        var key = node.Id[(node.Type.Length + 1)..];
        switch (node.Type)
        {
            case "subject" when Guid.TryParse(key, out var id):
                {
                    var person = await db.Set<Subject>().AsNoTracking().Where(s => s.Id == id)
                        .Select(s => new
                        {
                            Links = s.Links.Select(l => new { l.Type, l.ToSubjectId, l.From }).ToList(), Phones = s.Contacts.Where(c => c.Kind == ContactKind.Phone).Select(c => c.Value).ToList(),
                            Emails = s.Contacts.Where(c => c.Kind == ContactKind.Email).Select(c => c.Value).ToList(), Vehicles = s.Vehicles.Select(v => v.Registration).ToList()
                        })
                        .FirstOrDefaultAsync(ct);
                    if (person is null)
                    {
                        return GraphLinks.None;
                    }
                    var edges = person.Links.Where(l => l.ToSubjectId is not null)
                        .Select(l => new GraphEdge(node.Id, GraphNode.Key("subject", l.ToSubjectId!.Value.ToString()), "associate", l.Type.ToString(), l.From)).ToList();
                    edges.AddRange(Held(node.Id, "phone", person.Phones).Concat(Held(node.Id, "email", person.Emails)).Concat(Held(node.Id, "vehicle", person.Vehicles)));
                    return new GraphLinks(edges, []);
                }
            case "phone":
                {
                    var holders = await db.Set<Subject>().AsNoTracking().Where(s => s.MergedIntoId == null && s.Contacts.Any(c => c.Kind == ContactKind.Phone && c.Value == key)).Select(s => s.Id).Take(500).ToListAsync(ct);
                    return new GraphLinks([.. holders.Select(h => new GraphEdge(GraphNode.Key("subject", h.ToString()), node.Id, "holds", "holds"))], []);
                }
            case "vehicle":
                {
                    var registration = key.ToUpperInvariant();
                    var holders = await db.Set<Subject>().AsNoTracking().Where(s => s.MergedIntoId == null && s.Vehicles.Any(v => v.Registration == registration)).Select(s => s.Id).Take(500).ToListAsync(ct);
                    return new GraphLinks([.. holders.Select(h => new GraphEdge(GraphNode.Key("subject", h.ToString()), node.Id, "holds", "holds"))], []);
                }
            case "email":
                {
                    var holders = await db.Set<Subject>().AsNoTracking().Where(s => s.MergedIntoId == null && s.Contacts.Any(c => c.Kind == ContactKind.Email && c.Value.ToLower() == key)).Select(s => s.Id).Take(500).ToListAsync(ct);
                    return new GraphLinks([.. holders.Select(h => new GraphEdge(GraphNode.Key("subject", h.ToString()), node.Id, "holds", "holds"))], []);
                }
            default:
                return GraphLinks.None;
        }
    }

    private static IEnumerable<GraphEdge> Held(string from, string type, IEnumerable<string> values) =>
        values.Select(v => IdentifierNodes.Key(type, v)).OfType<string>().Distinct().Select(k => new GraphEdge(from, GraphNode.Key(type, k), "holds", "holds"));

    public Task MissAsync(string type, string key, CancellationToken ct) => Guid.TryParse(key, out var id)
        ? db.RecordMissAsync<Subject>(s => s.Id == id, "subject", key, ct: ct)
        : db.RecordMissAsync<Subject>(s => false, "subject", key[..Math.Min(key.Length, 100)], ct: ct);

    public Task AskAsync(GraphNode first, GraphNode second, CancellationToken ct) => Task.CompletedTask;
}

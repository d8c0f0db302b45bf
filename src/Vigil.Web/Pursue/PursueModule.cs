using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Pursue;

/// <summary>Pursue: investigations from first intelligence to court. Services, reference data and the
/// API under /api/v1/investigations. Each area (Investigations, Actions, Policy, LinkedSubjects, Timeline, Elg,
/// Statements, Exhibits, Disclosure) keeps its entities, requests, use cases, endpoints and pages in its folder.</summary>
public static class PursueModule
{
    public static WebApplicationBuilder AddPursue(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddScoped<Platform.Statistics.INationalFigures, PursueFigures>()
            .AddSingleton(sp =>
            {
                var storage = builder.Configuration.GetSection("Vigil:Exhibits").Get<ExhibitStorageOptions>() ?? new ExhibitStorageOptions();
                if (storage.Folder.Length == 0)
                {
                    storage.Folder = Path.Combine(sp.GetRequiredService<VigilOptions>().DataFolder, "exhibits");
                }
                return storage;
            })
            .AddScoped<InvestigationGate>()
            .AddScoped<Investigations>()
            .AddScoped<IncidentRoom>()
            .AddScoped<Exhibits>()
            .AddScoped<Disclosure>()
            .AddScoped<Subjects.Deconfliction.ISubjectInvolvement, PursueInvolvement>()
            .AddScoped<Platform.Retention.IDisposalPart, LinkedSubjectDisposal>()
            .AddScoped<Platform.Retention.IDisposalPart, InvestigationDisposal>()
            .AddScoped<Platform.Links.IRecordFinder, InvestigationFinder>()
            .AddScoped<Platform.Graph.IGraphSource, PursueGraph>()
            .AddScoped<Platform.Links.ITimelineSource, PursueSubjectTimeline>()
            .AddScoped<ISeed, PursueReferenceSeed>()
            .AddScoped<ISeed, PursueDemoSeed>()
            .AddScoped<Platform.Data.Scale.IScaleSeed, PursueTeamsScaleSeed>()
            .AddScoped<Platform.Data.Scale.IScaleSeed, PursueScaleSeed>()
            .AddNavigation("/investigations", "Investigations", 20, a => a.UnitId is not null)
            .AddSearchType("investigation", "Investigations", "an operation name or what it is about", 20, Contributions.IsUnitOfficer)
            .AddSearchType("action", "Actions", "what an action asks for or found", 40, Contributions.IsUnitOfficer)
            .AddSearchType("statement", "Witness statements", "a witness or what they said", 50, Contributions.IsUnitOfficer)
            // The plural types are an investigation's lists, read as a whole (their record id is the investigation's).
            .AddAuditRecordTypes(
                ("investigation", "Investigation"), ("operation-name", "Operation name"),
                ("action", "Investigation action"), ("line-of-enquiry", "Line of enquiry"), ("lines-of-enquiry", "Lines of enquiry of an investigation"),
                ("policy-entry", "Policy file entry"), ("policy-file", "Policy file of an investigation"),
                ("investigation-subject", "Person linked to an investigation"), ("investigation-subjects", "People linked to an investigation"),
                ("timeline-event", "Timeline event"), ("timeline", "Timeline of an investigation"),
                ("elg-meeting", "ELG meeting"), ("elg-meetings", "ELG meetings of an investigation"),
                ("statement", "Witness statement"), ("statements", "Witness statements of an investigation"),
                ("exhibit", "Exhibit"), ("exhibits", "Exhibits of an investigation"),
                ("disclosure-item", "Disclosure schedule item"), ("disclosure-schedule", "Disclosure schedule"),
                ("disclosure-schedules", "Disclosure schedules of an investigation"), ("schedule-sign-off", "Disclosure schedule sign-off"),
                ("cps-case-file", "CPS case file"))
            .AddNavigation("/partner/elg", "Shared ELG meetings", 40, a => a.PartnerAgencyId is not null)
            .AddHomePanel<PursueHomePanel, IncidentRoom, (int, int)>(10, (room, ct) => room.MyActionCountsAsync(ct), a => a.UnitId is not null);
        return builder;
    }

    public static IEndpointRouteBuilder MapPursue(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/investigations").RequireAuthorization(SecuritySetup.OfficerPolicy).WithTags("Investigations");
        // The same downloads for the pages (signed in with the cookie).
        var pages = app.MapGroup("/investigations/{id:guid}").RequireAuthorization().ExcludeFromDescription();
        Investigations.Map(api);
        IncidentRoom.MapActions(api);
        IncidentRoom.MapLines(api);
        IncidentRoom.MapPolicyFile(api);
        IncidentRoom.MapSubjects(api);
        IncidentRoom.MapTimeline(api);
        IncidentRoom.MapElg(api, app);
        IncidentRoom.MapStatements(api);
        Exhibits.Map(api, pages);
        Disclosure.Map(api, pages);
        return app;
    }
}

/// <summary>Threat and activity types (DOMAIN.md, "Pursue"), kept as reference data.</summary>
public sealed class PursueReferenceSeed : ISeed
{
    public string Name => "pursue-reference";
    public IReadOnlyList<string> After => [];

    public static readonly IReadOnlyList<(string Kind, string Code, string Name)> Items =
    [
        (PursueReferenceItem.ThreatType, "daesh-aq", "Daesh, al Qaeda and those inspired by them"),
        (PursueReferenceItem.ThreatType, "extreme-right-wing", "Extreme Right Wing"),
        (PursueReferenceItem.ThreatType, "left-wing-anarchist", "Left wing, anarchist and single issue"),
        (PursueReferenceItem.ThreatType, "northern-ireland", "Northern Ireland-related"),
        (PursueReferenceItem.ThreatType, "mixed-unclear", "Mixed, unclear or unstable"),
        (PursueReferenceItem.ActivityType, "attack-planning", "Attack planning"),
        (PursueReferenceItem.ActivityType, "fundraising", "Fundraising"),
        (PursueReferenceItem.ActivityType, "online-radicalisation", "Online radicalisation"),
        (PursueReferenceItem.ActivityType, "illegal-weapons", "Accessing illegal weapons"),
        (PursueReferenceItem.ActivityType, "travel", "Travel to a conflict zone"),
        (PursueReferenceItem.ActivityType, "propaganda", "Disseminating terrorist publications"),
    ];

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        var existing = await db.Set<PursueReferenceItem>().Select(r => r.Kind + "/" + r.Code).ToListAsync(ct);
        foreach (var (kind, code, name) in Items.Where(i => !existing.Contains(i.Kind + "/" + i.Code)))
        {
            db.Add(new PursueReferenceItem { Kind = kind, Code = code, Name = name });
        }
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Tells deconfliction which subjects are linked to an investigation that is not closed, and
/// nothing more about it.</summary>
public sealed class PursueInvolvement(VigilDb db) : Subjects.Deconfliction.ISubjectInvolvement
{
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> DescribeAsync(IReadOnlyCollection<Guid> subjectIds, CancellationToken ct)
    {
        var live = await db.Set<InvestigationSubject>().IgnoreQueryFilters().Where(l => subjectIds.Contains(l.SubjectId))
            .Join(db.Set<Investigation>().IgnoreQueryFilters().Where(i => i.Phase != Phase.Closed), l => l.InvestigationId, i => i.Id, (l, _) => l.SubjectId)
            .Distinct().ToListAsync(ct);
        return live.ToDictionary(id => id, IReadOnlyList<string> (_) => [Subjects.Deconfliction.SubjectInvolvements.LiveInvestigation]);
    }
}

/// <summary>Lets other modules refer to an investigation (an intelligence report linked to it): found through the
/// access filter, by id or by operation name; a miss is audited as every miss is.</summary>
public sealed class InvestigationFinder(VigilDb db, Platform.Inbox.UnitInbox inbox, IOrganisationDirectory directory) : Platform.Links.IRecordFinder, Platform.Links.IRecordHolderNotice
{
    /// <summary>The live ones (not closed), named as the user may know them.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> InUseAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var live = await db.Set<Investigation>().IgnoreQueryFilters().AsNoTracking().Where(i => ids.Contains(i.Id) && i.Phase != Phase.Closed)
            .Select(i => new { i.Id, i.OperationName, i.OwningUnitId }).ToListAsync(ct);
        return await InvestigationNaming.AsSeenAsync(db, directory, [.. live.Select(i => (i.Id, i.OperationName, i.OwningUnitId))], ct);
    }

    /// <summary>Tells the investigation's SIO (their own inbox), when it has one.</summary>
    public async Task TellHolderAsync(Guid id, string subject, string body, string recordType, string recordId, CancellationToken ct)
    {
        var found = await db.Set<Investigation>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (found?.SioId is { } sio)
        {
            inbox.SendTo(sio, found.OwningUnitId, subject, body, recordType, recordId);
        }
    }

    public string Type => "investigation";

    public async Task<Platform.Links.RecordRef?> FindAsync(Guid id, CancellationToken ct) =>
        await db.FindVisibleAsync<Investigation>(id, "investigation", track: false, ct) is { } found ? new(Type, found.Id, found.OperationName, $"/investigations/{found.Id}") : null;

    public async Task<IReadOnlyList<Platform.Links.RecordRef>> VisibleAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        [.. (await db.Set<Investigation>().AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.OperationName }).ToListAsync(ct))
            .Select(i => new Platform.Links.RecordRef(Type, i.Id, i.OperationName, $"/investigations/{i.Id}"))];

    public async Task<Platform.Links.RecordRef?> FindByNameAsync(string name, CancellationToken ct)
    {
        var wanted = OperationNames.Normalise(name).ToUpperInvariant();
        var found = await db.Set<Investigation>().AsNoTracking().Where(i => i.OperationName.ToUpper() == wanted).Select(i => new { i.Id, i.OperationName }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            await db.RecordMissAsync<Investigation>(i => i.OperationName.ToUpper() == wanted, "operation-name", null, detail: wanted, ct: ct);
            return null;
        }
        return new(Type, found.Id, found.OperationName, $"/investigations/{found.Id}");
    }
}

/// <summary>A subject's timeline from Pursue: the investigations (the user may see) the person is linked to, and in what role.</summary>
public sealed class PursueSubjectTimeline(VigilDb db) : Platform.Links.ITimelineSource
{
    public async Task<IReadOnlyList<Platform.Links.DatedFact>> AboutAsync(string type, Guid id, CancellationToken ct)
    {
        if (type != "subject")
        {
            return [];
        }
        var links = await db.Set<InvestigationSubject>().AsNoTracking().Where(l => l.SubjectId == id)
            .Join(db.Set<Investigation>().AsNoTracking(), l => l.InvestigationId, i => i.Id, (l, i) => new { l.AddedAt, l.Role, l.AddedBy, i.Id, i.OperationName })
            .ToListAsync(ct);
        return [.. links.Select(l => new Platform.Links.DatedFact(l.AddedAt, "investigation", $"Linked to {l.OperationName} as {l.Role.ToString().ToLowerInvariant()}",
            $"By {l.AddedBy}", $"/investigations/{l.Id}"))];
    }
}

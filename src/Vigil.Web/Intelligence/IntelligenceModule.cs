using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Intelligence;

/// <summary>Intelligence: graded reports, their source details under the source unit's own group, the entities
/// they name linked through deconfliction, dissemination, review; pages under /intelligence and the API under
/// /api/v1/intelligence.</summary>
public static class IntelligenceModule
{
    /// <summary>How a unit's source unit group is named ("Source unit (London)"): a unit group, its members added by administrators.</summary>
    public const string SourceUnitPrefix = "Source unit (";

    /// <summary>A unit's source unit: its need-to-know group for source details.</summary>
    public static readonly UnitGroupKind SourceUnit = new(SourceUnitPrefix, unit => $"Reads the source details of {unit}'s intelligence reports.");

    public static WebApplicationBuilder AddIntelligence(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddScoped<IntelligenceReports>()
            .AddScoped<Platform.Retention.IDisposalPart, ReportEntityDisposal>()
            .AddScoped<Platform.Retention.IDisposalPart, IntelligenceReportDisposal>()
            .AddScoped<ISeed, IntelligenceReferenceSeed>()
            .AddScoped<ISeed, IntelligenceDemoSeed>()
            .AddScoped<Platform.Data.Scale.IScaleSeed, IntelligenceScaleSeed>()
            .AddScoped<Platform.Links.ITimelineSource, IntelligenceTimeline>()
            .AddScoped<Platform.Graph.IGraphSource, IntelligenceGraph>()
            .AddScoped<Platform.Links.IRecordFinder, IntelligenceReportFinder>()
            .AddNavigation("/intelligence", "Intelligence", 25, a => Contributions.IsUnitOfficer(a) && a.Roles.Any(IntelligenceReports.Writers.Contains))
            .AddSearchType("intelligence-report", "Intelligence reports", "words of the report, its reference or an identifier it names", 30, Contributions.IsUnitOfficer)
            .AddAuditRecordTypes(("intelligence-report", "Intelligence report"), ("source-details", "Source details of an intelligence report"),
                ("report-entity", "Entity named in an intelligence report"), ("report-entities", "Entities named in an intelligence report"),
                ("dissemination", "Dissemination of an intelligence report"), ("disseminations", "Disseminations of an intelligence report"),
                ("report-release", "Export or print of an intelligence report"))
            .AddHomePanel<IntelligenceHomePanel, IntelligenceReports, QueueCounts>(15, (reports, ct) => reports.CountsAsync(ct),
                a => Contributions.IsUnitOfficer(a) && a.IsInRole(Roles.IntelligenceOfficer));
        return builder;
    }

    public static IEndpointRouteBuilder MapIntelligence(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/intelligence").RequireAuthorization(SecuritySetup.OfficerPolicy).WithTags("Intelligence");
        api.MapGet("/reports", async (ReportFilter? queue, int? page, int? pageSize, IntelligenceReports reports, CancellationToken ct) =>
                TypedResults.Ok(await reports.ListAsync(queue ?? ReportFilter.All, page, pageSize, ct)))
            .WithSummary("The intelligence reports you may see, newest first, or your unit's queue (New, AwaitingGradingReview, DueForReview)");
        api.MapGet("/queue", async (IntelligenceReports reports, CancellationToken ct) => TypedResults.Ok(await reports.CountsAsync(ct)))
            .WithSummary("How many of your unit's reports are new, awaiting grading review and due for review");
        api.MapPost("/reports", (RecordReport request, IntelligenceReports reports, CancellationToken ct) =>
                reports.RecordAsync(request, ct).AsCreated(r => $"/api/v1/intelligence/reports/{r.Id}"))
            .WithSummary("Record a graded report (text, the three grades and the classification; source details and named entities optional)");
        api.MapGet("/reports/{id:guid}", (Guid id, IntelligenceReports reports, CancellationToken ct) => reports.ReadAsync(id, ct).AsFound())
            .WithSummary("A report, with its grading and handling conditions (source details only for the source unit)");
        api.MapGet("/reports/{id:guid}/entities", (Guid id, IntelligenceReports reports, CancellationToken ct) => reports.EntitiesAsync(id, ct).AsFound())
            .WithSummary("The people, phones, vehicles and others the report names, and how each is linked to Subjects");
        api.MapPost("/reports/{id:guid}/entities", (Guid id, NamedEntity request, IntelligenceReports reports, CancellationToken ct) =>
                reports.AddEntityAsync(id, request, ct).AsCreated(_ => $"/api/v1/intelligence/reports/{id}/entities"))
            .WithSummary("Add something the report names: checked through deconfliction and linked, or recorded as unlinked with the reason");
        api.MapPost("/reports/{id:guid}/entities/{entityId:guid}/link", (Guid id, Guid entityId, LinkEntity request, IntelligenceReports reports, CancellationToken ct) =>
                reports.LinkEntityToSubjectAsync(id, entityId, request, ct).AsOk())
            .WithSummary("Link an entity to a subject you may see");
        api.MapGet("/reports/{id:guid}/disseminations", (Guid id, IntelligenceReports reports, CancellationToken ct) => reports.DisseminationsAsync(id, ct).AsFound())
            .WithSummary("Who the report was shared with, and whether the conditions were acknowledged");
        api.MapPost("/reports/{id:guid}/disseminations", (Guid id, Disseminate request, IntelligenceReports reports, CancellationToken ct) =>
                reports.DisseminateAsync(id, request, ct).AsCreated(_ => $"/api/v1/intelligence/reports/{id}/disseminations"))
            .WithSummary("Share the report with another unit (which receives a copy) or a partner agency");
        api.MapPost("/reports/{id:guid}/acknowledgement", (Guid id, IntelligenceReports reports, CancellationToken ct) => reports.AcknowledgeAsync(id, ct).AsOk())
            .WithSummary("Acknowledge the handling conditions of a report shared with your unit");
        api.MapPost("/reports/{id:guid}/grading/accept", (Guid id, Guid? version, IntelligenceReports reports, CancellationToken ct) => reports.AcceptGradingAsync(id, version, ct).AsOk())
            .WithSummary("Accept the report's grading (the owning unit's intelligence officers)");
        api.MapPost("/reports/{id:guid}/grading", (Guid id, Regrade request, IntelligenceReports reports, CancellationToken ct) => reports.RegradeAsync(id, request, ct).AsOk())
            .WithSummary("Regrade the report, with the reason");
        api.MapPost("/reports/{id:guid}/reviews", (Guid id, ReviewReport request, IntelligenceReports reports, CancellationToken ct) => reports.RecordReviewAsync(id, request, ct).AsOk())
            .WithSummary("Record a review: the report is retained until the next review date");
        api.MapPost("/reports/{id:guid}/investigations", (Guid id, LinkInvestigation request, IntelligenceReports reports, CancellationToken ct) =>
                reports.LinkInvestigationAsync(id, request, ct).AsOk())
            .WithSummary("Link the report to an investigation you may see (it joins the sequence of events)");
        api.MapGet("/reports/{id:guid}/export", async (Guid id, IntelligenceReports reports, CancellationToken ct) =>
                (await reports.ReleaseAsync(id, "export", ct)).Answer(r => TypedResults.Text(r.AsText(), "text/plain; charset=utf-8")))
            .WithSummary("The report as text with its marking and handling conditions; the export records who took it");
        // The same for the pages (signed in with the cookie).
        app.MapGet("/intelligence/reports/{id:guid}/export", async (Guid id, IntelligenceReports reports, CancellationToken ct) =>
                (await reports.ReleaseAsync(id, "export", ct)).Answer(r => TypedResults.File(System.Text.Encoding.UTF8.GetBytes(r.AsText()), "text/plain; charset=utf-8", $"{r.Reference}.txt")))
            .RequireAuthorization(SecuritySetup.OfficerPolicy).ExcludeFromDescription();
        return app;
    }

    /// <summary>A reference no report has yet: random (a number would tell how many reports exist), drawn again in the
    /// rare case it is taken (with a million reports, about one draw in 34,000 meets one).</summary>
    public static async Task<string> FreshReferenceAsync(VigilDb db, int year, CancellationToken ct)
    {
        while (true)
        {
            var reference = IntelligenceReport.NewReference(year);
            if (!await db.Set<IntelligenceReport>().IgnoreQueryFilters().AnyAsync(r => r.Reference == reference, ct))
            {
                return reference;
            }
        }
    }

    /// <summary>The need-to-know group of a unit's source unit (who alone read source details), if it has one.</summary>
    public static Task<Guid?> SourceUnitGroupAsync(VigilDb db, Guid unit, CancellationToken ct) => SourceUnit.FindAsync(db, unit, ct);
}

/// <summary>Every regional unit has a source unit: its need-to-know group for source details.</summary>
public sealed class IntelligenceReferenceSeed(IOrganisationDirectory directory) : ISeed
{
    public string Name => "intelligence-reference";
    public IReadOnlyList<string> After => ["network"];

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct) =>
        await IntelligenceModule.SourceUnit.EnsureAsync(db, await directory.UnitsAsync(ct), ct);
}

/// <summary>Lets other modules refer to an intelligence report (an ACT report it was made from shows it): found through the
/// access filter, by id or by reference; a miss is audited as every miss is.</summary>
public sealed class IntelligenceReportFinder(VigilDb db) : Platform.Links.IRecordFinder
{
    public string Type => "intelligence-report";

    private static Platform.Links.RecordRef Ref(Guid id, string reference) => new("intelligence-report", id, reference, $"/intelligence/reports/{id}");

    public async Task<Platform.Links.RecordRef?> FindAsync(Guid id, CancellationToken ct) =>
        await db.FindVisibleAsync<IntelligenceReport>(id, "intelligence-report", track: false, ct) is { } found ? Ref(found.Id, found.Reference) : null;

    public async Task<IReadOnlyList<Platform.Links.RecordRef>> VisibleAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        [.. (await db.Set<IntelligenceReport>().AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Reference }).ToListAsync(ct)).Select(r => Ref(r.Id, r.Reference))];

    public async Task<Platform.Links.RecordRef?> FindByNameAsync(string name, CancellationToken ct)
    {
        var wanted = name.Trim().ToUpperInvariant();
        var found = await db.Set<IntelligenceReport>().AsNoTracking().Where(r => r.Reference == wanted).Select(r => new { r.Id, r.Reference }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            await db.RecordMissAsync<IntelligenceReport>(r => r.Reference == wanted, "intelligence-report", null, detail: wanted, ct: ct);
            return null;
        }
        return Ref(found.Id, found.Reference);
    }
}

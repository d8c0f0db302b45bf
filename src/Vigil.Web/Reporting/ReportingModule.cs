using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Reporting;

/// <summary>ACT: the public's reports (anonymous pages under /act and POST /api/v1/act/reports), their follow-up by
/// reference and code, and their triage in the network (pages under /act/triage, the API under /api/v1/act).</summary>
public static class ReportingModule
{
    /// <summary>How a unit's contact details group is named ("ACT contact details (London)"): who alone read reporters' contact details.</summary>
    public const string ContactGroupPrefix = "ACT contact details (";

    /// <summary>A queue's readers of reporters' contact details.</summary>
    public static readonly UnitGroupKind ContactGroup = new(ContactGroupPrefix, unit => $"Reads the contact details of the public who report to {unit} through ACT.");

    public static WebApplicationBuilder AddReporting(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services
            .AddScoped<Platform.Statistics.INationalFigures, ActFigures>()
            .AddScoped<Platform.Retention.IDisposalPart, ActReportDisposal>()
            .AddScoped<ActIntake>()
            .AddScoped<ActTriage>()
            .AddScoped<ActStatistics>()
            .AddScoped<ActDrafts>()
            .AddSingleton<ActProcessor>()
            .AddSingleton<ActArrivals>()
            .AddHostedService(s => s.GetRequiredService<ActProcessor>())
            .AddScoped<ISeed, ReportingReferenceSeed>()
            .AddScoped<ISeed, ReportingDemoSeed>()
            .AddScoped<Platform.Links.ITimelineSource, ActLinks>()
            .AddScoped<Platform.Links.ICaseFileSource, ActLinks>()
            .AddNavigation("/act/triage", "ACT reports", 27, ActTriage.Triages)
            .AddSearchType("act-report", "ACT reports", "what the public reported, a place, a registration or a reference", 35, ActTriage.Triages)
            .AddAuditRecordTypes(("act-report", "ACT report from the public"), ("act-contact", "Contact details of an ACT reporter"),
                ("act-attachment", "File sent with an ACT report"), ("act-statistics", "ACT statistics"))
            .AddHomePanel<ActHomePanel, ActTriage, ActQueueCounts>(12, (triage, ct) => triage.CountsAsync(ct), ActTriage.Triages);
        return builder;
    }

    public static IEndpointRouteBuilder MapReporting(this IEndpointRouteBuilder app)
    {
        // The public's side: anyone, no sign-in; limited per caller address (the address is used for nothing else).
        var open = app.MapGroup("/api/v1/act").AllowAnonymous().WithTags("ACT");
        open.MapPost("/reports", async (ActSubmission request, ActIntake intake, HttpContext http, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                var files = ActIntake.ReadFiles(request.Files, errors);
                if (errors.Count > 0)
                {
                    return WorkResult<ActReceipt>.Invalid(errors).Answer(r => TypedResults.Accepted((string?)null, r));
                }
                // The post is counted against the caller's limit in the transaction that saves the report.
                return (await intake.SubmitAsync(request, files, ct, http.Features.Get<PublicFormLimit.Take>())).Answer(r => TypedResults.Accepted((string?)null, r));
            })
            .WithMetadata(new PublicFormLimitAttribute { CountedWithTheSave = true }, new RequestSizeLimitAttribute(ActFiles.MaxFiles * ActFiles.MaxBytes * 4 / 3 + 64 * 1024))
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Report something suspicious (anyone, no sign-in): 202 with the reference and the follow-up code, shown this once");
        open.MapPost("/follow-up", (ActFollowUp request, ActIntake intake, CancellationToken ct) => intake.FollowUpAsync(request, ct).AsOk())
            .WithMetadata(new PublicFormLimitAttribute()).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("The reporter, with the reference and follow-up code: read the questions asked and add information");
        open.MapGet("/behaviours", () => TypedResults.Ok(ActReferenceData.Behaviours))
            .WithSummary("The kinds of behaviour a report can name (anyone)");

        // Triage, inside the network.
        var api = app.MapGroup("/api/v1/act").RequireAuthorization(SecuritySetup.OfficerPolicy).WithTags("ACT");
        api.MapGet("/reports", (ActQueueFilter? queue, int? page, int? pageSize, ActTriage triage, CancellationToken ct) =>
                triage.QueueAsync(queue ?? ActQueueFilter.Open, page, pageSize, ct).AsOk())
            .WithSummary("Your unit's ACT triage queue (Open, New, InProgress, AwaitingReporter, Done): immediate threats first, then the oldest");
        api.MapGet("/reports/{id:guid}", (Guid id, ActTriage triage, CancellationToken ct) => triage.ReadAsync(id, ct).AsFound())
            .WithSummary("A report, with what deconfliction found, related reports, the conversation with the reporter and its trail");
        api.MapPost("/reports/{id:guid}/take", (Guid id, ActVersion request, ActTriage triage, CancellationToken ct) => triage.TakeAsync(id, request, ct).AsOk())
            .WithSummary("Take the report (nobody else works it until you release it or record its outcome); the first time, what it names is checked");
        api.MapPost("/reports/{id:guid}/release", (Guid id, ActVersion request, ActTriage triage, CancellationToken ct) => triage.ReleaseAsync(id, request, ct).AsOk())
            .WithSummary("Release the report to the queue");
        api.MapPost("/reports/{id:guid}/check", (Guid id, ActVersion request, ActTriage triage, CancellationToken ct) => triage.CheckAsync(id, request, ct).AsOk())
            .WithSummary("Check again what the report names through deconfliction");
        api.MapPost("/reports/{id:guid}/questions", (Guid id, AskReporter request, ActTriage triage, CancellationToken ct) => triage.AskAsync(id, request, ct).AsOk())
            .WithSummary("Ask the reporter a question (they read it with their reference and follow-up code)");
        api.MapPost("/reports/{id:guid}/route", (Guid id, RerouteReport request, ActTriage triage, CancellationToken ct) => triage.RerouteAsync(id, request, ct).AsOk())
            .WithSummary("Send the report to another unit's queue, with the reason");
        api.MapPost("/reports/{id:guid}/outcome", (Guid id, CloseReport request, ActTriage triage, CancellationToken ct) => triage.CloseAsync(id, request, ct).AsOk())
            .WithSummary("Record no further action, or a referral to local policing (which force), with the reason");
        api.MapPost("/reports/{id:guid}/intelligence", (Guid id, CreateIntelligence request, ActTriage triage, CancellationToken ct) => triage.CreateIntelligenceAsync(id, request, ct).AsOk())
            .WithSummary("Create an intelligence report from it (your text and grading; what it names carried over)");
        api.MapPost("/reports/{id:guid}/investigation", (Guid id, LinkToInvestigation request, ActTriage triage, CancellationToken ct) => triage.LinkInvestigationAsync(id, request, ct).AsOk())
            .WithSummary("Link it to an investigation you may see (its SIO is told)");
        api.MapPost("/reports/{id:guid}/prevent", (Guid id, ReferToPrevent request, ActTriage triage, CancellationToken ct) => triage.ReferToPreventAsync(id, request, ct).AsOk())
            .WithSummary("Refer the person it is about to the Prevent team of their area");
        api.MapPost("/reports/bulk", (BulkTriage request, ActTriage triage, CancellationToken ct) => triage.BulkAsync(request, ct).AsOk())
            .WithSummary("Take, or close with no further action, several reports at once");
        api.MapGet("/reports/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, ActTriage triage, CancellationToken ct) =>
                (await triage.AttachmentAsync(id, fileId, ct)).Answer(f => TypedResults.File(f.Content, f.ContentType, f.FileName)))
            .WithSummary("A file the reporter sent (metadata already stripped)");
        api.MapGet("/statistics", (int? weeks, ActStatistics statistics, CancellationToken ct) => statistics.ForAsync(weeks, ct).AsOk())
            .WithSummary("Volumes by week, behaviour, unit and outcome; the share that became intelligence; time to triage (small numbers suppressed)");
        // The same file for the pages (signed in with the cookie).
        app.MapGet("/act/triage/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, ActTriage triage, CancellationToken ct) =>
                (await triage.AttachmentAsync(id, fileId, ct)).Answer(f => TypedResults.File(f.Content, f.ContentType, f.FileName)))
            .RequireAuthorization(SecuritySetup.OfficerPolicy).ExcludeFromDescription();
        app.MapGet("/act/statistics.{format}", async (string format, int? weeks, ActStatistics statistics, CancellationToken ct) =>
                (await statistics.ExportAsync(format, weeks, ct)).Answer(f => TypedResults.File(f.Content, f.ContentType, f.FileName)))
            .RequireAuthorization(SecuritySetup.OfficerPolicy).ExcludeFromDescription();
        return app;
    }
}

/// <summary>Every regional unit and the national queue have an "ACT contact details" group: the only readers of
/// reporters' contact details.</summary>
public sealed class ReportingReferenceSeed(IOrganisationDirectory directory) : ISeed
{
    public string Name => "reporting-reference";
    public IReadOnlyList<string> After => ["network"];

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct) =>
        await ReportingModule.ContactGroup.EnsureAsync(db, (await directory.UnitsAsync(ct)).Where(u => ActReferenceData.IsQueue(u.Code)), ct);
}

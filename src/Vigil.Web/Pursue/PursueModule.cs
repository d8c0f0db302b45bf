using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Pursue;

/// <summary>Pursue: investigations from first intelligence to court. Services, reference data and the
/// API under /api/v1/investigations; the pages live in Pursue/Pages.</summary>
public static class PursueModule
{
    public static WebApplicationBuilder AddPursue(this WebApplicationBuilder builder)
    {
        builder.Services
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
            .AddScoped<ISeed, PursueReferenceSeed>()
            .AddScoped<ISeed, PursueDemoSeed>()
            .AddNavigation("/investigations", "Investigations", 20, a => a.UnitId is not null)
            .AddNavigation("/partner/elg", "Shared ELG meetings", 40, a => a.PartnerAgencyId is not null)
            .AddHomePanel<Pages.PursueHomePanel, IncidentRoom, (int, int)>(10, (room, ct) => room.MyActionCountsAsync(ct), a => a.UnitId is not null);
        return builder;
    }

    public static IResult Answer<T>(WorkResult<T> result, Func<T, IResult> ok) => WorkResults.Answer(result, ok);

    public static IEndpointRouteBuilder MapPursue(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/investigations").RequireAuthorization(SecuritySetup.OfficerPolicy).WithTags("Investigations");

        api.MapGet("/", async ([AsParameters] CaseloadQuery q, Investigations investigations, CancellationToken ct) =>
            TypedResults.Ok(await investigations.CaseloadAsync(q.ToFilter(), ct)));
        api.MapPost("/", async (OpenInvestigation request, Investigations investigations, CancellationToken ct) =>
            Answer(await investigations.OpenAsync(request, ct), i => TypedResults.Created($"/api/v1/investigations/{i.Id}", i)));
        api.MapGet("/threat-types", async (Investigations investigations, CancellationToken ct) =>
            TypedResults.Ok(await investigations.ReferenceAsync(PursueReferenceItem.ThreatType, ct)));
        api.MapGet("/activity-types", async (Investigations investigations, CancellationToken ct) =>
            TypedResults.Ok(await investigations.ReferenceAsync(PursueReferenceItem.ActivityType, ct)));
        api.MapGet("/actions", async ([AsParameters] ActionQuery q, IncidentRoom room, CancellationToken ct) =>
            TypedResults.Ok(await room.ActionsAsync(null, q.ToFilter(), ct)));

        api.MapGet("/{id:guid}", async (Guid id, Investigations investigations, CancellationToken ct) => WorkResults.Found(await investigations.ReadAsync(id, ct)));
        api.MapPost("/{id:guid}/transitions", async (Guid id, Transition request, Investigations investigations, CancellationToken ct) =>
            Answer(await investigations.TransitionAsync(id, request, ct), TypedResults.Ok));
        api.MapPost("/{id:guid}/team", async (Guid id, AddTeamMember request, Investigations investigations, CancellationToken ct) =>
            Answer(await investigations.AddMemberAsync(id, request, ct), TypedResults.Ok));
        api.MapDelete("/{id:guid}/team/{userId:guid}", async (Guid id, Guid userId, Investigations investigations, CancellationToken ct) =>
            Answer(await investigations.RemoveMemberAsync(id, userId, ct), _ => TypedResults.NoContent()));

        api.MapGet("/{id:guid}/lines-of-enquiry", async (Guid id, IncidentRoom room, CancellationToken ct) => WorkResults.Found(await room.LinesAsync(id, ct)));
        api.MapPost("/{id:guid}/lines-of-enquiry", async (Guid id, AddLineOfEnquiry request, IncidentRoom room, CancellationToken ct) =>
            Answer(await room.AddLineAsync(id, request, ct), l => TypedResults.Created($"/api/v1/investigations/{id}/lines-of-enquiry", l)));

        api.MapGet("/{id:guid}/actions", async (Guid id, [AsParameters] ActionQuery q, IncidentRoom room, CancellationToken ct) =>
            WorkResults.Found(await room.ActionsAsync(id, q.ToFilter(), ct)));
        api.MapPost("/{id:guid}/actions", async (Guid id, RaiseAction request, IncidentRoom room, CancellationToken ct) =>
            Answer(await room.RaiseAsync(id, request, ct), a => TypedResults.Created($"/api/v1/investigations/{id}/actions/{a.Id}", a)));
        api.MapGet("/{id:guid}/actions/{actionId:guid}", async (Guid id, Guid actionId, IncidentRoom room, CancellationToken ct) =>
            WorkResults.Found(await room.ActionAsync(id, actionId, ct)));
        api.MapPost("/{id:guid}/actions/{actionId:guid}/{step}", async (Guid id, Guid actionId, string step, ActionStep request, IncidentRoom room, CancellationToken ct) =>
            Enum.TryParse<IncidentRoom.ActionMove>(step, ignoreCase: true, out var s) && Enum.IsDefined(s) && !char.IsDigit(step[0])
                ? Answer(await room.StepAsync(id, actionId, s, request, ct), TypedResults.Ok)
                : TypedResults.NotFound());

        api.MapGet("/{id:guid}/policy-file", async (Guid id, IncidentRoom room, CancellationToken ct) => WorkResults.Found(await room.PolicyFileAsync(id, ct)));
        api.MapPost("/{id:guid}/policy-file", async (Guid id, AddPolicyEntry request, IncidentRoom room, CancellationToken ct) =>
            Answer(await room.AddPolicyAsync(id, request, ct), e => TypedResults.Created($"/api/v1/investigations/{id}/policy-file", e)));
        api.MapMethods("/{id:guid}/policy-file/{number:int}", ["PUT", "PATCH", "DELETE"], async (Guid id, int number, IncidentRoom room, CancellationToken ct) =>
            Answer(await room.RefuseEditAsync(id, number, ct), _ => TypedResults.NoContent()));

        api.MapGet("/{id:guid}/subjects", async (Guid id, IncidentRoom room, CancellationToken ct) => WorkResults.Found(await room.SubjectsAsync(id, ct)));
        api.MapPost("/{id:guid}/subjects", async (Guid id, LinkSubject request, IncidentRoom room, CancellationToken ct) =>
            Answer(await room.LinkSubjectAsync(id, request, ct), o => o.NeedsAcknowledgement
                ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This person may already be known",
                    detail: "A deconfliction check found possible matches. Link one of them by subjectId, or send the person again with \"acknowledgedCandidates\": true.",
                    extensions: new Dictionary<string, object?> { ["candidates"] = o.Hits })
                : TypedResults.Created($"/api/v1/investigations/{id}/subjects", o)));

        api.MapGet("/{id:guid}/timeline", async (Guid id, IncidentRoom room, CancellationToken ct) => WorkResults.Found(await room.TimelineAsync(id, ct)));
        api.MapPost("/{id:guid}/timeline", async (Guid id, AddTimelineEvent request, IncidentRoom room, CancellationToken ct) =>
            Answer(await room.AddEventAsync(id, request, ct), e => TypedResults.Created($"/api/v1/investigations/{id}/timeline", e)));

        api.MapGet("/{id:guid}/elg-meetings", async (Guid id, IncidentRoom room, IOrganisationDirectory directory, CancellationToken ct) =>
            WorkResults.Found(await room.ElgMeetingsAsync(id, directory, ct)));
        api.MapPost("/{id:guid}/elg-meetings", async (Guid id, RecordElgMeeting request, IncidentRoom room, IOrganisationDirectory directory, CancellationToken ct) =>
            Answer(await room.RecordElgAsync(id, request, directory, ct), m => TypedResults.Created($"/api/v1/investigations/{id}/elg-meetings", m)));

        api.MapGet("/{id:guid}/statements", async (Guid id, IncidentRoom room, CancellationToken ct) => WorkResults.Found(await room.StatementsAsync(id, ct)));
        api.MapPost("/{id:guid}/statements", async (Guid id, AddStatement request, IncidentRoom room, CancellationToken ct) =>
            Answer(await room.AddStatementAsync(id, request, ct), s => TypedResults.Created($"/api/v1/investigations/{id}/statements", s)));

        api.MapGet("/{id:guid}/exhibits", async (Guid id, Exhibits exhibits, CancellationToken ct) => WorkResults.Found(await exhibits.ListAsync(id, ct)));
        api.MapPost("/{id:guid}/exhibits", async (Guid id, RecordExhibit request, Exhibits exhibits, CancellationToken ct) =>
            Answer(await exhibits.RecordAsync(id, request, ct), e => TypedResults.Created($"/api/v1/investigations/{id}/exhibits/{e.Id}", e)));
        api.MapPost("/{id:guid}/exhibits/{exhibitId:guid}/handovers", async (Guid id, Guid exhibitId, RecordHandover request, Exhibits exhibits, CancellationToken ct) =>
            Answer(await exhibits.HandOverAsync(id, exhibitId, request, ct), TypedResults.Ok));
        api.MapPut("/{id:guid}/exhibits/{exhibitId:guid}/file", async (Guid id, Guid exhibitId, IFormFile? file, Exhibits exhibits, CancellationToken ct) =>
            {
                if (file is null)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["File"] = ["Choose the file to upload (multipart field 'file')"] });
                }
                await using var content = file.OpenReadStream();
                return Answer(await exhibits.AttachAsync(id, exhibitId, file.FileName, content, ct), TypedResults.Ok);
            })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ExhibitStorageOptions.UploadRequestLimit));
        api.MapGet("/{id:guid}/exhibits/{exhibitId:guid}/file", DownloadExhibit);

        api.MapGet("/{id:guid}/disclosure", async (Guid id, Disclosure disclosure, CancellationToken ct) => WorkResults.Found(await disclosure.SchedulesAsync(id, ct)));
        api.MapPost("/{id:guid}/disclosure/items", async (Guid id, ScheduleItem request, Disclosure disclosure, CancellationToken ct) =>
            Answer(await disclosure.ScheduleAsync(id, request, ct), d => TypedResults.Created($"/api/v1/investigations/{id}/disclosure", d)));
        api.MapPost("/{id:guid}/disclosure/{form}/sign-off", async (Guid id, string form, Disclosure disclosure, CancellationToken ct) =>
            Answer(await disclosure.SignAsync(id, form, ct), TypedResults.Ok));
        api.MapGet("/{id:guid}/disclosure/{form}.csv", ScheduleCsv);
        api.MapPost("/{id:guid}/cps-bundle", async (Guid id, BundleRequest request, Disclosure disclosure, CancellationToken ct) =>
            Answer(await disclosure.BundleAsync(id, request, ct), zip => TypedResults.File(zip, "application/zip", "cps-case-file.zip")));

        app.MapGet("/api/v1/partner/elg-meetings", async (IncidentRoom room, IOrganisationDirectory directory, CancellationToken ct) =>
            TypedResults.Ok(await room.SharedWithMyAgencyAsync(directory, ct))).RequireAuthorization(SecuritySetup.ApiPolicy).WithTags("Investigations");

        // The same downloads for the pages (signed in with the cookie).
        var pages = app.MapGroup("/investigations/{id:guid}").RequireAuthorization().ExcludeFromDescription();
        pages.MapGet("/exhibits/{exhibitId:guid}/file", DownloadExhibit);
        pages.MapGet("/disclosure/{form}.csv", ScheduleCsv);
        pages.MapGet("/cps-bundle.zip", async (Guid id, [FromQuery] Guid[]? statements, Disclosure disclosure, CancellationToken ct) =>
            Answer(await disclosure.BundleAsync(id, new BundleRequest(statements), ct), zip => TypedResults.File(zip, "application/zip", "cps-case-file.zip")));
        return app;
    }

    private static async Task<IResult> DownloadExhibit(Guid id, Guid exhibitId, Exhibits exhibits, CancellationToken ct) =>
        Answer(await exhibits.DownloadAsync(id, exhibitId, ct), d => TypedResults.File(d.Content, d.ContentType, d.FileName));

    private static async Task<IResult> ScheduleCsv(Guid id, string form, Disclosure disclosure, CancellationToken ct) =>
        await disclosure.CsvAsync(id, form, ct) is { } csv ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv", $"{form.ToUpperInvariant()}.csv") : TypedResults.NotFound();

    public sealed record CaseloadQuery(string? Unit, Guid? Sio, Phase? Phase, RiskLevel? Risk, string? Threat, bool? Overdue, bool? Mine, bool? IncludeClosed,
        CaseloadSort? Sort, bool? Descending, int? Page, int? PageSize)
    {
        public CaseloadFilter ToFilter() => new(Unit, Sio, Phase, Risk, Threat, Overdue ?? false, Mine ?? false, IncludeClosed ?? false,
            Sort ?? CaseloadSort.Opened, Descending ?? true, Page, PageSize);
    }

    public sealed record ActionQuery(ActionState? State, bool? Open, bool? Overdue, Guid? Officer, bool? Mine, int? Page, int? PageSize)
    {
        public IncidentRoom.ActionFilter ToFilter() => new(State, Open ?? false, Overdue ?? false, Officer, Mine ?? false, Page, PageSize);
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

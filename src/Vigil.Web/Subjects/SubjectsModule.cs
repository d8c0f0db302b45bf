using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Subjects;

public static class SubjectsModule
{
    public static WebApplicationBuilder AddSubjects(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<Deconfliction.DeconflictionOptions>()
            .BindConfiguration(Deconfliction.DeconflictionOptions.Section)
            .Validate(o => o.StrongFrom is > 0 and <= 1 && o.ChecksPerWindow > 0 && o.Window > TimeSpan.Zero && o.ProbeHits > 0 && o.ProbeWindow > TimeSpan.Zero,
                $"{Deconfliction.DeconflictionOptions.Section}: StrongFrom must be in (0, 1], and the limits and windows above zero")
            .ValidateOnStart();
        services.AddHealthChecks().AddCheck<Deconfliction.SubjectIndexHealth>("matching-index", tags: ["ready"]);
        services.AddSubjectServices();
        return builder;
    }

    private static IServiceCollection AddSubjectServices(this IServiceCollection services) => services
        .AddScoped<Platform.Statistics.INationalFigures, SubjectFigures>()
        .AddScoped<SubjectRecords>()
        .AddScoped<Platform.Retention.IDisposalPart, SubjectDisposal>()
        .AddScoped<SubjectCasework>()
        .AddScoped<SubjectTimeline>()
        .AddScoped<Platform.Graph.IGraphSource, SubjectGraph>()
        .AddScoped<OrganisationRecords>()
        .AddScoped<Deconfliction.DeconflictionService>()
        .AddSingleton<Deconfliction.SubjectIndex>()
        .AddSingleton<Deconfliction.IPersonMatcher>(sp => sp.GetRequiredService<Deconfliction.SubjectIndex>())
        .AddHostedService<Deconfliction.SubjectIndexFollower>()
        .AddScoped<ISeed, SubjectTierSeed>()
        .AddScoped<ISeed, SubjectsDemoSeed>()
        .AddScoped<Platform.Data.Scale.IScaleSeed, SubjectsScaleSeed>()
        .AddNavigation("/subjects", "Subjects", 10)
        .AddAuditRecordTypes(("subject", "Subject"), ("subject-timeline", "Timeline of a subject"), ("organisation", "Organisation"), ("deconfliction-check", "Deconfliction check"))
        .AddNavigation("/organisations", "Organisations", 60)
        .AddNavigation("/deconfliction", "Deconfliction", 70, Contributions.IsUnitOfficer)
        .AddSearchType("subject", "Subjects", "a name, an identifier, a phone, vehicle, postcode or e-mail", 10, Contributions.IsUnitOfficer)
        .AddHomePanel<Pages.SubjectsHomePanel, SubjectCasework, (int, int)>(30, (casework, ct) => casework.CountsAsync(30, ct));

    public static IEndpointRouteBuilder MapSubjects(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/subjects").RequireAuthorization(SecuritySetup.ApiPolicy).WithTags("Subjects");

        api.MapGet("/", async (string? name, SubjectSort? sort, bool? descending, int? page, int? pageSize, SubjectRecords records, CancellationToken ct) =>
            TypedResults.Ok(await records.SearchAsync(name, sort ?? SubjectSort.Surname, descending ?? false, page, pageSize, ct)))
            .WithSummary("The subjects you may see, by name, sorted and paged");

        api.MapGet("/{id:guid}", async Task<Results<Ok<SubjectDto>, NotFound>> (Guid id, string? purpose, SubjectRecords records, CancellationToken ct) =>
            await records.ReadAsync(id, purpose, ct) is { } subject ? TypedResults.Ok(subject) : TypedResults.NotFound())
            .WithSummary("One subject, with the purpose of the read (audited); a hidden one answers as missing");

        api.MapPost("/", async Task<Results<Created<SubjectDto>, ValidationProblem, Refused>> (SubjectRequest request, SubjectRecords records, CancellationToken ct) =>
        {
            var outcome = await records.CreateAsync(request, ct);
            return outcome switch
            {
                { Status: WorkStatus.Done, Value.Created: { } created } => TypedResults.Created($"/api/v1/subjects/{created.Id}", created),
                { Status: WorkStatus.Done } => Refused.Conflict("A deconfliction check found possible matches (records you may not see are masked and their holders told). "
                        + "If none is the person, send the request again with \"acknowledgedCandidates\": true.",
                    "This person may already be known", new Dictionary<string, object?> { ["candidates"] = outcome.Value!.Candidates }),
                { Status: WorkStatus.Invalid } => TypedResults.ValidationProblem(outcome.Errors),
                _ => Refused.From(outcome),
            };
        }).RequireAuthorization(p => p.RequireRole(Roles.SubjectWriters)).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Record a new subject; the deconfliction check runs first (409 lists the possible matches, 429 when checks run too often)");

        api.MapGet("/{id:guid}/timeline", (Guid id, SubjectTimeline timeline, CancellationToken ct) => timeline.ForAsync(id, ct).AsFound())
            .WithSummary("Every dated fact about the person that you may see: addresses, markers, links, investigations and intelligence reports");
        api.MapPut("/{id:guid}", (Guid id, SubjectRequest request, SubjectRecords records, CancellationToken ct) => records.UpdateAsync(id, request, ct).AsOk())
            .WithSummary("Change a subject you may change, with the version you read (409 if someone changed it first)");
        api.MapPost("/{id:guid}/warning-markers", (Guid id, AddWarningMarker request, SubjectCasework casework, CancellationToken ct) =>
            casework.AddWarningAsync(id, request, ct).AsNoContent())
            .WithSummary("Add a warning marker (officer safety) to the subject");
        api.MapPut("/{id:guid}/tier", (Guid id, SetTier request, SubjectCasework casework, CancellationToken ct) => casework.SetTierAsync(id, request, ct).AsNoContent())
            .WithSummary("Set the subject's tier and its owner, with the reason (a human judgement, recorded)");
        api.MapPost("/{id:guid}/merge", (Guid id, MergeRequest request, SubjectCasework casework, CancellationToken ct) => casework.MergeAsync(id, request, ct).AsNoContent())
            .WithSummary("Merge a duplicate record into this one, with the purpose");
        api.MapPost("/{id:guid}/unmerge", (Guid id, MergeRequest request, SubjectCasework casework, CancellationToken ct) => casework.UnmergeAsync(id, request, ct).AsNoContent())
            .WithSummary("Undo a merge: the duplicate becomes its own record again");
        api.MapGet("/reviews-due", async (int? withinDays, SubjectCasework casework, CancellationToken ct) =>
            TypedResults.Ok(await casework.ReviewsDueAsync(withinDays ?? 14, ct)))
            .WithSummary("Subjects whose tier review falls due within the window (overdue ones included)");

        app.MapPost("/api/v1/deconfliction/checks", async Task<Results<Ok<Deconfliction.DeconflictionResult>, ValidationProblem, Refused>> (
                Deconfliction.DeconflictionRequest request, Deconfliction.DeconflictionService service, CancellationToken ct) =>
            {
                var outcome = await service.CheckAsync(request, ct);
                return outcome.Status switch
                {
                    WorkStatus.Done => TypedResults.Ok(outcome.Value!),
                    WorkStatus.Invalid => TypedResults.ValidationProblem(outcome.Errors),
                    _ => Refused.From(outcome),
                };
            })
            .RequireAuthorization(SecuritySetup.OfficerPolicy).WithTags("Deconfliction").ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Is this person already known, and to whom? Masked hits for records you may not see; the check has a reference to quote");

        OrganisationRecords.MapApi(app);

        api.MapDelete("/{id:guid}", (Guid id, string? purpose, SubjectRecords records, CancellationToken ct) => records.DeleteAsync(id, purpose, ct).AsNoContent())
            .WithSummary("Delete a subject you may change; refused (409) while other records point at it");
        return app;
    }
}

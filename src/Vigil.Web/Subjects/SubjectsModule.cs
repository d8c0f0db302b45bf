using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Web.Platform.Api;
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
        .AddScoped<SubjectRecords>()
        .AddScoped<SubjectCasework>()
        .AddScoped<OrganisationRecords>()
        .AddScoped<Deconfliction.DeconflictionService>()
        .AddSingleton<Deconfliction.SubjectIndex>()
        .AddSingleton<Deconfliction.IPersonMatcher>(sp => sp.GetRequiredService<Deconfliction.SubjectIndex>())
        .AddHostedService<Deconfliction.SubjectIndexFollower>()
        .AddScoped<ISeed, SubjectTierSeed>()
        .AddScoped<ISeed, SubjectsDemoSeed>()
        .AddNavigation("/subjects", "Subjects", 10)
        .AddNavigation("/organisations", "Organisations", 60)
        .AddNavigation("/deconfliction", "Deconfliction", 70, Contributions.IsUnitOfficer)
        .AddHomePanel<Pages.SubjectsHomePanel, SubjectCasework, (int, int)>(30, (casework, ct) => casework.CountsAsync(30, ct));

    public static IEndpointRouteBuilder MapSubjects(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/subjects").RequireAuthorization(SecuritySetup.ApiPolicy).WithTags("Subjects");

        api.MapGet("/", async (string? name, SubjectSort? sort, bool? descending, int? page, int? pageSize, SubjectRecords records, CancellationToken ct) =>
            TypedResults.Ok(await records.SearchAsync(name, sort ?? SubjectSort.Surname, descending ?? false, page, pageSize, ct)));

        api.MapGet("/{id:guid}", async Task<Results<Ok<SubjectDto>, NotFound>> (Guid id, string? purpose, SubjectRecords records, CancellationToken ct) =>
            await records.ReadAsync(id, purpose, ct) is { } subject ? TypedResults.Ok(subject) : TypedResults.NotFound());

        api.MapPost("/", async Task<Results<Created<SubjectDto>, ValidationProblem, ProblemHttpResult>> (SubjectRequest request, SubjectRecords records, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await records.CreateAsync(request, ct);
            return outcome switch
            {
                { Status: WorkStatus.Done, Value.Created: { } created } => TypedResults.Created($"/api/v1/subjects/{created.Id}", created),
                { Status: WorkStatus.Done } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This person may already be known",
                    detail: "A deconfliction check found possible matches (records you may not see are masked and their holders told). "
                        + "If none is the person, send the request again with \"acknowledgedCandidates\": true.",
                    extensions: new Dictionary<string, object?> { ["candidates"] = outcome.Value!.Candidates }),
                { Status: WorkStatus.TooMany } => WorkResults.TooManyProblem(http, outcome),
                _ => TypedResults.ValidationProblem(outcome.Errors),
            };
        }).RequireAuthorization(p => p.RequireRole(Roles.SubjectWriters));

        api.MapPut("/{id:guid}", async Task<Results<Ok<SubjectDto>, NotFound, ValidationProblem, ProblemHttpResult>> (Guid id, SubjectRequest request, SubjectRecords records, CancellationToken ct) =>
        {
            var (outcome, subject, errors) = await records.UpdateAsync(id, request, ct);
            return outcome switch
            {
                SubjectRecords.UpdateOutcome.Updated => TypedResults.Ok(subject!),
                SubjectRecords.UpdateOutcome.Invalid => TypedResults.ValidationProblem(errors),
                SubjectRecords.UpdateOutcome.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                    title: "Someone else changed this record first",
                    detail: "Read the record again and re-apply your change. Nothing was overwritten."),
                _ => TypedResults.NotFound(),
            };
        });

        api.MapPost("/{id:guid}/warning-markers", async Task<Results<NoContent, NotFound, ValidationProblem>> (Guid id, AddWarningMarker request, SubjectCasework casework, CancellationToken ct) =>
            Answer(await casework.AddWarningAsync(id, request, ct)));
        api.MapPut("/{id:guid}/tier", async Task<Results<NoContent, NotFound, ValidationProblem>> (Guid id, SetTier request, SubjectCasework casework, CancellationToken ct) =>
            Answer(await casework.SetTierAsync(id, request, ct)));
        api.MapPost("/{id:guid}/merge", async Task<Results<NoContent, NotFound, ValidationProblem>> (Guid id, MergeRequest request, SubjectCasework casework, CancellationToken ct) =>
            Answer(await casework.MergeAsync(id, request, ct)));
        api.MapPost("/{id:guid}/unmerge", async Task<Results<NoContent, NotFound, ValidationProblem>> (Guid id, MergeRequest request, SubjectCasework casework, CancellationToken ct) =>
            Answer(await casework.UnmergeAsync(id, request, ct)));
        api.MapGet("/reviews-due", async (int? withinDays, SubjectCasework casework, CancellationToken ct) =>
            TypedResults.Ok(await casework.ReviewsDueAsync(withinDays ?? 14, ct)));

        app.MapPost("/api/v1/deconfliction/checks", async Task<Results<Ok<Deconfliction.DeconflictionResult>, ValidationProblem, ProblemHttpResult>> (
                Deconfliction.DeconflictionRequest request, Deconfliction.DeconflictionService service, HttpContext http, CancellationToken ct) =>
            {
                var outcome = await service.CheckAsync(request, ct);
                return outcome.Status switch
                {
                    WorkStatus.Done => TypedResults.Ok(outcome.Value!),
                    WorkStatus.TooMany => WorkResults.TooManyProblem(http, outcome),
                    _ => TypedResults.ValidationProblem(outcome.Errors),
                };
            })
            .RequireAuthorization(SecuritySetup.OfficerPolicy).WithTags("Deconfliction");

        OrganisationRecords.MapApi(app);

        api.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (Guid id, string? purpose, SubjectRecords records, CancellationToken ct) =>
            await records.DeleteAsync(id, purpose, ct) switch
            {
                SubjectRecords.DeleteOutcome.Deleted => TypedResults.NoContent(),
                SubjectRecords.DeleteOutcome.InUse => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This subject is still in use",
                    detail: "Other records point at this subject (for example an investigation's linked people or a merge). Nothing was deleted."),
                _ => TypedResults.NotFound(),
            });
        return app;
    }

    private static Results<NoContent, NotFound, ValidationProblem> Answer((SubjectCasework.Outcome Outcome, Dictionary<string, string[]> Errors) result) => result.Outcome switch
    {
        SubjectCasework.Outcome.Done => TypedResults.NoContent(),
        SubjectCasework.Outcome.Invalid => TypedResults.ValidationProblem(result.Errors),
        _ => TypedResults.NotFound(),
    };
}

using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Prepare;

/// <summary>Prepare: the threat levels and their history (the level in every signed-in page's header), Critical
/// Threat Plans set off by the level, their national board, and military support (Operation Temperer and Plato).
/// Pages under /prepare, the API under /api/v1/prepare.</summary>
public static class PrepareModule
{
    public static WebApplicationBuilder AddPrepare(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddScoped<ThreatLevelWork>()
            .AddSingleton<ThreatLevelCache>()
            .AddScoped<PlanBoard>()
            .AddScoped<MilitarySupport>()
            .AddScoped<PrepareHistory>()
            .AddScoped<ISeed, PrepareReferenceSeed>()
            .AddScoped<ISeed, PrepareDemoSeed>()
            .AddHeaderLine<ThreatLevelLine>(10)
            .AddNavigation("/prepare", "Prepare", 42, PlanBoard.ReadsPlans)
            .AddAuditRecordTypes(("threat-level", "Threat level"), ("threat-plan", "Critical Threat Plan"), ("plan-activation", "Activated Critical Threat Plan"),
                ("military-support", "Military support (Temperer or Plato)"));
        return builder;
    }

    public static IEndpointRouteBuilder MapPrepare(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/prepare").RequireAuthorization(SecuritySetup.OfficerPolicy).WithTags("Prepare");
        api.MapGet("/threat-levels", async (DateTimeOffset? at, ThreatLevelWork levels, CancellationToken ct) => TypedResults.Ok(await levels.CurrentAsync(ct, at)))
            .WithSummary("The national and the Northern Ireland-related threat levels now (or at a past moment, ?at=)");
        api.MapGet("/threat-levels/history", async Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<Paged<ThreatLevelDto>>, Microsoft.AspNetCore.Http.HttpResults.ValidationProblem>> (
                ThreatLevelScope? scope, int? page, int? pageSize, ThreatLevelWork levels, CancellationToken ct) =>
                ApiValidation.IsNamed(scope) ? TypedResults.Ok(await levels.HistoryAsync(scope, page, pageSize, ct))
                    : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scope"] = ["Choose National or NorthernIreland"] }))
            .WithSummary("Every change of a level, newest first: who recorded it, when, and the stated basis");
        api.MapGet("/threat-levels/definitions", () => TypedResults.Ok(ThreatLevels.Definitions))
            .WithSummary("The levels and what each means");
        api.MapPost("/threat-levels", (RecordThreatLevel request, ThreatLevelWork levels, CancellationToken ct) => levels.RecordAsync(request, ct).AsOk())
            .WithSummary("Record a change of a level (the national duty officer): plans the new national level reaches are activated, those above it stood down, in the same transaction");
        api.MapGet("/board", (DateTimeOffset? at, PlanBoard board, CancellationToken ct) => board.BoardAsync(ct, at).AsOk())
            .WithSummary("The national board: every unit's active plan with its progress, acknowledgement and overdue steps (or as at a past moment)");
        api.MapGet("/activations", async (PlanBoard board, CancellationToken ct) => TypedResults.Ok(await board.MineAsync(ct)))
            .WithSummary("Your unit's plan activations, newest first");
        api.MapGet("/my-steps", async (PlanBoard board, CancellationToken ct) => TypedResults.Ok(await board.MyStepsAsync(ct)))
            .WithSummary("The steps of your unit's active plans that your role owns and are not yet done");
        api.MapGet("/activations/{id:guid}", (Guid id, PlanBoard board, CancellationToken ct) => board.ReadAsync(id, ct).AsFound())
            .WithSummary("One activation with its steps");
        api.MapPost("/activations/{id:guid}/acknowledge", (Guid id, AcknowledgeActivation request, PlanBoard board, CancellationToken ct) => board.AcknowledgeAsync(id, request, ct).AsOk())
            .WithSummary("Acknowledge your unit's activation");
        api.MapPost("/activations/{id:guid}/steps/{step:int}", (Guid id, int step, CompleteStep request, PlanBoard board, CancellationToken ct) => board.CompleteAsync(id, step, request, ct).AsOk())
            .WithSummary("Complete a step your role owns, with its evidence");
        api.MapGet("/military-support", (DateTimeOffset? at, MilitarySupport military, CancellationToken ct) => military.ListAsync(ct, at).AsOk())
            .WithSummary("Requests for military support and their deployments (the national roles)");
        api.MapPost("/military-support", (RequestMilitarySupport request, MilitarySupport military, CancellationToken ct) => military.RequestAsync(request, ct).AsOk())
            .WithSummary("Record a request for military support (Temperer or Plato)");
        api.MapPost("/military-support/{id:guid}/deployments", (Guid id, DeployPersonnel request, MilitarySupport military, CancellationToken ct) => military.DeployAsync(id, request, ct).AsOk())
            .WithSummary("Record personnel deployed to a site");
        api.MapPost("/military-support/{id:guid}/end", (Guid id, int? deployment, MilitarySupport military, CancellationToken ct) => military.EndAsync(id, deployment ?? 0, ct).AsOk())
            .WithSummary("End one deployment (?deployment=N) or the whole request");
        return app;
    }
}

/// <summary>The levels must exist before anyone reads them: a system record of each at SUBSTANTIAL, only when none is recorded.</summary>
public sealed class PrepareReferenceSeed : ISeed
{
    public string Name => "prepare-reference";
    public IReadOnlyList<string> After => ["network"];

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        if (await db.Set<ThreatLevelChange>().AnyAsync(ct))
        {
            return;
        }
        var at = db.Clock.GetUtcNow().AddDays(-30);
        foreach (var scope in Enum.GetValues<ThreatLevelScope>())
        {
            db.Add(new ThreatLevelChange { Scope = scope, Level = ThreatLevel.Substantial, RecordedAt = at, RecordedBy = "Vigil (the level when Vigil started)", Basis = "The level in force when Vigil was set up." });
        }
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Demonstration plans: every regional unit has a Critical Threat Plan of forty steps triggered at CRITICAL.</summary>
public sealed class PrepareDemoSeed : ISeed
{
    public string Name => "prepare-demo";
    public IReadOnlyList<string> After => ["network", "prepare-reference"];

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        if (!demo || await db.Set<ThreatPlan>().AnyAsync(ct))
        {
            return;
        }
        var regional = Network.NetworkReferenceData.RegionalUnits.Select(u => u.Code).ToList();
        foreach (var unit in await db.Set<Network.Unit>().Where(u => regional.Contains(u.Code)).OrderBy(u => u.Code).ToListAsync(ct))
        {
            db.Add(new ThreatPlan
            {
                UnitId = unit.Id, Name = $"{unit.Name} Critical Threat Plan", Trigger = ThreatLevel.Critical,
                Steps = [.. PrepareReferenceData.CriticalPlanSteps.Select(s => new PlanStep { Number = s.Number, Title = s.Title, OwnerRole = s.OwnerRole, DeadlineHours = s.DeadlineHours, Evidence = s.Evidence })],
            });
        }
        await db.SaveChangesAsync(ct);
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Operations;

/// <summary>The National Operations Centre's surge resourcing: incidents with their own need-to-know group, regions'
/// requests, units' capacity and minimum cover, the board with the optimiser's proposal, the coordinator's decisions
/// and the deployments. Pages under /operations, the API under /api/v1/operations.</summary>
public static class OperationsModule
{
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddScoped<Platform.Statistics.INationalFigures, SurgeFigures>()
            .AddScoped<Incidents>()
            .AddScoped<SurgeRequests>()
            .AddScoped<SurgeBoard>()
            .AddScoped<UnitCapacities>()
            .AddScoped<ISeed, OperationsDemoSeed>()
            .AddNavigation("/operations", "Surge", 44, SurgeRoles.Reads)
            .AddAuditRecordTypes(("surge-incident", "Incident (surge)"), ("surge-request", "Surge request"), ("surge-allocation", "Surge allocation or deployment"),
                ("unit-capacity", "Unit capacity and minimum cover"));
        return builder;
    }

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/operations").RequireAuthorization(SecuritySetup.OfficerPolicy).WithTags("Surge");
        api.MapGet("/incidents", async (Incidents incidents, CancellationToken ct) => TypedResults.Ok(await incidents.ListAsync(ct)))
            .WithSummary("The incidents you are briefed on, open first");
        api.MapPost("/incidents", (DeclareIncident request, Incidents incidents, CancellationToken ct) => incidents.DeclareAsync(request, ct).AsOk())
            .WithSummary("Declare an incident (the operations centre): it gets its own need-to-know group, with you in it");
        api.MapGet("/incidents/{id:guid}", (Guid id, Incidents incidents, CancellationToken ct) => incidents.ReadAsync(id, ct).AsFound())
            .WithSummary("An incident you are briefed on, with who is briefed and its requests");
        api.MapPost("/incidents/{id:guid}/briefed", (Guid id, BriefOfficer request, Incidents incidents, CancellationToken ct) => incidents.BriefAsync(id, request, ct).AsOk())
            .WithSummary("Brief an officer into the incident's need-to-know group (the operations centre)");
        api.MapPost("/incidents/{id:guid}/end", (Guid id, Incidents incidents, CancellationToken ct) => incidents.EndAsync(id, ct).AsOk())
            .WithSummary("End the incident: its open requests are withdrawn; deployments run until stood down");
        api.MapPost("/incidents/{id:guid}/requests", (Guid id, PostSurgeRequest request, SurgeRequests requests, CancellationToken ct) => requests.PostAsync(id, request, ct).AsOk())
            .WithSummary("Ask for officers of a capability for a run of days (a regional unit's SIO or coordinator)");
        api.MapPost("/requests/{id:guid}/withdraw", (Guid id, WithdrawSurgeRequest request, SurgeRequests requests, CancellationToken ct) => requests.WithdrawAsync(id, request, ct).AsOk())
            .WithSummary("Withdraw a request, with the reason");
        api.MapGet("/board", (SurgeBoard board, CancellationToken ct) => board.BoardAsync(ct).AsOk())
            .WithSummary("The operations centre's board: open requests with their proposed and decided lines");
        api.MapPost("/board/proposal", (ProposeSurge request, SurgeBoard board, CancellationToken ct) => board.ProposeAsync(request, ct).AsOk())
            .WithSummary("Compute an allocation proposal (CP-SAT): undecided lines are replaced; each request notes what it leaves unmet and why");
        api.MapPost("/board/accept-all", (AcceptAll request, SurgeBoard board, CancellationToken ct) => board.AcceptAllAsync(request, ct).AsOk())
            .WithSummary("Accept every proposed line, all or none");
        api.MapPost("/lines/{id:guid}/decision", (Guid id, DecideLine request, SurgeBoard board, CancellationToken ct) => board.DecideAsync(id, request, ct).AsOk())
            .WithSummary("Accept, change (another number) or reject a proposed line, with a reason; never below a unit's minimum cover");
        api.MapPost("/lines/{id:guid}/arrived", (Guid id, SurgeBoard board, CancellationToken ct) => board.ArriveAsync(id, ct).AsOk())
            .WithSummary("Record that a deployment's officers have arrived");
        api.MapPost("/lines/{id:guid}/stood-down", (Guid id, SurgeBoard board, CancellationToken ct) => board.StandDownAsync(id, ct).AsOk())
            .WithSummary("Stand a deployment down: its officers count at home again from today");
        api.MapPost("/lines/{id:guid}/officers", (Guid id, NameOfficer request, SurgeBoard board, CancellationToken ct) => board.NameAsync(id, request, ct).AsOk())
            .WithSummary("Name an officer of the giving unit as going: the deployment appears in their own view");
        api.MapGet("/my-deployments", async (SurgeBoard board, CancellationToken ct) => TypedResults.Ok(await board.MineAsync(ct)))
            .WithSummary("The deployments you are named on");
        api.MapGet("/units/{code}", async Task<Results<Ok<UnitSurgeView>, NotFound, ValidationProblem>> (string code, string? from, UnitCapacities units, CancellationToken ct) =>
            {
                if (from is { Length: > 0 } && !DateOnly.TryParseExact(from, "yyyy-MM-dd", out _))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["Enter the first day as yyyy-mm-dd"] });
                }
                return await units.ViewAsync(code, from is { Length: > 0 } ? DateOnly.ParseExact(from, "yyyy-MM-dd") : null, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
            })
            .WithSummary("A regional unit's surge view: capacity by capability and day, officers deployed out and in, its requests (its own officers and the operations centre)");
        api.MapPost("/capacity", (SetCapacity request, UnitCapacities units, CancellationToken ct) => units.SetAsync(request, ct).AsOk())
            .WithSummary("Record a unit's officers available and minimum cover of a capability over a run of days (a later entry replaces an earlier one for its days)");
        return app;
    }
}

/// <summary>Demonstration capacity: every regional unit holds each capability for a year around the day the demo was
/// made, with a minimum cover of about two thirds. Investigators (12, keeping 9) and surveillance teams (3, keeping 2)
/// are the same everywhere, so a request for them shows the optimiser drawing on several units.</summary>
public sealed class OperationsDemoSeed : ISeed
{
    public string Name => "operations-demo";
    public IReadOnlyList<string> After => ["network"];

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        if (!demo || await db.Set<UnitCapacity>().AnyAsync(ct))
        {
            return;
        }
        var today = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);
        var regional = Network.NetworkReferenceData.RegionalUnits.Select(u => u.Code).ToList();
        foreach (var unit in await db.Set<Network.Unit>().Where(u => regional.Contains(u.Code)).OrderBy(u => u.Code).ToListAsync(ct))
        {
            foreach (var (capability, index) in OperationsReferenceData.Capabilities.Select((c, i) => (c.Code, i)))
            {
                var (available, minimum) = capability switch
                {
                    "investigators" => (12, 9),
                    "surveillance-teams" => (3, 2),
                    _ => (4 + (unit.Code.Length * 7 + index * 5) % 12, 0),
                };
                db.Add(new UnitCapacity
                {
                    UnitId = unit.Id, Capability = capability, From = today.AddDays(-7), To = today.AddDays(365), Available = available,
                    MinimumCover = minimum > 0 ? minimum : available * 2 / 3, RecordedAt = db.Clock.GetUtcNow(), RecordedBy = "Vigil (demonstration capacity)",
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}

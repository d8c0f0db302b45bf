using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;
using Vigil.Web.Subjects;

namespace Vigil.Web.Retention;

/// <summary>Review, retention and disposal under MoPI: the policy (groups, record types, the national retention
/// assessment criteria), each unit's review queue, reviews that retain or dispose, the two-person rule for SECRET
/// records and the tombstones. Pages under /retention, the API under /api/v1/retention.</summary>
public static class RetentionModule
{
    public static WebApplicationBuilder AddRetention(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddScoped<RetentionWork>()
            .AddScoped<RetentionPolicies>()
            .AddScoped<ISeed, RetentionPolicySeed>()
            .AddScoped<ISeed, RetentionDemoSeed>()
            .AddNavigation("/retention", "Retention", 90, RetentionRoles.ReadsDisposals)
            .AddAuditRecordTypes(("retention-review", "Retention review"), ("disposal", "Disposal (tombstone)"), ("retention-group", "Retention group (policy)"));
        return builder;
    }

    public static IEndpointRouteBuilder MapRetention(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/retention").RequireAuthorization(SecuritySetup.OfficerPolicy).WithTags("Retention");
        api.MapGet("/policy", async (RetentionPolicies policy, CancellationToken ct) => TypedResults.Ok(await policy.ReadAsync(ct)))
            .WithSummary("The retention policy: groups with their review periods, the record types in each, and the national retention assessment criteria");
        api.MapPut("/policy/groups/{code}", (string code, ChangeGroup request, RetentionPolicies policy, CancellationToken ct) => policy.ChangeAsync(code, request, ct).AsOk())
            .WithSummary("Change a group's review periods (an administrator; audited with the old and new figures)");
        api.MapGet("/queue", (string? type, int? page, int? pageSize, RetentionWork work, CancellationToken ct) => work.QueueAsync(type, page, pageSize, ct).AsOk())
            .WithSummary("Your unit's records due for review that you may see, oldest first (a records review officer)");
        api.MapGet("/awaiting", async (RetentionWork work, CancellationToken ct) => TypedResults.Ok(await work.AwaitingAsync(ct)))
            .WithSummary("Disposals of SECRET records in your unit waiting for a second reviewer");
        api.MapGet("/records/{type}/{id:guid}", (string type, Guid id, RetentionWork work, CancellationToken ct) => work.ReadAsync(type, id, ct).AsFound())
            .WithSummary("A record's review: its group and due date, the plan of its disposal across the modules (with anything blocking it) and past reviews");
        api.MapPost("/records/{type}/{id:guid}/reviews", (string type, Guid id, ReviewDecision request, RetentionWork work, CancellationToken ct) => work.DecideAsync(type, id, request, ct).AsOk())
            .WithSummary("Review a record: retain (reason, criteria answered yes, next review) or dispose (every criterion no; a SECRET record waits for a second reviewer)");
        api.MapPost("/reviews/{reviewId:guid}/confirm", (Guid reviewId, RetentionWork work, CancellationToken ct) => work.ConfirmAsync(reviewId, ct).AsOk())
            .WithSummary("Confirm another reviewer's disposal of a SECRET record (the second person)");
        api.MapPost("/reviews/{reviewId:guid}/decline", (Guid reviewId, DeclineDisposal request, RetentionWork work, CancellationToken ct) => work.DeclineAsync(reviewId, request, ct).AsOk())
            .WithSummary("Decline another reviewer's disposal of a SECRET record, with the reason: the record returns to the queue");
        api.MapGet("/disposals", (string? type, int? page, int? pageSize, RetentionWork work, CancellationToken ct) => work.TombstonesAsync(type, page, pageSize, ct).AsOk())
            .WithSummary("Tombstones of disposed records: type, id, date, reviewers, policy (auditors: the network; reviewers: their unit)");
        return app;
    }
}

/// <summary>Demonstration records due for review: four fictional London people last changed eleven years ago, two
/// OFFICIAL (one reviewer disposes of them) and two SECRET (the two-person rule). Names from the broad pool, drawn
/// from their own stream.</summary>
public sealed class RetentionDemoSeed : ISeed
{
    public string Name => "retention-demo";
    public IReadOnlyList<string> After => ["subjects-demo", "retention-policy"];

    public const string Summary = "Fictional record created for the Vigil demonstration (retention review). No real person is described.";

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        if (!demo || await db.Set<Subject>().IgnoreQueryFilters().AnyAsync(s => s.Summary == Summary, ct))
        {
            return;
        }
        var london = await db.Set<Network.Unit>().Where(u => u.Code == "london").Select(u => u.Id).FirstAsync(ct);
        var names = new DemoNames(2026_12_07);
        var dates = new Random(1207);
        var then = db.Clock.GetUtcNow().AddYears(-11).AddDays(-30);
        for (var i = 0; i < 4; i++)
        {
            var faker = names.Next();
            var at = then.AddDays(-dates.Next(200));
            db.Add(new Subject
            {
                GivenName = faker.Name.FirstName(), Surname = faker.Name.LastName(),
                DateOfBirth = new DateOnly(1950 + dates.Next(40), 1 + dates.Next(12), 1 + dates.Next(28)),
                Summary = Summary, Classification = i < 2 ? Classification.Official : Classification.Secret,
                OwningUnitId = london, CreatedAt = at, UpdatedAt = at,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}

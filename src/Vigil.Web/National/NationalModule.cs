using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.National;

/// <summary>The national picture (dashboards for NCTPHQ and the operations centre, under the aggregate rule) and the
/// budget allocation advice. Pages under /national, the API under /api/v1/national.</summary>
public static class NationalModule
{
    public static WebApplicationBuilder AddNational(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddScoped<NationalPicture>()
            .AddScoped<BudgetAdvice>()
            .AddHostedService<SnapshotKeeper>()
            .AddScoped<ISeed, NationalDemoSeed>()
            .AddNavigation("/national", "National picture", 46, NationalPicture.ReadsNetwork)
            .AddAuditRecordTypes(("national-picture", "National picture (aggregate figures)"), ("budget-scenario", "Budget scenario"));
        return builder;
    }

    private static bool ParseMonth(string? text, out DateOnly? month)
    {
        month = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM", out var m))
        {
            month = m;
            return true;
        }
        return false;
    }

    private static readonly Dictionary<string, string[]> BadMonth = new() { ["month"] = ["Enter the month as yyyy-mm"] };

    public static IEndpointRouteBuilder MapNational(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/national").RequireAuthorization(SecuritySetup.OfficerPolicy).WithTags("National picture");
        api.MapGet("/picture", async Task<Results<Ok<PictureDto>, NotFound, ValidationProblem, Refused>> (PictureScope? scope, string? month, NationalPicture picture, CancellationToken ct) =>
                ParseMonth(month, out var m) && ApiValidation.IsNamed(scope) ? await picture.ForAsync(scope, m, ct).AsOk() : TypedResults.ValidationProblem(BadMonth))
            .WithSummary("The national picture: your unit live (scope=Unit), or the network for a finished month (scope=Network, month=yyyy-mm), small numbers suppressed");
        api.MapGet("/budget/scenarios", (BudgetAdvice budget, CancellationToken ct) => budget.ListAsync(ct).AsOk())
            .WithSummary("Budget scenarios, newest first");
        api.MapPost("/budget/scenarios", (SaveScenario request, BudgetAdvice budget, CancellationToken ct) => budget.SaveAsync(request, ct).AsOk())
            .WithSummary("Save a scenario: the total, the weight of each demand indicator, and the finished month whose year of figures it uses");
        api.MapGet("/budget/scenarios/{id:guid}", (Guid id, BudgetAdvice budget, CancellationToken ct) => budget.ReadAsync(id, ct).AsFound())
            .WithSummary("A scenario: each unit's split to the penny, its sensitivity to each weight (10% up and down), and last year's split");
        api.MapGet("/budget/compare", (Guid a, Guid b, BudgetAdvice budget, CancellationToken ct) => budget.CompareAsync(a, b, ct).AsFound())
            .WithSummary("Two scenarios side by side");
        // The exports, for the pages (signed in with the cookie) and the API alike.
        app.MapGet("/national/picture.{format}", async Task<Results<FileContentHttpResult, NotFound, ValidationProblem, Refused>> (string format, PictureScope? scope, string? month,
                NationalPicture picture, CancellationToken ct) =>
                ParseMonth(month, out var m) && ApiValidation.IsNamed(scope)
                    ? (await picture.ExportAsync(format, scope, m, ct)).Answer(f => TypedResults.File(f.Content, f.ContentType, f.FileName))
                    : TypedResults.ValidationProblem(BadMonth))
            .RequireAuthorization(SecuritySetup.OfficerPolicy).ExcludeFromDescription();
        app.MapGet("/national/budget/{id:guid}/scenario.{format}", async (Guid id, string format, BudgetAdvice budget, CancellationToken ct) =>
                (await budget.ExportAsync(id, format, ct)).Answer(f => TypedResults.File(f.Content, f.ContentType, f.FileName)))
            .RequireAuthorization(SecuritySetup.OfficerPolicy).ExcludeFromDescription();
        return app;
    }
}

/// <summary>Demonstration: a fictional adopted split of £633,000,000 for 2026/27 (the grant's size in 2017/18), so that a
/// scenario for 2027/28 has last year beside it. The real split by force is not published.</summary>
public sealed class NationalDemoSeed : ISeed
{
    public string Name => "national-demo";
    public IReadOnlyList<string> After => ["network"];

    private static readonly Dictionary<string, int> PerThousand = new()
    {
        ["london"] = 280, ["north-west"] = 110, ["north-east"] = 100, ["west-midlands"] = 100, ["south-east"] = 90, ["eastern"] = 60, ["east-midlands"] = 50,
        ["south-west"] = 50, ["wales"] = 40, ["scotland"] = 70, ["northern-ireland"] = 50,
    };

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        if (!demo || await db.Set<AdoptedSplit>().AnyAsync(ct))
        {
            return;
        }
        foreach (var unit in await db.Set<Network.Unit>().Where(u => PerThousand.Keys.Contains(u.Code)).ToListAsync(ct))
        {
            db.Add(new AdoptedSplit { FinancialYear = "2026/27", UnitId = unit.Id, Pence = 633_000_000_00L / 1000 * PerThousand[unit.Code] });
        }
        await db.SaveChangesAsync(ct);
    }
}

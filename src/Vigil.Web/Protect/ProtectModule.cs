using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Links;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Protect;

/// <summary>Protect: the register of sites and crowded places with their Martyn's Law tier and evidence, the CTSAs'
/// assessments and recommendations, and the adviser's queue. Pages under /protect, the API under /api/v1/protect.</summary>
public static class ProtectModule
{
    public static WebApplicationBuilder AddProtect(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddScoped<Platform.Statistics.INationalFigures, ProtectFigures>()
            .AddScoped<SiteRegister>()
            .AddScoped<Awareness>()
            .AddScoped<IRecordFinder, SiteFinder>()
            .AddScoped<Platform.Places.INearbySites, SitesNearby>()
            .AddScoped<ISeed, ProtectDemoSeed>()
            .AddNavigation("/protect", "Protect", 38, SiteRegister.Advises)
            .AddSearchType("protect-site", "Protect sites", "a site's name, address or postcode", 45, SiteRegister.Reads)
            .AddAuditRecordTypes(("protect-site", "Protect site or crowded place"), ("awareness-session", "Awareness session delivered"));
        return builder;
    }

    public static IEndpointRouteBuilder MapProtect(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/protect").RequireAuthorization(SecuritySetup.OfficerPolicy).WithTags("Protect");
        api.MapGet("/sites", async Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<Paged<SiteSummary>>, Microsoft.AspNetCore.Http.HttpResults.ValidationProblem>> (
                string? q, MartynsLawTier? tier, int? page, int? pageSize, SiteRegister sites, CancellationToken ct) =>
                ApiValidation.IsNamed(tier) ? TypedResults.Ok(await sites.ListAsync(q, tier, page, pageSize, ct))
                    : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["tier"] = ["Choose NotInScope, Standard or Enhanced"] }))
            .WithSummary("Sites you may see, by name (q: a name or the start of a postcode; tier: NotInScope, Standard, Enhanced)");
        api.MapGet("/sites/{id:guid}", (Guid id, SiteRegister sites, CancellationToken ct) => sites.ReadAsync(id, ct).AsFound())
            .WithSummary("A site with its tier, the evidence missing, its assessments and recommendations");
        api.MapPost("/sites", (SiteRequest request, SiteRegister sites, CancellationToken ct) => sites.CreateAsync(request, ct).AsOk())
            .WithSummary("Record a site (a CTSA): the tier is computed from the kind, the capacity and entry checks");
        api.MapPut("/sites/{id:guid}", (Guid id, SiteRequest request, SiteRegister sites, CancellationToken ct) => sites.UpdateAsync(id, request, ct).AsOk())
            .WithSummary("Change a site's record (a CTSA of its unit; send the version you read)");
        api.MapPost("/sites/{id:guid}/assessments", (Guid id, AssessmentRequest request, SiteRegister sites, CancellationToken ct) => sites.AssessAsync(id, request, ct).AsOk())
            .WithSummary("Record a visit: findings under deter, detect, delay and respond, the next visit, and its recommendations (saved together)");
        api.MapPost("/sites/{id:guid}/recommendations/{number:int}/complete", (Guid id, int number, CompleteRecommendation request, SiteRegister sites, CancellationToken ct) =>
                sites.CompleteAsync(id, number, request, ct).AsOk())
            .WithSummary("Record a recommendation as done, with the evidence");
        api.MapGet("/awareness", async (Awareness awareness, CancellationToken ct) => TypedResults.Ok(await awareness.FiguresAsync(ct)))
            .WithSummary("Awareness sessions delivered: counts by kind and sector for your unit (by unit for the national roles), and the latest sessions");
        api.MapPost("/awareness", (RecordAwareness request, Awareness awareness, CancellationToken ct) => awareness.RecordAsync(request, ct).AsOk())
            .WithSummary("Record an ACT Awareness, SCaN or Run Hide Tell session (a CTSA)");
        api.MapGet("/queue", async (SiteRegister sites, CancellationToken ct) => TypedResults.Ok(await sites.QueueAsync(ct)))
            .WithSummary("Your sites whose visit is due within 30 days, and your sites' overdue recommendations");
        return app;
    }
}

/// <summary>The register's sites in a postcode district, read as the system (for ACT's processing and triage).</summary>
public sealed class SitesNearby(VigilDb db) : Platform.Places.INearbySites
{
    public async Task<IReadOnlyList<Platform.Places.NearbySite>> InDistrictAsync(string postcode, int most, CancellationToken ct)
    {
        if (postcode.Length == 0)
        {
            return [];
        }
        var district = Platform.Places.Postcodes.District(postcode);
        var sites = await db.Set<ProtectSite>().IgnoreQueryFilters().AsNoTracking().Where(s => s.District == district).OrderBy(s => s.Name).Take(most).ToListAsync(ct);
        // An adviser is told in person only while they are still an officer of the site's unit; otherwise the unit is.
        var advisers = sites.Where(s => s.AdviserId is not null).Select(s => s.AdviserId!.Value).Distinct().ToList();
        var stillThere = advisers.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => advisers.Contains(u.Id) && u.UnitId != null)
            .Select(u => new { u.Id, UnitId = u.UnitId!.Value }).ToListAsync(ct);
        return [.. sites.Select(s => new Platform.Places.NearbySite(s.Id, s.Name, s.Postcode, s.Tier == MartynsLawTier.Enhanced, s.OwningUnitId,
            stillThere.Any(u => u.Id == s.AdviserId && u.UnitId == s.OwningUnitId) ? s.AdviserId : null))];
    }
}

public sealed class SiteFinder(VigilDb db) : IRecordFinder
{
    public string Type => "protect-site";

    private static RecordRef Ref(Guid id, string name) => new("protect-site", id, name, $"/protect/sites/{id}");

    public async Task<RecordRef?> FindAsync(Guid id, CancellationToken ct) =>
        await db.FindVisibleAsync<ProtectSite>(id, "protect-site", track: false, ct) is { } found ? Ref(found.Id, found.Name) : null;

    public async Task<IReadOnlyList<RecordRef>> VisibleAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        [.. (await db.Set<ProtectSite>().AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => Ref(s.Id, s.Name))];

    public async Task<RecordRef?> FindByNameAsync(string name, CancellationToken ct)
    {
        var wanted = name.Trim();
        var found = await db.Set<ProtectSite>().AsNoTracking().Where(s => s.Name == wanted).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            await db.RecordMissAsync<ProtectSite>(s => s.Name == wanted, "protect-site", null, detail: wanted, ct: ct);
            return null;
        }
        return Ref(found.Id, found.Name);
    }
}

/// <summary>Demonstration sites: the Wales and London CTSAs each advise sites of every tier, with assessments and
/// recommendations open, in progress, done, not accepted and overdue. Every name is fictional.</summary>
public sealed class ProtectDemoSeed : ISeed
{
    public string Name => "protect-demo";
    public IReadOnlyList<string> After => ["network", "demo-accounts"];

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        if (!demo || await db.Set<ProtectSite>().IgnoreQueryFilters().AnyAsync(ct))
        {
            return;
        }
        var today = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);
        var units = await db.Set<Network.Unit>().ToDictionaryAsync(u => u.Code, u => u.Id, ct);
        var advisers = await db.Users.Where(u => u.IsDemo && (u.Email == "ctsa.wales@vigil.example" || u.Email == "ctsa.london@vigil.example"))
            .ToDictionaryAsync(u => u.Email!, u => (u.Id, u.DisplayName), ct);
        (string Email, string Unit, string Name, string Address, string Postcode, string Sector, SiteKind Kind, int Capacity, bool Checks)[] sites =
        [
            ("ctsa.wales@vigil.example", "wales", "Fictional Bay Arena", "1 Quayside Walk, Cardiff", "CF10 4PA", "stadia-arenas", SiteKind.Premises, 7500, true),
            ("ctsa.wales@vigil.example", "wales", "Fictional Castle Street Cinema", "12 Castle Street, Swansea", "SA1 1JF", "cinemas-theatres", SiteKind.Premises, 450, false),
            ("ctsa.wales@vigil.example", "wales", "Fictional Valleys Food Festival", "Riverside Park, Newport", "NP20 1AA", "major-events", SiteKind.Event, 3000, true),
            ("ctsa.wales@vigil.example", "wales", "Fictional Hill Chapel", "3 Chapel Row, Llandrindod Wells", "LD1 5AB", "places-of-worship", SiteKind.Premises, 120, false),
            ("ctsa.london@vigil.example", "london", "Fictional Riverside Concert Hall", "20 Embankment Place, London", "SE1 8XX", "cinemas-theatres", SiteKind.Premises, 2400, true),
            ("ctsa.london@vigil.example", "london", "Fictional Market Arcade", "5 Arcade Lane, London", "E1 6AN", "retail", SiteKind.Premises, 650, false),
        ];
        foreach (var (index, s) in sites.Index())
        {
            var (adviserId, adviser) = advisers.TryGetValue(s.Email, out var a) ? (a.Id, a.DisplayName) : ((Guid?)null, "");
            var site = new ProtectSite
            {
                Name = s.Name, Address = s.Address, Postcode = s.Postcode, Sector = s.Sector, Kind = s.Kind, Capacity = s.Capacity, EntryChecks = s.Checks,
                OwnerName = "Fictional Venues Ltd", ResponsiblePerson = "Fictional Site Manager", ResponsibleContact = "manager@venue.example",
                OwningUnitId = units[s.Unit], AdviserId = adviserId, Adviser = adviser,
                SiaNotifiedOn = index % 2 == 0 ? today.AddDays(-60) : null,
                DesignatedSeniorIndividual = index == 0 ? "Fictional Director of Safety" : "",
                SecurityDocumentVersion = index == 0 ? "v3" : "", SecurityDocumentDate = index == 0 ? today.AddDays(-90) : null,
            };
            if (index % 3 != 2)
            {
                var visited = today.AddDays(-120 + index * 10);
                site.Assessments.Add(new()
                {
                    Number = 1, VisitedOn = visited, Adviser = adviser, Deter = "Visible security at the main entrance; no signage at the service yard.",
                    Detect = "CCTV covers the entrances but not the queue area.", Delay = "Hostile vehicle mitigation on one approach only.",
                    Respond = "Staff know Run Hide Tell; no lockdown drill in the last year.", NextVisitDue = index % 2 == 0 ? today.AddDays(10) : today.AddDays(200),
                });
                site.Recommendations.AddRange(
                [
                    new() { Number = 1, AssessmentNumber = 1, Text = "Extend CCTV to cover the queue area", Priority = RecommendationPriority.High, OwnerAtSite = "Head of security", DueOn = visited.AddDays(60), Status = RecommendationStatus.Open },
                    new() { Number = 2, AssessmentNumber = 1, Text = "Run a lockdown drill with all staff", Priority = RecommendationPriority.Medium, OwnerAtSite = "Operations manager", DueOn = today.AddDays(30), Status = RecommendationStatus.InProgress },
                    new() { Number = 3, AssessmentNumber = 1, Text = "Sign the service yard as private with no entry", Priority = RecommendationPriority.Low, OwnerAtSite = "Facilities manager", DueOn = visited.AddDays(30), Status = RecommendationStatus.Done, Evidence = "Photographs of the new signs", CompletedOn = visited.AddDays(20), CompletedBy = adviser },
                    new() { Number = 4, AssessmentNumber = 1, Text = "Add bollards on the second approach", Priority = RecommendationPriority.Medium, OwnerAtSite = "Estates director", DueOn = visited.AddDays(90), Status = RecommendationStatus.NotAccepted },
                ]);
            }
            db.Add(site);
            foreach (var (kind, days, attendees) in new[] { (AwarenessKind.ActAwareness, 20, 35), (AwarenessKind.RunHideTell, 45, 120), (AwarenessKind.Scan, 80, 18) })
            {
                db.Add(new AwarenessSession
                {
                    UnitId = site.OwningUnitId, Kind = kind, On = today.AddDays(-days - index), SiteId = site.Id, Site = site.Name, Sector = site.Sector,
                    Attendees = attendees + index * 5, DeliveredBy = adviser,
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}

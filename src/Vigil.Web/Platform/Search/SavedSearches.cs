using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Inbox;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Search;

/// <summary>A search a user keeps, to be told (in their inbox, to them alone) when a new record they may see matches it.</summary>
public sealed class SavedSearch
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    public required string Query { get; set; }
    public string? Type { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The newest search entry looked at: a record that arrives after it is new to this search.</summary>
    public long SeenUpTo { get; set; }
    public DateTimeOffset? LastToldAt { get; set; }
}

internal sealed class SavedSearchConfiguration : IEntityTypeConfiguration<SavedSearch>
{
    public void Configure(EntityTypeBuilder<SavedSearch> b)
    {
        b.ToTable("SavedSearches");
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.Query).HasMaxLength(SearchTerms.MaxLength);
        b.Property(s => s.Type).HasMaxLength(64);
        b.HasIndex(s => s.UserId);
    }
}

public sealed record SaveSearch(
    [property: Required(ErrorMessage = "Give the search a name"), StringLength(100, ErrorMessage = "The name must be 100 characters or fewer")] string? Name,
    string? Q, string? Type = null);

public sealed record SavedSearchDto(Guid Id, string Name, string Query, string? Type, DateTimeOffset CreatedAt, DateTimeOffset? LastToldAt);

/// <summary>
/// Saved searches: a user's own (nobody else reads or deletes them), and the check that tells each owner of new
/// records they may see that match: run as the owner (their roles, groups and clearance as they are now), through
/// the same index query and access decision as their own searches, audited as a search, told by a notice to them
/// alone that names the search and how many, never what (they open the search to see).
/// </summary>
public sealed class SavedSearches(VigilDb db, AccessContext access, UnitInbox inbox, IServiceScopeFactory scopes, VigilOptions options,
    IEnumerable<Ui.SearchSection> sections)
{
    public const int PerUser = 50;

    public async Task<WorkResult<SavedSearchDto>> SaveAsync(SaveSearch request, CancellationToken ct)
    {
        if (access.UserId is not { } user || access.UnitId is null || access.PartnerAgencyId is not null)
        {
            return WorkResult<SavedSearchDto>.Forbidden("Only an officer of a unit may save searches.");
        }
        var errors = ApiValidation.Validate(request);
        var (terms, problem) = SearchTerms.Read(request.Q);
        if (terms is null)
        {
            ApiValidation.Add(errors, "q", problem!);
        }
        var served = Ui.SearchContributions.For(sections, access);
        if (!string.IsNullOrWhiteSpace(request.Type) && served.All(s => s.Key != request.Type.Trim()))
        {
            ApiValidation.Add(errors, "type", $"Choose one of: {string.Join(", ", served.Select(s => s.Key))}");
        }
        if (await db.Set<SavedSearch>().CountAsync(s => s.UserId == user, ct) >= PerUser)
        {
            ApiValidation.Add(errors, "Name", $"You can keep up to {PerUser} saved searches: delete one first");
        }
        if (errors.Count > 0)
        {
            return WorkResult<SavedSearchDto>.Invalid(errors);
        }
        var saved = new SavedSearch
        {
            UserId = user, Name = request.Name!.Trim(), Query = request.Q!.Trim(), Type = string.IsNullOrWhiteSpace(request.Type) ? null : request.Type.Trim(),
            CreatedAt = db.Clock.GetUtcNow(), SeenUpTo = await db.Set<SearchEntry>().MaxAsync(e => (long?)e.Id, ct) ?? 0,
        };
        db.Add(saved);
        db.Audit(AuditActions.Create, AuditOutcomes.Success, "saved-search", saved.Id.ToString(), detail: $"\"{saved.Query}\" as \"{saved.Name}\"");
        await db.SaveChangesAsync(ct);
        return WorkResult<SavedSearchDto>.Ok(Dto(saved));
    }

    public async Task<IReadOnlyList<SavedSearchDto>> MineAsync(CancellationToken ct) =>
        [.. (await db.Set<SavedSearch>().AsNoTracking().Where(s => s.UserId == access.UserId).OrderBy(s => s.Name).ToListAsync(ct)).Select(Dto)];

    public async Task<WorkResult<SavedSearchDto>> DeleteAsync(Guid id, CancellationToken ct)
    {
        var saved = await db.Set<SavedSearch>().FirstOrDefaultAsync(s => s.Id == id && s.UserId == access.UserId, ct);
        if (saved is null)
        {
            return WorkResult<SavedSearchDto>.Missing();
        }
        db.Remove(saved);
        db.Audit(AuditActions.Delete, AuditOutcomes.Success, "saved-search", id.ToString());
        await db.SaveChangesAsync(ct);
        return WorkResult<SavedSearchDto>.Ok(Dto(saved));
    }

    private static SavedSearchDto Dto(SavedSearch s) => new(s.Id, s.Name, s.Query, s.Type, s.CreatedAt, s.LastToldAt);

    /// <summary>Checks every saved search once (each in a scope of its own, as its owner); how many notices were sent.</summary>
    public async Task<int> TellOwnersAsync(CancellationToken ct)
    {
        var all = await db.Set<SavedSearch>().AsNoTracking().OrderBy(s => s.UserId).Select(s => new { s.Id, s.UserId }).ToListAsync(ct);
        var told = 0;
        foreach (var search in all)
        {
            await using var scope = scopes.CreateAsyncScope();
            var owner = scope.ServiceProvider.GetRequiredService<AccessContext>();
            var ownerDb = scope.ServiceProvider.GetRequiredService<VigilDb>();
            if (await SignInAsync(ownerDb, owner, search.UserId, ct))
            {
                told += await scope.ServiceProvider.GetRequiredService<SavedSearches>().TellAsync(search.Id, ct) ? 1 : 0;
            }
        }
        return told;
    }

    // The owner as they are now: a disabled, locked or (outside demo mode) demo account is told nothing.
    private async Task<bool> SignInAsync(VigilDb ownerDb, AccessContext owner, Guid userId, CancellationToken ct)
    {
        var user = await ownerDb.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || user.IsDisabled || (user.IsDemo && !options.DemoMode) || user.LockoutEnd > ownerDb.Clock.GetUtcNow() || user.UnitId is null)
        {
            return false;
        }
        var roles = await ownerDb.UserRoles.Where(r => r.UserId == userId).Join(ownerDb.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync(ct);
        var groups = await ownerDb.GroupMemberships.Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(ct);
        owner.SignedIn(user.Id, user.UserName!, user.DisplayName, user.UnitId, null, user.PartnerAgencyId, user.Clearance, roles, groups);
        return true;
    }

    // As the owner: the records that arrived since the search last looked and match it, among those they may see.
    private async Task<bool> TellAsync(Guid id, CancellationToken ct)
    {
        var saved = await db.Set<SavedSearch>().FirstAsync(s => s.Id == id, ct);
        var (terms, _) = SearchTerms.Read(saved.Query);
        var newest = await db.Set<SearchEntry>().MaxAsync(e => (long?)e.Id, ct) ?? 0;
        if (terms is null || newest <= saved.SeenUpTo)
        {
            return false;
        }
        var labels = await AccessPolicy.ReadableLabels(db).ToListAsync(ct);
        var found = (await SearchEngine.For(db).NewerAsync(db, terms, labels, saved.SeenUpTo, 100, ct)).Where(r => saved.Type is null || r.RecordType == saved.Type).ToList();
        saved.SeenUpTo = newest;
        if (found.Count > 0)
        {
            saved.LastToldAt = db.Clock.GetUtcNow();
            inbox.SendTo(access.UserId!.Value, access.UnitId!.Value, $"New records match your saved search \u201c{saved.Name}\u201d",
                $"{(found.Count >= 100 ? "100 or more" : found.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} new {(found.Count == 1 ? "record" : "records")} you may see match \u201c{saved.Query}\u201d. Open the search to see them.",
                "saved-search", saved.Id.ToString());
            db.Audit(AuditActions.Search, AuditOutcomes.Success, "search", null,
                detail: $"saved search \"{saved.Name}\": \"{saved.Query}\" checked for its owner; {found.Count} new: {string.Join(",", found.Select(r => r.RecordType + ":" + r.RecordId))}");
        }
        await db.SaveChangesAsync(ct);
        return found.Count > 0;
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/search/saved").RequireAuthorization(SecuritySetup.OfficerPolicy).WithTags("Search");
        api.MapGet("/", async (SavedSearches saved, CancellationToken ct) => TypedResults.Ok(await saved.MineAsync(ct)))
            .WithSummary("Your saved searches");
        api.MapPost("/", (SaveSearch request, SavedSearches saved, CancellationToken ct) => saved.SaveAsync(request, ct).AsCreated(s => $"/api/v1/search/saved/{s.Id}"))
            .WithSummary("Save a search: your inbox tells you when a new record you may see matches it");
        api.MapDelete("/{id:guid}", (Guid id, SavedSearches saved, CancellationToken ct) => saved.DeleteAsync(id, ct).AsNoContent())
            .WithSummary("Delete one of your saved searches");
    }
}

/// <summary>Checks the saved searches every so often (<c>Vigil:Search:SavedSearchSeconds</c>, 60 by default; 0 turns it off).</summary>
public sealed class SavedSearchWatcher(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<SavedSearchWatcher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue<int?>("Vigil:Search:SavedSearchSeconds") ?? 60;
        if (seconds <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem("system:saved-searches");
                await scope.ServiceProvider.GetRequiredService<SavedSearches>().TellOwnersAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; a saved search is only ever late, never lost.
                log.LogWarning(e, "Saved searches could not be checked this time");
            }
        }
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Platform.Security;

public enum GrantStatus { Pending, Approved, Rejected, Withdrawn }

/// <summary>
/// A clearance above OFFICIAL, or the Administrator role, that one administrator has asked for an account.
/// It takes effect only when a second administrator, cleared at least as high and neither the one who
/// asked nor the account's holder, approves it: the two-person rule. Until then the account keeps what it
/// had. (The role waits too: otherwise one administrator could make a second and be both people.)
/// </summary>
public sealed class ClearanceGrant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    /// <summary>The clearance asked for; for a role request, the account's clearance (so the approver must
    /// be cleared as high as the account they make an administrator).</summary>
    public Classification Requested { get; set; }
    /// <summary>Set when the request is for this role (Administrator) rather than for a clearance.</summary>
    public string? Role { get; set; }
    public Classification Previous { get; set; }
    public Guid RequestedById { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public GrantStatus Status { get; set; }
    public Guid? DecidedById { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? Note { get; set; }

    /// <summary>Why this administrator may not decide this grant, or null when they may.</summary>
    public string? WhyNotDecide(AccessContext approver) =>
        Status != GrantStatus.Pending ? "This request has already been decided"
        : approver.UserId == RequestedById ? $"A second administrator must decide: you asked for this {What}"
        : approver.UserId == UserId ? $"You cannot decide a {What} for your own account"
        : approver.Clearance < Requested ? $"Only an administrator cleared to {ClassificationText.Display(Requested)} or above can approve it"
        : null;

    /// <summary>"clearance" or "role", as the messages say it.</summary>
    public string What => Role is null ? "clearance" : "role";

    /// <summary>What was asked for, in words: "SECRET" or "the Administrator role".</summary>
    public string Asked => Role is null ? ClassificationText.Display(Requested) : $"the {Roles.Display(Role)} role";
}

internal sealed class ClearanceGrantConfiguration : IEntityTypeConfiguration<ClearanceGrant>
{
    public void Configure(EntityTypeBuilder<ClearanceGrant> b)
    {
        b.ToTable("ClearanceGrants");
        b.Property(g => g.RequestedBy).HasMaxLength(256);
        b.Property(g => g.DecidedBy).HasMaxLength(256);
        b.Property(g => g.Note).HasMaxLength(1000);
        b.Property(g => g.Role).HasMaxLength(64);
        b.Property(g => g.Status).HasConversion<string>().HasMaxLength(16);
        b.HasOne<VigilUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(g => new { g.Status, g.RequestedAt });
        b.HasIndex(g => g.UserId);
    }
}

public sealed record ClearanceGrantDto(Guid Id, Guid UserId, string UserEmail, string UserName, Classification Previous, Classification Requested, string? Role,
    string RequestedBy, DateTimeOffset RequestedAt, GrantStatus Status, string? DecidedBy, DateTimeOffset? DecidedAt, string? Note, string? WhyNotDecide,
    bool HolderSetUp);

public sealed record GrantDecision
{
    [StringLength(1000, ErrorMessage = "The note must be 1000 characters or fewer")]
    public string? Note { get; init; }
}

/// <summary>The pending clearances and their decisions (the second administrator's part).</summary>
public sealed class ClearanceGrants(VigilDb db, AccessContext access)
{
    public const string NotSetUp = "Its holder has not set up the account yet: approve once they have chosen their password with the set-up link";

    /// <summary>Asks for a clearance above OFFICIAL on an account; any earlier pending request for it is
    /// withdrawn. Added to the caller's unit of work (saved with the account change).</summary>
    internal ClearanceGrant Ask(VigilUser user, Classification requested, string? role = null)
    {
        var grant = new ClearanceGrant
        {
            UserId = user.Id, Requested = requested, Previous = user.Clearance, Role = role, RequestedById = access.UserId!.Value,
            RequestedBy = access.UserName ?? "", RequestedAt = db.Clock.GetUtcNow(), Status = GrantStatus.Pending,
        };
        db.Add(grant);
        db.Audit(role is null ? AuditActions.ClearanceRequested : AuditActions.RoleRequested, AuditOutcomes.Success, "user", user.Id.ToString(),
            detail: role is null
                ? $"{user.Email}: {ClassificationText.Display(user.Clearance)} to {ClassificationText.Display(requested)}; waits for a second administrator"
                : $"{user.Email}: {grant.Asked}; waits for a second administrator");
        return grant;
    }

    /// <summary>Withdraws the account's pending requests of one kind (clearance, or a role): a new one
    /// replaces them, or the change no longer needs one.</summary>
    internal async Task WithdrawPendingAsync(Guid userId, string why, CancellationToken ct, string? role = null)
    {
        foreach (var pending in await PendingFor(userId).Where(g => g.Role == role).ToListAsync(ct))
        {
            pending.Status = GrantStatus.Withdrawn;
            pending.DecidedAt = db.Clock.GetUtcNow();
            pending.DecidedBy = access.UserName;
            pending.DecidedById = access.UserId;
            pending.Note = why;
            db.Audit(AuditActions.ClearanceWithdrawn, AuditOutcomes.Success, "clearance-grant", pending.Id.ToString(), detail: why);
        }
    }

    public async Task<Paged<ClearanceGrantDto>> ListAsync(GrantStatus? status, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalise(page, pageSize);
        var query = db.Set<ClearanceGrant>().AsNoTracking().Where(g => status == null || g.Status == status);
        var total = await query.CountAsync(ct);
        var grants = await query.OrderByDescending(g => g.RequestedAt).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var users = await UsersAsync(grants.Select(g => g.UserId), ct);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "clearance-grant", null, detail: $"status {status?.ToString() ?? "any"}; page {p}; {grants.Count} of {total}");
        await db.SaveChangesAsync(ct);
        return new Paged<ClearanceGrantDto>(grants.Select(g => ToDto(g, users)).ToList(), p, size, total);
    }

    /// <summary>The account's requests still waiting for a decision (a clearance has Role null).</summary>
    internal IQueryable<ClearanceGrant> PendingFor(Guid userId) =>
        db.Set<ClearanceGrant>().Where(g => g.UserId == userId && g.Status == GrantStatus.Pending);

    public Task<int> PendingCountAsync(CancellationToken ct) => db.Set<ClearanceGrant>().CountAsync(g => g.Status == GrantStatus.Pending, ct);

    public Task<WorkResult<ClearanceGrantDto>> ApproveAsync(Guid id, GrantDecision decision, CancellationToken ct) => DecideAsync(id, decision, approve: true, ct);

    public Task<WorkResult<ClearanceGrantDto>> RejectAsync(Guid id, GrantDecision decision, CancellationToken ct) => DecideAsync(id, decision, approve: false, ct);

    private async Task<WorkResult<ClearanceGrantDto>> DecideAsync(Guid id, GrantDecision decision, bool approve, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(decision);
        if (!approve && string.IsNullOrWhiteSpace(decision.Note))
        {
            ApiValidation.Add(errors, nameof(GrantDecision.Note), "Say why the clearance is refused");
        }
        if (errors.Count > 0)
        {
            return WorkResult<ClearanceGrantDto>.Invalid(errors);
        }
        var grant = await db.Set<ClearanceGrant>().FirstOrDefaultAsync(g => g.Id == id, ct);
        if (grant is null)
        {
            return WorkResult<ClearanceGrantDto>.Missing();
        }
        if (grant.WhyNotDecide(access) is { } why)
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "clearance-grant", id.ToString(), detail: why);
            await db.SaveChangesAsync(ct);
            return grant.Status == GrantStatus.Pending ? WorkResult<ClearanceGrantDto>.Forbidden(why) : WorkResult<ClearanceGrantDto>.Conflict(why);
        }
        var user = await db.Users.FirstAsync(u => u.Id == grant.UserId, ct);
        if (approve && user.PasswordHash is null)
        {
            // A link, not a password, is all the account has: whoever holds it could still take the account.
            return WorkResult<ClearanceGrantDto>.Conflict(NotSetUp);
        }
        // Claimed by a conditional update, so that an approval and a refusal (or two approvals) sent at the
        // same moment cannot both take effect: the second finds the request decided.
        await using var transaction = await db.BeginWriteAsync(ct);
        var status = approve ? GrantStatus.Approved : GrantStatus.Rejected;
        if (await db.Set<ClearanceGrant>().Where(g => g.Id == id && g.Status == GrantStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(g => g.Status, status), ct) == 0)
        {
            return WorkResult<ClearanceGrantDto>.Conflict("This request has already been decided");
        }
        grant.Status = status;
        grant.DecidedById = access.UserId;
        grant.DecidedBy = access.UserName;
        grant.DecidedAt = db.Clock.GetUtcNow();
        grant.Note = decision.Note?.Trim();
        if (approve && grant.Role is { } role)
        {
            if (await db.Roles.Where(r => r.Name == role).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct) is { } roleId
                && !await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == roleId, ct))
            {
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleId });
            }
        }
        else if (approve)
        {
            user.Clearance = grant.Requested;
        }
        var asked = grant.Role is null ? $"{ClassificationText.Display(grant.Previous)} to {ClassificationText.Display(grant.Requested)}" : grant.Asked;
        db.Audit(grant.Role is null ? (approve ? AuditActions.ClearanceApproved : AuditActions.ClearanceRejected) : (approve ? AuditActions.RoleApproved : AuditActions.RoleRejected), AuditOutcomes.Success, "user", user.Id.ToString(),
            detail: $"{user.Email}: {asked} asked by {grant.RequestedBy}; {(approve ? "approved" : "refused")}{(grant.Note is { Length: > 0 } note ? ": " + note : "")}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return WorkResult<ClearanceGrantDto>.Ok(ToDto(grant, await UsersAsync([grant.UserId], ct)));
    }

    private async Task<Dictionary<Guid, (string Email, string Name, bool SetUp)>> UsersAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => list.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => (u.Email ?? "", u.DisplayName, u.PasswordHash != null), ct);
    }

    private ClearanceGrantDto ToDto(ClearanceGrant g, Dictionary<Guid, (string Email, string Name, bool SetUp)> users)
    {
        var (email, name, setUp) = users.GetValueOrDefault(g.UserId, ("", "(deleted)", false));
        return new ClearanceGrantDto(g.Id, g.UserId, email, name, g.Previous, g.Requested, g.Role, g.RequestedBy, g.RequestedAt, g.Status, g.DecidedBy, g.DecidedAt, g.Note, g.WhyNotDecide(access), setUp);
    }

    public static IEndpointRouteBuilder MapApi(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/clearance-grants", async (GrantStatus? status, int? page, int? pageSize, ClearanceGrants grants, CancellationToken ct) =>
            TypedResults.Ok(await grants.ListAsync(status, page, pageSize, ct)))
            .WithSummary("Clearance and role requests, waiting or decided");
        admin.MapPost("/clearance-grants/{id:guid}/approve", (Guid id, GrantDecision decision, ClearanceGrants grants, CancellationToken ct) =>
            grants.ApproveAsync(id, decision, ct).AsOk())
            .WithSummary("Approve a request as the second administrator");
        admin.MapPost("/clearance-grants/{id:guid}/reject", (Guid id, GrantDecision decision, ClearanceGrants grants, CancellationToken ct) =>
            grants.RejectAsync(id, decision, ct).AsOk())
            .WithSummary("Refuse a request, with a note");
        return admin;
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Inbox;

/// <summary>A message about a record, e.g. "someone checked a person who matches your record". It carries
/// the label of the record it is about, so it reaches exactly those who may see that record: its
/// need-to-know group, or the officers of its unit cleared for it (the access filter decides, as for any
/// protected record). A partner agency's member never sees an inbox: it is police business.</summary>
public sealed class InboxItem : IProtectedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset CreatedAt { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public string? RecordType { get; set; }
    public string? RecordId { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    /// <summary>A notice for one officer only (a saved search's), besides the label's rule.</summary>
    public Guid? ForUserId { get; set; }
    public string? ReadBy { get; set; }

    public Classification Classification { get; set; }
    public bool OfficialSensitive { get; set; }
    /// <summary>The unit the message is for (the owning unit of the record it is about).</summary>
    public Guid OwningUnitId { get; set; }
    public List<RecordGroup> NeedToKnow { get; set; } = [];
    public Guid AccessLabelId { get; set; }
}

internal sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> b)
    {
        b.Property(i => i.Subject).HasMaxLength(UnitInbox.MostSubject);
        b.Property(i => i.Body).HasMaxLength(UnitInbox.MostBody);
        b.Property(i => i.RecordType).HasMaxLength(64);
        b.Property(i => i.RecordId).HasMaxLength(128);
        b.Property(i => i.ReadBy).HasMaxLength(256);
        b.HasIndex(i => new { i.OwningUnitId, i.CreatedAt });
        b.HasIndex(i => i.ForUserId);
        // The messages about one record, found by a disposal's plan and removal without reading the whole inbox.
        b.HasIndex(i => new { i.RecordType, i.RecordId });
    }
}

public sealed record InboxItemDto(Guid Id, DateTimeOffset CreatedAt, string Subject, string Body, string? RecordType, string? RecordId, DateTimeOffset? ReadAt, string? ReadBy);

/// <summary>The inbox: what other officers' checks and requests tell the holders of a record.</summary>
public sealed class UnitInbox(VigilDb db, AccessContext access)
{
    /// <summary>A message to whoever may see a record with this label.</summary>
    public void Send(ProtectiveLabel about, string subject, string body, string? recordType = null, string? recordId = null) =>
        db.Add(new InboxItem
        {
            CreatedAt = db.Clock.GetUtcNow(), Subject = Fit(subject, MostSubject), Body = Fit(body, MostBody), RecordType = recordType, RecordId = recordId,
            Classification = about.Classification, OfficialSensitive = about.OfficialSensitive, OwningUnitId = about.OwningUnitId,
            NeedToKnow = about.Groups.Select(g => new RecordGroup { GroupId = g }).ToList(),
        });

    /// <summary>A notice for one officer alone (their saved search found something), labelled OFFICIAL for their unit
    /// and saying nothing of the records themselves.</summary>
    public void SendTo(Guid userId, Guid unitId, string subject, string body, string? recordType = null, string? recordId = null) =>
        db.Add(new InboxItem
        {
            CreatedAt = db.Clock.GetUtcNow(), Subject = Fit(subject, MostSubject), Body = Fit(body, MostBody), RecordType = recordType, RecordId = recordId,
            Classification = Classification.Official, OwningUnitId = unitId, ForUserId = userId,
        });

    public const int MostSubject = 200;
    public const int MostBody = 2000;

    /// <summary>A notice's text cut to its column, with an ellipsis: a long name in a notice never fails the save that
    /// sends it (PostgreSQL refuses a value longer than its column; the work saved with it would be lost).</summary>
    public static string Fit(string text, int most) => text.Length <= most ? text : text[..(most - 3)] + "...";

    // Through the access filter, for officers of a unit only, and a personal notice for its officer only.
    private IQueryable<InboxItem> Mine => db.Set<InboxItem>().Where(i => access.UnitId != null && access.PartnerAgencyId == null && (i.ForUserId == null || i.ForUserId == access.UserId));

    public async Task<Paged<InboxItemDto>> ListAsync(int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalise(page, pageSize);
        var query = Mine.AsNoTracking();
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(i => i.CreatedAt).Skip((p - 1) * size).Take(size)
            .Select(i => new InboxItemDto(i.Id, i.CreatedAt, i.Subject, i.Body, i.RecordType, i.RecordId, i.ReadAt, i.ReadBy)).ToListAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "inbox", access.UnitId?.ToString(), detail: $"page {p}; {items.Count} of {total}");
        await db.SaveChangesAsync(ct);
        return new Paged<InboxItemDto>(items, p, size, total);
    }

    public async Task<bool> MarkReadAsync(Guid id, CancellationToken ct)
    {
        var item = await Mine.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            await db.RecordMissAsync<InboxItem>(i => i.Id == id, "inbox-item", id.ToString(), ct: ct);
            return false;
        }
        item.ReadAt ??= db.Clock.GetUtcNow();
        item.ReadBy ??= access.UserName;
        db.Audit(AuditActions.Update, AuditOutcomes.Success, "inbox-item", id.ToString(), detail: "marked read");
        await db.SaveChangesAsync(ct);
        return true;
    }

    public Task<int> UnreadCountAsync(CancellationToken ct) => Mine.CountAsync(i => i.ReadAt == null, ct);
}

public static class InboxModule
{
    public static IEndpointRouteBuilder MapInboxApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/inbox").RequireAuthorization(SecuritySetup.ApiPolicy).WithTags("Inbox");
        api.MapGet("/", async (int? page, int? pageSize, UnitInbox inbox, CancellationToken ct) => TypedResults.Ok(await inbox.ListAsync(page, pageSize, ct)))
            .WithSummary("Your unit's inbox: notices about its records (a deconfliction check that matched them)");
        api.MapPost("/{id:guid}/read", async Task<Results<NoContent, NotFound>> (Guid id, UnitInbox inbox, CancellationToken ct) =>
            await inbox.MarkReadAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Mark a notice as read");
        return app;
    }
}

/// <summary>The inbox's part in every disposal: the messages about the record go with it (they can quote what it held).</summary>
public sealed class InboxDisposal(VigilDb db) : Retention.IDisposalPart
{
    public bool TakesPart(string recordType) => true;

    public async Task<IReadOnlyList<Retention.DisposalStep>> PlanAsync(string recordType, Guid id, CancellationToken ct)
    {
        // Counted through the reviewer's filter, as every count in a plan is (the others go all the same).
        var messages = await About(db.Set<InboxItem>(), recordType, id).CountAsync(ct);
        return messages == 0 ? [] : [new("Inbox", $"{Retention.DisposalParts.Count(messages, "inbox message")} about it removed", false)];
    }

    public async Task RemoveAsync(string recordType, Guid id, CancellationToken ct) =>
        db.RemoveRange(await About(db.Set<InboxItem>().IgnoreQueryFilters(), recordType, id).ToListAsync(ct));

    private static IQueryable<InboxItem> About(IQueryable<InboxItem> items, string recordType, Guid id)
    {
        var text = id.ToString();
        return items.Where(i => i.RecordType == recordType && i.RecordId == text);
    }
}

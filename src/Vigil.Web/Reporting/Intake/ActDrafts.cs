using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Reporting;

/// <summary>The public form's answers as typed, page by page (strings, so a page shows back exactly what was typed).</summary>
public sealed class ActAnswers
{
    public string? HappeningNow { get; set; }
    public string? Behaviour { get; set; }
    public string? BehaviourOther { get; set; }
    public string? WhatHappened { get; set; }
    public DateParts? SeenOn { get; set; }
    public string? SeenAt { get; set; }
    public string? Where { get; set; }
    public string? Postcode { get; set; }
    public string? Address { get; set; }
    public string? PlaceDescription { get; set; }
    public string? OnlineLink { get; set; }
    public string? Person1Name { get; set; }
    public string? Person1Description { get; set; }
    public string? Person2Name { get; set; }
    public string? Person2Description { get; set; }
    public string? Vehicle1Registration { get; set; }
    public string? Vehicle1Make { get; set; }
    public string? Vehicle1Colour { get; set; }
    public string? Vehicle2Registration { get; set; }
    public string? Vehicle2Make { get; set; }
    public string? Vehicle2Colour { get; set; }
    public string? AnythingElse { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    /// <summary>The field people never see (a robot fills it).</summary>
    public string? Website { get; set; }

    /// <summary>The answers as a submission (a date that does not read is left out here: its page says why).</summary>
    public ActSubmission ToSubmission()
    {
        var seen = (SeenOn ?? new DateParts()).Read("The date", out _);
        static bool Any(params string?[] values) => values.Any(v => !string.IsNullOrWhiteSpace(v));
        return new ActSubmission
        {
            ImmediateThreat = HappeningNow == "yes", Behaviour = Behaviour, BehaviourOther = Behaviour == "other" ? BehaviourOther : null, WhatHappened = WhatHappened,
            SeenOn = seen, SeenAt = SeenAt, Online = Where == "online", Postcode = Where == "online" ? null : Postcode,
            Address = Where == "online" ? null : Address, PlaceDescription = PlaceDescription, OnlineLink = Where == "online" ? OnlineLink : null,
            People = [.. new[] { (Person1Name, Person1Description), (Person2Name, Person2Description) }.Where(p => Any(p.Item1, p.Item2)).Select(p => new ActPersonRequest(p.Item1, p.Item2))],
            Vehicles = [.. new[] { (Vehicle1Registration, Vehicle1Make, Vehicle1Colour), (Vehicle2Registration, Vehicle2Make, Vehicle2Colour) }
                .Where(v => Any(v.Item1, v.Item2, v.Item3)).Select(v => new ActVehicleRequest(v.Item1, v.Item2, v.Item3))],
            AnythingElse = AnythingElse,
            Contact = Any(ContactName, ContactPhone, ContactEmail) ? new ActContactRequest(ContactName, ContactPhone, ContactEmail) : null,
            Website = Website,
        };
    }
}

/// <summary>A report being written on the public pages, page by page: kept on the server under a random key that only
/// the reporter's browser holds (a cookie for this service alone), for a day at most, and deleted when the report is sent.
/// It holds no caller address.</summary>
public sealed class ActDraft
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string KeyHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string Answers { get; set; } = "{}";
    /// <summary>Once sent: the reference and the follow-up code, kept only until the confirmation page shows them once.</summary>
    public string? SentReference { get; set; }
    public string? SentCode { get; set; }
    public string? SentMessage { get; set; }
    public List<ActDraftFile> Files { get; set; } = [];
}

public sealed class ActDraftFile
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DraftId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
}

internal sealed class ActDraftConfiguration : IEntityTypeConfiguration<ActDraft>, IEntityTypeConfiguration<ActDraftFile>
{
    public void Configure(EntityTypeBuilder<ActDraft> b)
    {
        b.ToTable("ActDrafts");
        b.Property(d => d.KeyHash).HasMaxLength(64);
        b.HasIndex(d => d.KeyHash).IsUnique();
        b.HasIndex(d => d.UpdatedAt);
        // Unbounded: the page keeps each answer as typed (up to 10,000 characters, so its length message can show it
        // back), and JSON escapes some letters six to one; a bound here failed a long answer on PostgreSQL.
        b.Property(d => d.SentReference).HasMaxLength(20);
        b.Property(d => d.SentCode).HasMaxLength(20);
        b.Property(d => d.SentMessage).HasMaxLength(1000);
        b.HasMany(d => d.Files).WithOne().HasForeignKey(f => f.DraftId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ActDraftFile> b)
    {
        b.ToTable("ActDraftFiles");
        // The id is made here, not by the database: a file added to a draft's list is new, never an update of one.
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.FileName).HasMaxLength(200);
        b.Property(f => f.ContentType).HasMaxLength(64);
    }
}

/// <summary>The public pages' drafts: found by the cookie's key, made on the first answer, pruned after a day.</summary>
public sealed class ActDrafts(VigilDb db, IHttpContextAccessor http)
{
    public const string Cookie = "vigil-act-draft";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("vigil-act-draft|" + key)));

    /// <summary>The reporter's draft, if their browser holds a key to a live one.</summary>
    public async Task<ActDraft?> FindAsync(CancellationToken ct)
    {
        if (http.HttpContext?.Request.Cookies[Cookie] is not { Length: > 0 and < 100 } key)
        {
            return null;
        }
        var hash = Hash(key);
        var since = db.Clock.GetUtcNow() - Lifetime;
        return await db.Set<ActDraft>().Include(d => d.Files).FirstOrDefaultAsync(d => d.KeyHash == hash && d.UpdatedAt > since, ct);
    }

    /// <summary>The draft, made (with its cookie) when there is none.</summary>
    public async Task<ActDraft> FindOrStartAsync(CancellationToken ct)
    {
        if (await FindAsync(ct) is { } found)
        {
            return found;
        }
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = db.Clock.GetUtcNow();
        var draft = new ActDraft { KeyHash = Hash(key), CreatedAt = now, UpdatedAt = now };
        db.Add(draft);
        // Drafts older than a day are gone: nothing the public typed is kept longer unless they sent it.
        await db.Set<ActDraft>().Where(d => d.UpdatedAt < now - Lifetime).ExecuteDeleteAsync(ct);
        http.HttpContext!.Response.Cookies.Append(Cookie, key, new CookieOptions
        {
            HttpOnly = true, Secure = http.HttpContext.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/act", IsEssential = true, MaxAge = Lifetime,
        });
        return draft;
    }

    public static ActAnswers Read(ActDraft? draft) => draft is null ? new ActAnswers() : JsonSerializer.Deserialize<ActAnswers>(draft.Answers, Json) ?? new ActAnswers();

    public async Task SaveAsync(ActDraft draft, ActAnswers answers, CancellationToken ct)
    {
        draft.Answers = JsonSerializer.Serialize(answers, Json);
        draft.UpdatedAt = db.Clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(ActDraft draft, CancellationToken ct)
    {
        db.Remove(draft);
        await db.SaveChangesAsync(ct);
        http.HttpContext?.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/act" });
    }
}

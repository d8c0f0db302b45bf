using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Platform.Security;

/// <summary>Marks an anonymous form (a public referral) whose posts are limited per caller address by
/// <see cref="PublicFormLimit"/>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PublicFormLimitAttribute : Attribute
{
    /// <summary>The post is counted in the transaction that saves what it sends (the endpoint takes the
    /// <see cref="PublicFormLimit.Take"/> from the request's features and counts it with its save; a post that
    /// saves nothing is counted after it is answered). Before any work, a caller already at the limit is
    /// refused all the same; a post that would pass it is refused by the count in the save and nothing is saved.</summary>
    public bool CountedWithTheSave { get; init; }
}

/// <summary>How many posts one caller address has made to the public forms in one fixed window. Kept in the
/// database so that the limit survives a restart and is one limit across every node. The address itself is
/// not stored, only a SHA-256 hash of it, and windows older than a day are deleted. (The hash keeps addresses
/// out of sight, not from someone with the database who is willing to hash every IPv4 address.)</summary>
public sealed class RateWindow
{
    public required string Key { get; set; }
    public long WindowStart { get; set; }
    public int Count { get; set; }
}

internal sealed class RateWindowConfiguration : IEntityTypeConfiguration<RateWindow>
{
    public void Configure(EntityTypeBuilder<RateWindow> b)
    {
        b.ToTable("RateWindows");
        b.HasKey(w => new { w.Key, w.WindowStart });
        b.Property(w => w.Key).HasMaxLength(80);
        b.HasIndex(w => w.WindowStart);
    }
}

/// <summary>
/// The public forms' limit: Vigil:PublicForm:PermitsPerTenMinutes posts per caller address (an IPv6 caller
/// by its /64) in each ten-minute window, counted with one atomic upsert, so that two nodes (or a restart)
/// cannot hand out more. Over the limit, 429 with Retry-After (the seconds to the window's end) and a
/// plain-English title, before any work is done. Posts that arrive together are counted in one transaction
/// (<see cref="GroupCommit{T}"/>); a post to a form that saves in groups of its own (ACT's reports) is counted
/// in its save's transaction instead (<see cref="PublicFormLimitAttribute.CountedWithTheSave"/>), so that it
/// costs no write of its own.
/// </summary>
public sealed class PublicFormLimit(IConfiguration config, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly int permits = config.GetValue("Vigil:PublicForm:PermitsPerTenMinutes", 20);
    private readonly GroupCommit<Take> takes = new(500, _ => 1);

    /// <summary>One post to count (a hash of the caller's address and the window), and the count it was given.</summary>
    public sealed class Take(string key, long start, long now)
    {
        public string Key => key;
        public long Start => start;
        public int? Count { get; internal set; }
        internal TimeSpan Left => TimeSpan.FromTicks(start + Window.Ticks - now);
    }

    /// <summary>The post of <paramref name="source"/> (the caller's address) now, not yet counted.</summary>
    public Take For(string source)
    {
        var now = clock.GetUtcNow().UtcTicks;
        return new Take("public-form:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("vigil-rate|" + source)))[..32], now - now % Window.Ticks, now);
    }

    /// <summary>Counts the post at once. Null when it may go ahead; else how long until one may.</summary>
    public async Task<TimeSpan?> TakeAsync(VigilDb db, Take take)
    {
        await takes.CommitAsync(take, group => CountAsync(db, group));
        return Refusal(take);
    }

    /// <summary>Without counting: null when the caller has posts left in this window; else how long until they have.</summary>
    public async Task<TimeSpan?> LeftAsync(VigilDb db, Take take, CancellationToken ct)
    {
        var count = await db.Set<RateWindow>().AsNoTracking().Where(w => w.Key == take.Key && w.WindowStart == take.Start).Select(w => w.Count).FirstOrDefaultAsync(ct);
        return count < permits ? null : take.Left;
    }

    /// <summary>After counting: null when the post was within the limit; else how long until one may.</summary>
    public TimeSpan? Refusal(Take take) =>
        take.Count is not { } count ? throw new InvalidOperationException("The post has not been counted.") : count <= permits ? null : take.Left;

    /// <summary>What a caller over the limit is told.</summary>
    public static string TooOften(TimeSpan wait) =>
        $"This form has been sent too many times from your connection. Wait {Math.Ceiling(wait.TotalMinutes):0} minutes, then send it again.";

    /// <summary>Counts a group of posts in one write transaction (it takes its turn, on SQLite <see cref="WriteGate"/>).</summary>
    private static async Task CountAsync(VigilDb db, IReadOnlyList<Take> group)
    {
        await using var transaction = await db.BeginWriteAsync(CancellationToken.None);
        await CountInAsync(db, group);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>Counts posts inside the unit of work's open transaction (a save that counts its own posts).</summary>
    public static async Task CountInAsync(VigilDb db, IReadOnlyList<Take> group)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("Posts are counted inside a transaction.");
        foreach (var take in group)
        {
            await using var count = connection.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = """
                INSERT INTO "RateWindows" ("Key", "WindowStart", "Count") VALUES (@key, @start, 1)
                ON CONFLICT ("Key", "WindowStart") DO UPDATE SET "Count" = "RateWindows"."Count" + 1
                RETURNING "Count"
                """;
            Add(count, "@key", take.Key);
            Add(count, "@start", take.Start);
            take.Count = Convert.ToInt32(await count.ExecuteScalarAsync(CancellationToken.None), CultureInfo.InvariantCulture);
        }
        if (group.Any(t => t.Count == 1))
        {
            // The first post of a new window clears windows more than a day old.
            await using var prune = connection.CreateCommand();
            prune.Transaction = transaction;
            prune.CommandText = """DELETE FROM "RateWindows" WHERE "WindowStart" < @cutoff""";
            Add(prune, "@cutoff", group.Min(t => t.Start) - TimeSpan.TicksPerDay);
            await prune.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public void Dispose() => takes.Dispose();

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

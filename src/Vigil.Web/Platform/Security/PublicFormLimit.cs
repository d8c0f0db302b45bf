using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Platform.Security;

/// <summary>Marks an anonymous form (a public referral) whose posts are limited per caller address by
/// <see cref="PublicFormLimit"/>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PublicFormLimitAttribute : Attribute;

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
/// plain-English title, before any work is done.
/// </summary>
public sealed class PublicFormLimit(IConfiguration config, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly int permits = config.GetValue("Vigil:PublicForm:PermitsPerTenMinutes", 20);

    /// <summary>Null when the post may go ahead; else how long until it may.</summary>
    public async Task<TimeSpan?> TakeAsync(VigilDb db, string source, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var start = now - now % Window.Ticks;
        var key = "public-form:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("vigil-rate|" + source)))[..32];
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var take = connection.CreateCommand();
            take.CommandText = """
                INSERT INTO "RateWindows" ("Key", "WindowStart", "Count") VALUES (@key, @start, 1)
                ON CONFLICT ("Key", "WindowStart") DO UPDATE SET "Count" = "RateWindows"."Count" + 1
                RETURNING "Count"
                """;
            Add(take, "@key", key);
            Add(take, "@start", start);
            var count = Convert.ToInt32(await take.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            if (count == 1)
            {
                // The first post of a new window clears windows more than a day old.
                await using var prune = connection.CreateCommand();
                prune.CommandText = """DELETE FROM "RateWindows" WHERE "WindowStart" < @cutoff""";
                Add(prune, "@cutoff", start - TimeSpan.TicksPerDay);
                await prune.ExecuteNonQueryAsync(ct);
            }
            return count <= permits ? null : TimeSpan.FromTicks(start + Window.Ticks - now);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

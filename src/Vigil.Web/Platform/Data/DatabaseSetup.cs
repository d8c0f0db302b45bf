using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Data;

/// <summary>Brings a database up to date: migrations, then every module's seeds, each after those it names (reference data,
/// roles and, in demo mode, the demo accounts and synthetic data), each in its own transaction. Safe to
/// run at every start, and after a start that was killed: a seed that did not commit left nothing.</summary>
public sealed class DatabaseSetup(IServiceProvider services, ILogger<DatabaseSetup> log)
{
    public async Task RunAsync(bool demo, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        // Setup is the system's own work: it sees everything and is recorded as "system:setup" in the audit log.
        sp.GetRequiredService<AccessContext>().RunAsSystem("system:setup");
        var db = sp.GetRequiredService<VigilDb>();
        await using var setupLock = db.Database.IsSqlite() ? await SqliteSetupLockAsync(db, ct) : null;
        await MigrateIfPendingAsync(db, ct);
        foreach (var seed in Seeds.InOrder(sp.GetServices<ISeed>()))
        {
            // Each seed commits whole or not at all: a start killed part-way leaves every seed either done
            // or untouched, and the next start, finding the untouched ones empty, completes them.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var transaction = await db.BeginWriteAsync(ct);
            await seed.SeedAsync(db, demo, ct);
            await transaction.CommitAsync(ct);
            log.LogInformation("Seed {Seed} done in {Milliseconds} ms", seed.Name, clock.ElapsedMilliseconds);
        }
        log.LogInformation("Database ready ({Provider}, demo data: {Demo})", db.Database.ProviderName, demo);
    }

    /// <summary>
    /// Migrates only when a migration is pending. In production the application's PostgreSQL role owns nothing and
    /// may create nothing (docs/operations.md, "PostgreSQL roles"): EF Core's migrate, even with nothing to do,
    /// creates its history table "if not exists", which that role is refused, so an up-to-date database is
    /// left alone and a start that finds migrations it may not apply says what to run.
    /// </summary>
    private async Task MigrateIfPendingAsync(VigilDb db, CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
        {
            return;
        }
        log.LogInformation("Applying {Count} migrations: {Migrations}", pending.Count, string.Join(", ", pending));
        try
        {
            await db.Database.MigrateAsync(ct);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new InvalidOperationException(
                $"The database needs {pending.Count} migrations ({string.Join(", ", pending)}) that this database role may not apply ({e.MessageText}): "
                + "run `dotnet Vigil.Web.dll migrate` with the owner's connection string, then the grants of docs/operations.md (\"PostgreSQL roles\"), and start again.", e);
        }
    }

    /// <summary>
    /// On SQLite, EF Core's migration lock is a row in <c>__EFMigrationsLock</c>, which a process killed
    /// while migrating leaves behind: every later start would wait on it for ever, silently. So setup first
    /// takes an operating-system lock on a file beside the database (released by the OS when its holder
    /// dies, however it dies); whoever holds it is the only process setting up, so a row still in the
    /// migration lock table is stale and is cleared, with a log line. Waiting for the file is logged too.
    /// (PostgreSQL's migration lock is an advisory lock, which dies with its connection.)
    /// </summary>
    private async Task<FileStream?> SqliteSetupLockAsync(VigilDb db, CancellationToken ct)
    {
        var file = db.Database.GetDbConnection().DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:")
        {
            return null;
        }
        var path = Path.GetFullPath(file) + ".setup-lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var nextLog = TimeSpan.Zero;
        FileStream held;
        while (true)
        {
            try
            {
                held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                break;
            }
            catch (IOException) when (!ct.IsCancellationRequested)
            {
                if (waited.Elapsed >= nextLog)
                {
                    log.LogWarning("Waiting for another Vigil process to finish setting up the database (it holds {Lock}; {Seconds:0} s so far)", path, waited.Elapsed.TotalSeconds);
                    nextLog += TimeSpan.FromSeconds(10);
                }
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                var connection = db.Database.GetDbConnection();
                await using var exists = connection.CreateCommand();
                exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
                if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    await using var clear = connection.CreateCommand();
                    clear.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
                    if (await clear.ExecuteNonQueryAsync(ct) > 0)
                    {
                        log.LogWarning("A previous start stopped while migrating and left its migration lock behind: cleared it (no other Vigil process is setting up this database)");
                    }
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return held;
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
    }
}

/// <summary>The roles, as Identity roles.</summary>
internal sealed class RoleSeed(Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole<Guid>> roles) : ISeed
{
    public string Name => "roles";
    public IReadOnlyList<string> After => [];

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new Microsoft.AspNetCore.Identity.IdentityRole<Guid>(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }
}

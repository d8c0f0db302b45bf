using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DataSetup
{
    public static DatabaseProvider Provider(IConfiguration config) =>
        string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>Database:ReadOnly opens the database read-only (`audit verify` does): SQLite in read-only mode,
    /// PostgreSQL with every transaction read-only, so that a check can run against a live database or a
    /// standby and cannot change what it checks.</summary>
    public static bool ReadOnly(IConfiguration config) => config.GetValue("Database:ReadOnly", false);

    /// <summary>The SQLite file: Database:Path if set, else data/vigil.db under the data folder.</summary>
    public static string SqliteConnectionString(IConfiguration config, string dataFolder)
    {
        var path = config["Database:Path"] is { Length: > 0 } configured ? Path.GetFullPath(configured) : Path.Combine(dataFolder, "vigil.db");
        if (ReadOnly(config))
        {
            return $"Data Source={path};Mode=ReadOnly;Pooling=False";
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Pooled: a request's queries reuse open connections instead of opening the file and setting its
        // pragmas for each (SqlitePragmas sets them once per physical connection). Whoever deletes the file
        // (the tests) clears the pools first.
        return $"Data Source={path};Pooling=True;Foreign Keys=True";
    }

    public static string PostgresConnectionString(IConfiguration config)
    {
        var connection = config.GetConnectionString("Vigil")
            ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Vigil is not set.");
        return ReadOnly(config) ? ReadOnlyConnectionString(connection) : connection;
    }

    /// <summary>The connection string with every transaction read-only (the server refuses a write in one).</summary>
    public static string ReadOnlyConnectionString(string connection)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        builder.Options = (builder.Options is { Length: > 0 } options ? options + " " : "") + "-c default_transaction_read_only=on";
        return builder.ConnectionString;
    }

    public static IServiceCollection AddVigilData(this IServiceCollection services, IConfiguration config, string dataFolder)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AccessContext>();
        services.AddSingleton<RecordChangeHub>();
        services.AddSingleton<Audit.AuditGroupCommit>();
        services.AddSingleton<WriteGate>();
        // The read replica, when there is one (PostgreSQL only): read-heavy answers read their rows there.
        var replica = ReplicaConnection.From(config);
        services.AddSingleton(sp => new ReplicaConnection(replica, sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
        services.AddScoped<ReadReplica>();
        // EF interceptors registered as services apply too (the reliability tests use them to fail a
        // client or a write at a chosen moment).
        if (Provider(config) == DatabaseProvider.Postgres)
        {
            var connection = PostgresConnectionString(config);
            services.AddDbContext<VigilDb, PostgresVigilDb>((sp, o) => o.UseNpgsql(connection, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
        }
        else
        {
            var connection = SqliteConnectionString(config, dataFolder);
            services.AddDbContext<VigilDb, SqliteVigilDb>((sp, o) => o.UseSqlite(connection, q => q.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).AddInterceptors(new SqlitePragmas(ReadOnly(config)))
                .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
            if (!ReadOnly(config))
            {
                services.AddHostedService(_ => new SqliteCheckpoints(connection));
            }
        }
        // Keys live in the database so that web nodes are stateless and cookies survive restarts. An
        // installation encrypts them at rest with a certificate of its own (docs/operations.md); without one
        // (the demo) ASP.NET Core warns that they are stored as they are, which is true and said at start.
        var protection = services.AddDataProtection().SetApplicationName("Vigil").PersistKeysToDbContext<VigilDb>();
        if (config["Vigil:DataProtection:CertificatePath"] is { Length: > 0 } certificate)
        {
            protection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificate, config["Vigil:DataProtection:CertificatePassword"]));
        }
        services.AddSingleton<WriteFailures>();
        services.AddHealthChecks().AddCheck<DatabaseWritesHealth>("database", tags: ["ready"]);
        return services;
    }
}

/// <summary>
/// Copies the write-ahead log back into the database file twice a second, in the background (a PASSIVE
/// checkpoint: it waits for no reader and no writer). Left to SQLite, the commit that finds the log past 1,000
/// pages does it, inside its own transaction, while every other writer waits for the lock; here the commits stay
/// short, and SQLite's own checkpoint (raised to 10,000 pages in <see cref="SqlitePragmas"/>) is only the backstop.
/// </summary>
internal sealed class SqliteCheckpoints(string connectionString) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                await checkpoint.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // Busy or away: the next tick tries again, and SQLite's own checkpoint is still there.
            }
        }
    }
}

/// <summary>WAL for concurrent readers, FULL synchronous so a committed audit entry survives power loss,
/// and a busy timeout so writers queue rather than fail: set once on each physical connection (a pooled
/// one keeps them), not on every open.</summary>
internal sealed class SqlitePragmas(bool readOnly) : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    // The native handles that have them already: a pooled connection keeps its handle between opens, and a
    // handle that is closed for good is collected, and forgotten, with it.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Prepared = [];

    // A read-only connection leaves the journal mode as the database has it (setting it is a write).
    private string Pragmas => readOnly ? "PRAGMA busy_timeout=30000;" : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA wal_autocheckpoint=10000;";

    private static bool IsNew(System.Data.Common.DbConnection connection) =>
        connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } || Prepared.TryAdd(handle, handle);

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }
}

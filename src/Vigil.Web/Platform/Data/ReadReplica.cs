using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Data;

/// <summary>
/// The read replica's connection (<c>ConnectionStrings:VigilReplica</c>, PostgreSQL only): a streaming standby
/// that the read-heavy answers (the one search, the national picture, the statistics tables) read their rows
/// from. Every transaction on it is read-only, whatever the server is. Null when the setting is absent: then
/// those answers read from the primary as everything else does.
/// </summary>
public sealed class ReplicaConnection(string? connectionString, IEnumerable<IInterceptor> interceptors)
{
    public bool Configured => connectionString is not null;

    // Built once: a context's options are its provider's setup, shared by every request's replica context.
    private readonly Lazy<DbContextOptions<PostgresVigilDb>> options = new(() => new DbContextOptionsBuilder<PostgresVigilDb>()
        .UseNpgsql(connectionString, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
        .AddInterceptors(interceptors).Options);

    internal DbContextOptions<PostgresVigilDb> Options => options.Value;

    /// <summary>The replica's connection string from configuration, made read-only; null without one. Refused on
    /// SQLite, which has no replicas.</summary>
    public static string? From(IConfiguration config)
    {
        if (config.GetConnectionString("VigilReplica") is not { Length: > 0 } replica)
        {
            return null;
        }
        if (DataSetup.Provider(config) != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("ConnectionStrings:VigilReplica is for PostgreSQL (Database:Provider Postgres): SQLite has no read replicas.");
        }
        return DataSetup.ReadOnlyConnectionString(replica);
    }
}

/// <summary>
/// Where a read-heavy answer reads its rows: <see cref="Reads"/> is a context on the read replica when one is
/// configured (<see cref="ReplicaConnection"/>), else the request's own <see cref="VigilDb"/>. It is the same
/// context class with the request's <see cref="AccessContext"/>, so the access query filters are the same filters
/// with the same parameters: a reader sees on the replica exactly what they would see on the primary.
/// <para>
/// What the answer writes (its audit entry, a kept national snapshot) goes through <see cref="Primary"/>, in the
/// request's unit of work as before: the replica cannot be written, and an answer whose audit entry cannot be
/// written is not given (503), so a search while the primary is away fails even though the replica could read.
/// A replica applies the primary's changes after it (asynchronous replication: usually milliseconds), so a record
/// saved a moment ago may not be found yet; with <c>synchronous_commit = remote_apply</c> it always is.
/// </para>
/// </summary>
public sealed class ReadReplica : IAsyncDisposable, IDisposable
{
    private readonly PostgresVigilDb? replica;

    public ReadReplica(VigilDb primary, ReplicaConnection connection, AccessContext access, TimeProvider clock, RecordChangeHub changes, AuditGroupCommit group, WriteGate gate)
    {
        Primary = primary;
        if (connection.Configured)
        {
            replica = new PostgresVigilDb(connection.Options, access, clock, changes, group, gate) { IsReplica = true };
        }
    }

    /// <summary>The request's unit of work on the primary: every write, the audit entries included.</summary>
    public VigilDb Primary { get; }

    /// <summary>The context to read from: the replica's when configured, else <see cref="Primary"/>.</summary>
    public VigilDb Reads => replica ?? Primary;

    public bool OnReplica => replica is not null;

    public ValueTask DisposeAsync() => replica?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>For a scope disposed synchronously (a test's, a page's circuit on some paths).</summary>
    public void Dispose() => replica?.Dispose();
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vigil.Web.Platform.Audit;

namespace Vigil.Web.Platform.Data;

/// <summary>When a request last failed because the database could not take it (disk full, audit store
/// blocked, database away). Readiness stays off for a while after one, even if the probe succeeds (a
/// one-row probe can fit where a real write does not).</summary>
public sealed class WriteFailures(TimeProvider clock)
{
    public static readonly TimeSpan Holds = TimeSpan.FromSeconds(30);
    private long lastFailureTicks; // 0: never (year 1)

    public void Failed() => Interlocked.Exchange(ref lastFailureTicks, clock.GetUtcNow().UtcTicks);

    public bool Recently => clock.GetUtcNow().UtcTicks - Interlocked.Read(ref lastFailureTicks) < Holds.Ticks;
}

/// <summary>
/// Ready only when the database takes writes: an audit entry is written inside a transaction that is then
/// rolled back (so a blocked audit store, a read-only or full database, or one that is away, is seen
/// before users are sent to it), and no request has failed for that reason in the last half-minute.
/// </summary>
internal sealed class DatabaseWritesHealth(VigilDb db, WriteFailures failures) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using (var transaction = await db.BeginWriteAsync(cancellationToken))
            {
                db.AuditEntries.Add(new AuditEntry { Sequence = -1, At = AuditChain.Normalise(db.Clock.GetUtcNow()), Action = AuditActions.HealthProbe, Outcome = AuditOutcomes.Probe });
                await db.SaveChangesAsync(cancellationToken);
                await transaction.RollbackAsync(cancellationToken);
            }
            db.ChangeTracker.Clear();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            return HealthCheckResult.Unhealthy("The database does not take writes: " + e.GetBaseException().Message);
        }
        return failures.Recently
            ? HealthCheckResult.Unhealthy($"A request could not be recorded in the last {WriteFailures.Holds.TotalSeconds:0} seconds")
            : HealthCheckResult.Healthy();
    }
}

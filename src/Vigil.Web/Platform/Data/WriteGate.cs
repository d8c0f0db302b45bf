using System.Data.Common;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Vigil.Web.Platform.Data;

/// <summary>
/// On SQLite, this process's writers take turns here, in the order they came, before they take the database's
/// write lock. SQLite allows one writer; one that finds the lock taken sleeps in SQLite's busy handler (1, 2,
/// 5 ... up to 100 ms at a time) and tries again, so under load the lock is often free while every waiter
/// sleeps, and each wait grows with the number waiting (measured: the ACT endpoint stopped at about 150
/// reports/s with the app at 1.1 of its 2 cores, p95 0.5 s). Here the next writer is woken the moment the last
/// one commits. A writer in another process (the command line) still meets SQLite's busy timeout, as before.
/// On PostgreSQL nothing waits here: rows lock themselves and the audit chain has its advisory lock.
/// </summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <summary>As long as SQLite's busy timeout: a writer that waits longer fails as it would there.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Waits for this process's turn to write, then begins the transaction through <paramref name="begin"/>;
    /// the turn passes on when the transaction is disposed (committed or not).</summary>
    public async Task<IDbContextTransaction> BeginAsync(Func<CancellationToken, Task<IDbContextTransaction>> begin, CancellationToken ct)
    {
        if (!await turn.WaitAsync(Patience, ct))
        {
            throw new TimeoutException($"No turn to write within {Patience.TotalSeconds:0} seconds: the database is busy.");
        }
        try
        {
            return new Turn(await begin(ct), turn);
        }
        catch
        {
            turn.Release();
            throw;
        }
    }

    public void Dispose() => turn.Dispose();

    /// <summary>The transaction, which gives the turn back once: when it has committed or rolled back (the unit of
    /// work's interceptor calls <see cref="Pass"/> before it tells anyone of the commit, since whoever it tells may
    /// want to write), or else when it is disposed.</summary>
    internal sealed class Turn(IDbContextTransaction inner, SemaphoreSlim turn) : IDbContextTransaction, IInfrastructure<DbTransaction>
    {
        private int released;

        DbTransaction IInfrastructure<DbTransaction>.Instance => inner.GetDbTransaction();

        public Guid TransactionId => inner.TransactionId;

        public void Commit() => inner.Commit();

        public Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);

        public void Rollback() => inner.Rollback();

        public Task RollbackAsync(CancellationToken cancellationToken = default) => inner.RollbackAsync(cancellationToken);

        public void Dispose()
        {
            try
            {
                inner.Dispose();
            }
            finally
            {
                Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync();
            }
            finally
            {
                Release();
            }
        }

        /// <summary>The transaction has ended: the next writer may begin.</summary>
        public void Pass() => Release();

        private void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}

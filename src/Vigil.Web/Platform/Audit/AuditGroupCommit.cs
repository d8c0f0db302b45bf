using System.Collections.Concurrent;

namespace Vigil.Web.Platform.Audit;

/// <summary>
/// Group commit for saves that write nothing but audit entries (a read, a search, a refusal): the entries
/// of every such request that arrives while one group is being written wait, and the next writer appends
/// all of them to the chain in one transaction with one commit. Each request still returns only once its
/// own entries are durable (or fails with the group's error), so "no read without its entry" holds; what
/// changes is that concurrent readers share a commit instead of queueing for one each. A save that
/// changes records does not come here: its entries commit with its change, as always.
/// </summary>
public sealed class AuditGroupCommit : IDisposable
{
    private readonly ConcurrentQueue<Waiting> queue = new();
    private readonly SemaphoreSlim writer = new(1, 1);

    /// <summary>The most entries one group writes (a bound on one transaction's size).</summary>
    public const int MaxGroup = 2000;

    private sealed record Waiting(List<AuditEntry> Entries)
    {
        public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Appends <paramref name="entries"/> with whatever else is waiting, through
    /// <paramref name="write"/> (the caller's own unit of work, which chains and commits a group). Not
    /// cancellable: once queued, the entries are written.</summary>
    public async Task AppendAsync(List<AuditEntry> entries, Func<List<AuditEntry>, Task> write)
    {
        var mine = new Waiting(entries);
        queue.Enqueue(mine);
        await writer.WaitAsync(CancellationToken.None);
        try
        {
            // A writer before us may have taken our entries in its group; if not, we write the next group.
            while (!mine.Durable.Task.IsCompleted)
            {
                var group = new List<Waiting>();
                var count = 0;
                while (count < MaxGroup && queue.TryDequeue(out var next))
                {
                    group.Add(next);
                    count += next.Entries.Count;
                }
                try
                {
                    await write([.. group.SelectMany(g => g.Entries)]);
                    group.ForEach(g => g.Durable.TrySetResult());
                }
                catch (Exception e)
                {
                    group.ForEach(g => g.Durable.TrySetException(e));
                }
            }
        }
        finally
        {
            writer.Release();
        }
        await mine.Durable.Task;
    }

    public void Dispose() => writer.Dispose();
}

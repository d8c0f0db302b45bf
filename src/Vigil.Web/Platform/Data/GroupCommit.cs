using System.Collections.Concurrent;

namespace Vigil.Web.Platform.Data;

/// <summary>
/// Group commit: what concurrent requests want written waits while one group is being written, and the next
/// writer writes all of it in one transaction with one commit. Each request still returns only once its own
/// item is durable (or fails), so nothing is acknowledged before it is saved; what changes is that concurrent
/// writers share a transaction instead of queueing for one each. If a group fails, each of its items is
/// written alone, so that one bad item fails its own request and no other. Not cancellable: once queued, an
/// item is written.
/// </summary>
public class GroupCommit<T>(int maxGroup, Func<T, int> size) : IDisposable
{
    private readonly ConcurrentQueue<Waiting> queue = new();
    private readonly SemaphoreSlim writer = new(1, 1);

    private sealed record Waiting(T Item)
    {
        public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Writes <paramref name="item"/> with whatever else is waiting, through <paramref name="write"/>
    /// (the caller's own unit of work, which saves a group in one transaction), and returns when it is durable.</summary>
    public async Task CommitAsync(T item, Func<IReadOnlyList<T>, Task> write)
    {
        var mine = new Waiting(item);
        queue.Enqueue(mine);
        await writer.WaitAsync(CancellationToken.None);
        try
        {
            // A writer before us may have taken our item in its group; if not, we write the next group.
            while (!mine.Durable.Task.IsCompleted)
            {
                var group = new List<Waiting>();
                var weight = 0;
                while (weight < maxGroup && queue.TryDequeue(out var next))
                {
                    group.Add(next);
                    weight += size(next.Item);
                }
                await WriteAsync(group, write);
            }
        }
        finally
        {
            writer.Release();
        }
        await mine.Durable.Task;
    }

    private static async Task WriteAsync(List<Waiting> group, Func<IReadOnlyList<T>, Task> write)
    {
        try
        {
            await write([.. group.Select(g => g.Item)]);
            group.ForEach(g => g.Durable.TrySetResult());
        }
        catch (Exception e) when (group.Count == 1 || DbErrors.IsCommitOutcomeUnknown(e))
        {
            // One item, or a commit whose answer was lost: writing the items again could write them twice.
            group.ForEach(g => g.Durable.TrySetException(e));
        }
        catch (Exception)
        {
            foreach (var one in group)
            {
                await WriteAsync([one], write);
            }
        }
    }

    public void Dispose()
    {
        writer.Dispose();
        GC.SuppressFinalize(this);
    }
}

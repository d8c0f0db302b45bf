using Vigil.Web.Platform.Data;

namespace Vigil.Web.Tests.Platform;

/// <summary>Group commit: concurrent items share writes, every caller returns only once its own item is written, and a
/// group that fails is written again item by item, so one bad item fails its own caller and no other.</summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task ItemsWaitingTogether_ShareWrites_UpToTheGroupsBound_AndEachIsWrittenBeforeItsCallerReturns()
    {
        using var commit = new GroupCommit<int>(100, _ => 1);
        var written = new List<int>();
        var writes = 0;
        var firstWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task WriteAsync(IReadOnlyList<int> group)
        {
            if (Interlocked.Increment(ref writes) == 1)
            {
                // The first group (the first item alone) is held while the other 199 queue behind it.
                await firstWrite.Task;
            }
            lock (written)
            {
                written.AddRange(group);
            }
        }
        async Task<bool> CommitAsync(int i)
        {
            await commit.CommitAsync(i, WriteAsync);
            lock (written)
            {
                return written.Contains(i);
            }
        }
        var callers = Enumerable.Range(1, 200).Select(CommitAsync).ToList();
        firstWrite.SetResult();
        Assert.All(await Task.WhenAll(callers), Assert.True);
        Assert.Equal(Enumerable.Range(1, 200), written.Order());
        // The first item alone, then the 199 that waited in groups of at most 100.
        Assert.Equal(3, writes);
    }

    [Fact]
    public async Task AFailingGroup_IsWrittenAgainOneByOne_OnlyTheBadItemFails()
    {
        using var commit = new GroupCommit<int>(100, _ => 1);
        var written = new List<int>();
        Task WriteAsync(IReadOnlyList<int> group)
        {
            if (group.Contains(13))
            {
                throw new InvalidOperationException("item 13 cannot be written");
            }
            lock (written)
            {
                written.AddRange(group);
            }
            return Task.CompletedTask;
        }
        var results = await Task.WhenAll(Enumerable.Range(1, 40).Select(i => Task.Run(async () =>
        {
            try
            {
                await commit.CommitAsync(i, WriteAsync);
                return (i, Failed: false);
            }
            catch (InvalidOperationException)
            {
                return (i, Failed: true);
            }
        })));
        Assert.Equal([13], results.Where(r => r.Failed).Select(r => r.i));
        Assert.Equal(Enumerable.Range(1, 40).Where(i => i != 13), written.Order());
    }
}

using Vigil.Web.Platform.Security;

namespace Vigil.Web.Prepare;

/// <summary>
/// The current threat levels for the header of every signed-in page, read on a unit of work of their own (never the
/// page's: the header renders alongside the page, and one database context takes one query at a time) and kept for
/// a few seconds, so that a page costs no query for them. A change recorded here clears it at once; one recorded on
/// another node shows within <see cref="Fresh"/>.
/// </summary>
public sealed class ThreatLevelCache(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);

    private volatile Snapshot? current;

    private sealed record Snapshot(IReadOnlyList<ThreatLevelDto> Levels, DateTimeOffset At);

    public async Task<IReadOnlyList<ThreatLevelDto>> CurrentAsync(CancellationToken ct)
    {
        if (current is { } held && clock.GetUtcNow() - held.At < Fresh)
        {
            return held.Levels;
        }
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem("system:threat-level-header");
        var levels = await scope.ServiceProvider.GetRequiredService<ThreatLevelWork>().CurrentAsync(ct);
        current = new(levels, clock.GetUtcNow());
        return levels;
    }

    public void Clear() => current = null;
}

using Vigil.Web.Platform.Security;

namespace Vigil.Web.National;

/// <summary>
/// Counts the network's figures for a month as soon as it has finished (when the service starts, and every hour), so
/// that no reader chooses the moment a finished month is counted: reading a month first at a time of one's choosing
/// would otherwise give a count of the network as it stood at that time.
/// </summary>
public sealed class SnapshotKeeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SnapshotKeeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem("system:national-snapshot");
                await scope.ServiceProvider.GetRequiredService<NationalPicture>().SnapshotAsync(NationalReferenceData.FinishedMonths(clock.GetUtcNow())[0], stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "The national figures of the month just finished could not be counted; tried again within the hour");
            }
            await Task.Delay(TimeSpan.FromHours(1), stoppingToken);
        }
    }
}

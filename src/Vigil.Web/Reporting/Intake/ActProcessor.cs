using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Inbox;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Reporting;

/// <summary>
/// The work that follows a report's arrival, after it is saved: clustering it with other reports about the same
/// place (postcode), person (name), vehicle (registration) or link within <see cref="Window"/>, and flagging an
/// immediate threat to the operations centre's coordination inbox. It runs in the background as system work, in
/// batches, woken by each arrival and every few seconds besides, so a report whose processing failed (or whose
/// node stopped) is processed by the next pass: late, never lost. One pass at a time per node; on several nodes
/// the report's version makes the second writer's save fail and retry.
/// </summary>
public sealed class ActProcessor(IServiceScopeFactory scopes, ILogger<ActProcessor> log) : BackgroundService
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);
    private const int Batch = 50;
    private const int PerReason = 20;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);
    private readonly Channel<bool> arrivals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    /// <summary>Wakes the processor (a report was saved).</summary>
    public void Arrived() => arrivals.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                wait.CancelAfter(TimeSpan.FromSeconds(5));
                try
                {
                    await arrivals.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Every five seconds anyway: reports a failed pass left behind.
                }
            }
            try
            {
                while (await ProcessPendingAsync(stoppingToken) == Batch)
                {
                    // Between batches the intake has the database first: under a surge reports keep arriving at
                    // full speed and their clustering follows behind (late, never lost).
                    await Task.Delay(Pause, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "ACT reports could not be processed this time; the next pass tries again");
            }
        }
    }

    /// <summary>Processes up to one batch of reports not yet processed; how many it processed.</summary>
    public async Task<int> ProcessPendingAsync(CancellationToken ct)
    {
        await oneAtATime.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem("system:act-processing");
            var db = scope.ServiceProvider.GetRequiredService<VigilDb>();
            var inbox = scope.ServiceProvider.GetRequiredService<UnitInbox>();
            var intake = scope.ServiceProvider.GetRequiredService<ActIntake>();
            var pending = await db.Set<ActReport>().Where(r => !r.Processed).OrderBy(r => r.ReceivedAt).Take(Batch).ToListAsync(ct);
            if (pending.Count == 0)
            {
                return 0;
            }
            var national = await intake.UnitIdAsync(ActReferenceData.NationalQueue, ct);
            var linked = new HashSet<(Guid, Guid)>();
            foreach (var report in pending)
            {
                await ClusterAsync(db, report, linked, ct);
                if (report.ImmediateThreat)
                {
                    inbox.Send(new ProtectiveLabel(Classification.Official, true, national, []),
                        $"Immediate threat reported through ACT: {report.Reference}",
                        $"A member of the public reported something happening now ({report.BehaviourText}) at {Bounded(report.PlaceText)}. "
                        + $"It is in the {(report.OwningUnitId == national ? "national" : "regional")} ACT queue ({report.RoutedBecause}).",
                        "act-report", report.Id.ToString());
                    report.Note(db.Clock.GetUtcNow(), "Vigil", "Flagged to the National Operations Centre as an immediate threat");
                }
                report.Processed = true;
            }
            await db.SaveChangesAsync(ct);
            return pending.Count;
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    private static string Bounded(string text) => text.Length <= 300 ? text : text[..297] + "...";

    /// <summary>Links the report both ways with earlier and later reports within the window that share its postcode,
    /// a vehicle registration, a person's name or its link: at most <see cref="PerReason"/> of the nearest in time for
    /// each, each found through its own index. A place is found newest first from its (postcode, time) index; a vehicle
    /// or a name from its own index and then sorted by time, which grows with the reports naming it (measured in
    /// docs/benchmarks.md: the next step is an index that gives the newest directly).</summary>
    private static async Task ClusterAsync(VigilDb db, ActReport report, HashSet<(Guid, Guid)> linked, CancellationToken ct)
    {
        var from = report.ReceivedAt - Window;
        var to = report.ReceivedAt + Window;
        var near = db.Set<ActReport>().Where(r => r.Id != report.Id && r.ReceivedAt >= from && r.ReceivedAt <= to);
        var found = new List<(Guid Id, string Reason)>();
        async Task FindAsync(IQueryable<ActReport> same, string reason) =>
            found.AddRange((await same.OrderByDescending(r => r.ReceivedAt).Select(r => r.Id).Take(PerReason).ToListAsync(ct)).Select(id => (id, reason)));
        if (report.Postcode.Length > 0)
        {
            await FindAsync(near.Where(r => r.Postcode == report.Postcode), $"the same place ({report.Postcode})");
        }
        if (report.Online && report.OnlineLink.Length > 0)
        {
            await FindAsync(near.Where(r => r.OnlineLink == report.OnlineLink), "the same link");
        }
        foreach (var registration in report.Vehicles.Select(v => v.Registration).Where(r => r.Length > 0).Distinct())
        {
            // From the vehicles' index to their reports, not every report in the window asked about its vehicles.
            await FindAsync(near.SelectMany(r => r.Vehicles.Where(v => v.Registration == registration), (r, _) => r), $"the same vehicle ({registration})");
        }
        foreach (var name in report.People.Select(p => p.Name).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await FindAsync(near.SelectMany(r => r.People.Where(p => p.Name == name), (r, _) => r), $"the same name ({name})");
        }
        var others = found.Select(f => f.Id).Distinct().ToList();
        // The pairs already linked, in one query (a report processed again after a failed pass links nothing twice).
        var existing = (await db.Set<ActClusterLink>().Where(l => l.ReportId == report.Id && others.Contains(l.OtherId)).Select(l => l.OtherId).ToListAsync(ct)).ToHashSet();
        foreach (var (other, reasons) in found.GroupBy(f => f.Id).Select(g => (g.Key, string.Join("; ", g.Select(x => x.Reason).Distinct()))))
        {
            var reason = reasons.Length <= 300 ? reasons : reasons[..297] + "...";
            // Two reports of one batch find each other: the pair is linked once (this batch's links are not saved yet).
            if (!existing.Contains(other) && linked.Add((report.Id, other)) && linked.Add((other, report.Id)))
            {
                db.AddRange(new ActClusterLink { ReportId = report.Id, OtherId = other, Reason = reason }, new ActClusterLink { ReportId = other, OtherId = report.Id, Reason = reason });
            }
        }
    }
}

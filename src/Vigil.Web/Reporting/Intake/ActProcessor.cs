using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Data.Scale;
using Vigil.Web.Platform.Inbox;
using Vigil.Web.Platform.Places;
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
    private const int Batch = 25;
    private const int PerReason = 20;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(500);
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
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (await ProcessPendingAsync(stoppingToken) == Batch)
                {
                    // Between batches the intake has the database first, for at least as long as the batch took:
                    // under a surge reports keep arriving at full speed and their clustering follows behind (late,
                    // never lost), and catches up once the surge is over.
                    await Task.Delay(clock.Elapsed > Pause ? clock.Elapsed : Pause, stoppingToken);
                    clock.Restart();
                }
                // Reports that arrive in the next moment are processed together, not one pass each.
                await Task.Delay(Gather, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException && DbErrors.IsUnavailable(e))
            {
                // The database is away or full: no report's fault, so none is set aside; the next pass tries again.
                log.LogWarning("ACT reports wait for the database: {Reason}", e.GetBaseException().Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "ACT reports could not be processed together; each is tried alone");
                try
                {
                    await SetAsideFailingAsync(stoppingToken);
                }
                catch (Exception again) when (again is not OperationCanceledException)
                {
                    // Not one report but the database (away, refusing connections): nothing can be set aside now. An
                    // exception out of here would stop the whole host; the next pass, in five seconds, tries again.
                    log.LogWarning("ACT reports could not be set aside now: {Reason}; the next pass tries again", again.GetBaseException().Message);
                }
            }
        }
    }

    /// <summary>Processes up to one batch of reports not yet processed; how many it processed.</summary>
    public Task<int> ProcessPendingAsync(CancellationToken ct) => ProcessPendingAsync(Batch, ct);

    /// <summary>After a batch failed: its reports are processed one at a time, and one that fails alone is set aside
    /// (marked processed, with a note on its trail that it was not clustered and why), so that one report can never
    /// stop the processing of every report behind it. The report itself is kept and stays in its queue.</summary>
    public async Task SetAsideFailingAsync(CancellationToken ct)
    {
        for (var i = 0; i < Batch; i++)
        {
            try
            {
                if (await ProcessPendingAsync(1, ct) == 0)
                {
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException && !DbErrors.IsUnavailable(e))
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem("system:act-processing");
                var db = scope.ServiceProvider.GetRequiredService<VigilDb>();
                if (await db.Set<ActReport>().Where(r => !r.Processed).OrderBy(r => r.ReceivedAt).FirstOrDefaultAsync(ct) is not { } failing)
                {
                    return;
                }
                log.LogError(e, "ACT report {Reference} could not be processed; it is set aside unclustered", failing.Reference);
                failing.Processed = true;
                failing.Note(db.Clock.GetUtcNow(), "Vigil", $"Not clustered: its processing failed ({e.GetType().Name}). Triage it as it is; the service desk has the error.");
                await db.SaveChangesAsync(ct);
            }
        }
    }

    private async Task<int> ProcessPendingAsync(int batch, CancellationToken ct)
    {
        await oneAtATime.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem("system:act-processing");
            var db = scope.ServiceProvider.GetRequiredService<VigilDb>();
            var inbox = scope.ServiceProvider.GetRequiredService<UnitInbox>();
            var intake = scope.ServiceProvider.GetRequiredService<ActIntake>();
            var sites = scope.ServiceProvider.GetService<INearbySites>();
            var pending = await db.Set<ActReport>().Where(r => !r.Processed).OrderBy(r => r.ReceivedAt).Take(batch).ToListAsync(ct);
            if (pending.Count == 0)
            {
                return 0;
            }
            var national = await intake.UnitIdAsync(ActReferenceData.NationalQueue, ct);
            var linked = new HashSet<(Guid, Guid)>();
            var links = new BulkWriter(db);
            foreach (var report in pending)
            {
                await ClusterAsync(db, report, linked, links, ct);
                if (sites is not null && !report.Online)
                {
                    await TellNearbySitesAsync(db, inbox, sites, report, ct);
                }
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
            // The links are plain rows, hundreds a batch under a surge about one car: written many at a time, in
            // the transaction that marks their reports processed.
            await using var transaction = await db.BeginWriteAsync(ct);
            await links.WriteAsync(transaction.GetDbTransaction(), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return pending.Count;
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    /// <summary>Protect's sites in the report's postcode district: each is linked to the report (its page lists the
    /// reports near it that its reader may see) and its adviser, or its unit, is told; hostile reconnaissance near an
    /// enhanced-tier site is flagged. The notice names the report's reference and what was seen, nothing of the reporter.</summary>
    private static async Task TellNearbySitesAsync(VigilDb db, UnitInbox inbox, INearbySites sites, ActReport report, CancellationToken ct)
    {
        foreach (var site in await sites.InDistrictAsync(report.Postcode, PerReason, ct))
        {
            db.Add(new ActSiteLink { ReportId = report.Id, SiteId = site.Id, SiteName = site.Name, EnhancedTier = site.EnhancedTier });
            var flagged = site.EnhancedTier && report.Behaviour == "hostile-reconnaissance";
            var subject = flagged ? $"Flagged: hostile reconnaissance reported near {site.Name} (enhanced tier)" : $"An ACT report near {site.Name}";
            var body = $"A member of the public reported {report.BehaviourText.ToLowerInvariant()} in {Postcodes.District(report.Postcode)}, near {site.Name} ({site.Postcode}), "
                + $"on {report.ReceivedAt:d MMMM yyyy}. The report is {report.Reference}, in the ACT triage queue ({report.RoutedBecause}); ask the ACT triage team for what it says.";
            if (site.AdviserId is { } adviser)
            {
                inbox.SendTo(adviser, site.OwningUnitId, subject, body, "protect-site", site.Id.ToString());
            }
            else
            {
                inbox.Send(new ProtectiveLabel(Classification.Official, true, site.OwningUnitId, []), subject, body, "protect-site", site.Id.ToString());
            }
            if (flagged)
            {
                report.Note(db.Clock.GetUtcNow(), "Vigil", $"Flagged to the adviser of {site.Name} (enhanced tier): hostile reconnaissance nearby");
            }
        }
    }

    private static string Bounded(string text) => text.Length <= 300 ? text : text[..297] + "...";

    /// <summary>Links the report both ways with earlier and later reports within the window that share its postcode,
    /// a vehicle registration, a person's name or its link: at most <see cref="PerReason"/> of the newest for each,
    /// each read newest first straight off its own index ((postcode, time), (link key, time), (registration, row),
    /// (name, row)), so that its cost does not grow with the reports naming the same thing.</summary>
    private static async Task ClusterAsync(VigilDb db, ActReport report, HashSet<(Guid, Guid)> linked, BulkWriter links, CancellationToken ct)
    {
        var from = report.ReceivedAt - Window;
        var to = report.ReceivedAt + Window;
        var near = db.Set<ActReport>().Where(r => r.Id != report.Id && r.ReceivedAt >= from && r.ReceivedAt <= to);
        var found = new List<(Guid Id, string Reason)>();
        async Task FindAsync(IQueryable<Guid> newestFirst, string reason) =>
            found.AddRange((await newestFirst.Take(PerReason).ToListAsync(ct)).Select(id => (id, reason)));
        if (report.Postcode.Length > 0)
        {
            await FindAsync(near.Where(r => r.Postcode == report.Postcode).OrderByDescending(r => r.ReceivedAt).Select(r => r.Id), $"the same place ({report.Postcode})");
        }
        if (report.Online && report.OnlineLink.Length > 0)
        {
            await FindAsync(near.Where(r => r.OnlineLinkKey == report.OnlineLinkKey && r.OnlineLink == report.OnlineLink).OrderByDescending(r => r.ReceivedAt).Select(r => r.Id), "the same link");
        }
        foreach (var registration in report.Vehicles.Select(v => v.Registration).Where(r => r.Length > 0).Distinct())
        {
            // A vehicle's rows are numbered as they arrive: the highest numbers are the newest reports.
            await FindAsync(near.SelectMany(r => r.Vehicles.Where(v => v.Registration == registration), (r, v) => new { r.Id, Row = EF.Property<int>(v, "Id") })
                .OrderByDescending(x => x.Row).Select(x => x.Id), $"the same vehicle ({registration})");
        }
        foreach (var name in report.People.Select(p => p.Name).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await FindAsync(near.SelectMany(r => r.People.Where(p => p.Name == name), (r, p) => new { r.Id, Row = EF.Property<int>(p, "Id") })
                .OrderByDescending(x => x.Row).Select(x => x.Id), $"the same name ({name})");
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
                links.Add(new ActClusterLink { ReportId = report.Id, OtherId = other, Reason = reason });
                links.Add(new ActClusterLink { ReportId = other, OtherId = report.Id, Reason = reason });
            }
        }
    }
}

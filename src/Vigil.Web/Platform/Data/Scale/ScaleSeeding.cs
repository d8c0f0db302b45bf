using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Data.Scale;

/// <summary>How much the national-scale generator adds, and from which seed (the same seed gives the same data).</summary>
public sealed record ScalePlan(int People = 1_000_000, long AuditEntries = 0, int Seed = 2026, int? Reports = null)
{
    /// <summary>How many intelligence reports: as many as people unless given.</summary>
    public int IntelligenceReports => Reports ?? People;
}

/// <summary>
/// A module's part of the national-scale generator (`seed-scale --demo`): it adds its records at the
/// network's real proportions, in bulk, through <see cref="ScaleContext"/>. Like <see cref="ISeed"/>, each
/// names the parts it reads (<see cref="After"/>); a name no module registers is passed over, so a part can
/// read what another module leaves when that module is there.
/// </summary>
public interface IScaleSeed
{
    string Name { get; }
    IReadOnlyList<string> After { get; }
    Task SeedAsync(ScaleContext context, CancellationToken ct);
}

/// <summary>What a part of the generator works with: the plan, a random stream of its own per purpose (so
/// a change in one stream changes nothing else), the network's units, the bulk writer, and what earlier
/// parts left for later ones (the people made, the investigations' groups).</summary>
public sealed class ScaleContext(VigilDb db, BulkWriter writer, ScalePlan plan, TextWriter log)
{
    private const int FlushEvery = 20_000;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long written;
    private readonly Dictionary<(Classification, Guid, string), Guid> labels = [];
    // The label and unit of each protected record written, for the search entries of its children.
    private readonly Dictionary<Guid, (Guid Label, Guid Unit)> protectors = [];

    public VigilDb Db => db;
    public ScalePlan Plan => plan;
    public DateTimeOffset Now { get; } = db.Clock.GetUtcNow();

    /// <summary>Values earlier parts leave for later ones, by name ("subjects": the people made).</summary>
    public Dictionary<string, object> Shared { get; } = [];

    /// <summary>A random stream for one purpose, the same for the same seed.</summary>
    public Random Stream(string purpose) => new(HashCode.Combine(plan.Seed, StableHash(purpose)));

    /// <summary>An id from a stream: deterministic for a seed (a fresh Guid would not be).</summary>
    public static Guid Id(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public async Task AddAsync(object entity, CancellationToken ct)
    {
        if (entity is IProtectedRecord record)
        {
            // Written straight to its table, the record is given its label here (VigilDb gives it on a save).
            // Looked up once per label, not per record: asking the change tracker each time costs a scan of it.
            var groups = record.NeedToKnow.Select(g => g.GroupId).ToList();
            var key = (record.Classification, record.OwningUnitId, AccessLabel.KeyOf(groups));
            if (!labels.TryGetValue(key, out var label))
            {
                label = await AccessLabels.IdForAsync(db, record.Classification, record.OwningUnitId, groups, ct);
                if (db.ChangeTracker.HasChanges())
                {
                    await db.SaveChangesAsync(ct);
                }
                labels[key] = label;
            }
            record.AccessLabelId = label;
            protectors[record.Id] = (label, record.OwningUnitId);
        }
        writer.Add(entity);
        foreach (var row in (entity as IHasDerivedRows)?.DerivedRows() ?? [])
        {
            writer.Add(row);
        }
        if (entity is Search.ISearchable searchable && searchable.SearchDocument() is { } document)
        {
            // Its search entry, as a save writes it (the national-scale search is measured on these).
            var (label, unit) = protectors.TryGetValue(document.AccessRecordId, out var known) ? known
                : throw new InvalidOperationException($"The generator wrote a {searchable.SearchType} before the record that protects it.");
            var entry = new Search.SearchEntry { RecordType = searchable.SearchType, RecordId = searchable.Id, Title = "", Href = "" };
            Search.SearchIndexing.Fill(entry, document, label, unit);
            writer.Add(entry);
        }
        if (entity is Retention.IRetained retained && retained.RetentionClock() is { } clock)
        {
            // Its retention entry, as a save writes it (the review queues at national size are measured on these).
            var entry = new Retention.RetentionEntry { RecordType = retained.RetentionType, RecordId = retained.Id, Event = "" };
            entry.Fill(retained, clock);
            writer.Add(entry);
        }
        written++;
        if (writer.Pending >= FlushEvery)
        {
            await writer.FlushAsync(ct);
        }
    }

    public Task FlushAsync(CancellationToken ct) => writer.FlushAsync(ct);

    /// <summary>A line of progress: how many of what, and the rate so far.</summary>
    public void Progress(string what, long done, long total) =>
        log.WriteLine($"  {what}: {done:N0} of {total:N0} ({written / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0} records/s)");

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = 17;
            foreach (var c in text)
            {
                hash = (hash * 31) + c;
            }
            return hash;
        }
    }
}

/// <summary>Runs the modules' parts of the generator in order, then records what it did in the audit chain.</summary>
public sealed class ScaleSeeding(VigilDb db, IEnumerable<IScaleSeed> seeds, AccessContext access)
{
    /// <summary>False when this seed has been used on this database already: the same seed makes the same
    /// records, which are there.</summary>
    public async Task<bool> RunAsync(ScalePlan plan, TextWriter log, CancellationToken ct)
    {
        var marker = $"seed {plan.Seed},";
        if (await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.ScaleSeeded && e.Detail!.Contains(marker), ct))
        {
            return false;
        }
        var context = new ScaleContext(db, new BulkWriter(db), plan, log);
        var all = seeds.ToList();
        var clock = Stopwatch.StartNew();
        foreach (var seed in Order(all))
        {
            log.WriteLine($"{seed.Name}...");
            await seed.SeedAsync(context, ct);
            await context.FlushAsync(ct);
            log.WriteLine($"{seed.Name} done at {clock.Elapsed.TotalSeconds:N0} s");
        }
        // The planner's statistics, so that it knows which index serves which query at this size (SQLite keeps
        // none until asked; PostgreSQL's autovacuum would gather them later).
        log.WriteLine("statistics...");
        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        db.Audit(AuditActions.ScaleSeeded, AuditOutcomes.Success, "database", null,
            detail: $"seed-scale: {plan.People:N0} people, {plan.AuditEntries:N0} audit entries, seed {plan.Seed}, in {clock.Elapsed.TotalSeconds:N0} s by {access.UserName}");
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static IEnumerable<IScaleSeed> Order(List<IScaleSeed> seeds)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var names = seeds.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        while (done.Count < seeds.Count)
        {
            var next = seeds.FirstOrDefault(s => !done.Contains(s.Name) && s.After.Where(names.Contains).All(done.Contains))
                ?? throw new InvalidOperationException("The scale seeds wait on each other or name one that is not registered.");
            done.Add(next.Name);
            yield return next;
        }
    }
}

/// <summary>Audit entries at the volume of national use, in a valid chain after the entries already there:
/// reads of records by the demo's officers, spread over the last year.</summary>
internal sealed class AuditScaleSeed : IScaleSeed
{
    public string Name => "audit";
    public IReadOnlyList<string> After => ["subjects"];

    public async Task SeedAsync(ScaleContext context, CancellationToken ct)
    {
        if (context.Plan.AuditEntries <= 0)
        {
            return;
        }
        var db = context.Db;
        var head = await db.AuditEntries.OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash, e.At }).FirstAsync(ct);
        var users = await db.Users.Where(u => u.UnitId != null).Select(u => new { u.Id, u.UserName, u.UnitId }).ToListAsync(ct);
        var records = context.Shared.TryGetValue("subjects", out var made) ? (IReadOnlyList<Guid>)made : [];
        var random = context.Stream("audit");
        var total = context.Plan.AuditEntries;
        var start = context.Now.AddYears(-1);
        var step = (head.At > start ? context.Now - head.At : context.Now - start) / Math.Max(total, 1);
        var at = head.At > start ? head.At : start;
        var previous = head.Hash;
        for (long i = 1; i <= total; i++)
        {
            var user = users[random.Next(users.Count)];
            at += step;
            var entry = new AuditEntry
            {
                Sequence = head.Sequence + i, At = AuditChain.Normalise(at), UserId = user.Id, UserName = user.UserName, UnitId = user.UnitId,
                Action = AuditActions.Read, RecordType = "subject",
                RecordId = records.Count > 0 ? records[random.Next(records.Count)].ToString() : Guid.Empty.ToString(),
                Outcome = AuditOutcomes.Success, PreviousHash = previous,
            };
            entry.Hash = AuditChain.ComputeHash(entry);
            previous = entry.Hash;
            await context.AddAsync(entry, ct);
            if (i % 500_000 == 0 || i == total)
            {
                context.Progress("audit entries", i, total);
            }
        }
    }
}

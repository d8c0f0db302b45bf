using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vigil.Matching;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Subjects.Deconfliction;

/// <summary>
/// Every subject of the network in a Vigil.Matching <see cref="PersonIndex"/>, for single-person checks
/// in milliseconds. Built from the database (at start, in the background), then kept current by following
/// the durable change sequence (<see cref="RecordChangeEntry"/>) from the last number it applied: at once
/// when a save in this process commits, before every check (so a subject another process or node has just
/// written is found), and every few seconds. Nothing is lost between the build's read and live changes: the
/// build notes the sequence's high mark before it reads the subjects, and catches up from there. Each
/// subject is indexed once per name it is known by (its own and its other names), so an alias finds the
/// person. The model's m/u probabilities are trained on the subjects themselves (EM, no labels) once there
/// are enough of them; until then the library's default parameters are used.
/// </summary>
public sealed class SubjectIndex : IPersonMatcher, IDisposable
{
    public const int TrainingMinimum = 500;

    /// <summary>The probability at which a candidate is a match.</summary>
    public const double MatchThreshold = 0.5;
    /// <summary>The model is trained (EM, no labels) on up to this many subjects: a sample trains it as well
    /// as the whole network would, in a fraction of the time and memory.</summary>
    public const int TrainingSample = 50_000;
    private const int CatchUpBatch = 2000;
    private static readonly string SubjectType = RecordChangeEntry.TypeName(typeof(Subject));

    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<SubjectIndex> log;
    private readonly SemaphoreSlim gate = new(1, 1);
    // How many index records each subject has (its own name, then one per other name: ids "id", "id/1"...).
    private readonly Dictionary<Guid, int> entries = [];
    private volatile PersonIndex? index;
    private long applied;

    public SubjectIndex(IServiceScopeFactory scopes, RecordChangeHub hub, ILogger<SubjectIndex> log)
    {
        this.scopes = scopes;
        this.log = log;
        hub.Subscribe(OnCommittedAsync);
    }

    public int Count => index?.Count ?? 0;
    public bool IsBuilt => index is not null;
    /// <summary>The last number of the change sequence the index has applied.</summary>
    public long AppliedSequence => Interlocked.Read(ref applied);

    public async Task EnsureBuiltAsync(CancellationToken ct)
    {
        if (index is not null)
        {
            return;
        }
        await gate.WaitAsync(ct);
        try
        {
            if (index is not null)
            {
                return;
            }
            await using var scope = SystemScope(out var db);
            // The high mark first: whatever commits after it has a higher number and is caught up below.
            var high = await RecordChangeHub.HighAsync(db, ct);
            var live = db.Set<Subject>().IgnoreQueryFilters().AsNoTracking().Where(s => s.MergedIntoId == null);
            // Streamed as a projection of what the matcher reads, never as whole records: the index's memory is
            // its own, not the loaded subjects'. The model is trained on a sample first.
            var sample = await Project(live.OrderBy(s => s.Id).Take(TrainingSample)).ToListAsync(ct);
            // Known people hold almost no duplicates: the model learns how matches differ from copies of a
            // sample recorded with a second clerk's errors, and how different people agree from the people.
            // In an order of their own content, not of their random ids: the same people train the same model,
            // on every start and every node.
            var training = sample.Select(p => Records(p).First())
                .OrderBy(r => r.Surname, StringComparer.Ordinal).ThenBy(r => r.GivenName, StringComparer.Ordinal)
                .ThenBy(r => r.DateOfBirth?.Packed).ThenBy(r => r.Postcode, StringComparer.Ordinal).ThenBy(r => r.Phone, StringComparer.Ordinal)
                .ToList();
            var model = sample.Count >= TrainingMinimum ? MatchModel.TrainForIndex(training) : MatchModel.Default;
            sample = null;
            var built = new PersonIndex(model);
            entries.Clear();
            var subjects = 0;
            // Reading the database and indexing run side by side (a core each): the reader fills a bounded queue.
            var queue = Channel.CreateBounded<Indexed>(new BoundedChannelOptions(20_000) { SingleReader = true, SingleWriter = true });
            // If indexing fails, the reader stops too (it would otherwise wait on a full queue for ever).
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var reader = Task.Run(async () =>
            {
                try
                {
                    await foreach (var person in Project(live).AsAsyncEnumerable().WithCancellation(stop.Token))
                    {
                        await queue.Writer.WriteAsync(person, stop.Token);
                    }
                    queue.Writer.Complete();
                }
                catch (Exception e)
                {
                    queue.Writer.Complete(e);
                }
            }, ct);
            try
            {
                await foreach (var person in queue.Reader.ReadAllAsync(ct))
                {
                    Put(built, person);
                    subjects++;
                }
            }
            finally
            {
                await stop.CancelAsync();
                await reader;
            }
            Interlocked.Exchange(ref applied, high);
            index = built;
            log.LogInformation("Matching index built: {Subjects} subjects, {Records} names ({Model}), change sequence {Sequence}", subjects, built.Count, subjects >= TrainingMinimum ? "trained" : "default parameters", high);
            await CatchUpHeldAsync(db, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Applies every change to a subject committed since the last one applied. Returns the
    /// sequence number the index is now current to.</summary>
    public async Task<long> CatchUpAsync(CancellationToken ct)
    {
        if (index is null)
        {
            await EnsureBuiltAsync(ct);
            return AppliedSequence;
        }
        await gate.WaitAsync(ct);
        try
        {
            await using var scope = SystemScope(out var db);
            await CatchUpHeldAsync(db, ct);
            return AppliedSequence;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The model the index scores with (null before the index is built).</summary>
    internal MatchModel? Model => index?.Model;

    public double? Resemblance(Guid a, Guid b) => index?.Resemblance(EntryId(a, 0), EntryId(b, 0));

    public async Task<IReadOnlyList<DeconflictionCandidate>> FindAsync(PersonQuery query, bool includeRelatives, CancellationToken ct)
    {
        await CatchUpAsync(ct);
        var probe = new PersonRecord
        {
            Id = "query",
            GivenName = query.GivenName,
            Surname = query.Surname,
            DateOfBirth = query.DateOfBirth is { } dob ? PartialDate.FromDate(dob) : null,
            Gender = query.Gender is null or Gender.NotKnown ? null : query.Gender.ToString(),
            Postcode = query.Postcode,
        };
        // A relative scores far below a match: asked for, the query reaches down to one in a hundred.
        return Candidates(index!.Query(probe, threshold: includeRelatives ? 0.01 : MatchThreshold, maxResults: 50));
    }

    /// <summary>One candidate per subject (its best entry): "person" at the match threshold and above, "relative"
    /// below it where the comparison suggests a relative, nothing else.</summary>
    internal static List<DeconflictionCandidate> Candidates(IEnumerable<MatchCandidate> found) => found
        .Where(c => c.Probability >= MatchThreshold || c.Explanation.Summary is not null)
        .GroupBy(c => SubjectOf(c.Id))
        .Select(g => g.OrderByDescending(c => c.Probability).First())
        .Select(c => new DeconflictionCandidate(SubjectOf(c.Id), c.Probability >= MatchThreshold ? "person" : "relative", c.Probability, Explain(c.Explanation),
            c.Explanation.Summary is not null))
        .ToList();

    // A save in this process has committed: catch up now, so the writer's own next check finds it. The
    // request that saved may have been abandoned by its client, so this never takes its token; and a
    // failure here is logged, not thrown into a request whose change is already committed: the next
    // check or the follower's next round catches up.
    private async Task OnCommittedAsync(IReadOnlyList<RecordChange> changes)
    {
        if (index is null || !changes.Any(c => c.RecordType == typeof(Subject) && c.Sequence > AppliedSequence))
        {
            return;
        }
        try
        {
            await CatchUpAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Matching index could not catch up after a save; it will at the next check or round");
        }
    }

    private async Task CatchUpHeldAsync(VigilDb db, CancellationToken ct)
    {
        while (true)
        {
            var from = AppliedSequence;
            var high = await RecordChangeHub.HighAsync(db, ct);
            if (high <= from)
            {
                return;
            }
            var changed = await db.Set<RecordChangeEntry>().AsNoTracking()
                .Where(e => e.RecordType == SubjectType && e.Sequence > from && e.Sequence <= high)
                .OrderBy(e => e.Sequence).Take(CatchUpBatch)
                .Select(e => new { e.Sequence, e.RecordId }).ToListAsync(ct);
            var upTo = changed.Count == CatchUpBatch ? changed[^1].Sequence : high;
            await ApplyAsync(db, changed.Select(c => c.RecordId).Distinct().ToList(), ct);
            Interlocked.Exchange(ref applied, upTo);
        }
    }

    private async Task ApplyAsync(VigilDb db, List<Guid> subjects, CancellationToken ct)
    {
        if (subjects.Count == 0)
        {
            return;
        }
        var target = index!;
        var current = await Project(db.Set<Subject>().IgnoreQueryFilters().AsNoTracking().Where(s => subjects.Contains(s.Id) && s.MergedIntoId == null))
            .ToDictionaryAsync(s => s.Id, ct);
        foreach (var id in subjects)
        {
            if (entries.Remove(id, out var count))
            {
                for (var n = 0; n < count; n++)
                {
                    target.Remove(EntryId(id, n));
                }
            }
            if (current.TryGetValue(id, out var person))
            {
                Put(target, person);
            }
        }
    }

    private AsyncServiceScope SystemScope(out VigilDb db)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem("system:matching-index");
        db = scope.ServiceProvider.GetRequiredService<VigilDb>();
        return scope;
    }

    /// <summary>What the matcher reads of a subject, and nothing else.</summary>
    private sealed record Indexed(Guid Id, string GivenName, string Surname, DateOnly? DateOfBirth, DateOfBirthAccuracy Accuracy, Gender Gender,
        List<Name> OtherNames, string? Postcode, string? Address, string? Phone, string? Email, List<string> Identifiers);

    private sealed record Name(string GivenName, string Surname);

    private static IQueryable<Indexed> Project(IQueryable<Subject> subjects) => subjects.Select(s => new Indexed(
        s.Id, s.GivenName, s.Surname, s.DateOfBirth, s.DateOfBirthAccuracy, s.Gender,
        s.OtherNames.Select(n => new Name(n.GivenName, n.Surname)).ToList(),
        s.Addresses.OrderByDescending(a => a.From).Select(a => a.Postcode).FirstOrDefault(),
        s.Addresses.OrderByDescending(a => a.From).Select(a => a.Text).FirstOrDefault(),
        s.Contacts.Where(c => c.Kind == ContactKind.Phone).Select(c => c.Value).FirstOrDefault(),
        s.Contacts.Where(c => c.Kind == ContactKind.Email).Select(c => c.Value).FirstOrDefault(),
        s.Identifiers.Select(i => i.Value).ToList()));

    private void Put(PersonIndex target, Indexed person)
    {
        var count = 0;
        foreach (var record in Records(person))
        {
            target.AddOrUpdate(record);
            count++;
        }
        entries[person.Id] = count;
    }

    private static string EntryId(Guid subject, int n) =>
        n == 0 ? subject.ToString() : string.Create(CultureInfo.InvariantCulture, $"{subject}/{n}");

    /// <summary>One record per name the subject is known by; ids are the subject id, then subject id/n.</summary>
    private static IEnumerable<PersonRecord> Records(Indexed s)
    {
        PartialDate? dob = s.DateOfBirth is { } d
            ? s.Accuracy switch
            {
                DateOfBirthAccuracy.Exact => PartialDate.FromDate(d),
                DateOfBirthAccuracy.MonthAndYear => new PartialDate(d.Year, d.Month, 0),
                _ => new PartialDate(d.Year, 0, 0),
            }
            : null;
        var baseRecord = new PersonRecord
        {
            Id = EntryId(s.Id, 0),
            GivenName = s.GivenName,
            Surname = s.Surname,
            DateOfBirth = dob,
            Gender = s.Gender == Gender.NotKnown ? null : s.Gender.ToString(),
            Postcode = s.Postcode,
            Address = s.Address,
            Phone = s.Phone,
            Email = s.Email,
            Identifiers = s.Identifiers,
        };
        yield return baseRecord;
        var n = 0;
        foreach (var name in s.OtherNames)
        {
            yield return baseRecord with { Id = EntryId(s.Id, ++n), GivenName = name.GivenName, Surname = name.Surname };
        }
    }

    private static Guid SubjectOf(string entryId) => Guid.Parse(entryId.AsSpan(0, 36));

    // What the pattern suggests in words first ("possibly a relative"), then field by field.
    private static List<string> Explain(MatchExplanation explanation) =>
        [
            .. explanation.Summary is { } summary ? [char.ToUpperInvariant(summary[0]) + summary[1..]] : Array.Empty<string>(),
            .. explanation.Fields.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Field}: {f.LevelName} ({f.Weight + f.TermFrequencyAdjustment:+0.0;-0.0;0})")),
        ];

    public void Dispose()
    {
        index?.Dispose();
        gate.Dispose();
    }
}

/// <summary>Builds the index in the background once the app has started, so the first check is quick,
/// then catches it up every few seconds (Vigil:Matching:FollowSeconds), so that changes written by another
/// process or node reach it even when nobody here checks. (A LISTEN/NOTIFY wake-up between nodes would
/// only shorten the wait: the sequence is what makes it complete.)</summary>
internal sealed class SubjectIndexFollower(SubjectIndex index, IConfiguration config, ILogger<SubjectIndexFollower> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Clamp(config.GetValue("Vigil:Matching:FollowSeconds", 5.0), 0.1, 3600));
        string? lastFailure = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await index.CatchUpAsync(stoppingToken);
                if (lastFailure is not null)
                {
                    log.LogInformation("Matching index is following the change sequence again");
                    lastFailure = null;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Before migrations (a fresh test database), or while the database is away: said once, then retried.
                if (lastFailure != e.Message)
                {
                    log.LogWarning("Matching index cannot follow the change sequence yet ({Reason}); retrying every {Seconds} s", e.Message, every.TotalSeconds);
                    lastFailure = e.Message;
                }
            }
            try
            {
                // Until it is built, try again soon: readiness waits for it.
                await Task.Delay(index.IsBuilt ? every : TimeSpan.FromSeconds(Math.Min(1, every.TotalSeconds)), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>Ready only when the matching index is built and current: it catches up to the change
/// sequence's high mark now, so a node whose index cannot follow (or is still building) is not sent checks
/// it would answer "no match" to wrongly.</summary>
internal sealed class SubjectIndexHealth(SubjectIndex index) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!index.IsBuilt)
        {
            return HealthCheckResult.Unhealthy("The matching index is still being built");
        }
        try
        {
            var current = await index.CatchUpAsync(cancellationToken);
            return HealthCheckResult.Healthy($"The matching index is current to change {current}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The matching index cannot catch up with the change sequence");
        }
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Matching;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Subjects.Deconfliction;

/// <summary>
/// Every subject of the network in a Vigil.Matching <see cref="PersonIndex"/>, for single-person checks
/// in milliseconds. Built from the database on first use (and warmed up at start), then kept current on
/// every save through the <see cref="RecordChangeHub"/>. Each subject is indexed once per name it is known
/// by (its own and its other names), so an alias finds the person. The model's m/u probabilities are
/// trained on the subjects themselves (EM, no labels) once there are enough of them; until then the
/// library's default parameters are used.
/// </summary>
public sealed class SubjectIndex : IPersonMatcher, IDisposable
{
    public const int TrainingMinimum = 500;

    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<SubjectIndex> log;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<Guid, List<string>> entries = [];
    private PersonIndex? index;

    public SubjectIndex(IServiceScopeFactory scopes, RecordChangeHub hub, ILogger<SubjectIndex> log)
    {
        this.scopes = scopes;
        this.log = log;
        hub.Subscribe(OnChangesAsync);
    }

    public int Count => index?.Count ?? 0;

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
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem("system:matching-index");
            var db = scope.ServiceProvider.GetRequiredService<VigilDb>();
            var subjects = await Load(db).Where(s => s.MergedIntoId == null).ToListAsync(ct);
            var records = subjects.SelectMany(Records).ToList();
            var model = subjects.Count >= TrainingMinimum ? MatchModel.Train(records.Where(r => !r.Id.Contains('/', StringComparison.Ordinal)).ToList()) : MatchModel.Default;
            var built = new PersonIndex(model);
            entries.Clear();
            foreach (var subject in subjects)
            {
                Put(built, subject);
            }
            index = built;
            log.LogInformation("Matching index built: {Subjects} subjects, {Records} names ({Model})", subjects.Count, built.Count, subjects.Count >= TrainingMinimum ? "trained" : "default parameters");
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<IReadOnlyList<DeconflictionCandidate>> FindAsync(PersonQuery query, CancellationToken ct)
    {
        await EnsureBuiltAsync(ct);
        var probe = new PersonRecord
        {
            Id = "query",
            GivenName = query.GivenName,
            Surname = query.Surname,
            DateOfBirth = query.DateOfBirth is { } dob ? PartialDate.FromDate(dob) : null,
            Gender = query.Gender is null or Gender.NotKnown ? null : query.Gender.ToString(),
            Postcode = query.Postcode,
        };
        var found = index!.Query(probe, threshold: 0.5, maxResults: 50);
        return found
            .GroupBy(c => SubjectOf(c.Id))
            .Select(g => g.OrderByDescending(c => c.Probability).First())
            .Select(c => new DeconflictionCandidate(SubjectOf(c.Id), "person", c.Probability, Explain(c.Explanation)))
            .ToList();
    }

    private async Task OnChangesAsync(IReadOnlyList<RecordChange> changes, CancellationToken ct)
    {
        var subjects = changes.Where(c => c.RecordType == typeof(Subject)).Select(c => c.Id).Distinct().ToList();
        if (subjects.Count == 0 || index is null)
        {
            return;
        }
        await gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem("system:matching-index");
            var db = scope.ServiceProvider.GetRequiredService<VigilDb>();
            var current = await Load(db).Where(s => subjects.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
            foreach (var id in subjects)
            {
                foreach (var entry in entries.GetValueOrDefault(id) ?? [])
                {
                    index.Remove(entry);
                }
                entries.Remove(id);
                if (current.TryGetValue(id, out var subject) && subject.MergedIntoId is null)
                {
                    Put(index, subject);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static IQueryable<Subject> Load(VigilDb db) => db.Set<Subject>().IgnoreQueryFilters().AsNoTracking()
        .Include(s => s.OtherNames).Include(s => s.Addresses).Include(s => s.Contacts).Include(s => s.Identifiers);

    private void Put(PersonIndex target, Subject subject)
    {
        var records = Records(subject).ToList();
        foreach (var record in records)
        {
            target.AddOrUpdate(record);
        }
        entries[subject.Id] = records.Select(r => r.Id).ToList();
    }

    /// <summary>One record per name the subject is known by; ids are the subject id, then subject id/n.</summary>
    private static IEnumerable<PersonRecord> Records(Subject s)
    {
        PartialDate? dob = s.DateOfBirth is { } d
            ? s.DateOfBirthAccuracy switch
            {
                DateOfBirthAccuracy.Exact => PartialDate.FromDate(d),
                DateOfBirthAccuracy.MonthAndYear => new PartialDate(d.Year, d.Month, 0),
                _ => new PartialDate(d.Year, 0, 0),
            }
            : null;
        var address = s.Addresses.OrderByDescending(a => a.From).FirstOrDefault();
        var baseRecord = new PersonRecord
        {
            Id = s.Id.ToString(),
            GivenName = s.GivenName,
            Surname = s.Surname,
            DateOfBirth = dob,
            Gender = s.Gender == Gender.NotKnown ? null : s.Gender.ToString(),
            Postcode = address?.Postcode,
            Address = address?.Text,
            Phone = s.Contacts.FirstOrDefault(c => c.Kind == ContactKind.Phone)?.Value,
            Email = s.Contacts.FirstOrDefault(c => c.Kind == ContactKind.Email)?.Value,
            Identifiers = s.Identifiers.Select(i => i.Value).ToList(),
        };
        yield return baseRecord;
        var n = 0;
        foreach (var name in s.OtherNames)
        {
            yield return baseRecord with { Id = string.Create(CultureInfo.InvariantCulture, $"{s.Id}/{++n}"), GivenName = name.GivenName, Surname = name.Surname };
        }
    }

    private static Guid SubjectOf(string entryId) => Guid.Parse(entryId.AsSpan(0, 36));

    private static List<string> Explain(MatchExplanation explanation) => explanation.Fields
        .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Field}: {f.LevelName} ({f.Weight + f.TermFrequencyAdjustment:+0.0;-0.0;0})"))
        .ToList();

    public void Dispose()
    {
        index?.Dispose();
        gate.Dispose();
    }
}

/// <summary>Builds the index in the background once the app has started, so the first check is quick.</summary>
internal sealed class SubjectIndexWarmUp(SubjectIndex index, ILogger<SubjectIndexWarmUp> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await index.EnsureBuiltAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Before migrations (a fresh test database) there is nothing to index yet: the first check builds it.
            log.LogInformation("Matching index not built at start ({Reason}); it will be built on first use", e.Message);
        }
    }
}

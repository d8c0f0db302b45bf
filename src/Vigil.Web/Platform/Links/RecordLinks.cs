namespace Vigil.Web.Platform.Links;

/// <summary>A record of another module as the one referring to it may show it: its kind ("investigation"),
/// id, title and page.</summary>
public sealed record RecordRef(string Type, Guid Id, string Title, string Href);

/// <summary>
/// Finds a record of one kind for the current user, through its module's access filter: the record, or
/// null when it is missing or hidden (both answered alike, the miss audited by the module). A module that
/// lets others refer to its records contributes one (Pursue: "investigation"), so that a module that may
/// not use another (Intelligence may not use Pursue) can still link to its records by reference.
/// </summary>
public interface IRecordFinder
{
    string Type { get; }
    Task<RecordRef?> FindAsync(Guid id, CancellationToken ct);

    /// <summary>The record users know by this name ("Operation KESTREL"), when the user may see it.</summary>
    Task<RecordRef?> FindByNameAsync(string name, CancellationToken ct);

    /// <summary>Those of these records the user may see (a link shown on another record is shown only then); not a
    /// request for any one of them, so nothing is audited as a miss.</summary>
    Task<IReadOnlyList<RecordRef>> VisibleAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>Those of these records still in use (a live investigation), which keeps a record that refers to them
    /// from being disposed of, each named as the user may know it: by its name when they may see it, otherwise by its
    /// unit only. Read past the access filter (a disposal is held back by what the reviewer may not see too); none by
    /// default.</summary>
    Task<IReadOnlyDictionary<Guid, string>> InUseAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<Guid, string>>(new Dictionary<Guid, string>());
}

/// <summary>A dated fact about a record, as a sequence of events or a timeline shows it.</summary>
public sealed record DatedFact(DateTimeOffset At, string Kind, string Title, string Detail, string? Href = null);

/// <summary>
/// What one module knows, dated, about a record of another (the intelligence reports linked to an
/// investigation, the investigations a subject is linked to): only what the current user may see, through
/// the module's own access filters. The investigation's sequence of events and a subject's timeline ask every
/// contributor, so neither needs to know who contributes.
/// </summary>
public interface ITimelineSource
{
    Task<IReadOnlyList<DatedFact>> AboutAsync(string type, Guid id, CancellationToken ct);
}

public static class RecordLinks
{
    /// <summary>The record, when a module finds records of that kind and the user may see it.</summary>
    public static async Task<RecordRef?> FindAsync(this IEnumerable<IRecordFinder> finders, string type, Guid id, CancellationToken ct) =>
        finders.FirstOrDefault(f => f.Type == type) is { } finder ? await finder.FindAsync(id, ct) : null;

    /// <summary>Those of these records of a kind the user may see (none when no module finds that kind).</summary>
    public static async Task<IReadOnlyList<RecordRef>> VisibleAsync(this IEnumerable<IRecordFinder> finders, string type, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : finders.FirstOrDefault(f => f.Type == type) is { } finder ? await finder.VisibleAsync(ids, ct) : [];

    /// <summary>Those of these records of a kind still in use, named as the user may know them (none when no module finds that kind).</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> InUseAsync(this IEnumerable<IRecordFinder> finders, string type, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count > 0 && finders.FirstOrDefault(f => f.Type == type) is { } finder ? await finder.InUseAsync(ids, ct) : new Dictionary<Guid, string>();

    /// <summary>Every contributor's facts about a record, one after another (they share the request's database context).</summary>
    public static async Task<List<DatedFact>> AboutAsync(this IEnumerable<ITimelineSource> sources, string type, Guid id, CancellationToken ct)
    {
        var facts = new List<DatedFact>();
        foreach (var source in sources)
        {
            facts.AddRange(await source.AboutAsync(type, id, ct));
        }
        return facts;
    }
}

/// <summary>A finder whose records have someone to tell when another module links to them (an investigation's SIO):
/// the notice goes to that person's inbox alone.</summary>
public interface IRecordHolderNotice
{
    Task TellHolderAsync(Guid id, string subject, string body, string recordType, string recordId, CancellationToken ct);
}

/// <summary>A document another module adds to a record's case file (an ACT report linked to an investigation, in
/// its CPS case file): a path within the file, and its text as it goes to the prosecutor.</summary>
public sealed record CaseFileDocument(string Path, string Title, string Text);

/// <summary>What one module adds to the case file of a record of another (for an investigation: the CPS case file),
/// only what the current user may see, through the module's own filters.</summary>
public interface ICaseFileSource
{
    Task<IReadOnlyList<CaseFileDocument>> ForCaseFileAsync(string type, Guid id, CancellationToken ct);
}

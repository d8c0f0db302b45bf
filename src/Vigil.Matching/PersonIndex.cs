using System.Runtime.InteropServices;
using Vigil.Matching.Engine;

namespace Vigil.Matching;

/// <summary>A record of an index that may be the queried person.</summary>
/// <param name="Id">The indexed record's id.</param>
/// <param name="Probability">Probability that it is the same person.</param>
/// <param name="MatchWeight">The match weight (log2 odds).</param>
/// <param name="Explanation">Field-by-field evidence.</param>
public sealed record MatchCandidate(string Id, double Probability, double MatchWeight, MatchExplanation Explanation);

/// <summary>Limits of a <see cref="PersonIndex"/>.</summary>
public sealed record IndexOptions
{
    /// <summary>
    /// A blocking key shared by more records than this is not used by queries (other keys still find
    /// the records): it would cost much and find little.
    /// </summary>
    public int MaxBlockSize { get; init; } = 5000;
}

/// <summary>
/// An in-memory index of people for single-record checks ("is this person already known?"): records are
/// added, updated and removed one at a time as the application changes them, and <see cref="Query"/>
/// scores a record against the indexed ones that share a blocking key with it, with a trained (or the
/// default) model. Thread-safe: queries run concurrently; changes wait for running queries and block new ones.
/// </summary>
public sealed class PersonIndex : IDisposable
{
    private const int F = RecordEncoder.FieldCount;

    [ThreadStatic]
    private static HashSet<int>? candidateSet;

    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly Population population = new();
    private readonly PersonField[] fields;
    private readonly PairComparer comparer;
    private readonly Scorer scorer;
    private readonly BlockingRule[] rules;
    private readonly Dictionary<ulong, Posting>[] postings;
    private readonly Dictionary<string, int> slotOf = new(StringComparer.Ordinal);
    private readonly Stack<int> freeSlots = new();
    private readonly IndexOptions options;
    private FieldValue?[] cells = new FieldValue?[1024 * F];
    private string?[] ids = new string?[1024];
    private int[] next;
    private int slots;

    /// <summary>Creates an empty index.</summary>
    /// <param name="model">The trained model (see <see cref="MatchModel.Train(IReadOnlyList{PersonRecord}, MatchOptions?)"/>); <see cref="MatchModel.Default"/> when null.</param>
    /// <param name="options">Limits; defaults when null.</param>
    public PersonIndex(MatchModel? model = null, IndexOptions? options = null)
    {
        Model = model ?? MatchModel.Default;
        this.options = options ?? new IndexOptions();
        var list = new List<PersonField>();
        foreach (var c in Model.Comparisons)
        {
            list.Add(c.Field);
        }

        list.Sort();
        fields = [.. list];
        comparer = new PairComparer(fields);
        scorer = new Scorer(Model, fields, population, 0.5);
        rules = BlockingRule.Usable(f => Array.IndexOf(fields, f) >= 0);
        postings = new Dictionary<ulong, Posting>[rules.Length];
        for (var r = 0; r < rules.Length; r++)
        {
            postings[r] = [];
        }

        next = new int[1024 * rules.Length];
    }

    /// <summary>The model that scores queries.</summary>
    public MatchModel Model { get; }

    /// <summary>Records in the index.</summary>
    public int Count
    {
        get
        {
            gate.EnterReadLock();
            try
            {
                return slotOf.Count;
            }
            finally
            {
                gate.ExitReadLock();
            }
        }
    }

    /// <summary>Whether a record with this id is indexed.</summary>
    public bool Contains(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        gate.EnterReadLock();
        try
        {
            return slotOf.ContainsKey(id);
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>Adds a record.</summary>
    /// <exception cref="ArgumentException">The id is empty or already indexed (use <see cref="AddOrUpdate"/>).</exception>
    public void Add(PersonRecord record)
    {
        Check(record);
        gate.EnterWriteLock();
        try
        {
            if (slotOf.ContainsKey(record.Id))
            {
                throw new ArgumentException($"A record with id '{record.Id}' is already indexed; update it instead.", nameof(record));
            }

            Insert(record);
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Replaces the indexed record with the same id.</summary>
    /// <exception cref="KeyNotFoundException">No record with that id is indexed.</exception>
    public void Update(PersonRecord record)
    {
        Check(record);
        gate.EnterWriteLock();
        try
        {
            if (!slotOf.TryGetValue(record.Id, out var slot))
            {
                throw new KeyNotFoundException($"No record with id '{record.Id}' is indexed.");
            }

            Delete(slot);
            Insert(record);
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Adds the record, or replaces the indexed record with the same id. Returns true when it replaced one.</summary>
    public bool AddOrUpdate(PersonRecord record)
    {
        Check(record);
        gate.EnterWriteLock();
        try
        {
            var existed = slotOf.TryGetValue(record.Id, out var slot);
            if (existed)
            {
                Delete(slot);
            }

            Insert(record);
            return existed;
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Removes the record with this id; false when none was indexed.</summary>
    public bool Remove(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        gate.EnterWriteLock();
        try
        {
            if (!slotOf.TryGetValue(id, out var slot))
            {
                return false;
            }

            Delete(slot);
            return true;
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>
    /// The indexed records that may be the person in <paramref name="record"/>, most likely first: those
    /// with probability at or above <paramref name="threshold"/>, at most <paramref name="maxResults"/>. An
    /// indexed record with the query's own id is left out, so a stored record can be checked for duplicates.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is not in [0, 1] or maxResults is below 1.</exception>
    public IReadOnlyList<MatchCandidate> Query(PersonRecord record, double threshold = 0.5, int maxResults = 10)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        if (!(threshold >= 0 && threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold is a probability from 0 to 1.");
        }

        var row = new FieldValue?[F];
        var levels = new byte[comparer.Width];
        var found = new List<(int Slot, double Weight, byte[] Levels)>();
        gate.EnterReadLock();
        try
        {
            population.Lookup(record, row);
            var set = candidateSet ??= [];
            set.Clear();
            for (var r = 0; r < rules.Length; r++)
            {
                var key = rules[r].Key(row);
                if (key == 0 || !postings[r].TryGetValue(key, out var posting) || posting.Count > options.MaxBlockSize)
                {
                    continue;
                }

                for (var s = posting.Head; s >= 0; s = next[(s * rules.Length) + r])
                {
                    set.Add(s);
                }
            }

            var prior = Model.PriorFor(Math.Max(1, slotOf.Count));
            var priorWeight = Math.Log2(prior / (1 - prior));
            var cut = Scorer.WeightOf(threshold);
            foreach (var s in set)
            {
                if (ids[s] == record.Id)
                {
                    continue;
                }

                comparer.Compare(row, cells.AsSpan(s * F, F), levels);
                var w = scorer.Score(levels, row, priorWeight);
                if (w >= cut)
                {
                    found.Add((s, w, (byte[])levels.Clone()));
                }
            }

            found.Sort((x, y) => y.Weight.CompareTo(x.Weight));
            var result = new List<MatchCandidate>(Math.Min(found.Count, maxResults));
            for (var i = 0; i < found.Count && i < maxResults; i++)
            {
                var (slot, weight, lv) = found[i];
                result.Add(new MatchCandidate(ids[slot]!, Scorer.Probability(weight), weight, scorer.Explain(lv, row, priorWeight)));
            }

            return result;
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>
    /// The probability that two indexed records are the same person, scored as a query would score one
    /// against the other; null when either id is not indexed. Lets a caller tell whether several candidates
    /// of one query are one person held twice or different people.
    /// </summary>
    public double? Resemblance(string idA, string idB)
    {
        ArgumentNullException.ThrowIfNull(idA);
        ArgumentNullException.ThrowIfNull(idB);
        var levels = new byte[comparer.Width];
        gate.EnterReadLock();
        try
        {
            if (!slotOf.TryGetValue(idA, out var a) || !slotOf.TryGetValue(idB, out var b))
            {
                return null;
            }

            var prior = Model.PriorFor(Math.Max(1, slotOf.Count));
            var rowA = cells.AsSpan(a * F, F);
            comparer.Compare(rowA, cells.AsSpan(b * F, F), levels);
            return Scorer.Probability(scorer.Score(levels, rowA, Math.Log2(prior / (1 - prior))));
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => gate.Dispose();

    private static void Check(PersonRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrEmpty(record.Id))
        {
            throw new ArgumentException("The record has no id.", nameof(record));
        }
    }

    private void Insert(PersonRecord record)
    {
        var slot = freeSlots.Count > 0 ? freeSlots.Pop() : slots++;
        if (slot >= ids.Length)
        {
            var size = ids.Length * 2;
            Array.Resize(ref ids, size);
            Array.Resize(ref cells, size * F);
            Array.Resize(ref next, size * rules.Length);
        }

        var row = cells.AsSpan(slot * F, F);
        population.Add(record, row);
        ids[slot] = record.Id;
        slotOf[record.Id] = slot;
        for (var r = 0; r < rules.Length; r++)
        {
            var key = rules[r].Key(row);
            if (key == 0)
            {
                continue;
            }

            // Push on the front of the key's list.
            ref var posting = ref CollectionsMarshal.GetValueRefOrAddDefault(postings[r], key, out var exists);
            next[(slot * rules.Length) + r] = exists ? posting.Head : -1;
            posting = new Posting(slot, exists ? posting.Count + 1 : 1);
        }
    }

    private void Delete(int slot)
    {
        var row = cells.AsSpan(slot * F, F);
        for (var r = 0; r < rules.Length; r++)
        {
            var key = rules[r].Key(row);
            if (key == 0)
            {
                continue;
            }

            ref var posting = ref CollectionsMarshal.GetValueRefOrNullRef(postings[r], key);
            if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref posting))
            {
                continue;
            }

            var after = next[(slot * rules.Length) + r];
            if (posting.Head == slot)
            {
                posting = new Posting(after, posting.Count - 1);
            }
            else
            {
                var s = posting.Head;
                while (s >= 0 && next[(s * rules.Length) + r] != slot)
                {
                    s = next[(s * rules.Length) + r];
                }

                if (s >= 0)
                {
                    next[(s * rules.Length) + r] = after;
                }

                posting = new Posting(posting.Head, posting.Count - 1);
            }

            if (posting.Count <= 0)
            {
                postings[r].Remove(key);
            }
        }

        population.Release(row);
        row.Clear();
        slotOf.Remove(ids[slot]!);
        ids[slot] = null;
        freeSlots.Push(slot);
    }

    private readonly record struct Posting(int Head, int Count);
}

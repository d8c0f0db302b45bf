using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Matching.Engine;

namespace Vigil.Matching;

/// <summary>
/// The m and u probabilities of one field's comparison levels: m is how often true matches compare at
/// each level, u how often non-matches do. The level's weight is log2(m/u).
/// </summary>
/// <param name="Field">The compared field.</param>
/// <param name="Levels">The levels' names, strongest agreement first.</param>
/// <param name="M">P(level | match), one per level.</param>
/// <param name="U">P(level | non-match), one per level.</param>
/// <param name="TermFrequencyAdjusted">Whether exact agreement is weighted by how rare the value is.</param>
public sealed record ComparisonParameters(PersonField Field, IReadOnlyList<string> Levels, IReadOnlyList<double> M, IReadOnlyList<double> U, bool TermFrequencyAdjusted)
{
    /// <summary>
    /// A field this one depends on among non-matches (the town on the postcode, gender on the given name),
    /// or null. Two different people with the same postcode very likely share the town too, so the town's
    /// agreement is weighed against <see cref="ConditionalU"/> for the postcode's level, not against
    /// <see cref="U"/>, and the same evidence is not counted twice.
    /// </summary>
    public PersonField? ConditionedOn { get; init; }

    /// <summary>
    /// With <see cref="ConditionedOn"/>: P(level | non-match, the other field's level), one row per level of
    /// the other field and a last row for when it is missing.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>>? ConditionalU { get; init; }

    /// <summary>The weight of each level, log2(m/u).</summary>
    public double Weight(int level) => Math.Log2(M[level] / U[level]);

    /// <summary>The weight of a level when the field it is conditioned on compared at <paramref name="otherLevel"/> (-1 for missing).</summary>
    public double Weight(int level, int otherLevel)
    {
        if (ConditionalU is null)
        {
            return Weight(level);
        }

        var row = otherLevel < 0 || otherLevel >= ConditionalU.Count - 1 ? ConditionalU[^1] : ConditionalU[otherLevel];
        return Math.Log2(M[level] / row[level]);
    }
}

/// <summary>
/// A trained Fellegi-Sunter model: per-field m and u probabilities and the prior chance that two records
/// match. Trained without labels (<see cref="Train(IReadOnlyList{PersonRecord}, MatchOptions?)"/>): u from
/// randomly sampled pairs, m by expectation-maximisation over the blocked pairs. Immutable and thread-safe;
/// save it with <see cref="ToJson"/> and reuse it for an index or other files of the same kind.
/// </summary>
public sealed class MatchModel
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly Lazy<MatchModel> DefaultModel = new(BuildDefault);
    private readonly ComparisonParameters?[] byField = new ComparisonParameters?[RecordEncoder.FieldCount];

    /// <summary>Creates a model from its parameters (normally read with <see cref="FromJson"/> or made by training).</summary>
    /// <exception cref="ArgumentException">A field appears twice, or a comparison's levels, M and U differ in length or are not probabilities.</exception>
    public MatchModel(IEnumerable<ComparisonParameters> comparisons, double priorProbability, double expectedMatchesPerRecord)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var list = new List<ComparisonParameters>();
        foreach (var c in comparisons)
        {
            var expected = Engine.Comparisons.LevelNames(c.Field).Length;
            if (c.M.Count != expected || c.U.Count != expected || c.Levels.Count != expected)
            {
                throw new ArgumentException($"{c.Field} needs {expected} levels, with an m and a u for each.", nameof(comparisons));
            }

            for (var l = 0; l < expected; l++)
            {
                if (!(c.M[l] > 0 && c.M[l] <= 1 && c.U[l] > 0 && c.U[l] <= 1))
                {
                    throw new ArgumentException($"{c.Field} level {l}: m and u must be probabilities above 0.", nameof(comparisons));
                }
            }

            if (c.ConditionalU is not null)
            {
                foreach (var row in c.ConditionalU)
                {
                    if (row.Count != expected || row.Any(x => !(x > 0 && x <= 1)))
                    {
                        throw new ArgumentException($"{c.Field}: every conditional u row needs {expected} probabilities above 0.", nameof(comparisons));
                    }
                }

                if (c.ConditionedOn is null)
                {
                    throw new ArgumentException($"{c.Field}: conditional u without the field it is conditioned on.", nameof(comparisons));
                }
            }

            if (byField[(int)c.Field] is not null)
            {
                throw new ArgumentException($"{c.Field} appears twice.", nameof(comparisons));
            }

            byField[(int)c.Field] = c;
            list.Add(c);
        }

        if (!(priorProbability > 0 && priorProbability < 1))
        {
            throw new ArgumentException("The prior must be between 0 and 1.", nameof(priorProbability));
        }

        Comparisons = list;
        PriorProbability = priorProbability;
        ExpectedMatchesPerRecord = expectedMatchesPerRecord > 0 ? expectedMatchesPerRecord : 0.01;
    }

    /// <summary>The compared fields and their parameters.</summary>
    public IReadOnlyList<ComparisonParameters> Comparisons { get; }

    /// <summary>The chance that two records of the training population, drawn at random, are the same person.</summary>
    public double PriorProbability { get; }

    /// <summary>
    /// How many other records of a population one record matches on average. The prior for a population of N
    /// records (an index) is this divided by N.
    /// </summary>
    public double ExpectedMatchesPerRecord { get; }

    /// <summary>
    /// A model with hand-set parameters for every field, usable before any data exist to train on. Trained
    /// models are more accurate.
    /// </summary>
    public static MatchModel Default => DefaultModel.Value;

    /// <summary>The parameters of one field, or null when the model does not compare it.</summary>
    public ComparisonParameters? For(PersonField field) => byField[(int)field];

    /// <summary>The prior match probability of one pair when a record is compared with a population of <paramref name="populationSize"/>.</summary>
    public double PriorFor(long populationSize) =>
        Math.Clamp(ExpectedMatchesPerRecord / Math.Max(1, populationSize), 1e-12, 0.5);

    /// <summary>Trains a model for deduplicating (or indexing) records like these, without labels.</summary>
    public static MatchModel Train(IReadOnlyList<PersonRecord> records, MatchOptions? options = null) =>
        new PersonMatcher(options).TrainDedupe(records);

    /// <summary>
    /// Trains a model for an index of known people, who hold almost no duplicates: a population like that
    /// gives expectation-maximisation no matches to learn m from, and it takes families and namesakes for
    /// them. So the population is trained with copies of a sample of it, each recorded with the errors a
    /// second clerk makes (<c>SelfCopies</c>): m is learned from those copies, u and the households from the
    /// population itself. How many duplicates the population holds cannot be learned that way (relatives
    /// would be counted as duplicates), so it is given: <paramref name="duplicatesPerRecord"/>.
    /// </summary>
    /// <param name="population">The known people (a sample of them is enough: tens of thousands).</param>
    /// <param name="options">Training settings; <see cref="MatchOptions.Seed"/> also chooses the copies.</param>
    /// <param name="duplicatesPerRecord">How many other records of the same person a record has on average
    /// (the index's prior is this over the number of records); 0.02 by default, one record in fifty held twice.</param>
    public static MatchModel TrainForIndex(IReadOnlyList<PersonRecord> population, MatchOptions? options = null, double duplicatesPerRecord = 0.02)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(duplicatesPerRecord);
        options ??= new MatchOptions();
        var copies = Engine.SelfCopies.Make(population, Math.Min(10_000, Math.Max(1, population.Count / 4)), options.Seed);
        var model = new PersonMatcher(options).TrainDedupe([.. population, .. copies]);
        return new MatchModel(model.Comparisons, Math.Clamp(duplicatesPerRecord / Math.Max(1, population.Count), 1e-12, 0.5), duplicatesPerRecord);
    }

    /// <summary>Trains a model for linking two files like these, without labels.</summary>
    public static MatchModel Train(IReadOnlyList<PersonRecord> left, IReadOnlyList<PersonRecord> right, MatchOptions? options = null) =>
        new PersonMatcher(options).TrainLink(left, right);

    /// <summary>The model as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(new ModelDocument(PriorProbability, ExpectedMatchesPerRecord, [.. Comparisons]), Json);

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The text is not a valid model.</exception>
    public static MatchModel FromJson(string json)
    {
        try
        {
            var doc = JsonSerializer.Deserialize<ModelDocument>(json, Json) ?? throw new FormatException("The model is empty.");
            return new MatchModel(doc.Comparisons ?? [], doc.PriorProbability, doc.ExpectedMatchesPerRecord);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new FormatException("Not a valid match model: " + e.Message, e);
        }
    }

    private static MatchModel BuildDefault()
    {
        var list = new List<ComparisonParameters>();
        foreach (PersonField field in Enum.GetValues<PersonField>())
        {
            var levels = Engine.Comparisons.LevelNames(field);
            list.Add(new ComparisonParameters(field, levels, DefaultM(field, levels.Length), DefaultU(field, levels.Length), Engine.Comparisons.TermFrequencyByDefault(field)));
        }

        return new MatchModel(list, 1e-4, 0.1);
    }

    /// <summary>Starting m: most matches agree exactly, a few at each weaker level.</summary>
    internal static double[] DefaultM(PersonField field, int levels)
    {
        var m = new double[levels];
        m[0] = field switch
        {
            PersonField.Identifier or PersonField.Gender or PersonField.Region => 0.95,
            PersonField.DateOfBirth or PersonField.Email or PersonField.Phone => 0.85,
            _ => 0.8,
        };
        var rest = 1 - m[0];
        for (var l = 1; l < levels; l++)
        {
            m[l] = rest / (levels - 1);
        }

        return m;
    }

    /// <summary>Starting u: agreement is rare between different people, except on gender and region.</summary>
    internal static double[] DefaultU(PersonField field, int levels)
    {
        var u = new double[levels];
        u[0] = field switch
        {
            PersonField.Gender => 0.5,
            PersonField.Region => 0.2,
            PersonField.GivenName or PersonField.Locality or PersonField.BirthPlace => 0.01,
            PersonField.Surname or PersonField.MiddleNames => 0.005,
            PersonField.DateOfBirth or PersonField.Postcode => 0.0005,
            _ => 0.00001,
        };
        for (var l = 1; l < levels - 1; l++)
        {
            u[l] = Math.Min(0.05, u[0] * Math.Pow(4, l));
        }

        var used = 0.0;
        for (var l = 0; l < levels - 1; l++)
        {
            used += u[l];
        }

        u[levels - 1] = 1 - used;
        return u;
    }

    private sealed record ModelDocument(double PriorProbability, double ExpectedMatchesPerRecord, List<ComparisonParameters>? Comparisons);
}

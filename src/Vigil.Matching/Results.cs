using Vigil.Matching.Engine;

namespace Vigil.Matching;

/// <summary>How one field compared in a pair, and the evidence it gave.</summary>
/// <param name="Field">The field.</param>
/// <param name="Level">The comparison level (0 = exact), or -1 when either value is missing.</param>
/// <param name="LevelName">The level's description, or "missing".</param>
/// <param name="Weight">log2(m/u) of the level: positive for agreement, negative for disagreement.</param>
/// <param name="TermFrequencyAdjustment">Added for exact agreement on a rarer (positive) or commoner (negative) value than average.</param>
public sealed record FieldComparison(PersonField Field, int Level, string LevelName, double Weight, double TermFrequencyAdjustment)
{
    /// <summary>The field's whole contribution to the match weight.</summary>
    public double TotalWeight => Weight + TermFrequencyAdjustment;
}

/// <summary>
/// Why a pair scored as it did: the prior weight plus each field's weight is the match weight, and the
/// probability is 2^w / (1 + 2^w).
/// </summary>
/// <param name="PriorWeight">log2 of the prior odds that two records of this population match.</param>
/// <param name="Fields">Every compared field, in comparison order.</param>
/// <param name="NamesSwapped">True when given name and surname were compared crosswise.</param>
public sealed record MatchExplanation(double PriorWeight, IReadOnlyList<FieldComparison> Fields, bool NamesSwapped)
{
    /// <summary>The match weight: prior plus every field's total weight.</summary>
    public double MatchWeight
    {
        get
        {
            var w = PriorWeight;
            foreach (var f in Fields)
            {
                w += f.TotalWeight;
            }

            return w;
        }
    }

    /// <summary>The match probability.</summary>
    public double Probability => Scorer.Probability(MatchWeight);

    /// <summary>
    /// What the pattern suggests when it is more than a comparison, in words, or null: "same surname, birth date
    /// and address; given names differ: possibly a relative" (a twin, a sibling); "same name and address; born
    /// a generation apart: possibly a parent and child". A human judgement is still needed: this says why.
    /// </summary>
    public string? Summary
    {
        get
        {
            int Level(PersonField f) => Fields.FirstOrDefault(x => x.Field == f)?.Level ?? -1;
            bool Agrees(PersonField f, int upTo) => Level(f) is >= 0 and var l && l <= upTo;
            var given = Level(PersonField.GivenName);
            if (given < 0 || !Agrees(PersonField.Surname, 1))
            {
                return null;
            }

            var home = Agrees(PersonField.Address, 1) || Agrees(PersonField.Postcode, 0);
            if (given >= 4)
            {
                var same = new List<string> { "surname" };
                if (Agrees(PersonField.DateOfBirth, 1))
                {
                    same.Add("birth date");
                }

                if (home)
                {
                    same.Add("address");
                }

                return same.Count == 1 ? null : $"same {Join(same)}; given names differ: possibly a relative";
            }

            return given <= 1 && Level(PersonField.DateOfBirth) == 5 && home
                ? "same name and address; born a generation apart: possibly a parent and child"
                : null;
        }
    }

    private static string Join(List<string> words) =>
        words.Count == 1 ? words[0] : string.Join(", ", words.Take(words.Count - 1)) + " and " + words[^1];
}

/// <summary>A pair of records scored at or above the threshold.</summary>
public sealed class MatchPair
{
    private readonly Func<MatchExplanation> explain;
    private MatchExplanation? explanation;

    internal MatchPair(PersonRecord left, PersonRecord right, double weight, double sharedWeight, Func<MatchExplanation> explain)
    {
        Left = left;
        Right = right;
        MatchWeight = weight;
        PairProbability = Scorer.Probability(weight);
        Probability = Scorer.Probability(sharedWeight);
        this.explain = explain;
    }

    /// <summary>The left record (in a dedupe, the one that came first in the input).</summary>
    public PersonRecord Left { get; }

    /// <summary>The right record.</summary>
    public PersonRecord Right { get; }

    /// <summary>The left record's id.</summary>
    public string LeftId => Left.Id;

    /// <summary>The right record's id.</summary>
    public string RightId => Right.Id;

    /// <summary>
    /// Probability that the two records are the same person. In a link, the left record is at most one
    /// person of the right file, so this is the pair's share of the evidence among the right records that
    /// reach the threshold on their own (two equally good candidates share it and neither reaches 0.5); in a
    /// dedupe, or for a pair below the threshold, it is <see cref="PairProbability"/>.
    /// </summary>
    public double Probability { get; }

    /// <summary>The probability from this pair's own comparison, before any sharing with other candidates.</summary>
    public double PairProbability { get; }

    /// <summary>The Fellegi-Sunter match weight (log2 odds) of this pair's own comparison.</summary>
    public double MatchWeight { get; }

    /// <summary>Field-by-field evidence (built on first use).</summary>
    public MatchExplanation Explanation => explanation ??= explain();
}

/// <summary>The person (cluster) a record was assigned to by a dedupe.</summary>
/// <param name="Record">The record.</param>
/// <param name="ClusterId">The cluster's number, from 1, in order of each cluster's first record in the input.</param>
/// <param name="ClusterSize">Records in the cluster (1 for a record matched with nothing).</param>
public sealed record ClusterAssignment(PersonRecord Record, int ClusterId, int ClusterSize)
{
    /// <summary>The record's id.</summary>
    public string Id => Record.Id;
}

/// <summary>Counts and timings of one linkage run.</summary>
public sealed record MatchStatistics
{
    /// <summary>Records read (both sides of a link).</summary>
    public required int Records { get; init; }

    /// <summary>All pairs that could be compared (left x right, or n(n-1)/2).</summary>
    public required long PossiblePairs { get; init; }

    /// <summary>Candidate pairs compared field by field (after blocking).</summary>
    public required long Comparisons { get; init; }

    /// <summary>Pairs at or above the threshold.</summary>
    public required int PairsFound { get; init; }

    /// <summary>Blocks skipped for exceeding <see cref="MatchOptions.MaxBlockSize"/>.</summary>
    public int SkippedBlocks { get; init; }

    /// <summary>The prior match probability used.</summary>
    public double PriorProbability { get; init; }

    /// <summary>Expectation-maximisation iterations (0 when a trained model was supplied).</summary>
    public int EmIterations { get; init; }

    /// <summary>Normalising and encoding the records.</summary>
    public TimeSpan Preparing { get; init; }

    /// <summary>Blocking: keys, sorting, blocks (before any comparison).</summary>
    public TimeSpan Blocking { get; init; }

    /// <summary>Comparing the candidate pairs field by field (after blocking).</summary>
    public TimeSpan Comparing { get; init; }

    /// <summary>Estimating u and m (zero when a model was supplied).</summary>
    public TimeSpan Training { get; init; }

    /// <summary>Scoring, thresholding and clustering.</summary>
    public TimeSpan Scoring { get; init; }

    /// <summary>The whole run.</summary>
    public TimeSpan Total { get; init; }
}

/// <summary>The result of linking two files.</summary>
/// <param name="Pairs">Left-right pairs whose shared probability is at or above the threshold, in a stable order.</param>
/// <param name="Model">The model used (trained on the input unless one was given).</param>
/// <param name="Statistics">Counts and timings.</param>
public sealed record LinkResult(IReadOnlyList<MatchPair> Pairs, MatchModel Model, MatchStatistics Statistics)
{
    /// <summary>For every left record, in input order: its best candidate, the runner-up and the verdict.</summary>
    public IReadOnlyList<BestMatch> Best { get; init; } = [];
}

/// <summary>What a link says about one left record.</summary>
public enum MatchVerdict
{
    /// <summary>No right record reaches the threshold on its own evidence.</summary>
    NoMatch,

    /// <summary>One right record holds the evidence: the best candidate reaches the threshold once shared.</summary>
    Match,

    /// <summary>
    /// Several right records reach the threshold on their own evidence but none once they share it: the
    /// record fits more than one known person and more details are needed to say which.
    /// </summary>
    SeveralPossibleMatches,
}

/// <summary>The best candidate for one left record of a link, with the runner-up's margin.</summary>
/// <param name="Left">The left record.</param>
/// <param name="Verdict">Match, no match, or several possible matches.</param>
/// <param name="Best">The most likely right record, or null when there is no candidate.</param>
/// <param name="RunnerUp">The next most likely, or null.</param>
/// <param name="Possible">How many right records reach the threshold on their own evidence.</param>
public sealed record BestMatch(PersonRecord Left, MatchVerdict Verdict, MatchPair? Best, MatchPair? RunnerUp, int Possible)
{
    /// <summary>How far the best candidate's match weight is above the runner-up's, in bits (log2 odds); null without a runner-up.</summary>
    public double? Margin => Best is not null && RunnerUp is not null ? Best.MatchWeight - RunnerUp.MatchWeight : null;

    /// <summary>The verdict in words, as the check and the CLI print it.</summary>
    public string VerdictText => Verdict switch
    {
        MatchVerdict.Match => "match",
        MatchVerdict.SeveralPossibleMatches => "several possible matches: more details needed",
        _ => "no match",
    };
}

/// <summary>The result of deduplicating one file (or several, by source).</summary>
/// <param name="Pairs">Pairs at or above the threshold.</param>
/// <param name="Clusters">Every input record with its cluster: the connected components of the pairs.</param>
/// <param name="Model">The model used.</param>
/// <param name="Statistics">Counts and timings.</param>
public sealed record DedupeResult(IReadOnlyList<MatchPair> Pairs, IReadOnlyList<ClusterAssignment> Clusters, MatchModel Model, MatchStatistics Statistics);

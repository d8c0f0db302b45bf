namespace Vigil.Matching.Engine;

/// <summary>
/// Unsupervised Fellegi-Sunter training, after Splink, with what relatives and namesakes teach (issue 13).
/// u (how non-matches compare) is measured on uniformly random pairs, which are almost all non-matches; a
/// field that depends on another among non-matches (the town on the postcode; names, birth date and phone
/// on the postcode, since people at one postcode are mostly households) gets its u per level of that other
/// field, and for pairs at one postcode the u of the household stratum: how the candidates that share a
/// postcode compare once the stratum's matches are taken out by an EM with m held. m (how matches compare)
/// comes from expectation-maximisation sessions, one per blocking rule, over the candidate pairs that share
/// that rule's key, each estimating only the fields the rule does not fix nor make agree: within a block,
/// the blocked fields agree by construction and would let the EM find "same postcode" or "same surname"
/// instead of "same person". Where the postcode is free in a session, the mixture has a third class,
/// families, so that twins and a father and son of one name are not taken for one person. Sessions with at
/// least three free fields come first. A field's m is the average of its sessions' estimates, except at the
/// levels where relatives look like matches with an error (a given name that differs outright, a birth date
/// years or a generation apart): there it comes from the sessions on a personal identifier or e-mail address,
/// which cannot gather relatives, or, without enough of those, the median of all sessions, so that a session
/// whose rule gathers relatives (surname and birth year gather twins) is outvoted.
/// The prior is then the match share of all candidates under those m and u (a one-parameter EM), spread
/// over every possible pair and, in a link, no more matches than the smaller file has records. Finally u
/// is cleaned of the few true matches that random sampling catches (u_raw = prior * m + (1 - prior) * u),
/// which matters for near-unique fields such as identifiers.
/// </summary>
internal static class Trainer
{
    private const int MinSessionPairs = 30;

    // Matches found by sessions on a personal identifier or e-mail address before their m is trusted over the rest.
    private const double TrustedMatches = 200;


    public static MatchModel Train(FieldValue?[] cells, ComparisonSpace space, PairComparer comparer, BlockingRule[] rules, Candidates candidates, MatchOptions options, TrainingReport report)
    {
        var fields = comparer.Fields;
        var k = fields.Length;
        var levelCounts = new int[k];
        var parents = new int[k];
        for (var c = 0; c < k; c++)
        {
            levelCounts[c] = Comparisons.LevelNames(fields[c]).Length;
            parents[c] = Comparisons.DependsOn(fields[c]) is { } other ? Array.IndexOf(fields, other) : -1;
        }

        var samples = (int)Math.Min(options.USampleSize, Math.Max(1, space.PairCount));
        var sample = SampleU(cells, space, comparer, levelCounts, parents, samples, options);

        var uRaw = sample.U;
        var uFloor = 0.5 / samples;

        var patterns = Patterns(candidates, k);
        var m = EstimateM(patterns, fields, levelCounts, rules, uRaw, options.MaxEmIterations, report);
        var postcode = Array.IndexOf(fields, PersonField.Postcode);
        var household = postcode < 0 ? null : HouseholdU(patterns, fields, postcode, m, uRaw, options.MaxEmIterations);

        // The prior with u as measured, then u without the matches that sampling caught, then the prior again.
        var prior = 1e-6;
        MatchModel model = null!;
        for (var round = 0; round < 3; round++)
        {
            var list = new List<ComparisonParameters>(k);
            var u = new double[k][];
            for (var c = 0; c < k; c++)
            {
                u[c] = new double[levelCounts[c]];
                for (var l = 0; l < u[c].Length; l++)
                {
                    // Never below a twentieth of what was measured: a wrong prior must not erase u.
                    u[c][l] = round == 0 ? uRaw[c][l] : Math.Max((uRaw[c][l] - (prior * m[c][l])) / (1 - prior), uRaw[c][l] / 20);
                }

                Floor(u[c], uFloor);
                NeverForDisagreement(u[c], m[c]);
            }

            for (var c = 0; c < k; c++)
            {
                var parameters = new ComparisonParameters(fields[c], Comparisons.LevelNames(fields[c]), m[c], u[c], Comparisons.TermFrequencyByDefault(fields[c]));
                if (parents[c] >= 0)
                {
                    parameters = parameters with
                    {
                        ConditionedOn = fields[parents[c]],
                        ConditionalU = ConditionalU(sample.Joint[c]!, levelCounts[parents[c]], m[parents[c]], u[parents[c]], m[c], u[c], round == 0 ? 0 : prior, uFloor),
                    };
                    if (parents[c] == postcode && household is not null)
                    {
                        // Pairs at one postcode are compared against how households compare, not against the nation.
                        var rows = (double[][])parameters.ConditionalU!;
                        rows[0] = Blend(household.Value.U[c], household.Value.NonMatches, u[c], uFloor);
                    }

                    foreach (var row in (double[][])parameters.ConditionalU!)
                    {
                        NeverForDisagreement(row, m[c]);
                    }
                }

                list.Add(parameters);
            }

            model = new MatchModel(list, prior, 1);
            var share = MatchShare(patterns, new Scorer(model, fields, null, 0.5));
            prior = Prior(share, candidates.Count, space);
            report.CandidateMatchShare = share;
        }

        report.USamples = samples;
        var expected = space.Count == 0 ? 0 : 2 * prior * space.PairCount / space.Count;
        return new MatchModel(model.Comparisons, prior, expected);
    }

    /// <summary>
    /// P(level | non-match, level of the field depended on) from the joint counts of the random pairs,
    /// smoothed towards the unconditional u and cleaned of the matches the sample caught, which are
    /// many more among pairs that agree on the other field than overall.
    /// </summary>
    private static double[][] ConditionalU(long[] joint, int parentLevels, double[] mParent, double[] uParent, double[] m, double[] u, double prior, double floor)
    {
        const double Smoothing = 20;
        var levels = m.Length;
        var rows = new double[parentLevels + 1][];
        for (var r = 0; r < parentLevels; r++)
        {
            double n = 0;
            for (var l = 0; l < levels; l++)
            {
                n += joint[(r * 8) + l];
            }

            var matchShare = prior * mParent[r] / ((prior * mParent[r]) + ((1 - prior) * uParent[r]));
            var row = new double[levels];
            for (var l = 0; l < levels; l++)
            {
                var raw = (joint[(r * 8) + l] + (Smoothing * u[l])) / (n + Smoothing);
                row[l] = Math.Max((raw - (matchShare * m[l])) / (1 - matchShare), raw / 20);
            }

            Floor(row, floor);
            rows[r] = row;
        }

        rows[parentLevels] = (double[])u.Clone();
        return rows;
    }

    /// <summary>
    /// How different people at one postcode compare (the household stratum): among the candidate pairs that
    /// share a postcode exactly, a mixture of matches (m held at its estimate: how matches compare does not
    /// depend on where they live), strangers who happen to share a postcode (u held at the nation's) and
    /// families (free, from a start of "same address, mostly the same surname, other given names and birth
    /// dates"), whose shares are learned. The stratum's u is its families and strangers together. Holding m
    /// and the strangers keeps the mixture honest where the stratum is almost all matches (a file of
    /// copies and no households): the families' share then falls to nothing and the nation's u stands.
    /// Null when too few pairs share a postcode to say.
    /// </summary>
    private static (double[][] U, double NonMatches)? HouseholdU(List<(byte[] Levels, uint Rules, double Count)> patterns, PersonField[] fields, int postcode, double[][] m, double[][] uStart, int maxIterations)
    {
        var k = m.Length;
        var stratum = new List<(byte[] Levels, double Count)>();
        var total = 0.0;
        foreach (var (levels, _, count) in patterns)
        {
            if (levels[postcode] == 0)
            {
                stratum.Add((levels, count));
                total += count;
            }
        }

        if (total < MinSessionPairs)
        {
            return null;
        }

        var family = FamilyStart(fields, uStart, postcode, namesOpen: false);
        var sums = new double[k][];
        for (var c = 0; c < k; c++)
        {
            sums[c] = new double[family[c].Length];
        }

        // Shares of matches, strangers and families.
        double[] share = [0.4, 0.3, 0.3];
        Span<double> like = stackalloc double[3];
        Span<double> totals = stackalloc double[3];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            foreach (var row in sums)
            {
                Array.Clear(row);
            }

            totals.Clear();
            foreach (var (levels, count) in stratum)
            {
                like[0] = share[0];
                like[1] = share[1];
                like[2] = share[2];
                for (var c = 0; c < k; c++)
                {
                    var l = levels[c];
                    if (c != postcode && l != Comparisons.Null)
                    {
                        like[0] *= m[c][l];
                        like[1] *= uStart[c][l];
                        like[2] *= family[c][l];
                    }
                }

                var sum = like[0] + like[1] + like[2];
                for (var x = 0; x < 3; x++)
                {
                    totals[x] += count * (sum > 0 ? like[x] / sum : x == 1 ? 1 : 0);
                }

                var toFamily = sum > 0 ? count * like[2] / sum : 0;
                for (var c = 0; c < k; c++)
                {
                    var l = levels[c];
                    if (c != postcode && l != Comparisons.Null)
                    {
                        sums[c][l] += toFamily;
                    }
                }
            }

            var change = 0.0;
            for (var x = 0; x < 3; x++)
            {
                var next = Math.Clamp(totals[x] / total, 1e-9, 1);
                change = Math.Max(change, Math.Abs(next - share[x]));
                share[x] = next;
            }

            for (var c = 0; c < k; c++)
            {
                if (c != postcode)
                {
                    change = Math.Max(change, Update(family[c], sums[c]));
                }
            }

            if (change < 1e-6)
            {
                break;
            }
        }

        // Families are people of different ages: a class most of whose pairs share a birth date is not households
        // but matches whose given name is written otherwise, and the stratum then has nothing to teach.
        if (!LooksLikeFamilies(fields, family))
        {
            return null;
        }

        // Different people at one postcode: the families and the strangers, each by its share.
        var u = new double[k][];
        var families = share[2] / (share[1] + share[2]);
        for (var c = 0; c < k; c++)
        {
            u[c] = new double[family[c].Length];
            for (var l = 0; l < u[c].Length; l++)
            {
                u[c][l] = (families * family[c][l]) + ((1 - families) * uStart[c][l]);
            }
        }

        return (u, total * (share[1] + share[2]));
    }

    /// <summary>Whether a learned families class is people of different ages (most pairs born years apart), as households are.</summary>
    private static bool LooksLikeFamilies(PersonField[] fields, double[][] family)
    {
        var dob = Array.IndexOf(fields, PersonField.DateOfBirth);
        if (dob < 0)
        {
            return true;
        }

        var apart = 0.0;
        for (var l = 3; l < family[dob].Length; l++)
        {
            apart += family[dob][l];
        }

        return apart >= 0.5;
    }

    /// <summary>
    /// Where a families class starts: strangers who share an address and, mostly, a surname. With
    /// <paramref name="namesOpen"/>, whether they share a given name is left to the data (a session blocked on
    /// a given name gathers the fathers and sons who share it); otherwise they start as strangers do, which
    /// keeps matches whose given name is spelt otherwise from being taken for families.
    /// </summary>
    private static double[][] FamilyStart(PersonField[] fields, double[][] u, int postcode, bool namesOpen)
    {
        var family = new double[fields.Length][];
        for (var c = 0; c < fields.Length; c++)
        {
            family[c] = new double[u[c].Length];
            for (var l = 0; l < u[c].Length; l++)
            {
                family[c][l] = Math.Max(u[c][l], 1e-6);
            }

            if (c == postcode || Family(fields[c]) == Family(PersonField.Postcode))
            {
                family[c][0] += 9 * (1 - family[c][0]);
            }
            else if (fields[c] == PersonField.Surname)
            {
                family[c][0] += 2 * (1 - family[c][0]);
            }
            else if (namesOpen && fields[c] is PersonField.GivenName or PersonField.MiddleNames)
            {
                Array.Fill(family[c], 1.0);
            }

            Normalise(family[c]);
        }

        return family;
    }

    /// <summary>
    /// Outright disagreement (a field's last level) is never evidence for a match: where the population's
    /// pairs hardly ever disagree on a field (a sample of a few odd addresses), u there can fall below m and
    /// the weight turn positive. u is raised to m at that level, the others scaled to make room.
    /// </summary>
    private static void NeverForDisagreement(double[] u, double[] m)
    {
        var last = u.Length - 1;
        if (u[last] >= m[last])
        {
            return;
        }

        var rest = 1 - u[last];
        var room = 1 - m[last];
        for (var l = 0; l < last; l++)
        {
            u[l] = rest > 0 ? u[l] / rest * room : room / last;
        }

        u[last] = m[last];
    }

    /// <summary>The household estimate, drawn towards the nation's u by 20 pairs' worth, so that a stratum of few pairs says little.</summary>
    private static double[] Blend(double[] household, double nonMatches, double[] u, double floor)
    {
        const double Smoothing = 20;
        var row = new double[u.Length];
        for (var l = 0; l < u.Length; l++)
        {
            row[l] = ((household[l] * nonMatches) + (Smoothing * u[l])) / (nonMatches + Smoothing);
        }

        Floor(row, floor);
        return row;
    }

    /// <summary>
    /// The prior: the candidates' match share spread over every possible pair. In a link each record is at
    /// most one person of the other file, so there are no more matches than records on the smaller side;
    /// a share that implies more has counted relatives as matches, and is cut to that bound.
    /// </summary>
    private static double Prior(double share, int candidates, ComparisonSpace space)
    {
        if (space.PairCount == 0)
        {
            return 1e-6;
        }

        var matches = share * candidates;
        if (space.IsLink)
        {
            matches = Math.Min(matches, Math.Min(space.LeftCount, space.Count - space.LeftCount));
        }

        return Math.Clamp(matches / space.PairCount, 1e-12, 0.5);
    }

    /// <summary>Distinct (levels, rules) combinations of the candidates with their counts.</summary>
    private static List<(byte[] Levels, uint Rules, double Count)> Patterns(Candidates candidates, int k)
    {
        var counts = new Dictionary<(ulong, uint), int>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var row = candidates.Row(i);
            ulong key = 0;
            for (var c = 0; c < k; c++)
            {
                key = (key << 3) | (row[c] == Comparisons.Null ? 7UL : row[c]);
            }

            var both = (key, candidates.Rules[i]);
            counts[both] = counts.GetValueOrDefault(both) + 1;
        }

        var list = new List<(byte[], uint, double)>(counts.Count);
        foreach (var ((key, mask), count) in counts)
        {
            var levels = new byte[k];
            var x = key;
            for (var c = k - 1; c >= 0; c--)
            {
                var v = (byte)(x & 7);
                levels[c] = v == 7 ? Comparisons.Null : v;
                x >>= 3;
            }

            list.Add((levels, mask, count));
        }

        return list;
    }

    private static double[][] EstimateM(List<(byte[] Levels, uint Rules, double Count)> patterns, PersonField[] fields, int[] levelCounts, BlockingRule[] rules, double[][] uRaw, int maxIterations, TrainingReport report)
    {
        var k = fields.Length;
        var sum = new double[k][];
        var weight = new double[k];
        for (var c = 0; c < k; c++)
        {
            sum[c] = new double[levelCounts[c]];
        }

        var estimates = new List<double[]>[k];
        var trusted = new List<double[]>[k];
        var trustedMatches = new double[k];
        for (var c = 0; c < k; c++)
        {
            estimates[c] = [];
            trusted[c] = [];
        }

        for (var minimum = 3; minimum >= 2; minimum--)
        {
            for (var r = 0; r < rules.Length; r++)
            {
                var free = FreeFields(rules[r], fields);
                var freeCount = free.Count(f => f);
                if (freeCount < minimum || (minimum == 2 && (freeCount != 2 || !Enumerable.Range(0, k).Any(c => free[c] && weight[c] == 0))))
                {
                    continue;
                }

                if (Session(patterns, r, free, fields, levelCounts, uRaw, maxIterations, report) is not var (m, matches))
                {
                    continue;
                }

                for (var c = 0; c < k; c++)
                {
                    if (!free[c] || (minimum == 2 && weight[c] > 0))
                    {
                        continue;
                    }

                    // Sessions count equally (as in Splink): a session's own match count says more
                    // about its blocking rule than about the quality of its estimate.
                    weight[c] += 1;
                    estimates[c].Add(m[c]);
                    if (rules[r].Parts.All(part => part is KeyPart.Identifier or KeyPart.Email))
                    {
                        trusted[c].Add(m[c]);
                        trustedMatches[c] += matches;
                    }
                    for (var l = 0; l < levelCounts[c]; l++)
                    {
                        sum[c][l] += m[c][l];
                    }
                }
            }
        }

        var result = new double[k][];
        for (var c = 0; c < k; c++)
        {
            result[c] = weight[c] > 0 ? sum[c] : MatchModel.DefaultM(fields[c], levelCounts[c]);
            Normalise(result[c]);
            if (weight[c] > 0 && RelativesLevels(fields[c]) is { } levels && (trustedMatches[c] >= TrustedMatches || estimates[c].Count >= 3))
            {
                // Where relatives look like matches with an error, the sessions that cannot gather relatives (a
                // personal identifier or e-mail address) say how often matches really differ; without enough of
                // them, the median of all sessions, so that the few whose rule gathers relatives are outvoted.
                var honest = trustedMatches[c] >= TrustedMatches ? Mean(trusted[c], levelCounts[c]) : Median(estimates[c], levelCounts[c]);
                double before = 0, after = 0;
                foreach (var l in levels)
                {
                    before += result[c][l];
                    after += honest[l];
                    result[c][l] = honest[l];
                }

                for (var l = 0; l < levelCounts[c]; l++)
                {
                    if (Array.IndexOf(levels, l) < 0)
                    {
                        result[c][l] *= (1 - after) / Math.Max(1e-9, 1 - before);
                    }
                }
            }

            Normalise(result[c]);
            Floor(result[c], 0.002);
        }

        return result;
    }

    /// <summary>
    /// The sessions' estimates of one field's m, level by level, by their median: a session whose blocking
    /// rule gathers relatives (a surname and a birth year gather twins, a name and a town fathers and sons)
    /// can take a family for one person and push m up at a level that matches hardly reach; the median lets
    /// the other sessions outvote it.
    /// </summary>
    /// <summary>The levels at which relatives look like matches with an error: given names that differ outright, birth dates years or a generation apart.</summary>
    private static int[]? RelativesLevels(PersonField field) => field switch
    {
        PersonField.GivenName => [4],
        PersonField.DateOfBirth => [4, 5],
        _ => null,
    };

    private static double[] Mean(List<double[]> estimates, int levels)
    {
        var result = new double[levels];
        foreach (var e in estimates)
        {
            for (var l = 0; l < levels; l++)
            {
                result[l] += e[l] / estimates.Count;
            }
        }

        return result;
    }

    private static double[] Median(List<double[]> estimates, int levels)
    {
        var result = new double[levels];
        var values = new double[estimates.Count];
        for (var l = 0; l < levels; l++)
        {
            for (var e = 0; e < values.Length; e++)
            {
                values[e] = estimates[e][l];
            }

            Array.Sort(values);
            var mid = values.Length / 2;
            result[l] = values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
        }

        return result;
    }

    /// <summary>
    /// The fields a session on this rule estimates: not those its key holds exactly, nor those related
    /// to them (blocking on postcode makes the town agree too, match or not), nor those that depend on them
    /// (a block of one postcode is households, where a two-class mixture takes a family for one person). Fields blocked only
    /// coarsely (initial, Soundex, year) still vary within a block and stay free; the session's own u
    /// absorbs their greater agreement among non-matches.
    /// </summary>
    private static bool[] FreeFields(BlockingRule rule, PersonField[] fields)
    {
        var free = new bool[fields.Length];
        for (var c = 0; c < fields.Length; c++)
        {
            free[c] = true;
            foreach (var used in fields)
            {
                if (rule.UsesExactly(used) && (used == fields[c] || (Family(used) != 0 && Family(used) == Family(fields[c])) || Comparisons.DependsOn(fields[c]) == used))
                {
                    free[c] = false;
                }
            }
        }

        return free;
    }

    private static (double[][] M, double Matches)? Session(List<(byte[] Levels, uint Rules, double Count)> patterns, int r, bool[] free, PersonField[] fields, int[] levelCounts, double[][] uRaw, int maxIterations, TrainingReport report)
    {
        var k = fields.Length;
        var session = new Dictionary<ulong, (byte[] Levels, double Count)>();
        var total = 0.0;
        foreach (var (levels, mask, count) in patterns)
        {
            if ((mask & (1u << r)) == 0)
            {
                continue;
            }

            ulong key = 0;
            var masked = new byte[k];
            for (var c = 0; c < k; c++)
            {
                masked[c] = free[c] ? levels[c] : Comparisons.Null;
                key = (key << 3) | (masked[c] == Comparisons.Null ? 7UL : masked[c]);
            }

            session[key] = session.TryGetValue(key, out var e) ? (e.Levels, e.Count + count) : (masked, count);
            total += count;
        }

        if (total < MinSessionPairs)
        {
            return null;
        }

        var postcode = Array.IndexOf(fields, PersonField.Postcode);
        var families = postcode >= 0 && free[postcode] ? postcode : -1;
        var (m, share, iterations) = ExpectationMaximisation([.. session.Values], fields, levelCounts, uRaw, maxIterations, families);
        report.EmIterations += iterations;
        report.EmSessions++;
        return share * total < 5 ? null : (m, share * total);
    }

    /// <summary>Fields that move together among non-matches (0 for a field on its own).</summary>
    private static int Family(PersonField field) => field switch
    {
        PersonField.Postcode or PersonField.Address or PersonField.Locality or PersonField.Region => 1,
        _ => 0,
    };

    /// <summary>The share of matches among the candidates under fixed m and u: EM on the prior alone.</summary>
    private static double MatchShare(List<(byte[] Levels, uint Rules, double Count)> patterns, Scorer scorer)
    {
        var ratio = new double[patterns.Count];
        var total = 0.0;
        for (var i = 0; i < patterns.Count; i++)
        {
            ratio[i] = Math.Pow(2, scorer.BaseWeight(patterns[i].Levels));
            total += patterns[i].Count;
        }

        if (total == 0)
        {
            return 0;
        }

        var share = 0.1;
        for (var it = 0; it < 500; it++)
        {
            var odds = share / (1 - share);
            var expected = 0.0;
            for (var i = 0; i < patterns.Count; i++)
            {
                var o = odds * ratio[i];
                expected += patterns[i].Count * (o / (1 + o));
            }

            var next = Math.Clamp(expected / total, 1e-9, 1 - 1e-9);
            var done = Math.Abs(next - share) < 1e-9;
            share = next;
            if (done)
            {
                break;
            }
        }

        return share;
    }

    private static void Floor(double[] p, double floor)
    {
        for (var l = 0; l < p.Length; l++)
        {
            p[l] = Math.Max(p[l], floor);
        }

        Normalise(p);
    }

    private sealed record Sample(double[][] U, long[]?[] Joint);

    private static Sample SampleU(FieldValue?[] cells, ComparisonSpace space, PairComparer comparer, int[] levelCounts, int[] parents, int samples, MatchOptions options)
    {
        var k = levelCounts.Length;
        var parts = Math.Max(1, options.Parallelism);
        var counts = new long[parts][];
        var joints = new long[parts][][];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism }, p =>
        {
            var random = new Random(options.Seed + (p * 7919));
            var local = new long[k * 8];
            var joint = new long[k][];
            for (var c = 0; c < k; c++)
            {
                joint[c] = new long[64];
            }

            Span<byte> levels = stackalloc byte[comparer.Width];
            var n = (samples / parts) + (p < samples % parts ? 1 : 0);
            for (var s = 0; s < n; s++)
            {
                var (a, b) = space.RandomPair(random);
                comparer.Compare(
                    cells.AsSpan(a * RecordEncoder.FieldCount, RecordEncoder.FieldCount),
                    cells.AsSpan(b * RecordEncoder.FieldCount, RecordEncoder.FieldCount),
                    levels);
                for (var c = 0; c < k; c++)
                {
                    var l = levels[c];
                    if (l == Comparisons.Null)
                    {
                        continue;
                    }

                    local[(c * 8) + l]++;
                    var q = parents[c];
                    if (q >= 0 && levels[q] != Comparisons.Null)
                    {
                        joint[c][(levels[q] * 8) + l]++;
                    }
                }
            }

            counts[p] = local;
            joints[p] = joint;
        });

        var u = new double[k][];
        var jointTotal = new long[]?[k];
        for (var c = 0; c < k; c++)
        {
            if (parents[c] >= 0)
            {
                jointTotal[c] = new long[64];
                foreach (var part in joints)
                {
                    for (var i = 0; i < 64; i++)
                    {
                        jointTotal[c]![i] += part[c][i];
                    }
                }
            }

            u[c] = new double[levelCounts[c]];
            for (var l = 0; l < levelCounts[c]; l++)
            {
                long total = 0;
                foreach (var part in counts)
                {
                    total += part[(c * 8) + l];
                }

                u[c][l] = total;
            }

            var sum = 0.0;
            foreach (var x in u[c])
            {
                sum += x;
            }

            if (sum == 0)
            {
                u[c] = MatchModel.DefaultU(comparer.Fields[c], levelCounts[c]);
                continue;
            }

            for (var l = 0; l < u[c].Length; l++)
            {
                u[c][l] /= sum;
            }
        }

        return new Sample(u, jointTotal);
    }

    /// <summary>
    /// EM over distinct comparison patterns with m, u and the shares all free; returns m, the match share and
    /// the iterations used. Two classes, matches and non-matches, unless <paramref name="postcode"/> is a
    /// free field of the session: then a third class, families (different people at one address, who share
    /// a postcode and mostly a surname but not a given name or birth date), so that a household in a block
    /// is not taken for one person (twins for a match with another given name, a father and son for a
    /// match with a wrong birth date).
    /// </summary>
    private static (double[][] M, double Share, int Iterations) ExpectationMaximisation((byte[] Levels, double Count)[] patterns, PersonField[] fields, int[] levelCounts, double[][] uStart, int maxIterations, int postcode = -1)
    {
        var k = fields.Length;
        var classes = postcode >= 0 ? 3 : 2;
        var total0 = 0.0;
        foreach (var pattern in patterns)
        {
            total0 += pattern.Count;
        }

        // p[0] = m (matches), p[1] = u (non-matches), p[2] = families.
        var p = new double[classes][][];
        for (var x = 0; x < classes; x++)
        {
            p[x] = new double[k][];
        }

        for (var c = 0; c < k; c++)
        {
            p[0][c] = MatchModel.DefaultM(fields[c], levelCounts[c]);
            p[1][c] = new double[levelCounts[c]];
            for (var l = 0; l < levelCounts[c]; l++)
            {
                p[1][c][l] = Math.Max(uStart[c][l], 1e-6);
            }

            Normalise(p[1][c]);
        }

        if (classes == 3)
        {
            p[2] = FamilyStart(fields, p[1], postcode, namesOpen: true);
        }

        if (total0 == 0)
        {
            return (p[0], 0, 0);
        }

        double[] share = classes == 3 ? [0.3, 0.6, 0.1] : [0.3, 0.7];
        var sums = new double[classes][][];
        for (var x = 0; x < classes; x++)
        {
            sums[x] = new double[k][];
            for (var c = 0; c < k; c++)
            {
                sums[x][c] = new double[levelCounts[c]];
            }
        }

        Span<double> like = stackalloc double[classes];
        var totals = new double[classes];
        var iterations = 0;
        for (; iterations < maxIterations; iterations++)
        {
            foreach (var cls in sums)
            {
                foreach (var row in cls)
                {
                    Array.Clear(row);
                }
            }

            Array.Clear(totals);
            var total = 0.0;
            foreach (var (levels, n) in patterns)
            {
                var sum = 0.0;
                for (var x = 0; x < classes; x++)
                {
                    var q = share[x];
                    for (var c = 0; c < k; c++)
                    {
                        var l = levels[c];
                        if (l != Comparisons.Null)
                        {
                            q *= p[x][c][l];
                        }
                    }

                    like[x] = q;
                    sum += q;
                }

                total += n;
                for (var x = 0; x < classes; x++)
                {
                    var w = sum > 0 ? like[x] / sum : (x == 1 ? 1 : 0);
                    totals[x] += n * w;
                    for (var c = 0; c < k; c++)
                    {
                        var l = levels[c];
                        if (l != Comparisons.Null)
                        {
                            sums[x][c][l] += n * w;
                        }
                    }
                }
            }

            var change = 0.0;
            for (var x = 0; x < classes; x++)
            {
                var next = Math.Clamp(totals[x] / total, 1e-9, 1 - 1e-9);
                change = Math.Max(change, Math.Abs(next - share[x]));
                share[x] = next;
                for (var c = 0; c < k; c++)
                {
                    var moved = Update(p[x][c], sums[x][c]);
                    change = x == 0 ? Math.Max(change, moved) : change;
                }
            }

            if (change < 1e-6)
            {
                iterations++;
                break;
            }
        }

        return (p[0], share[0], iterations);
    }

    private static double Update(double[] target, double[] sums)
    {
        var total = 0.0;
        foreach (var s in sums)
        {
            total += s;
        }

        if (total <= 0)
        {
            return 0;
        }

        var change = 0.0;
        for (var l = 0; l < target.Length; l++)
        {
            var v = (sums[l] + 1e-3) / (total + (1e-3 * target.Length));
            change = Math.Max(change, Math.Abs(v - target[l]));
            target[l] = v;
        }

        return change;
    }

    private static void Normalise(double[] p)
    {
        var sum = 0.0;
        foreach (var x in p)
        {
            sum += x;
        }

        for (var l = 0; l < p.Length; l++)
        {
            p[l] /= sum;
        }
    }
}

/// <summary>What training did, for statistics.</summary>
internal sealed class TrainingReport
{
    public int EmIterations { get; set; }

    public int EmSessions { get; set; }

    public double CandidateMatchShare { get; set; }

    public int USamples { get; set; }
}

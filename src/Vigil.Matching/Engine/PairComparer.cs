namespace Vigil.Matching.Engine;

/// <summary>
/// Compares two encoded records on the active fields, writing one level per field and, last, a flags
/// byte (bit 0: given name and surname were compared crosswise because the names were swapped).
/// </summary>
internal sealed class PairComparer
{
    public const byte Swapped = 1;

    private readonly PersonField[] fields;
    private readonly int given = -1;
    private readonly int surname = -1;

    public PairComparer(PersonField[] fields)
    {
        this.fields = fields;
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i] == PersonField.GivenName)
            {
                given = i;
            }
            else if (fields[i] == PersonField.Surname)
            {
                surname = i;
            }
        }
    }

    public PersonField[] Fields => fields;

    /// <summary>Levels per field plus the flags byte.</summary>
    public int Width => fields.Length + 1;

    public void Compare(ReadOnlySpan<FieldValue?> a, ReadOnlySpan<FieldValue?> b, Span<byte> levels)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            var f = (int)fields[i];
            var x = a[f];
            var y = b[f];
            levels[i] = x is null || y is null ? Comparisons.Null : Comparisons.Compare(fields[i], x, y);
        }

        byte flags = 0;
        if (given >= 0 && surname >= 0)
        {
            flags = CompareNamesCrosswise(a, b, levels);
        }

        levels[fields.Length] = flags;
    }

    /// <summary>
    /// Names the other way round: given name and surname swapped ("Hall Isla" and "Isla Hall"), or a
    /// record with a single name that is the other's surname while stored as a given name ("George" and
    /// "Owen George"). Compares crosswise when that agrees clearly better than the direct comparison.
    /// </summary>
    private byte CompareNamesCrosswise(ReadOnlySpan<FieldValue?> a, ReadOnlySpan<FieldValue?> b, Span<byte> levels)
    {
        var lg = levels[given];
        var ls = levels[surname];
        if ((lg is < 3 and not Comparisons.Null) || (ls is < 3 and not Comparisons.Null))
        {
            return 0;
        }

        var ga = a[(int)PersonField.GivenName];
        var sa = a[(int)PersonField.Surname];
        var gb = b[(int)PersonField.GivenName];
        var sb = b[(int)PersonField.Surname];
        if (ga is not null && sa is not null && gb is not null && sb is not null)
        {
            // One of the two crosswise comparisons must be exact or close: skip the work when neither
            // pair even starts, sounds or ends alike.
            if (!MaybeClose(ga, sb) && !MaybeClose(sa, gb))
            {
                return 0;
            }

            var cross1 = Comparisons.Name(ga, sb);
            var cross2 = Comparisons.Name(sa, gb);
            if (Math.Min(cross1, cross2) <= 1 && Math.Max(cross1, cross2) <= 3)
            {
                levels[given] = cross1;
                levels[surname] = cross2;
                return Swapped;
            }

            return 0;
        }

        // One record has a single name: is it the other's surname (or given name)?
        var single = ga is null ? sa : sa is null ? ga : null;
        var other = b;
        if (single is null)
        {
            single = gb is null ? sb : sb is null ? gb : null;
            other = a;
        }

        var og = other[(int)PersonField.GivenName];
        var os = other[(int)PersonField.Surname];
        if (single is null || og is null || os is null)
        {
            return 0;
        }

        var singleIsGiven = ReferenceEquals(single, ga) || ReferenceEquals(single, gb);
        var crossOther = singleIsGiven ? os : og;
        if (!MaybeClose(single, crossOther))
        {
            return 0;
        }

        var cross = Comparisons.Name(single, crossOther);
        if (cross > 1)
        {
            return 0;
        }

        // The single name is read as the other kind of name: its own field is then missing.
        levels[given] = singleIsGiven ? Comparisons.Null : cross;
        levels[surname] = singleIsGiven ? cross : Comparisons.Null;
        return Swapped;
    }

    /// <summary>A cheap necessary-in-practice test for an exact or close name: same first letter, Soundex or ending.</summary>
    private static bool MaybeClose(FieldValue x, FieldValue y)
    {
        var a = x.Key;
        var b = y.Key;
        return a[0] == b[0] || x.Secondary == y.Secondary || (a[^1] == b[^1] && Math.Abs(a.Length - b.Length) <= 1);
    }
}

using System.Numerics;
using Vigil.Matching.Text;

namespace Vigil.Matching.Engine;

/// <summary>
/// The graded comparison of each field: level 0 is the strongest agreement (exact), the last level is
/// disagreement. Missing values are not a level: they contribute no evidence either way.
/// </summary>
internal static class Comparisons
{
    public const byte Null = 255;

    private static readonly string[] NameLevels = ["exact", "close spelling (Jaro-Winkler >= 0.92 or one edit)", "nickname or transliteration", "similar (Jaro-Winkler >= 0.80, same Soundex or initial)", "different"];
    private static readonly string[] MiddleLevels = ["exact", "compatible (initial, variant or contained)", "different"];
    private static readonly string[] DateLevels = ["exact", "one typo or day/month swapped", "two of day, month, year agree (or all known parts)", "within two years", "3 to 14 years apart", "15 or more years apart (another generation)"];
    private static readonly string[] PostcodeLevels = ["exact", "one edit", "same district", "different"];
    private static readonly string[] AddressLevels = ["exact", "nearly all words (>= 0.9)", "most words (>= 0.7)", "some words (>= 0.4)", "different"];
    private static readonly string[] PlaceLevels = ["exact", "close (Jaro-Winkler >= 0.92 or contained)", "similar (Jaro-Winkler >= 0.80 or same Soundex)", "different"];
    private static readonly string[] BinaryLevels = ["exact", "different"];
    private static readonly string[] PhoneLevels = ["exact (last 9 digits)", "one edit", "different"];
    private static readonly string[] EmailLevels = ["exact", "same user name or two edits", "similar (Jaro-Winkler >= 0.88)", "different"];
    private static readonly string[] IdentifierLevels = ["exact", "one edit", "different"];

    public static string[] LevelNames(PersonField field) => field switch
    {
        PersonField.GivenName or PersonField.Surname => NameLevels,
        PersonField.MiddleNames => MiddleLevels,
        PersonField.DateOfBirth => DateLevels,
        PersonField.Postcode => PostcodeLevels,
        PersonField.Address => AddressLevels,
        PersonField.Locality or PersonField.BirthPlace => PlaceLevels,
        PersonField.Region or PersonField.Gender => BinaryLevels,
        PersonField.Phone => PhoneLevels,
        PersonField.Email => EmailLevels,
        PersonField.Identifier => IdentifierLevels,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>Whether an exact agreement's weight depends on how common the value is, unless a model says otherwise.</summary>
    public static bool TermFrequencyByDefault(PersonField field) => field is
        PersonField.GivenName or PersonField.Surname or PersonField.Locality or PersonField.BirthPlace or
        PersonField.Postcode or PersonField.DateOfBirth;

    /// <summary>
    /// The field whose agreement makes this one's likely among different people (the town of a shared
    /// postcode; the gender of a shared given name), or null.
    /// </summary>
    /// <remarks>
    /// Names and birth dates depend on the postcode too: people at one postcode are mostly households, where
    /// a shared surname is the rule, a shared birth date means twins and a shared name a parent and child, so
    /// agreement there is weighed against how households compare (see the trainer's household stratum), not
    /// against the nation.
    /// </remarks>
    public static PersonField? DependsOn(PersonField field) => field switch
    {
        PersonField.Locality or PersonField.Region or PersonField.Address => PersonField.Postcode,
        PersonField.GivenName or PersonField.Surname or PersonField.MiddleNames or PersonField.DateOfBirth or PersonField.BirthPlace or PersonField.Phone => PersonField.Postcode,
        PersonField.Gender => PersonField.GivenName,
        _ => null,
    };

    /// <summary>The level at which two present values agree.</summary>
    public static byte Compare(PersonField field, FieldValue a, FieldValue b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        return field switch
        {
            PersonField.GivenName or PersonField.Surname => Name(a, b),
            PersonField.MiddleNames => Middle(a, b),
            PersonField.DateOfBirth => Date(a, b),
            PersonField.Postcode => Postcode(a, b),
            PersonField.Address => Address(a, b),
            PersonField.Locality or PersonField.BirthPlace => Place(a, b),
            PersonField.Region or PersonField.Gender => a.Key == b.Key ? (byte)0 : (byte)1,
            PersonField.Phone => Phone(a.Key, b.Key),
            PersonField.Email => Email(a.Key, b.Key),
            PersonField.Identifier => Identifier(a.Text, b.Text),
            _ => Null,
        };
    }

    public static byte Name(FieldValue a, FieldValue b)
    {
        var x = a.Key;
        var y = b.Key;
        if (x == y)
        {
            return 0;
        }

        // One edit in a word of four or more letters keeps Jaro-Winkler at 0.83 or above, so the
        // edit distance is only worth computing above that.
        var jw = StringMetrics.JaroWinkler(x, y);
        if (jw >= 0.92 || (jw >= 0.83 && Math.Min(x.Length, y.Length) >= 4 && StringMetrics.Osa(x, y, 1) <= 1))
        {
            return 1;
        }

        if ((a.MultiWord || b.MultiWord) && WordsContained(a.Text, b.Text))
        {
            return 1;
        }

        // Particles are optional: "ibn rashid", "bin rashid" and "rashid".
        var fa = a.Forms;
        var fb = b.Forms;
        if ((fa is not null || fb is not null) && (fa?.Bare ?? x) == (fb?.Bare ?? y))
        {
            return 1;
        }

        if (a.Groups.Length > 0 && b.Groups.Length > 0 && NameVariants.Share(a.Groups, b.Groups))
        {
            return 2;
        }

        // A name in Cyrillic script against the Latin name it was written from: Джон and John.
        // (Either side: a rule that needed the other side Latin could be turned off by one record that shares a
        // Latin key while written with a Cyrillic letter in it.)
        if ((fa?.Loose ?? fb?.Loose) is not null
            && StringMetrics.JaroWinkler(fa?.Loose ?? CyrillicReading.Loosen(x), fb?.Loose ?? CyrillicReading.Loosen(y)) >= 0.92)
        {
            return 2;
        }

        // A name in Arabic script against a Latin spelling of it: محمد and Muhammad.
        if ((fa?.Spelling is { } sa && sa.IsMatch(y)) || (fb?.Spelling is { } sb && sb.IsMatch(x)))
        {
            return 2;
        }

        if (jw >= 0.80 || (a.Secondary == b.Secondary && a.Secondary > 0))
        {
            return 3;
        }

        // An initial against a full name: "j" and "john".
        if ((x.Length == 1 || y.Length == 1) && x[0] == y[0])
        {
            return 3;
        }

        return 4;
    }

    private static byte Middle(FieldValue a, FieldValue b)
    {
        if (a.Key == b.Key)
        {
            return 0;
        }

        if (a.Key[0] == b.Key[0] && (a.Text.Length == 1 || b.Text.Length == 1 || WordsContained(a.Text, b.Text)))
        {
            return 1;
        }

        return Name(a, b) <= 2 ? (byte)1 : (byte)2;
    }

    public static byte Date(FieldValue a, FieldValue b) => Date(a.Date, b.Date);

    /// <summary>The level of two dates packed as YYYYMMDD (0 for an unknown part).</summary>
    public static byte Date(int x, int y)
    {
        if (x == y)
        {
            return 0;
        }

        int ya = x / 10000, ma = x / 100 % 100, da = x % 100;
        int yb = y / 10000, mb = y / 100 % 100, db = y % 100;
        var complete = ma != 0 && da != 0 && mb != 0 && db != 0;
        if (complete)
        {
            if (ya == yb && ma == db && da == mb)
            {
                return 1;
            }

            if (OneDigitTypo(x, y))
            {
                return 1;
            }

            var same = (ya == yb ? 1 : 0) + (ma == mb ? 1 : 0) + (da == db ? 1 : 0);
            if (same == 2)
            {
                return 2;
            }

            return Apart(ya, yb);
        }

        // Partial dates: agreement on every part known to both.
        if (ya == yb && (ma == 0 || mb == 0 || ma == mb) && (da == 0 || db == 0 || da == db))
        {
            return 2;
        }

        return Apart(ya, yb);
    }

    /// <summary>The level of two dates that differ by more than a typo: a few years, or a generation.</summary>
    private static byte Apart(int ya, int yb)
    {
        var years = Math.Abs(ya - yb);
        return years <= 2 ? (byte)3 : years < 15 ? (byte)4 : (byte)5;
    }

    /// <summary>Whether the eight digits of two dates differ in one digit or by two adjacent digits swapped.</summary>
    private static bool OneDigitTypo(int x, int y)
    {
        var first = -1;
        var count = 0;
        Span<int> dx = stackalloc int[8];
        Span<int> dy = stackalloc int[8];
        for (var i = 7; i >= 0; i--)
        {
            dx[i] = x % 10;
            dy[i] = y % 10;
            x /= 10;
            y /= 10;
        }

        for (var i = 0; i < 8; i++)
        {
            if (dx[i] != dy[i])
            {
                if (count == 0)
                {
                    first = i;
                }

                count++;
            }
        }

        return count == 1 || (count == 2 && first < 7 && dx[first] == dy[first + 1] && dx[first + 1] == dy[first]);
    }

    private static byte Postcode(FieldValue a, FieldValue b)
    {
        if (a.Key == b.Key)
        {
            return 0;
        }

        if (StringMetrics.Osa(a.Key, b.Key, 1) <= 1)
        {
            return 1;
        }

        return a.Secondary == b.Secondary ? (byte)2 : (byte)3;
    }

    /// <summary>
    /// The district a postcode belongs to: the outward code of a UK postcode (SW1A of SW1A 2AA), the
    /// first three digits of a US ZIP code, the first two of a four-digit one.
    /// </summary>
    public static string PostcodeDistrict(string postcode)
    {
        var n = postcode.Length;
        if (n >= 5 && char.IsAsciiDigit(postcode[n - 3]) && char.IsAsciiLetter(postcode[n - 2]) && char.IsAsciiLetter(postcode[n - 1]))
        {
            return postcode[..(n - 3)];
        }

        // Otherwise a prefix (a typo in the last digits keeps the district): 3 of a US ZIP code, 2 of a
        // four-digit code.
        return n >= 5 ? postcode[..3] : n == 4 ? postcode[..2] : postcode;
    }

    /// <summary>How far the words of two addresses agree, from 0 to 1 (words matched, allowing typos in words).</summary>
    public static double AddressSimilarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<Range> wa = stackalloc Range[16];
        Span<Range> wb = stackalloc Range[16];
        var na = a.Split(wa, ' ', StringSplitOptions.RemoveEmptyEntries);
        var nb = b.Split(wb, ' ', StringSplitOptions.RemoveEmptyEntries);
        if (na == 0 || nb == 0)
        {
            return 0;
        }

        // Equal words first, then the closest spelling for the words left over.
        Span<double> bestA = stackalloc double[na];
        Span<double> bestB = stackalloc double[nb];
        bestA.Clear();
        bestB.Clear();
        var open = 0;
        for (var i = 0; i < na; i++)
        {
            var x = a[wa[i]];
            for (var j = 0; j < nb; j++)
            {
                if (bestB[j] < 1 && x.SequenceEqual(b[wb[j]]))
                {
                    bestA[i] = 1;
                    bestB[j] = 1;
                    break;
                }
            }

            open += bestA[i] < 1 ? 1 : 0;
        }

        if (open > 0)
        {
            Span<int> lettersB = stackalloc int[nb];
            for (var j = 0; j < nb; j++)
            {
                lettersB[j] = Letters(b[wb[j]]);
            }

            for (var i = 0; i < na; i++)
            {
                if (bestA[i] >= 1)
                {
                    continue;
                }

                var x = a[wa[i]];
                var lettersA = Letters(x);
                for (var j = 0; j < nb; j++)
                {
                    if (bestB[j] >= 1)
                    {
                        continue;
                    }

                    // Words that share too few letters are not typing errors of each other.
                    var common = BitOperations.PopCount((uint)(lettersA & lettersB[j]));
                    if (common * 3 < Math.Max(BitOperations.PopCount((uint)lettersA), BitOperations.PopCount((uint)lettersB[j])) * 2)
                    {
                        continue;
                    }

                    var s = WordSimilarity(x, b[wb[j]]);
                    bestA[i] = Math.Max(bestA[i], s);
                    bestB[j] = Math.Max(bestB[j], s);
                }
            }
        }

        double total = 0;
        foreach (var s in bestA)
        {
            total += s;
        }

        foreach (var s in bestB)
        {
            total += s;
        }

        return total / (na + nb);
    }

    /// <summary>A bit per letter a-z in the word (other characters share bit 26).</summary>
    private static int Letters(ReadOnlySpan<char> word)
    {
        var mask = 0;
        foreach (var c in word)
        {
            mask |= c is >= 'a' and <= 'z' ? 1 << (c - 'a') : 1 << 26;
        }

        return mask;
    }

    private static byte Address(FieldValue a, FieldValue b)
    {
        if (a.Key == b.Key)
        {
            return 0;
        }

        var s = AddressSimilarity(a.Text, b.Text);
        return s >= 0.9 ? (byte)1 : s >= 0.7 ? (byte)2 : s >= 0.4 ? (byte)3 : (byte)4;
    }

    private static double WordSimilarity(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        if (char.IsAsciiDigit(x[0]) || char.IsAsciiDigit(y[0]) || x.Length < 3 || y.Length < 3)
        {
            return 0;
        }

        var jw = StringMetrics.JaroWinkler(x, y);
        return jw >= 0.85 ? jw : 0;
    }

    private static byte Place(FieldValue a, FieldValue b)
    {
        if (a.Key == b.Key)
        {
            return 0;
        }

        var jw = StringMetrics.JaroWinkler(a.Key, b.Key);
        if (jw >= 0.92 || ((a.MultiWord || b.MultiWord) && WordsContained(a.Text, b.Text)))
        {
            return 1;
        }

        return jw >= 0.80 || (a.Secondary == b.Secondary && a.Secondary > 0) ? (byte)2 : (byte)3;
    }

    private static byte Phone(string a, string b)
    {
        if (a == b)
        {
            return 0;
        }

        if (a.Length >= 9 && b.Length >= 9 && a.AsSpan(a.Length - 9).SequenceEqual(b.AsSpan(b.Length - 9)))
        {
            return 0;
        }

        var x = a.Length > 10 ? a.AsSpan(a.Length - 10) : a;
        var y = b.Length > 10 ? b.AsSpan(b.Length - 10) : b;
        return StringMetrics.Osa(x, y, 1) <= 1 ? (byte)1 : (byte)2;
    }

    private static byte Email(string a, string b)
    {
        if (a == b)
        {
            return 0;
        }

        var ia = a.IndexOf('@', StringComparison.Ordinal);
        var ib = b.IndexOf('@', StringComparison.Ordinal);
        if (ia > 0 && ib > 0 && a.AsSpan(0, ia).SequenceEqual(b.AsSpan(0, ib)))
        {
            return 1;
        }

        if (Math.Abs(a.Length - b.Length) <= 2 && StringMetrics.Osa(a, b, 2) <= 2)
        {
            return 1;
        }

        return StringMetrics.JaroWinkler(a, b) >= 0.88 ? (byte)2 : (byte)3;
    }

    private static byte Identifier(string a, string b)
    {
        if (a == b)
        {
            return 0;
        }

        if (!a.Contains(' ', StringComparison.Ordinal) && !b.Contains(' ', StringComparison.Ordinal))
        {
            return StringMetrics.Osa(a, b, 1) <= 1 ? (byte)1 : (byte)2;
        }

        var best = (byte)2;
        foreach (var x in a.AsSpan().Split(' '))
        {
            foreach (var y in b.AsSpan().Split(' '))
            {
                var u = a.AsSpan(x);
                var v = b.AsSpan(y);
                if (u.SequenceEqual(v))
                {
                    return 0;
                }

                if (StringMetrics.Osa(u, v, 1) <= 1)
                {
                    best = 1;
                }
            }
        }

        return best;
    }

    /// <summary>True when every word of the text with fewer words is a word of the other.</summary>
    public static bool WordsContained(string a, string b)
    {
        var small = a.Length <= b.Length ? a : b;
        var big = ReferenceEquals(small, a) ? b : a;
        if (small.Length == 0)
        {
            return false;
        }

        foreach (var range in small.AsSpan().Split(' '))
        {
            var word = small.AsSpan(range);
            if (!ContainsWord(big, word))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ContainsWord(string text, ReadOnlySpan<char> word)
    {
        var span = text.AsSpan();
        var start = 0;
        while (start <= span.Length - word.Length)
        {
            var i = span[start..].IndexOf(word);
            if (i < 0)
            {
                return false;
            }

            var at = start + i;
            var end = at + word.Length;
            if ((at == 0 || span[at - 1] == ' ') && (end == span.Length || span[end] == ' '))
            {
                return true;
            }

            start = at + 1;
        }

        return false;
    }
}

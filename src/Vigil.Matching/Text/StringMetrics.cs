namespace Vigil.Matching.Text;

/// <summary>String similarity measures on spans, without allocation (inputs are at most a few hundred characters).</summary>
internal static class StringMetrics
{
    /// <summary>
    /// Jaro-Winkler similarity in [0, 1]: Jaro with a bonus of 0.1 per common leading character (up to 4)
    /// when Jaro exceeds 0.7, as Winkler defined it.
    /// </summary>
    public static double JaroWinkler(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var jaro = Jaro(a, b);
        if (jaro <= 0.7)
        {
            return jaro;
        }

        var prefix = 0;
        var max = Math.Min(4, Math.Min(a.Length, b.Length));
        while (prefix < max && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro));
    }

    /// <summary>Jaro similarity in [0, 1]; 1 for two empty strings.</summary>
    public static double Jaro(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1 : 0;
        }

        if (a.Length > b.Length)
        {
            var t = a;
            a = b;
            b = t;
        }

        return b.Length <= 64 ? JaroShort(a, b) : JaroLong(a, b);
    }

    /// <summary>Jaro for strings of at most 64 characters, with the matched flags in two bit masks.</summary>
    private static double JaroShort(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var window = Math.Max(0, (b.Length / 2) - 1);
        ulong flagsA = 0, flagsB = 0;
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var lo = Math.Max(0, i - window);
            var hi = Math.Min(b.Length - 1, i + window);
            var c = a[i];
            for (var j = lo; j <= hi; j++)
            {
                if (b[j] == c && (flagsB & (1UL << j)) == 0)
                {
                    flagsA |= 1UL << i;
                    flagsB |= 1UL << j;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var transpositions = 0;
        var restB = flagsB;
        var restA = flagsA;
        while (restA != 0)
        {
            var i = System.Numerics.BitOperations.TrailingZeroCount(restA);
            var j = System.Numerics.BitOperations.TrailingZeroCount(restB);
            if (a[i] != b[j])
            {
                transpositions++;
            }

            restA &= restA - 1;
            restB &= restB - 1;
        }

        double m = matches;
        return ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2)) / m)) / 3.0;
    }

    private static double JaroLong(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var window = Math.Max(0, (b.Length / 2) - 1);
        var matchedB = new bool[b.Length];
        var matchedA = new bool[a.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var lo = Math.Max(0, i - window);
            var hi = Math.Min(b.Length - 1, i + window);
            var c = a[i];
            for (var j = lo; j <= hi; j++)
            {
                if (!matchedB[j] && b[j] == c)
                {
                    matchedA[i] = true;
                    matchedB[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!matchedA[i])
            {
                continue;
            }

            while (!matchedB[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                transpositions++;
            }

            k++;
        }

        double m = matches;
        return ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2)) / m)) / 3.0;
    }

    /// <summary>
    /// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), or
    /// <paramref name="max"/> + 1 as soon as the distance is known to exceed <paramref name="max"/>.
    /// </summary>
    public static int Osa(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        // Common prefix and suffix do not change the distance.
        var p = 0;
        while (p < a.Length && p < b.Length && a[p] == b[p])
        {
            p++;
        }

        a = a[p..];
        b = b[p..];
        var s = 0;
        while (s < a.Length && s < b.Length && a[a.Length - 1 - s] == b[b.Length - 1 - s])
        {
            s++;
        }

        a = a[..^s];
        b = b[..^s];
        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length) <= max ? Math.Max(a.Length, b.Length) : max + 1;
        }

        if (max <= 3 && b.Length < 64)
        {
            return OsaBanded(a, b, max);
        }

        var width = b.Length + 1;
        var rows = new int[width * 3];
        var prev2 = rows.AsSpan(0, width);
        var prev = rows.AsSpan(width, width);
        var cur = rows.AsSpan(2 * width, width);
        for (var j = 0; j < width; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, prev2[j - 2] + 1);
                }

                cur[j] = v;
                rowMin = Math.Min(rowMin, v);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }

        return prev[b.Length] <= max ? prev[b.Length] : max + 1;
    }

    /// <summary>OSA restricted to the diagonal band |i - j| &lt;= max (cells outside cannot be within max).</summary>
    private static int OsaBanded(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        var big = max + 1;
        var width = b.Length + 1;
        Span<int> rows = stackalloc int[3 * 65];
        var prev2 = rows[..width];
        var prev = rows.Slice(65, width);
        var cur = rows.Slice(130, width);
        for (var j = 0; j < width; j++)
        {
            prev[j] = Math.Min(j, big);
            prev2[j] = big;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var lo = Math.Max(1, i - max);
            var hi = Math.Min(b.Length, i + max);
            cur[0] = Math.Min(i, big);
            if (lo > 1)
            {
                cur[lo - 1] = big;
            }

            var rowMin = lo == 1 ? cur[0] : big;
            for (var j = lo; j <= hi; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var up = j <= i - 1 + max ? prev[j] : big;
                var v = Math.Min(Math.Min(up + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, prev2[j - 2] + 1);
                }

                v = Math.Min(v, big);
                cur[j] = v;
                rowMin = Math.Min(rowMin, v);
            }

            if (hi < b.Length)
            {
                cur[hi + 1] = big;
            }

            if (rowMin > max)
            {
                return big;
            }

            var t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }

        return prev[b.Length] <= max ? prev[b.Length] : big;
    }
}

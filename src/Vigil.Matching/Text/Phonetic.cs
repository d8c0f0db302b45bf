namespace Vigil.Matching.Text;

/// <summary>Phonetic codes for names, packed into integers for blocking and comparison.</summary>
internal static class Phonetic
{
    // Soundex digit for a..z; 0 = vowel-like (separates), 9 = h/w (does not separate).
    private static readonly byte[] SoundexDigits = [0, 1, 2, 3, 0, 1, 2, 9, 0, 2, 2, 4, 5, 5, 0, 1, 2, 6, 2, 3, 0, 1, 9, 2, 0, 2];

    /// <summary>
    /// American Soundex (R163 for Robert and Rupert) of the Latin letters in a normalised key, packed as
    /// letter and three digits; 0 for an empty key. A key that does not start with a Latin letter (another
    /// script, digits) gets a hash of the whole key instead, so it still blocks with itself.
    /// </summary>
    public static int Soundex(ReadOnlySpan<char> key)
    {
        var start = 0;
        while (start < key.Length && key[start] == ' ')
        {
            start++;
        }

        if (start == key.Length)
        {
            return 0;
        }

        var first = key[start];
        if (first is < 'a' or > 'z')
        {
            return Hash(key) | unchecked((int)0x80000000);
        }

        var code = (first - 'a' + 1) << 12;
        var last = SoundexDigits[first - 'a'];
        var count = 0;
        for (var i = start + 1; i < key.Length && count < 3; i++)
        {
            var c = key[i];
            if (c is < 'a' or > 'z')
            {
                continue;
            }

            var d = SoundexDigits[c - 'a'];
            if (d == 9)
            {
                continue;
            }

            if (d != 0 && d != last)
            {
                code |= d << (8 - (4 * count));
                count++;
            }

            last = d;
        }

        return code;
    }

    /// <summary>The Soundex code as text (R163), for explanations and tests.</summary>
    public static string SoundexText(int code)
    {
        if (code <= 0)
        {
            return string.Empty;
        }

        Span<char> s = [(char)('a' + (code >> 12) - 1), (char)('0' + ((code >> 8) & 15)), (char)('0' + ((code >> 4) & 15)), (char)('0' + (code & 15))];
        return new string(s).ToUpperInvariant();
    }

    /// <summary>FNV-1a of the characters: stable across processes, unlike string.GetHashCode.</summary>
    public static int Hash(ReadOnlySpan<char> s)
    {
        var h = 2166136261u;
        foreach (var c in s)
        {
            h = (h ^ c) * 16777619u;
        }

        return (int)(h & 0x7FFFFFFF);
    }
}

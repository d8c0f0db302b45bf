namespace Vigil.Matching.Text;

/// <summary>
/// A loose reading of a name for comparing one written in Cyrillic with one written in Latin letters: a
/// Cyrillic clerk writes English J as дж, H as х, W as в and Y as ы or и, and folding those back gives dzh,
/// kh, v and y, so both sides are reduced to one spelling of each sound before they are compared.
/// </summary>
internal static class CyrillicReading
{
    private static readonly (string From, string To)[] Sounds =
    [
        ("shch", "sh"), ("dzh", "j"), ("dj", "j"), ("kh", "h"), ("ck", "k"), ("ph", "f"), ("ks", "x"), ("ts", "c"),
        ("iy", "i"), ("yy", "i"), ("ee", "i"), ("w", "v"), ("y", "i"), ("c", "k"), ("q", "k"),
    ];

    /// <summary>Whether the text holds Cyrillic letters.</summary>
    public static bool IsCyrillic(ReadOnlySpan<char> raw)
    {
        foreach (var c in raw)
        {
            if (c is >= '\u0400' and <= '\u04FF')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The loose reading of a name key (lower case Latin letters).</summary>
    public static string Loosen(string key)
    {
        var text = key;
        foreach (var (from, to) in Sounds)
        {
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        // Doubled letters once, and an h after a consonant dropped (Джон/John: jon).
        var output = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (output.Length > 0 && (output[^1] == c || (c == 'h' && !IsVowel(output[^1]))))
            {
                continue;
            }

            output.Append(c);
        }

        return output.ToString();
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}

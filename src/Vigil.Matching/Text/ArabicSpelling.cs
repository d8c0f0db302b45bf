using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Matching.Text;

/// <summary>
/// Which Latin spellings a name written in Arabic script can have (Muhammad, Mohammed and Mohamad for محمد,
/// but not Mahmoud, whose long vowel is written): a pattern built from the letters' spellings in the arabic
/// table, with short vowels free between letters, consonants that may be doubled, and the article (al-) and
/// the particles (bin, ibn, bint, abu) optional.
/// </summary>
internal static class ArabicSpelling
{
    private static readonly Lazy<Dictionary<char, string[]>> Letters = new(Load);
    private static readonly string[] Particles = ["بن", "ابن", "بنت", "ال"];

    // Keys hold at most 64 characters (TextNormaliser.MaxNameLength), so no more letters are ever compared;
    // the cap also keeps the pattern's automaton small whatever length of name is typed.
    private const int MaxLetters = TextNormaliser.MaxNameLength;

    /// <summary>Whether the text holds Arabic letters.</summary>
    public static bool IsArabic(ReadOnlySpan<char> raw)
    {
        foreach (var c in raw)
        {
            if (c is >= '\u0600' and <= '\u06FF')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The pattern a Latin name key (lower case, no spaces) must match to be a spelling of <paramref name="raw"/>; null when it has no Arabic letters.</summary>
    public static Regex? Pattern(string? raw)
    {
        if (string.IsNullOrEmpty(raw) || !IsArabic(raw))
        {
            return null;
        }

        var letters = Letters.Value;
        var pattern = new StringBuilder("^");
        var budget = MaxLetters;
        foreach (var word in raw.Split([' ', '-', '\u200C', '\u00A0'], StringSplitOptions.RemoveEmptyEntries))
        {
            var optional = Array.IndexOf(Particles, word) >= 0;
            pattern.Append(optional ? "(?:" : string.Empty);
            var start = 0;
            if (word.Length > 3 && word[0] == '\u0627' && word[1] == '\u0644')
            {
                // The article, written joined: al-, el-, or assimilated (ar-Rashid, as-Sayed).
                pattern.Append("(?:[ae]l|[ae])?");
                start = 2;
            }

            for (var i = start; i < word.Length; i++)
            {
                if (!letters.TryGetValue(word[i], out var spellings))
                {
                    continue; // vowel marks, shadda, tatweel and anything outside the table
                }

                if (--budget < 0)
                {
                    break; // as long a name as any key holds: what follows is never compared
                }

                pattern.Append("[aeiou]*(?:");
                pattern.Append(string.Join('|', spellings.Select(s => s.Length == 0 ? string.Empty : Regex.Escape(s))));
                pattern.Append(")+");
            }

            pattern.Append("[aeiouh]*");
            pattern.Append(optional ? ")?" : string.Empty);
        }

        pattern.Append('$');
        try
        {
            return new Regex(pattern.ToString(), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (NotSupportedException)
        {
            return null; // beyond what the engine builds: the name is compared by its folded key alone
        }
    }

    private static Dictionary<char, string[]> Load()
    {
        var map = new Dictionary<char, string[]>();
        foreach (var (code, spellings) in ReferenceData.ArabicLetters())
        {
            map[code] = spellings;
        }

        return map;
    }
}

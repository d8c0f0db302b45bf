using System.Globalization;

namespace Vigil.Matching.Text;

/// <summary>
/// Turns free text into comparable keys: lower case, Latin letters without diacritics (other scripts
/// transliterated where the characters table says how, otherwise kept), apostrophes dropped so that
/// O'Brien is obrien, other punctuation and hyphens as word breaks, single spaces between words.
/// Every result is cut to a maximum length, so a 10,000-character field costs no more than a normal one.
/// </summary>
internal static class TextNormaliser
{
    public const int MaxNameLength = 64;
    public const int MaxTextLength = 160;

    /// <summary>Normalised words separated by single spaces.</summary>
    public static string Normalise(ReadOnlySpan<char> raw, int maxLength = MaxTextLength)
    {
        Span<char> buffer = stackalloc char[maxLength + 8];
        var n = Fold(raw, buffer, maxLength);
        return n == 0 ? string.Empty : new string(buffer[..n]);
    }

    /// <summary>The normalised text with its spaces removed: "Abdul-Rahman" and "Abdulrahman" give "abdulrahman".</summary>
    public static string JoinedKey(ReadOnlySpan<char> raw, int maxLength = MaxNameLength)
    {
        Span<char> buffer = stackalloc char[maxLength + 8];
        var n = Fold(raw, buffer, maxLength);
        var w = 0;
        for (var i = 0; i < n; i++)
        {
            if (buffer[i] != ' ')
            {
                buffer[w++] = buffer[i];
            }
        }

        return w == 0 ? string.Empty : new string(buffer[..w]);
    }

    /// <summary>
    /// A name's words, without titles before it (Mr, Dr...) when <paramref name="stripPrefixes"/> and
    /// generational suffixes after it (Jr, III...) when <paramref name="stripSuffixes"/>; a title is kept
    /// when it is the only word, since then it is probably the name itself (Lord, Master).
    /// </summary>
    public static string NormaliseName(string? raw, bool stripPrefixes, bool stripSuffixes)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return string.Empty;
        }

        var text = Normalise(raw, MaxNameLength);
        if (text.Length == 0 || (!stripPrefixes && !stripSuffixes) || text.IndexOf(' ', StringComparison.Ordinal) < 0)
        {
            return text;
        }

        var words = text.Split(' ');
        int start = 0, end = words.Length;
        if (stripPrefixes)
        {
            while (end - start > 1 && ReferenceData.TitlePrefixes.Contains(words[start]))
            {
                start++;
            }
        }

        if (stripSuffixes)
        {
            while (end - start > 1 && ReferenceData.TitleSuffixes.Contains(words[end - 1]))
            {
                end--;
            }
        }

        return start == 0 && end == words.Length ? text : string.Join(' ', words, start, end - start);
    }

    /// <summary>Letters and digits only, lower case: "SW1A 2AA" gives "sw1a2aa".</summary>
    public static string Compact(string? raw, int maxLength = MaxNameLength)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return string.Empty;
        }

        return JoinedKey(raw, maxLength);
    }

    /// <summary>Digits only, at most 20: the comparable part of a telephone number.</summary>
    public static string Digits(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return string.Empty;
        }

        Span<char> buffer = stackalloc char[20];
        var n = 0;
        foreach (var c in raw)
        {
            if (char.IsAsciiDigit(c))
            {
                buffer[n++] = c;
                if (n == buffer.Length)
                {
                    break;
                }
            }
        }

        return new string(buffer[..n]);
    }

    /// <summary>An email address trimmed, lower case, without spaces; empty when it has no '@'.</summary>
    public static string Email(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return string.Empty;
        }

        Span<char> buffer = stackalloc char[MaxTextLength];
        var n = 0;
        foreach (var c in raw)
        {
            if (char.IsWhiteSpace(c) || c is '<' or '>' or '"')
            {
                continue;
            }

            buffer[n++] = char.ToLowerInvariant(c);
            if (n == buffer.Length)
            {
                break;
            }
        }

        var s = buffer[..n];
        var at = s.IndexOf('@');
        return at <= 0 || at == n - 1 ? (n == 0 ? string.Empty : new string(s)) : new string(s);
    }

    /// <summary>"m", "f", another normalised word, or empty for unknown.</summary>
    public static string Gender(string? raw)
    {
        var g = JoinedKey(raw, 16);
        return g switch
        {
            "m" or "male" or "man" or "boy" or "mr" => "m",
            "f" or "female" or "woman" or "girl" or "w" => "f",
            "" or "u" or "unknown" or "notknown" or "notstated" or "unspecified" or "na" or "n" => string.Empty,
            _ => g,
        };
    }

    /// <summary>Folds <paramref name="raw"/> into <paramref name="output"/>; returns the length written.</summary>
    public static int Fold(ReadOnlySpan<char> raw, Span<char> output, int maxLength)
    {
        var folding = ReferenceData.Folding;
        var n = 0;
        var pendingSpace = false;
        foreach (var c in raw)
        {
            if (n >= maxLength)
            {
                break;
            }

            if (c < 128)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    Append(output, ref n, ref pendingSpace, (char)(c | (char.IsAsciiLetterUpper(c) ? 0x20 : 0)));
                }
                else if (c is not ('\'' or '`'))
                {
                    pendingSpace = n > 0;
                }

                continue;
            }

            var mapped = folding[c];
            if (mapped is not null)
            {
                foreach (var m in mapped)
                {
                    Append(output, ref n, ref pendingSpace, m);
                }

                continue;
            }

            if (c is '\u2019' or '\u2018' or '\u02BC' or '\u00B4')
            {
                continue; // apostrophes join
            }

            if (char.IsSurrogate(c))
            {
                Append(output, ref n, ref pendingSpace, c);
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                Append(output, ref n, ref pendingSpace, char.ToLowerInvariant(c));
            }
            else
            {
                pendingSpace = n > 0;
            }
        }

        if (n > maxLength)
        {
            n = maxLength;
        }

        while (n > 0 && (output[n - 1] == ' ' || char.IsHighSurrogate(output[n - 1])))
        {
            n--;
        }

        return n;
    }

    private static void Append(Span<char> output, ref int n, ref bool pendingSpace, char c)
    {
        if (n >= output.Length - 1)
        {
            return;
        }

        if (pendingSpace)
        {
            output[n++] = ' ';
            pendingSpace = false;
        }

        output[n++] = c;
    }
}

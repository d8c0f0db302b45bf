using System.Globalization;
using System.Text;

namespace Vigil.Web.Platform.Search;

/// <summary>A part of a query: words that must appear together in order (one word is a phrase of one), or
/// a choice between phrases ("kestrel or osprey"), or a phrase that must not appear ("-harbour").</summary>
public sealed record SearchPhrase(IReadOnlyList<string> Words);

public sealed record SearchClause(IReadOnlyList<SearchPhrase> AnyOf, bool Excluded);

/// <summary>
/// A query as typed, read into what it asks for: clauses that must all hold, and the exact identifiers it may
/// be (a phone, a registration, a postcode, an e-mail, reduced as the index holds them). Nothing of what was
/// typed reaches a database's query syntax: the engines build their queries from these words, which are
/// letters and digits only, so quotes left open, lone operators and control characters mean nothing.
/// </summary>
public sealed record SearchTerms(IReadOnlyList<SearchClause> Clauses, IReadOnlyList<string> Identifiers)
{
    public const int MaxLength = 200;
    public const int MaxWords = 24;

    public bool IsEmpty => Clauses.All(c => c.Excluded) && Identifiers.Count == 0;

    /// <summary>What was asked for, or why it cannot be searched for.</summary>
    public static (SearchTerms? Terms, string? Problem) Read(string? typed)
    {
        var text = (typed ?? "").Trim();
        if (text.Length == 0)
        {
            return (null, "Enter what you are looking for");
        }
        if (text.Length > MaxLength)
        {
            return (null, $"Search for {MaxLength} characters or fewer");
        }
        var clauses = new List<SearchClause>();
        var pendingOr = false;
        var words = 0;
        foreach (var (part, quoted, excluded) in Parts(text))
        {
            if (!quoted && part.Equals("or", StringComparison.OrdinalIgnoreCase) && !excluded)
            {
                pendingOr = clauses.Count > 0 && !clauses[^1].Excluded;
                continue;
            }
            var phraseWords = WordsOf(part).Where(w => !IsLabelWord(w)).ToList();
            if (phraseWords.Count == 0)
            {
                continue;
            }
            words += phraseWords.Count;
            if (words > MaxWords)
            {
                return (null, $"Search for {MaxWords} words or fewer");
            }
            var phrase = new SearchPhrase(phraseWords);
            if (pendingOr && !excluded)
            {
                clauses[^1] = clauses[^1] with { AnyOf = [.. clauses[^1].AnyOf, phrase] };
            }
            else
            {
                clauses.Add(new SearchClause([phrase], excluded));
            }
            pendingOr = false;
        }
        var terms = new SearchTerms(clauses, IdentifiersIn(text));
        return terms.IsEmpty ? (null, "Enter a word, a name or an identifier to look for (not only words to leave out)") : (terms, null);
    }

    // Quoted phrases, "-" before a word or phrase, and plain words; a quote left open runs to the end.
    private static IEnumerable<(string Part, bool Quoted, bool Excluded)> Parts(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || char.IsControl(text[i])))
            {
                i++;
            }
            if (i >= text.Length)
            {
                yield break;
            }
            var excluded = false;
            if (text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                excluded = true;
                i++;
            }
            if (text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                var stop = end < 0 ? text.Length : end;
                yield return (text[(i + 1)..stop], true, excluded);
                i = stop + 1;
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"')
            {
                i++;
            }
            yield return (text[start..i], false, excluded);
        }
    }

    /// <summary>The words of a piece of text as the index reads them: runs of letters and digits, lower case,
    /// accents kept (both engines fold them), at most 64 characters each. Half of a surrogate pair without the
    /// other half is no letter: it separates words, as any other symbol does.</summary>
    public static List<string> WordsOf(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in WholeCharacters(text).Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (current.Length < 64)
                {
                    current.Append(char.ToLowerInvariant(c));
                }
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }
        return words;
    }

    // Normalize throws on an unpaired surrogate (found by fuzzing, bench/Vigil.Fuzz): each becomes U+FFFD, as
    // invalid UTF-8 in a query string does. No request carries one today (the framework decodes forms and query
    // strings with U+FFFD, and System.Text.Json refuses "\ud800" alone), but the parser takes any string.
    private static string WholeCharacters(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\ud800', '\udfff') < 0)
        {
            return text;
        }
        var whole = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                whole.Append(text[i]).Append(text[++i]);
            }
            else
            {
                whole.Append(char.IsSurrogate(text[i]) ? '\ufffd' : text[i]);
            }
        }
        return whole.ToString();
    }

    /// <summary>An identifier as the index holds it: its ASCII letters and digits, lower case; a UK phone
    /// number written internationally (+44 or 0044) becomes its national form. "07700 900-123",
    /// "+44 7700 900123" and "07700900123" are one identifier; so are "ab12 cde" and "AB12CDE". Null when
    /// too short to be one.</summary>
    public static string? Identifier(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var squashed = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                squashed.Append(char.ToLowerInvariant(c));
            }
        }
        var s = squashed.ToString();
        if (s.All(char.IsAsciiDigit))
        {
            if (s.StartsWith("0044", StringComparison.Ordinal))
            {
                s = "0" + s[4..];
            }
            else if (s.StartsWith("44", StringComparison.Ordinal) && value.TrimStart().StartsWith('+') && s.Length >= 11)
            {
                s = "0" + s[2..];
            }
        }
        return s.Length is >= 5 and <= 64 ? s : null;
    }

    /// <summary>The identifiers a query may be: the whole of it, and each of its parts, when it has a digit
    /// or an "@" (a name is searched as words, not as an identifier).</summary>
    private static List<string> IdentifiersIn(string text)
    {
        var candidates = new List<string> { text };
        candidates.AddRange(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return [.. candidates.Where(c => c.Any(char.IsAsciiDigit) || c.Contains('@'))
            .Select(Identifier).OfType<string>().Where(i => !IsLabelWord(i)).Distinct(StringComparer.Ordinal).Take(8)];
    }

    /// <summary>The index's word for an access label ("l" and 32 hex digits): never something to search for.</summary>
    private static bool IsLabelWord(string word) => word.Length == 33 && word[0] == 'l' && word.Skip(1).All(char.IsAsciiHexDigitLower);

    /// <summary>The terms as the query words of a log line: what was looked for, without syntax.</summary>
    public override string ToString() => string.Join(" ", Clauses.Select(c =>
        (c.Excluded ? "-" : "") + string.Join(" or ", c.AnyOf.Select(p => p.Words.Count == 1 ? p.Words[0] : "\"" + string.Join(" ", p.Words) + "\""))));
}

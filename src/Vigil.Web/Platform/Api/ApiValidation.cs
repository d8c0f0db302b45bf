using Microsoft.EntityFrameworkCore;
using System.ComponentModel.DataAnnotations;

namespace Vigil.Web.Platform.Api;

/// <summary>Validates a request record's data annotations into the dictionary ProblemDetails expects.</summary>
public static class ApiValidation
{
    public static Dictionary<string, string[]> Validate(object request)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true);
        var errors = results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Member: m, r.ErrorMessage)))
            .GroupBy(x => x.Member)
            .ToDictionary(g => g.Key, g => g.Select(x => x.ErrorMessage ?? "Invalid value").ToArray());
        // An enum value must be one of its names: a number from a form, or a combination such as
        // "Signposted, ReferredToChannel" that the JSON converter accepts, is refused here.
        foreach (var property in request.GetType().GetProperties())
        {
            if (property.GetIndexParameters().Length == 0 && property.GetValue(request) is Enum value && !Enum.IsDefined(value.GetType(), value)
                && !value.GetType().IsDefined(typeof(FlagsAttribute), false))
            {
                Add(errors, property.Name, "Choose a value from the list");
            }
        }
        CheckText(request, "", errors, depth: 0);
        return errors;
    }

    public const string HiddenCharacters = "Remove the hidden characters (control characters, text-direction marks or invisible formatting) from this answer";

    /// <summary>True when text holds a character no name or note should: a C0 or C1 control (NUL among
    /// them; tab, line feed and carriage return are allowed), DEL, a bidirectional mark, embedding, override
    /// or isolate (which can make text display as something other than what it is), the soft hyphen, the
    /// line and paragraph separators, the invisible operators, a byte-order mark, the interlinear annotation
    /// marks, or a tag character. The joiners (U+200B to U+200D, U+2060) are allowed: some scripts need
    /// them, and matching ignores them.</summary>
    public static bool HasHiddenCharacters(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsHidden(text, i))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The text with each hidden character (as <see cref="HasHiddenCharacters"/>) shown as U+FFFD,
    /// for what is kept as given rather than refused: a purpose in a query string, say, written to the audit log.</summary>
    public static string Visible(string text)
    {
        if (!HasHiddenCharacters(text))
        {
            return text;
        }
        var visible = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            visible.Append(IsHidden(text, i) ? '\ufffd' : text[i]);
        }
        return visible.ToString();
    }

    private static bool IsHidden(string text, int i)
    {
        var c = text[i];
        return (c < ' ' && c is not ('\t' or '\n' or '\r'))
            || c is >= '\u007f' and <= '\u009f' or '\u00ad' or '\u061c' or '\u200e' or '\u200f' or '\u2028' or '\u2029' or '\ufeff'
            || c is >= '\u202a' and <= '\u202e' || c is >= '\u2061' and <= '\u2064' || c is >= '\u2066' and <= '\u2069'
            || c is >= '\ufff9' and <= '\ufffb'
            // Tag characters, U+E0000 to U+E007F: the surrogate pair DB40 DC00-DC7F (both halves count).
            || (c == '\udb40' && i + 1 < text.Length && text[i + 1] is >= '\udc00' and <= '\udc7f')
            || (c is >= '\udc00' and <= '\udc7f' && i > 0 && text[i - 1] == '\udb40');
    }

    // Every string of the request, and of the records and lists inside it, is checked: an API caller can
    // put a NUL or an override anywhere a form cannot.
    private static void CheckText(object value, string path, Dictionary<string, string[]> errors, int depth)
    {
        if (depth > 4)
        {
            return;
        }
        foreach (var property in value.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanRead)
            {
                continue;
            }
            var name = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            switch (property.GetValue(value))
            {
                case string text when HasHiddenCharacters(text):
                    Add(errors, name, HiddenCharacters);
                    break;
                case string:
                    break;
                case System.Collections.IEnumerable items:
                    var i = 0;
                    foreach (var item in items)
                    {
                        if (item is string s && HasHiddenCharacters(s))
                        {
                            Add(errors, $"{name}[{i}]", HiddenCharacters);
                        }
                        else if (item is not null && IsRequestPart(item.GetType()))
                        {
                            CheckText(item, $"{name}[{i}]", errors, depth + 1);
                        }
                        i++;
                    }
                    break;
                case { } nested when IsRequestPart(nested.GetType()):
                    CheckText(nested, name, errors, depth + 1);
                    break;
            }
        }
    }

    private static bool IsRequestPart(Type type) => type.IsClass && type.Namespace?.StartsWith("Vigil.Web", StringComparison.Ordinal) == true;

    /// <summary>True when an optional enum value is absent or one of its names.</summary>
    /// <summary>An e-mail address as GOV.UK services check one: one @ with something before it, a dot in the
    /// part after it, no spaces.</summary>
    public static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var dot = at < 0 ? -1 : text.IndexOf('.', at);
        return at > 0 && at == text.LastIndexOf('@') && !text.Contains(' ', StringComparison.Ordinal) && dot > at + 1 && dot < text.Length - 1;
    }

    public static bool IsNamed<T>(T? value) where T : struct, Enum => value is null || Enum.IsDefined(value.Value);

    public static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? existing.Contains(message) ? existing : [.. existing, message] : [message];
}

/// <summary>A page of results, as every list endpoint returns them. A list that stops counting at
/// <see cref="Paging.CountLimit"/> says so with <see cref="MoreThanTotal"/>: more match than
/// <see cref="Total"/>, and its pages reach only those (narrow the search for the rest).</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total, bool MoreThanTotal = false);

public static class Paging
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    /// <summary>How far a list that may be long counts: a pager needs no more, and counting every match of
    /// a national list would cost what the network holds rather than what the user asked for.</summary>
    public const int CountLimit = 1000;

    /// <summary>The number of matches up to <see cref="CountLimit"/>, and whether there are more.</summary>
    public static async Task<(int Total, bool More)> CountUpToLimitAsync<T>(IQueryable<T> query, CancellationToken ct)
    {
        var counted = await query.Take(CountLimit + 1).CountAsync(ct);
        return counted > CountLimit ? (CountLimit, true) : (counted, false);
    }

    /// <summary>A queue's count for a panel or a tab: the matches counted up to one past <see cref="CountLimit"/>,
    /// so that a count above the limit reads "more than 1,000" (<see cref="Shown"/>) and a unit's queue of a
    /// hundred thousand costs what a thousand do.</summary>
    public static Task<int> CountPastLimitAsync<T>(IQueryable<T> query, CancellationToken ct) =>
        query.Take(CountLimit + 1).CountAsync(ct);

    /// <summary>A count from <see cref="CountPastLimitAsync{T}"/> as a person reads it.</summary>
    public static string Shown(int count) =>
        count > CountLimit ? $"more than {CountLimit:N0}" : count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    public static (int Page, int Size) Normalise(int? page, int? pageSize) =>
        (Math.Clamp(page ?? 1, 1, 100_000), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
}

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

    public const string HiddenCharacters = "Remove the hidden characters (control characters or text-direction overrides) from this answer";

    /// <summary>True when text holds a character no name or note should: a C0 or C1 control (NUL among
    /// them; tab, line feed and carriage return are allowed), DEL, or a bidirectional embedding, override
    /// or isolate, which can make text display as something other than what it is.</summary>
    public static bool HasHiddenCharacters(string text)
    {
        foreach (var c in text)
        {
            if ((c < ' ' && c is not ('\t' or '\n' or '\r')) || c is >= '\u007f' and <= '\u009f' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069')
            {
                return true;
            }
        }
        return false;
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
    public static bool IsNamed<T>(T? value) where T : struct, Enum => value is null || Enum.IsDefined(value.Value);

    public static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? existing.Contains(message) ? existing : [.. existing, message] : [message];
}

/// <summary>A page of results, as every list endpoint returns them.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class Paging
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    public static (int Page, int Size) Normalise(int? page, int? pageSize) =>
        (Math.Clamp(page ?? 1, 1, 100_000), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
}

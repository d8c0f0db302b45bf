using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace Vigil.Web.Platform.Ui;

/// <summary>
/// A page's query values checked before it renders. Blazor binds [SupplyParameterFromQuery] while rendering and
/// throws on a value that does not parse as the property's type ("?page=two" for an int), which would be a 500:
/// here such an address is answered 400 with the GOV.UK error page naming the value and what it takes. The
/// parsing is Blazor's (invariant culture; an empty value is no value for a nullable type).
/// </summary>
public static class PageQuery
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<(string Name, Type Type)>> Declared = new();

    /// <summary>The message for the first value the page cannot take, or null when it can take them all.</summary>
    public static string? Refusal(Type page, IQueryCollection query)
    {
        foreach (var (name, type) in Declared.GetOrAdd(page, Find))
        {
            if (!query.TryGetValue(name, out var values))
            {
                continue;
            }
            var element = type.IsArray ? type.GetElementType()! : type;
            var underlying = Nullable.GetUnderlyingType(element);
            foreach (var value in values)
            {
                if (string.IsNullOrEmpty(value) && (underlying is not null || !element.IsValueType))
                {
                    continue;
                }
                if (!Parses(underlying ?? element, value ?? ""))
                {
                    var shown = value is { Length: > 40 } ? value[..40] + "..." : value;
                    return $"'{Api.ApiValidation.Visible(shown ?? "")}' is not valid for {name} in the address: it takes {Takes(underlying ?? element)}";
                }
            }
        }
        return null;
    }

    private static IReadOnlyList<(string, Type)> Find(Type page) =>
        page.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Attribute!.Name ?? x.Property.Name, x.Property.PropertyType))
            .ToList();

    private static bool Parses(Type type, string value) => type switch
    {
        _ when type == typeof(string) => true,
        _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(bool) => bool.TryParse(value, out _),
        _ when type == typeof(Guid) => Guid.TryParse(value, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(DateOnly) => DateOnly.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ when type == typeof(DateTime) => DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ when type == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(double) => double.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
        // A type added later that this does not know is left to Blazor (and to the crawler's test, which would find a 500).
        _ => true,
    };

    private static string Takes(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(Guid) => "an id like 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
        _ when type == typeof(DateOnly) || type == typeof(DateTime) => "a date like 2026-03-31",
        _ => "a number",
    };
}

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
        return errors;
    }

    /// <summary>True when an optional enum value is absent or one of its names.</summary>
    public static bool IsNamed<T>(T? value) where T : struct, Enum => value is null || Enum.IsDefined(value.Value);

    public static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
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

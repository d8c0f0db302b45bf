using System.Reflection;
using System.Text.RegularExpressions;

namespace Vigil.Web.Platform.Api;

/// <summary>
/// A query or route value that does not bind ("?phase=bogus") explained in the caller's terms: the field and
/// what it takes (the names of an enumeration, a whole number, a date...), instead of the framework's
/// "Failed to bind parameter "Nullable&lt;Phase&gt; Phase"".
/// </summary>
public static partial class BindingErrors
{
    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[^"\s]+)" from "(?<value>[^"]*)"\.?$""", RegexOptions.CultureInvariant)]
    private static partial Regex FailedToBind();

    /// <summary>The field and its message, or null when the exception is not a failed binding.</summary>
    public static (string Field, string Message)? Explain(Endpoint? endpoint, BadHttpRequestException exception)
    {
        var match = FailedToBind().Match(exception.Message);
        if (!match.Success)
        {
            return null;
        }
        var name = match.Groups["name"].Value;
        var value = match.Groups["value"].Value;
        value = value.Length > 40 ? value[..40] + "..." : value;
        var type = ParameterType(endpoint, name);
        var underlying = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        var takes = underlying switch
        {
            { IsEnum: true } => "one of: " + string.Join(", ", Enum.GetNames(underlying)),
            _ when underlying == typeof(int) || underlying == typeof(long) => "a whole number",
            _ when underlying == typeof(bool) => "true or false",
            _ when underlying == typeof(Guid) => "an id like 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
            _ when underlying == typeof(DateOnly) => "a date like 2026-03-31",
            _ when underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime) => "a date and time like 2026-03-31T14:00:00Z",
            _ => "a different value",
        };
        var field = char.ToLowerInvariant(name[0]) + name[1..];
        return (field, $"'{value}' is not valid for {field}: it takes {takes}");
    }

    private static Type? ParameterType(Endpoint? endpoint, string name)
    {
        foreach (var parameter in endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [])
        {
            if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return parameter.ParameterType;
            }
            if (parameter.GetCustomAttribute<Microsoft.AspNetCore.Http.AsParametersAttribute>() is not null
                && parameter.ParameterType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { } property)
            {
                return property.PropertyType;
            }
        }
        return null;
    }
}

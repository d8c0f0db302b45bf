using System.Globalization;

namespace Vigil.Web.Platform.Ui;

/// <summary>Reading what a plain form posted: text, a choice from an enumeration, yes or no, a version. A
/// value that does not read is null, and the use case's own validation names the field.</summary>
public static class FormValues
{
    public static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>One of the enumeration's names exactly (not a number, not a name in other case), or nothing.</summary>
    public static T? Choice<T>(string? text) where T : struct, Enum =>
        text is not null && Enum.GetNames<T>().Contains(text) ? Enum.Parse<T>(text) : null;

    public static bool? YesNo(string? text) => text switch { "true" => true, "false" => false, _ => null };

    public static Guid? Id(string? text) => Guid.TryParse(text, out var id) ? id : null;

    /// <summary>A whole number, or null (with <paramref name="valid"/> false when something else was typed).</summary>
    public static int? Number(string? text, out bool valid)
    {
        valid = true;
        if (Text(text) is not { } typed)
        {
            return null;
        }
        valid = int.TryParse(typed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number);
        return valid ? number : null;
    }

    /// <summary>"3 December 2026", for a date shown on a page.</summary>
    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

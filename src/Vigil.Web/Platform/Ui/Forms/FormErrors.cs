using Vigil.Web.Platform.Api;

namespace Vigil.Web.Platform.Ui;

/// <summary>
/// The messages of a form that could not be saved, each for one field by the field's id, so that the
/// error summary links to the field and the field shows its own message (GOV.UK's pattern). Built from
/// what the page itself could not read (a date that is not a date) and from the use case's
/// <see cref="WorkResult{T}"/>: field messages go to the form's field of that name; a refusal, or a message
/// about a field the form does not show, goes to the form's first field.
/// </summary>
public sealed class FormErrors
{
    private readonly List<(string Field, string Message)> messages = [];

    public IReadOnlyList<(string Field, string Message)> Messages => messages;

    public bool Any => messages.Count > 0;

    public IEnumerable<string> For(string field) => messages.Where(m => m.Field == field).Select(m => m.Message);

    public bool Has(string field) => messages.Any(m => m.Field == field);

    public FormErrors Add(string field, string message)
    {
        messages.Add((field, message));
        return this;
    }

    /// <summary>The id of a form's field: the form's name, a hyphen and the field's name in lower case
    /// ("gateway-signpostedto"), as the kit's inputs are given.</summary>
    public static string Id(string form, string field) => $"{form}-{field.ToLowerInvariant()}";

    /// <summary>The use case's messages for a form that shows <paramref name="fields"/> (in the order shown).</summary>
    public static FormErrors From<T>(WorkResult<T> result, string form, params string[] fields)
    {
        var errors = new FormErrors();
        var first = fields.Length == 0 ? form : Id(form, fields[0]);
        switch (result.Status)
        {
            case WorkStatus.Done:
                return errors;
            case WorkStatus.NotFound:
                return errors.Add(first, "That is no longer there to change: reload the page");
            case WorkStatus.Invalid:
                foreach (var (field, list) in result.Errors)
                {
                    var shown = fields.FirstOrDefault(f => string.Equals(f, field, StringComparison.OrdinalIgnoreCase));
                    foreach (var message in list)
                    {
                        errors.Add(shown is null ? first : Id(form, shown), message);
                    }
                }
                break;
            default:
                foreach (var message in result.Messages)
                {
                    errors.Add(first, message);
                }
                break;
        }
        return errors.Any ? errors : errors.Add(first, "That could not be done");
    }
}

namespace Vigil.Web.Platform.Ui;

/// <summary>One option of a radios, checkboxes or select: the value posted, the words shown, a hint, and
/// (where the value changes with the record, like "the next phase") a stable key for the option's id.</summary>
public sealed record Choice(string Value, string Label, string? Hint = null, string? Key = null)
{
    public static IEnumerable<Choice> YesNo(string yes = "Yes", string no = "No") => [new("true", yes), new("false", no)];

    /// <summary>Every value of an enumeration, named as the users name them.</summary>
    public static IEnumerable<Choice> Of<T>(Func<T, string> label) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new Choice(v.ToString(), label(v)));
}

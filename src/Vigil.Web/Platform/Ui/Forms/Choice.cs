namespace Vigil.Web.Platform.Ui;

/// <summary>One option of a radios, checkboxes or select: the value posted, the words shown, and a hint.</summary>
public sealed record Choice(string Value, string Label, string? Hint = null)
{
    public static IEnumerable<Choice> YesNo(string yes = "Yes", string no = "No") => [new("true", yes), new("false", no)];

    /// <summary>Every value of an enumeration, named as the users name them.</summary>
    public static IEnumerable<Choice> Of<T>(Func<T, string> label) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new Choice(v.ToString(), label(v)));
}

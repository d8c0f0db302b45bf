using Microsoft.AspNetCore.Components;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Prevent;

/// <summary>
/// A section of the case page (the gateway, the panel's work, support, reviews, closing): shows its part of
/// the case and handles its own forms. A form that succeeds redirects back to the case with what was done
/// (post, redirect, get); one that fails hands its messages to the page, whose error summary lists them and
/// whose sections show each by its field, with what was typed kept. The steps offered are those the case's
/// rules allow (<see cref="PreventCaseDto.Steps"/>); the use case checks them again.
/// </summary>
public abstract class CaseSection : ComponentBase
{
    [Inject] protected PreventCases Cases { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [Parameter, EditorRequired] public PreventCaseDto View { get; set; } = default!;

    /// <summary>The page's messages after a failed post (for whichever form failed).</summary>
    [Parameter] public FormErrors? Errors { get; set; }

    [Parameter] public EventCallback<FormErrors> Failed { get; set; }

    /// <summary>Back to the case saying what was done, or the messages to the page.</summary>
    protected async Task FinishAsync(WorkResult<PreventCaseDto> result, string form, params string[] fields)
    {
        if (result.IsDone)
        {
            // A review's form is named after the review ("review-<id>"): what was done is "review".
            Navigation.NavigateTo(DoneBanner.After($"/prevent/cases/{View.Id}", form.Split('-')[0]));
            return;
        }
        await Failed.InvokeAsync(FormErrors.From(result, form, fields));
    }

    /// <summary>Messages the page found itself (a date that is not a date), before asking the use case.</summary>
    protected Task FailAsync(FormErrors errors) => Failed.InvokeAsync(errors);

    /// <summary>The version of the case the form was shown with: every form sends it, and a stale step is refused.</summary>
    protected static Guid? Version(StepInput? input) => FormValues.Id(input?.Version);

    /// <summary>A date typed into a date input: the date, or null with a message for <paramref name="field"/>.</summary>
    protected static DateOnly? Date(DateParts? parts, string label, string form, string field, FormErrors errors)
    {
        var date = (parts ?? new DateParts()).Read(label, out var error);
        if (error is not null)
        {
            errors.Add(FormErrors.Id(form, field), error);
        }
        return date;
    }

    protected static string Day(DateOnly day) => FormValues.Day(day);

    protected static string When(DateTimeOffset at) => UkTime.Full(at);

    protected static string Cap(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

/// <summary>What every form on the case posts: the version of the case it was shown with.</summary>
public class StepInput
{
    public string? Version { get; set; }
}

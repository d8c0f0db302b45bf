using System.ComponentModel.DataAnnotations;

namespace Vigil.Web.Prevent;

public sealed record InterventionRequest : CaseStep
{
    [Required(ErrorMessage = "Choose the kind of support")]
    public InterventionType? Type { get; init; }

    [Required(ErrorMessage = "Enter the provider"), StringLength(200, ErrorMessage = "The provider must be 200 characters or fewer")]
    public string? Provider { get; init; }

    [Required(ErrorMessage = "Enter the start date")]
    public DateOnly? StartsOn { get; init; }

    public DateOnly? EndsOn { get; init; }

    [StringLength(2000)]
    public string? Notes { get; init; }
}

public sealed record ReviewIntervalRequest([property: Required(ErrorMessage = "Enter the review interval in days"), Range(7, 91, ErrorMessage = "Reviews must be between 7 and 91 days apart")] int? Days) : CaseStep;

public sealed record CompleteReviewRequest : CaseStep
{
    [Required(ErrorMessage = "Enter the date of the review")]
    public DateOnly? CompletedOn { get; init; }

    [Required(ErrorMessage = "Record what the review found"), StringLength(4000, MinimumLength = 5, ErrorMessage = "Record what the review found, in 5 to 4000 characters")]
    public string? Notes { get; init; }

    [Required(ErrorMessage = "Say whether concerns remain")]
    public bool? ConcernsRemain { get; init; }
}

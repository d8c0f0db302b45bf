using System.ComponentModel.DataAnnotations;

namespace Vigil.Web.Prevent;

public sealed record ExitRequest : CaseStep
{
    [Required(ErrorMessage = "Enter the exit date")]
    public DateOnly? ExitedOn { get; init; }

    [Required(ErrorMessage = "Give the panel's reason for exit"), StringLength(2000, MinimumLength = 5, ErrorMessage = "Give the reason, in 5 to 2000 characters")]
    public string? Reason { get; init; }

    /// <summary>Whether terrorism-related concerns remain (the Home Office counts both).</summary>
    public bool WithConcerns { get; init; }
}

public sealed record ReasonRequest([property: Required(ErrorMessage = "Give the reason"), StringLength(2000, MinimumLength = 5, ErrorMessage = "Give the reason, in 5 to 2000 characters")] string? Reason) : CaseStep;

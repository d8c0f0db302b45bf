using System.ComponentModel.DataAnnotations;

namespace Vigil.Web.Prevent;

/// <summary>A step on a Prevent case, carrying the <see cref="Version"/> of the case it was taken on: a step
/// taken on a stale copy is refused with 409 and nothing changes. (Optional in the API for a client that
/// reads and writes at once; the pages always send it.)</summary>
public abstract record CaseStep
{
    public Guid? Version { get; init; }
}

public sealed record GatewayRequest : CaseStep
{
    [Required(ErrorMessage = "Choose the finding")]
    public VulnerabilityFinding? Finding { get; init; }

    [Required(ErrorMessage = "Choose the outcome")]
    public GatewayOutcome? Outcome { get; init; }

    [StringLength(1000, ErrorMessage = "The services must be 1000 characters or fewer")]
    public string? SignpostedTo { get; init; }

    [Required(ErrorMessage = "Give the reason for the outcome"), StringLength(4000, MinimumLength = 5, ErrorMessage = "Give the reason, in 5 to 4000 characters")]
    public string? Reason { get; init; }
}

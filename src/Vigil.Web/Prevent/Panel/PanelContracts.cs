using System.ComponentModel.DataAnnotations;

namespace Vigil.Web.Prevent;

public sealed record PartnerInformationRequest(
    [property: Required(ErrorMessage = "Enter the agency"), StringLength(200)] string? Agency,
    [property: Required(ErrorMessage = "Enter what the agency told the panel"), StringLength(4000, MinimumLength = 5, ErrorMessage = "Enter what the agency said, in 5 to 4000 characters")] string? Summary) : CaseStep;

public sealed record FactorJudgementRequest([property: Required] string? Factor, [property: Required] Judgement? Judgement, [property: StringLength(2000)] string? Notes);

public sealed record AssessmentRequest : CaseStep
{
    public Guid? MeetingId { get; init; }

    [Required(ErrorMessage = "Enter the date of the assessment")]
    public DateOnly? AssessedOn { get; init; }

    /// <summary>One judgement for each factor of the framework in force, no more and no fewer.</summary>
    public List<FactorJudgementRequest>? Judgements { get; init; }

    [Required(ErrorMessage = "Summarise engagement"), StringLength(4000)]
    public string? EngagementSummary { get; init; }

    [Required(ErrorMessage = "Summarise intent"), StringLength(4000)]
    public string? IntentSummary { get; init; }

    [Required(ErrorMessage = "Summarise capability"), StringLength(4000)]
    public string? CapabilitySummary { get; init; }
}

public sealed record ConsentRequest : CaseStep
{
    public bool Given { get; init; }

    [Required(ErrorMessage = "Choose who gave or refused consent")]
    public ConsentGiver? GivenBy { get; init; }

    [Required(ErrorMessage = "Enter the name of whoever gave or refused consent"), StringLength(200)]
    public string? Name { get; init; }

    [StringLength(100)]
    public string? Relationship { get; init; }

    [Required(ErrorMessage = "Enter the date")]
    public DateOnly? On { get; init; }

    [Required(ErrorMessage = "Choose how consent was given or refused")]
    public ConsentMethod? Method { get; init; }

    /// <summary>Whether the person has capacity to consent for themselves.</summary>
    public bool HasCapacity { get; init; }

    [StringLength(2000)]
    public string? Notes { get; init; }
}

public sealed record DecisionRequest : CaseStep
{
    [Required(ErrorMessage = "Choose the meeting")]
    public Guid? MeetingId { get; init; }

    [Required(ErrorMessage = "Choose the decision")]
    public PanelDecision? Decision { get; init; }

    [Required(ErrorMessage = "Give the panel's rationale"), StringLength(4000, MinimumLength = 5, ErrorMessage = "Give the rationale, in 5 to 4000 characters")]
    public string? Rationale { get; init; }

    [StringLength(2000)]
    public string? AlternativeSupport { get; init; }
}

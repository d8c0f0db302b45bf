namespace Vigil.Web.Subjects.Deconfliction;

/// <summary>
/// What a module can say about a subject in a deconfliction hit without revealing it: "a live
/// investigation", "an open Prevent case". Modules that link subjects to their casework implement it
/// (Subjects knows no module); the check shows these words beside every hit, masked or not, so that the
/// asker knows to speak to the owning unit before acting.
/// </summary>
public interface ISubjectInvolvement
{
    /// <summary>For each subject with involvement, short phrases naming it. Runs as part of the check's
    /// deliberate bypass: it must return only these phrases, never content.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> DescribeAsync(IReadOnlyCollection<Guid> subjectIds, CancellationToken ct);
}

public static class SubjectInvolvements
{
    public const string LiveInvestigation = "Pursue: in a live investigation";
    public const string OpenPreventCase = "Prevent: an open safeguarding case";
}

using Vigil.Web.Platform.Security;

namespace Vigil.Web.Tests.Security;

/// <summary>
/// The need-to-know rule written out again, independently of the application's AccessPolicy, from the
/// security model (docs/security-model.md): clearance must reach the classification; a record with
/// groups is for their members only; a record without groups is for its owning unit.
/// </summary>
public static class AccessOracle
{
    public sealed record Person(string Email, string Role, string? Unit, Classification Clearance, IReadOnlySet<string> Groups);
    public sealed record Label(Guid Id, Classification Classification, string Unit, IReadOnlySet<string> Groups);

    private static int Rank(Classification c) => c switch
    {
        Classification.Official => 1,
        Classification.Secret => 2,
        Classification.TopSecret => 3,
        _ => int.MaxValue,
    };

    public static bool MayRead(Person p, Label r)
    {
        if (Rank(p.Clearance) < Rank(r.Classification))
        {
            return false;
        }
        if (r.Groups.Count > 0)
        {
            return r.Groups.Overlaps(p.Groups);
        }
        return p.Unit == r.Unit;
    }

    public static readonly IReadOnlySet<string> SubjectWriterRoles = new HashSet<string> { Roles.Investigator, Roles.Sio, Roles.Analyst, Roles.IntelligenceOfficer, Roles.PreventOfficer, Roles.ActTriageOfficer };

    public static bool MayWrite(Person p, Label r) => MayRead(p, r) && SubjectWriterRoles.Contains(p.Role);
}

using Vigil.Web.Subjects;

namespace Vigil.Web.Prevent;

/// <summary>What the referral forms (the officer's and the public one) post: the fields of
/// <see cref="ReferralRequest"/>, named <c>Input.*</c>. The service validates; its messages are keyed by
/// these property names, which are also the fields' ids, so the error summary can link to them.</summary>
public sealed class ReferralInput
{
    // In the order of the form, which is the order of the error summary.
    public string? GivenName { get; set; }
    public string? Surname { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public Gender? Gender { get; set; }
    public string? Address { get; set; }
    public string? Postcode { get; set; }
    public string? Panel { get; set; }
    public string? ConcernType { get; set; }
    public string? WhatPrompted { get; set; }
    public ReferrerSector? Sector { get; set; }
    public string? ReferrerName { get; set; }
    public string? ReferrerOrganisation { get; set; }
    public string? ReferrerRole { get; set; }
    public string? ReferrerContact { get; set; }

    /// <summary>Set by the "add this referral to PRV-..." button of the open-case offer (officer form only).</summary>
    public Guid? JoinCase { get; set; }

    /// <summary>Set by the "this is a different person" button of the open-case offer (officer form only).</summary>
    public bool NotTheSamePerson { get; set; }

    public ReferralRequest ToRequest(bool allowJoin) => new()
    {
        Panel = Blank(Panel), Sector = Sector, ReferrerName = ReferrerName, ReferrerOrganisation = Blank(ReferrerOrganisation),
        ReferrerRole = Blank(ReferrerRole), ReferrerContact = Blank(ReferrerContact), GivenName = GivenName, Surname = Surname,
        DateOfBirth = DateOfBirth, Gender = Gender, Address = Blank(Address), Postcode = Blank(Postcode), ConcernType = Blank(ConcernType),
        WhatPrompted = WhatPrompted,
        JoinCase = allowJoin ? JoinCase : null, NotTheSamePerson = allowJoin && NotTheSamePerson,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>The field a service message belongs to: the property of the same name, or the first
    /// field of the form for a message about the person record as a whole.</summary>
    public static string FieldFor(string key) =>
        typeof(ReferralInput).GetProperty(key) is { } p && p.Name is not (nameof(JoinCase) or nameof(NotTheSamePerson)) ? p.Name : nameof(GivenName);
}

using System.ComponentModel.DataAnnotations;
using Vigil.Web.Subjects;

namespace Vigil.Web.Prevent;

/// <summary>A referral, from an officer's form or from the public or partner form.</summary>
public sealed record ReferralRequest
{
    [Required(ErrorMessage = "Choose the local authority area the person lives in"), StringLength(64)]
    public string? Panel { get; init; }

    [Required(ErrorMessage = "Choose the sector the referral comes from")]
    public ReferrerSector? Sector { get; init; }

    [Required(ErrorMessage = "Enter the referrer's name"), StringLength(200, ErrorMessage = "The referrer's name must be 200 characters or fewer")]
    public string? ReferrerName { get; init; }

    [StringLength(200, ErrorMessage = "The organisation must be 200 characters or fewer")]
    public string? ReferrerOrganisation { get; init; }

    [StringLength(200, ErrorMessage = "The referrer's role must be 200 characters or fewer")]
    public string? ReferrerRole { get; init; }

    [StringLength(200, ErrorMessage = "The contact details must be 200 characters or fewer")]
    public string? ReferrerContact { get; init; }

    [Required(ErrorMessage = "Enter the person's given name"), StringLength(200, ErrorMessage = "The given name must be 200 characters or fewer")]
    public string? GivenName { get; init; }

    [Required(ErrorMessage = "Enter the person's surname"), StringLength(200, ErrorMessage = "The surname must be 200 characters or fewer")]
    public string? Surname { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public Gender? Gender { get; init; }

    [StringLength(500, ErrorMessage = "The address must be 500 characters or fewer")]
    public string? Address { get; init; }

    [StringLength(16, ErrorMessage = "Enter a real postcode")]
    public string? Postcode { get; init; }

    [Required(ErrorMessage = "Choose the type of concern"), StringLength(64)]
    public string? ConcernType { get; init; }

    [Required(ErrorMessage = "Say what prompted the referral"), StringLength(4000, MinimumLength = 10, ErrorMessage = "Say what prompted the referral, in 10 to 4000 characters")]
    public string? WhatPrompted { get; init; }

    /// <summary>The person has an open case and this referral should join it.</summary>
    public Guid? JoinCase { get; init; }

    /// <summary>The open case offered is someone else: record a new case all the same.</summary>
    public bool NotTheSamePerson { get; init; }
}

public sealed record DeclineSubmission([property: Required(ErrorMessage = "Say why the referral is declined"), StringLength(2000, MinimumLength = 5, ErrorMessage = "Say why, in 5 to 2000 characters")] string? Reason);

/// <summary>An open case that may be the same person, offered instead of a second case.</summary>
public sealed record OpenCaseMatch(Guid Id, string Reference, string Person, DateOnly? DateOfBirth, PreventStage Stage, DateTimeOffset ReferredAt);

/// <summary>What a referral came to: the case it made or joined, or the open cases to choose from first.</summary>
public sealed record ReferralOutcome(PreventCaseDto? Case, bool Joined, IReadOnlyList<OpenCaseMatch> OpenCases);

public sealed record SubmissionReceipt(string Reference, string Message);

public sealed record SubmissionDto(
    Guid Id, string Reference, DateTimeOffset ReceivedAt, string Panel, ReferrerSector Sector, string ReferrerName, string ReferrerOrganisation,
    string ReferrerRole, string ReferrerContact, string GivenName, string Surname, DateOnly? DateOfBirth, Gender Gender, string Address, string Postcode,
    string ConcernType, string WhatPrompted, SubmissionState State, Guid? CaseId, string? Case, string DeclineReason);

namespace Vigil.Matching;

/// <summary>
/// One source's record of a person: the fields that record linkage compares. Every field but
/// <see cref="Id"/> may be missing (null or blank); values are kept as the source wrote them and
/// normalised only when compared.
/// </summary>
public sealed record PersonRecord
{
    /// <summary>The record's identifier, unique within its source.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The file or system the record came from. Used by multi-source linkage to compare only records of
    /// different sources; null means "no source".
    /// </summary>
    public string? Source { get; init; }

    /// <summary>Given (first) name, possibly with a title ("Dr John") which is ignored.</summary>
    public string? GivenName { get; init; }

    /// <summary>Middle names, space separated.</summary>
    public string? MiddleNames { get; init; }

    /// <summary>Surname (family name).</summary>
    public string? Surname { get; init; }

    /// <summary>
    /// Full name. Used to fill in given, middle and surname when those are all missing
    /// ("Smith, John" is read surname first).
    /// </summary>
    public string? FullName { get; init; }

    /// <summary>Date of birth, possibly partial (year only, year and month) or impossible as a calendar date.</summary>
    public PartialDate? DateOfBirth { get; init; }

    /// <summary>Gender or sex as recorded ("M", "female"...).</summary>
    public string? Gender { get; init; }

    /// <summary>Postcode or ZIP code.</summary>
    public string? Postcode { get; init; }

    /// <summary>Street address (number, street, building), without town and postcode.</summary>
    public string? Address { get; init; }

    /// <summary>Town, city or suburb of the address.</summary>
    public string? Locality { get; init; }

    /// <summary>County, state or region of the address.</summary>
    public string? Region { get; init; }

    /// <summary>Place of birth.</summary>
    public string? BirthPlace { get; init; }

    /// <summary>Telephone number in any format.</summary>
    public string? Phone { get; init; }

    /// <summary>Email address.</summary>
    public string? Email { get; init; }

    /// <summary>
    /// Identifying numbers (national insurance, passport, police reference...). Two records agree when
    /// any identifier of one equals any identifier of the other.
    /// </summary>
    public IReadOnlyList<string> Identifiers { get; init; } = [];
}

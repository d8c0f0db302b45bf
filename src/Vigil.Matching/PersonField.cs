namespace Vigil.Matching;

/// <summary>The fields that record linkage compares, one comparison each.</summary>
public enum PersonField
{
    /// <summary>Given (first) name.</summary>
    GivenName,

    /// <summary>Middle names.</summary>
    MiddleNames,

    /// <summary>Surname.</summary>
    Surname,

    /// <summary>Date of birth.</summary>
    DateOfBirth,

    /// <summary>Gender.</summary>
    Gender,

    /// <summary>Postcode.</summary>
    Postcode,

    /// <summary>Street address.</summary>
    Address,

    /// <summary>Town, city or suburb.</summary>
    Locality,

    /// <summary>County, state or region.</summary>
    Region,

    /// <summary>Place of birth.</summary>
    BirthPlace,

    /// <summary>Telephone number.</summary>
    Phone,

    /// <summary>Email address.</summary>
    Email,

    /// <summary>Identifying numbers.</summary>
    Identifier,
}

namespace Vigil.Web.Subjects;

public enum Gender
{
    NotKnown,
    Female,
    Male,
    Other,
}

/// <summary>How much of a date of birth is known. A partial date keeps the known parts in
/// <see cref="Subject.DateOfBirth"/> (unknown day or month stored as 1).</summary>
public enum DateOfBirthAccuracy
{
    Exact,
    MonthAndYear,
    YearOnly,
    Approximate,
}

public enum NameKind
{
    Alias,
    AlternativeSpelling,
    BirthName,
    Nickname,
}

public enum IdentifierKind
{
    Passport,
    NationalInsurance,
    PncId,
    DrivingLicence,
    Other,
}

public enum ContactKind
{
    Phone,
    Email,
    OnlineHandle,
}

public enum WarningKind
{
    Weapons,
    Violence,
    SelfHarm,
    Firearms,
    Explosives,
    Drugs,
    Escaper,
    MentalHealth,
}

/// <summary>Something known about a subject, with where it came from. <see cref="FromSubjectId"/>
/// records the record it belonged to before a merge, so the merge can be undone item by item.</summary>
public abstract class SubjectDetail
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Source { get; set; } = "";
    public Guid? FromSubjectId { get; set; }

    /// <summary>A copy with a new id, for moving a detail to another subject (owned rows cannot change owner).</summary>
    public T CopyAsNew<T>() where T : SubjectDetail
    {
        var copy = (T)MemberwiseClone();
        copy.Id = Guid.CreateVersion7();
        return copy;
    }
}

public sealed class SubjectName : SubjectDetail
{
    public NameKind Kind { get; set; }
    public required string GivenName { get; set; }
    public required string Surname { get; set; }
}

public sealed class SubjectIdentifier : SubjectDetail
{
    public IdentifierKind Kind { get; set; }
    public required string Value { get; set; }
    public string IssuingCountry { get; set; } = "";
}

public sealed class SubjectAddress : SubjectDetail
{
    public required string Text { get; set; }
    public string Postcode { get; set; } = "";
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
}

public sealed class SubjectContact : SubjectDetail
{
    public ContactKind Kind { get; set; }
    public required string Value { get; set; }
    /// <summary>For an online handle: the platform.</summary>
    public string Platform { get; set; } = "";
}

public sealed class SubjectVehicle : SubjectDetail
{
    /// <summary>The registration mark, normalised to capitals without spaces.</summary>
    public required string Registration { get; set; }
    public string Description { get; set; } = "";
}

public sealed class SubjectNationality : SubjectDetail
{
    public required string Country { get; set; }
}

/// <summary>An officer-safety warning: shown wherever the subject appears.</summary>
public sealed class WarningMarker : SubjectDetail
{
    public WarningKind Kind { get; set; }
    public string Notes { get; set; } = "";
    public DateTimeOffset AddedAt { get; set; }
    public string AddedBy { get; set; } = "";
}

public enum LinkType
{
    Associate,
    Family,
    Partner,
    Employee,
    Member,
    Leader,
    Other,
}

/// <summary>A link from this subject to another subject or to an organisation, with its kind, source and dates.</summary>
public sealed class SubjectLink : SubjectDetail
{
    public LinkType Type { get; set; }
    public Guid? ToSubjectId { get; set; }
    public Guid? ToOrganisationId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
}

/// <summary>Subject-of-interest tiering, kept as reference data (e.g. priority, of interest, closed).</summary>
public sealed class SubjectTier
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>How often a subject in this tier must be reviewed.</summary>
    public int ReviewIntervalDays { get; set; }
    public int Order { get; set; }
}

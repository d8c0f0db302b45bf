namespace Vigil.Matching.Tests;

/// <summary>Small builders of person records for tests.</summary>
internal static class People
{
    public static PersonRecord Person(
        string id,
        string? given = "John",
        string? surname = "Smith",
        string? dob = "1980-05-17",
        string? postcode = "SW1A 2AA",
        string? address = "10 Downing Street",
        string? locality = "London",
        string? email = null,
        string? phone = null,
        string? identifier = null,
        string? gender = null,
        string? source = null) => new()
        {
            Id = id,
            Source = source,
            GivenName = given,
            Surname = surname,
            DateOfBirth = dob is null ? null : PartialDate.Parse(dob),
            Postcode = postcode,
            Address = address,
            Locality = locality,
            Email = email,
            Phone = phone,
            Gender = gender,
            Identifiers = identifier is null ? [] : [identifier],
        };

    /// <summary>A deterministic crowd of distinct people (no two share a name and birth date).</summary>
    public static List<PersonRecord> Crowd(int count, int seed = 1)
    {
        string[] given = ["Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Noah", "Mia", "Jack", "Ivy", "Leo", "Lily", "Arthur", "Freya", "Muhammad", "Grace", "Oscar", "Sophia", "Charlie", "Evie", "Henry", "Rosie", "Theo", "Ella"];
        string[] surnames = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Wright", "Robinson", "Wood", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke", "Jackson", "Khan", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Cooper", "Ward"];
        string[] towns = ["London", "Leeds", "Bristol", "Cardiff", "Glasgow", "Belfast", "York", "Bath", "Hull", "Derby"];
        string[] streets = ["High Street", "Station Road", "Church Lane", "Park Avenue", "Mill Road", "Victoria Street", "Green Lane", "Manor Close"];
        var random = new Random(seed);
        var list = new List<PersonRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var g = given[random.Next(given.Length)];
            var s = surnames[random.Next(surnames.Length)];
            var born = new DateOnly(1940, 1, 1).AddDays(random.Next(25_000));
            list.Add(new PersonRecord
            {
                Id = "c" + i,
                GivenName = g,
                Surname = s,
                DateOfBirth = PartialDate.FromDate(born),
                Postcode = $"{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{random.Next(1, 30)} {random.Next(10)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}",
                Address = $"{random.Next(1, 200)} {streets[random.Next(streets.Length)]}",
                Locality = towns[random.Next(towns.Length)],
                Email = random.Next(2) == 0 ? $"{g}.{s}{random.Next(1000)}@example.org".ToLowerInvariant() : null,
                Identifiers = random.Next(3) == 0 ? [$"QQ{random.Next(100000, 999999)}C"] : [],
            });
        }

        return list;
    }

    /// <summary>A copy of a person with a few clerical errors.</summary>
    public static PersonRecord Corrupt(PersonRecord p, Random random, string id)
    {
        var r = p with { Id = id };
        switch (random.Next(6))
        {
            case 0:
                return r with { GivenName = Typo(r.GivenName, random) };
            case 1:
                return r with { Surname = Typo(r.Surname, random) };
            case 2:
                return r with { Postcode = null, Email = null };
            case 3:
                return r with { DateOfBirth = r.DateOfBirth is { } d && d.Day <= 12 ? new PartialDate(d.Year, d.Day, d.Month) : null };
            case 4:
                return r with { GivenName = r.Surname, Surname = r.GivenName };
            default:
                return r with { Address = Typo(r.Address, random), Locality = null };
        }
    }

    public static string? Typo(string? s, Random random)
    {
        if (string.IsNullOrEmpty(s) || s.Length < 4)
        {
            return s;
        }

        var i = random.Next(1, s.Length - 1);
        var chars = s.ToCharArray();
        (chars[i], chars[i - 1]) = (chars[i - 1], chars[i]);
        var swapped = new string(chars);
        return swapped == s ? s.Remove(i, 1) : swapped;
    }

    /// <summary>Encodes records into a population, as the engine does.</summary>
    public static (Population Population, FieldValue?[] Cells) Encode(IReadOnlyList<PersonRecord> records)
    {
        var population = new Population();
        var cells = new FieldValue?[records.Count * RecordEncoder.FieldCount];
        for (var i = 0; i < records.Count; i++)
        {
            population.Add(records[i], cells.AsSpan(i * RecordEncoder.FieldCount, RecordEncoder.FieldCount));
        }

        return (population, cells);
    }
}

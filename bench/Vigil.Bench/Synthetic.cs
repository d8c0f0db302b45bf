using Bogus;
using Vigil.Matching;

namespace Vigil.Bench;

/// <summary>
/// Deterministic synthetic people (Bogus, en_GB, a fixed seed per block of people) and corrupted copies
/// of them, as another source would record the same person.
/// </summary>
internal static class Synthetic
{
    private const int BlockSize = 10_000;

    private static readonly string[][] Nicknames =
    [
        ["William", "Bill"], ["Robert", "Bob"], ["Richard", "Dick"], ["James", "Jim"], ["Thomas", "Tom"],
        ["Elizabeth", "Liz"], ["Margaret", "Maggie"], ["Katherine", "Kate"], ["Alexander", "Alex"], ["Mohammed", "Muhammad"],
    ];

    /// <summary>Person number <paramref name="n"/> (the same for the same n, whatever else is generated).</summary>
    public static IEnumerable<PersonRecord> People(int from, int count)
    {
        var end = from + count;
        for (var block = from / BlockSize; block * BlockSize < end; block++)
        {
            var faker = new Faker("en_GB") { Random = new Randomizer(1000 + block) };
            for (var i = 0; i < BlockSize; i++)
            {
                var n = (block * BlockSize) + i;
                var person = Make(faker, n);
                if (n >= from && n < end)
                {
                    yield return person;
                }
            }
        }
    }

    private static PersonRecord Make(Faker f, int n)
    {
        var male = f.Random.Bool();
        var gender = male ? Bogus.DataSets.Name.Gender.Male : Bogus.DataSets.Name.Gender.Female;
        var given = f.Name.FirstName(gender);
        var surname = f.Name.LastName();
        var born = new DateOnly(1935, 1, 1).AddDays(f.Random.Int(0, 27_000));
        return new PersonRecord
        {
            Id = "P" + n.ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
            GivenName = given,
            MiddleNames = f.Random.Bool(0.3f) ? f.Name.FirstName(gender) : null,
            Surname = surname,
            DateOfBirth = PartialDate.FromDate(born),
            Gender = male ? "M" : "F",
            Postcode = f.Address.ZipCode(),
            Address = f.Address.StreetAddress(),
            Locality = f.Address.City(),
            Phone = f.Random.Bool(0.7f) ? f.Phone.PhoneNumber("07### ######") : null,
            Email = f.Random.Bool(0.5f) ? f.Internet.Email(given, surname) : null,
            Identifiers = f.Random.Bool(0.4f) ? [f.Random.Replace("??######?").ToUpperInvariant()] : [],
        };
    }

    /// <summary>A copy of a person as a careless clerk would record them: typos, nicknames, swaps, missing fields.</summary>
    public static PersonRecord Corrupt(PersonRecord p, Random random, string id)
    {
        var r = p with { Id = id };
        var changes = random.Next(1, 4);
        for (var c = 0; c < changes; c++)
        {
            switch (random.Next(10))
            {
                case 0:
                    r = r with { GivenName = Typo(r.GivenName, random) };
                    break;
                case 1:
                    r = r with { Surname = Typo(r.Surname, random) };
                    break;
                case 2:
                    r = r with { GivenName = r.Surname, Surname = r.GivenName };
                    break;
                case 3:
                    var nick = Array.Find(Nicknames, x => x[0] == r.GivenName);
                    r = nick is null ? r with { GivenName = Typo(r.GivenName, random) } : r with { GivenName = nick[1] };
                    break;
                case 4:
                    if (r.DateOfBirth is { } d && d.Day <= 12)
                    {
                        r = r with { DateOfBirth = new PartialDate(d.Year, d.Day, d.Month) };
                    }
                    else if (r.DateOfBirth is { } d2)
                    {
                        r = r with { DateOfBirth = d2 with { Year = d2.Year + (random.Next(2) * 2) - 1 } };
                    }

                    break;
                case 5:
                    r = r with { Postcode = null };
                    break;
                case 6:
                    r = r with { Postcode = Typo(r.Postcode, random) };
                    break;
                case 7:
                    r = r with { Address = Typo(r.Address, random), Phone = null };
                    break;
                case 8:
                    r = r with { Email = null, Identifiers = [] };
                    break;
                default:
                    r = r with { DateOfBirth = null };
                    break;
            }
        }

        return r;
    }

    private static string? Typo(string? s, Random random)
    {
        if (string.IsNullOrEmpty(s) || s.Length < 3)
        {
            return s;
        }

        var chars = s.ToCharArray();
        var i = random.Next(1, chars.Length - 1);
        switch (random.Next(3))
        {
            case 0:
                chars[i] = (char)('a' + random.Next(26));
                return new string(chars);
            case 1:
                (chars[i], chars[i - 1]) = (chars[i - 1], chars[i]);
                return new string(chars);
            default:
                return s.Remove(i, 1);
        }
    }
}

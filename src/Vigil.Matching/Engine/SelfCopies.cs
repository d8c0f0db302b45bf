using System.Globalization;
using Vigil.Matching.Text;

namespace Vigil.Matching.Engine;

/// <summary>
/// Copies of people as a second clerk would record them: for training a model on a known population that
/// holds almost no duplicates, where expectation-maximisation would otherwise have no matches to learn m
/// from and would take families and namesakes for them. Each copy has one to three of the errors records
/// really carry: a typo in a name, a familiar form of the given name, given name and surname the other way
/// round, day and month swapped or the year slipped by one, a field left out. Never a different given name
/// or a birth date a generation away: those are what relatives look like, and the model must learn that
/// matches hardly show them. Deterministic for a seed.
/// </summary>
internal static class SelfCopies
{
    public static List<PersonRecord> Make(IReadOnlyList<PersonRecord> people, int count, int seed)
    {
        var random = new Random(seed);
        var copies = new List<PersonRecord>(count);
        for (var i = 0; i < count && people.Count > 0; i++)
        {
            var person = people[random.Next(people.Count)];
            var copy = person with { Id = "self-copy:" + i.ToString(CultureInfo.InvariantCulture) + ":" + person.Id };
            var changes = random.Next(1, 4);
            for (var c = 0; c < changes; c++)
            {
                copy = Change(copy, random);
            }

            copies.Add(copy);
        }

        return copies;
    }

    private static PersonRecord Change(PersonRecord r, Random random) => random.Next(9) switch
    {
        0 => r with { GivenName = Typo(r.GivenName, random) },
        1 => r with { Surname = Typo(r.Surname, random) },
        2 => r with { GivenName = r.Surname, Surname = r.GivenName },
        3 => r with { GivenName = Familiar(r.GivenName, random) ?? Typo(r.GivenName, random) },
        4 => r with { DateOfBirth = Slip(r.DateOfBirth, random) },
        5 => r with { DateOfBirth = null },
        6 => r with { Postcode = random.Next(2) == 0 ? null : Typo(r.Postcode, random) },
        7 => r with { Address = null, Phone = null },
        _ => r with { Email = null, Identifiers = [] },
    };

    private static PartialDate? Slip(PartialDate? date, Random random) => date switch
    {
        { IsComplete: true, Day: <= 12 } d when d.Day != d.Month && random.Next(2) == 0 => new PartialDate(d.Year, d.Day, d.Month),
        { } d when d.Year != 0 => d with { Year = d.Year + (random.Next(2) == 0 ? -1 : 1) },
        _ => date,
    };

    /// <summary>Another name of the given name's variant group (Bill for William), or null when it has none.</summary>
    private static string? Familiar(string? given, Random random)
    {
        if (string.IsNullOrEmpty(given))
        {
            return null;
        }

        var variants = ReferenceData.NameVariants;
        var groups = variants.GroupsOf(TextNormaliser.JoinedKey(given));
        if (groups.Length == 0)
        {
            return null;
        }

        var canonical = variants.Canonical[groups[random.Next(groups.Length)]];
        return canonical == TextNormaliser.JoinedKey(given) ? null : canonical;
    }

    private static string? Typo(string? text, Random random)
    {
        if (string.IsNullOrEmpty(text) || text.Length < 3)
        {
            return text;
        }

        var chars = text.ToCharArray();
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
                return text.Remove(i, 1);
        }
    }
}

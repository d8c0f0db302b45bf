using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Data.Scale;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Subjects;

/// <summary>
/// The people of a national network for the generator: <see cref="ScalePlan.People"/> fictional people
/// across the eleven regional units (London holding the most), each with other names, identifiers, phones,
/// e-mail, vehicles and an address in the proportions officers meet them; about 3,000 priority subjects and
/// 20,000 of interest; labelled as the real mix (most owned by their unit, about a tenth SECRET, a few
/// restricted to an investigation's team). Names come from their own stream, independent of every other
/// field. Leaves the people made ("subjects", and "subjects:{unit}" by unit) for later parts.
/// </summary>
internal sealed class SubjectsScaleSeed : IScaleSeed
{
    public string Name => "subjects";
    /// <summary>Reads the teams' groups when a module has made them ("restricted-groups": unit to groups).</summary>
    public IReadOnlyList<string> After => ["pursue-teams"];

    /// <summary>How the network's subjects are spread over the regional units (London holds about a third).</summary>
    private static readonly Dictionary<string, double> UnitShares = new()
    {
        ["london"] = 0.30, ["north-west"] = 0.12, ["west-midlands"] = 0.11, ["north-east"] = 0.09, ["south-east"] = 0.08,
        ["eastern"] = 0.06, ["east-midlands"] = 0.06, ["south-west"] = 0.05, ["wales"] = 0.05, ["scotland"] = 0.05, ["northern-ireland"] = 0.03,
    };

    private static readonly string[] Streets = ["High Street", "Station Road", "Church Lane", "Mill Road", "Park Avenue", "Victoria Street", "Kings Road", "Queens Drive", "Green Lane", "Manor Way"];
    private static readonly string[] Areas = ["E1", "N7", "SW9", "M14", "B11", "LS8", "NE4", "BS5", "CF24", "G42", "BT12", "L8", "NG7", "LU1", "S3", "BD3"];
    private static readonly string[] Letters = ["A", "B", "D", "E", "F", "G", "H", "J", "L", "N", "P", "R", "S", "T", "U", "W", "X", "Y"];

    public async Task SeedAsync(ScaleContext context, CancellationToken ct)
    {
        var db = context.Db;
        var unitsByCode = await db.Set<Network.Unit>().Where(u => UnitShares.Keys.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Id, ct);
        var units = UnitShares.Where(s => unitsByCode.ContainsKey(s.Key)).Select(s => (Id: unitsByCode[s.Key], s.Value)).ToList();
        var tiers = await db.Set<SubjectTier>().ToDictionaryAsync(t => t.Code, t => t.Id, ct);
        var teams = context.Shared.TryGetValue("restricted-groups", out var t) ? (IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>)t : new Dictionary<Guid, IReadOnlyList<Guid>>();
        var names = new DemoNames(context.Plan.Seed);
        Random place = context.Stream("subject-unit"), label = context.Stream("subject-label"), detail = context.Stream("subject-detail"),
            born = context.Stream("subject-born"), ids = context.Stream("subject-ids"), tier = context.Stream("subject-tier");
        var total = context.Plan.People;
        var made = new List<Guid>(total);
        var byUnit = units.ToDictionary(u => u.Id, _ => new List<Guid>());
        // About 3,000 priority subjects and 20,000 of interest in a million, in proportion to the plan.
        var priority = 0.003;
        var ofInterest = 0.020;
        for (var n = 1; n <= total; n++)
        {
            var unit = Draw(place, units);
            var faker = names.Next();
            var created = context.Now.AddDays(-born.Next(1, 3650));
            var roll = label.NextDouble();
            var classification = roll < 0.10 ? Classification.Secret : Classification.Official;
            var groups = teams.TryGetValue(unit, out var unitTeams) && unitTeams.Count > 0 && label.NextDouble() < 0.05
                ? [new RecordGroup { GroupId = unitTeams[label.Next(unitTeams.Count)] }] : new List<RecordGroup>();
            var person = new Subject
            {
                Id = ScaleContext.Id(ids), GivenName = faker.Name.FirstName(), Surname = faker.Name.LastName(),
                DateOfBirth = born.Next(10) == 0 ? null : DateOnly.FromDateTime(context.Now.UtcDateTime).AddDays(-born.Next(16 * 365, 75 * 365)),
                Gender = born.Next(10) switch { < 7 => Gender.Male, < 9 => Gender.Female, _ => Gender.NotKnown },
                Summary = "Fictional person in the national-scale demonstration data. No real person is described.",
                Classification = classification, OfficialSensitive = classification == Classification.Official && label.Next(3) == 0,
                OwningUnitId = unit, NeedToKnow = groups, CreatedAt = created, UpdatedAt = created,
            };
            var tierRoll = tier.NextDouble();
            if (tierRoll < priority + ofInterest && tiers.TryGetValue(tierRoll < priority ? "priority" : "of-interest", out var tierId))
            {
                person.TierId = tierId;
                person.TierReviewDue = DateOnly.FromDateTime(context.Now.UtcDateTime).AddDays(tier.Next(-10, 90));
            }
            AddDetails(person, detail, ids, names);
            await context.AddAsync(person, ct);
            made.Add(person.Id);
            byUnit[unit].Add(person.Id);
            if (n % 100_000 == 0 || n == total)
            {
                context.Progress("people", n, total);
            }
        }
        context.Shared["subjects"] = made;
        foreach (var (unit, people) in byUnit)
        {
            context.Shared[$"subjects:{unit}"] = people;
        }
    }

    /// <summary>What officers know of a person: often another name, sometimes a passport or NI number, a phone
    /// for most, an e-mail or handle for some, a vehicle for a few, and an address.</summary>
    private static void AddDetails(Subject person, Random random, Random ids, DemoNames names)
    {
        if (random.Next(4) == 0)
        {
            var other = names.Next();
            person.OtherNames.Add(new SubjectName { Id = ScaleContext.Id(ids), Kind = NameKind.Alias, GivenName = other.Name.FirstName(), Surname = person.Surname });
        }
        if (random.Next(5) == 0)
        {
            person.Identifiers.Add(new SubjectIdentifier { Id = ScaleContext.Id(ids), Kind = IdentifierKind.Passport, Value = $"9{random.Next(10_000_000, 99_999_999)}" });
        }
        if (random.Next(6) == 0)
        {
            person.Identifiers.Add(new SubjectIdentifier
            {
                Id = ScaleContext.Id(ids), Kind = IdentifierKind.NationalInsurance,
                Value = $"Q{Letters[random.Next(Letters.Length)]}{random.Next(100_000, 999_999)}{"ABCD"[random.Next(4)]}",
            });
        }
        if (random.Next(10) < 7)
        {
            // Ofcom's drama range (07700 900000 to 900999) is too small for a million: the 07700 prefix is kept fictional.
            person.Contacts.Add(new SubjectContact { Id = ScaleContext.Id(ids), Kind = ContactKind.Phone, Value = $"07700{random.Next(100_000, 999_999)}" });
        }
        if (random.Next(5) == 0)
        {
            person.Contacts.Add(new SubjectContact { Id = ScaleContext.Id(ids), Kind = ContactKind.Email, Value = $"p{random.Next(1_000_000, 9_999_999)}@example.org" });
        }
        if (random.Next(8) == 0)
        {
            person.Vehicles.Add(new SubjectVehicle
            {
                Id = ScaleContext.Id(ids),
                Registration = $"{Letters[random.Next(Letters.Length)]}{Letters[random.Next(Letters.Length)]}{random.Next(10, 75)}{Letters[random.Next(Letters.Length)]}{Letters[random.Next(Letters.Length)]}{Letters[random.Next(Letters.Length)]}",
            });
        }
        var postcode = $"{Areas[random.Next(Areas.Length)]} {random.Next(1, 9)}{Letters[random.Next(Letters.Length)]}{Letters[random.Next(Letters.Length)]}";
        person.Addresses.Add(new SubjectAddress
        {
            Id = ScaleContext.Id(ids), Text = string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 240)} {Streets[random.Next(Streets.Length)]} (fictional)"), Postcode = postcode,
        });
    }

    private static Guid Draw(Random random, List<(Guid Id, double Share)> shares)
    {
        var roll = random.NextDouble() * shares.Sum(s => s.Share);
        foreach (var (id, share) in shares)
        {
            if ((roll -= share) < 0)
            {
                return id;
            }
        }
        return shares[^1].Id;
    }
}

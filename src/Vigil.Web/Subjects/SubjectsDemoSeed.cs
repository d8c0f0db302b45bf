using Bogus;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Network;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Subjects;

/// <summary>
/// A deterministic synthetic set of fictional people for demo mode, spread over the units. Names come
/// from a broad pool of locales through their own random stream; classification, unit, groups and dates
/// each have their own stream, so a name says nothing about anything else.
/// </summary>
public sealed class SubjectsDemoSeed : ISeed
{
    public string Name => "subjects-demo";
    public IReadOnlyList<string> After => ["demo-accounts", "subject-tiers"];

    /// <summary>Held on one North West demo record (documented in the README).</summary>
    public const string WalkthroughPhone = "07700900111";
    public const string WalkthroughVehicle = "DM51NWX";

    /// <summary>Held on one London demo record: the ACT walkthrough's vehicle, which North West sees only as a masked hit.</summary>
    public const string ActWalkthroughVehicle = "DM24ACT";

    private static readonly WarningKind[] Warnings = Enum.GetValues<WarningKind>();

    /// <summary>Fictional details: phone numbers from Ofcom's drama range (07700 900xxx), made-up
    /// registrations and addresses. Drawn from their own random stream, independent of the name.</summary>
    private static void AddDetails(Subject subject, Faker faker, Random random, List<SubjectTier> tiers, int index, string officer)
    {
        if (random.Next(3) == 0)
        {
            subject.OtherNames.Add(new SubjectName { Kind = NameKind.Alias, GivenName = faker.Name.FirstName(), Surname = subject.Surname, Source = "demo" });
        }
        if (random.Next(2) == 0)
        {
            subject.Contacts.Add(new SubjectContact { Kind = ContactKind.Phone, Value = $"07700900{random.Next(1000):D3}", Source = "demo" });
        }
        if (random.Next(4) == 0)
        {
            subject.Vehicles.Add(new SubjectVehicle { Registration = $"DM{random.Next(10, 99)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}", Description = "demo vehicle", Source = "demo" });
        }
        if (random.Next(3) == 0)
        {
            subject.Addresses.Add(new SubjectAddress { Text = $"{random.Next(1, 200)} Demo Road, Exampleton", Postcode = $"ZZ{random.Next(1, 99)}{random.Next(10)}ZZ", From = new DateOnly(2015 + random.Next(8), 1 + random.Next(12), 1), Source = "demo" });
        }
        subject.Gender = (Gender)random.Next(4);
        if (random.Next(8) == 0)
        {
            subject.WarningMarkers.Add(new WarningMarker { Kind = Warnings[random.Next(Warnings.Length)], Notes = "demo marker", AddedAt = subject.CreatedAt, AddedBy = officer });
        }
        if (tiers.Count > 0 && random.Next(3) == 0)
        {
            var tier = tiers[random.Next(tiers.Count)];
            subject.TierId = tier.Id;
            subject.TierReviewDue = DateOnly.FromDateTime(subject.CreatedAt.UtcDateTime).AddDays(tier.ReviewIntervalDays + index % 40);
        }
    }

    private static readonly string[] DemoRegions = ["london", "north-west", "wales"];

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        if (!demo || await db.Set<Subject>().IgnoreQueryFilters().AnyAsync(ct))
        {
            return;
        }
        var units = await db.Set<Unit>().ToDictionaryAsync(u => u.Code, ct);
        var kestrel = await db.NeedToKnowGroups.SingleAsync(g => g.Name == DemoData.KestrelGroup, ct);
        var panel = await db.NeedToKnowGroups.SingleAsync(g => g.Name == DemoData.ManchesterPanelGroup, ct);
        SeedSubjects(db, units, kestrel, panel);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A fixed-seed set of fictional people spread over the units. Each field has its own random
    /// stream, so a name says nothing about classification, unit or anything else.</summary>
    private static void SeedSubjects(VigilDb db, Dictionary<string, Unit> units, NeedToKnowGroup kestrel, NeedToKnowGroup panel)
    {
        var names = new DemoNames(20261128);
        var details = new Random(99);
        var tiers = db.Set<SubjectTier>().OrderBy(t => t.Order).ToList();
        var labels = new Random(7);
        var dates = new Random(42);
        var regional = units.Values.Where(u => u.IsRegional).OrderBy(u => u.Code).ToArray();
        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        // Who added a demo warning marker, as the record shows it: a demo account of the unit, or a fictional
        // officer of it (names from a stream of their own, so the people above are drawn as before).
        var staff = new DemoNames(11_2026);
        var officers = new Dictionary<string, string>();
        string OfficerOf(Unit unit)
        {
            if (!officers.TryGetValue(unit.Code, out var name))
            {
                var f = staff.Next();
                officers[unit.Code] = name = DemoData.Accounts.FirstOrDefault(a => a.UnitCode == unit.Code && a.Role != Roles.Administrator)?.DisplayName
                    ?? $"DC {f.Name.FirstName()} {f.Name.LastName()}";
            }
            return name;
        }
        var actVehicle = false;
        for (var i = 0; i < 120; i++)
        {
            var faker = names.Next();
            // The first few go to the three demo regions so that every demo account has records to see.
            var unit = i < 36 ? units[DemoRegions[i % DemoRegions.Length]] : regional[labels.Next(regional.Length)];
            var roll = labels.Next(100);
            var classification = roll < 70 ? Classification.Official : roll < 92 ? Classification.Secret : Classification.TopSecret;
            var subject = new Subject
            {
                GivenName = faker.Name.FirstName(),
                Surname = faker.Name.LastName(),
                DateOfBirth = dates.Next(10) == 0 ? null : new DateOnly(1960 + dates.Next(48), 1 + dates.Next(12), 1 + dates.Next(28)),
                Summary = "Fictional record created for the Vigil demonstration. No real person is described.",
                Classification = classification,
                OfficialSensitive = classification == Classification.Official && labels.Next(2) == 0,
                OwningUnitId = unit.Id,
                CreatedAt = start.AddHours(i * 7),
                UpdatedAt = start.AddHours(i * 7),
            };
            if (unit.Code == "london" && classification != Classification.TopSecret && labels.Next(4) == 0)
            {
                subject.NeedToKnow.Add(new RecordGroup { GroupId = kestrel.Id });
            }
            else if (unit.Code == "north-west" && classification == Classification.Official && labels.Next(5) == 0)
            {
                subject.NeedToKnow.Add(new RecordGroup { GroupId = panel.Id });
            }
            AddDetails(subject, faker, details, tiers, i, OfficerOf(unit));
            if (unit.Code == "london" && !actVehicle && classification == Classification.Official)
            {
                subject.Vehicles.Add(new SubjectVehicle { Registration = ActWalkthroughVehicle, Description = "demo ACT walkthrough vehicle", Source = "demo walkthrough" });
                actVehicle = true;
            }
            if (i == 1)
            {
                // A fixed walkthrough for the README: a North West record that others can find by phone or vehicle.
                subject.Contacts.Add(new SubjectContact { Kind = ContactKind.Phone, Value = WalkthroughPhone, Source = "demo walkthrough" });
                subject.Vehicles.Add(new SubjectVehicle { Registration = WalkthroughVehicle, Description = "demo walkthrough vehicle", Source = "demo walkthrough" });
                subject.Classification = Classification.Official;
                subject.NeedToKnow.Clear();
            }
            db.Add(subject);
        }
    }
}

/// <summary>The subject-of-interest tiers (reference data; administrators may change them).</summary>
internal sealed class SubjectTierSeed : ISeed
{
    public string Name => "subject-tiers";
    public IReadOnlyList<string> After => [];

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        if (await db.Set<SubjectTier>().AnyAsync(ct))
        {
            return;
        }
        db.AddRange(
            new SubjectTier { Code = "priority", Name = "Priority", ReviewIntervalDays = 30, Order = 1 },
            new SubjectTier { Code = "of-interest", Name = "Of interest", ReviewIntervalDays = 90, Order = 2 },
            new SubjectTier { Code = "closed", Name = "Closed", ReviewIntervalDays = 365, Order = 3 });
        await db.SaveChangesAsync(ct);
    }
}

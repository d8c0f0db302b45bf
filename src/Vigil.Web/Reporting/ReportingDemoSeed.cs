using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Reporting;

/// <summary>
/// Demo ACT reports in every state, for London, the North West and the national queue: what the public describe
/// (from a fixed list of fictional situations), where (fictional places with real-looking postcodes of the area),
/// people named from the demo name pool on a stream of their own, vehicles with made-up registrations. One North
/// West report about the stadium at <see cref="StadiumPostcode"/> is the earlier report the ACT walkthrough clusters
/// with. The triage officers join their unit's contact details group; the operations centre's coordinator the
/// national queue's. The reports are left unprocessed: the processor clusters them as it would new ones.
/// </summary>
public sealed class ReportingDemoSeed : ISeed
{
    public string Name => "reporting-demo";
    public IReadOnlyList<string> After => ["demo-accounts", "reporting-reference", "subjects-demo"];

    public const string StadiumPostcode = "M11 3FF";

    private static readonly (string Behaviour, string Text)[] Situations =
    [
        ("hostile-reconnaissance", "A man was filming the entrances and the security cameras for a long time and wrote in a notebook."),
        ("hostile-reconnaissance", "Two people walked round the building twice, photographing the loading bay and the staff door."),
        ("materials", "My neighbour has had dozens of gas canisters delivered to his garage over the last two weeks."),
        ("materials", "Someone bought a very large amount of hydrogen peroxide and paid in cash, and asked how much they could buy."),
        ("weapons", "I overheard a man on the bus saying he knew where to get a gun and would use it at the weekend."),
        ("online-content", "A channel is sharing videos praising an attack and telling people to copy it."),
        ("online-content", "An account keeps posting threats against a named mosque, with pictures of weapons."),
        ("radicalisation", "My colleague has started saying people of other faiths deserve to die and has stopped talking to us."),
        ("suspicious-vehicle", "A van has been parked by the stadium fence for three days with the engine sometimes running."),
        ("suspicious-purchase", "A customer rented a large van for cash, would not give an address and asked about height limits near the arena."),
        ("travel", "A young man at our gym said he is going abroad next month to fight and asked others to come."),
    ];

    private static readonly (string Unit, string Postcode, string Place)[] Places =
    [
        ("london", "E20 2ST", "outside the stadium on the park"), ("london", "SE1 9SG", "by the river walkway"), ("london", "N1C 4AB", "the station concourse"),
        ("london", "W1D 3QU", "a side street off the square"), ("london", "E14 5AB", "the shopping centre car park"),
        ("north-west", StadiumPostcode, "the stadium's north stand entrance"), ("north-west", "M3 1AR", "the arena's ticket office"),
        ("north-west", "L3 4FP", "the waterfront near the museum"), ("north-west", "M1 1AE", "the bus station"), ("north-west", "PR1 2HE", "the market hall"),
    ];

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        if (!demo || await db.Set<ActReport>().IgnoreQueryFilters().AnyAsync(ct))
        {
            return;
        }
        var units = await db.Set<Network.Unit>().AsNoTracking().Where(u => u.Code == "london" || u.Code == "north-west" || u.Code == ActReferenceData.NationalQueue)
            .ToDictionaryAsync(u => u.Code, u => u.Id, ct);
        var groups = await db.NeedToKnowGroups.AsNoTracking().Where(g => g.Name.StartsWith(ReportingModule.ContactGroupPrefix) && g.OwningUnitId != null)
            .ToDictionaryAsync(g => g.OwningUnitId!.Value, g => g.Id, ct);
        var triage = await db.Users.Where(u => u.IsDemo && (u.Email == "act.london@vigil.example" || u.Email == "act.northwest@vigil.example" || u.Email == "coordinator.noc@vigil.example"))
            .Select(u => new { u.Id, u.UnitId, u.DisplayName }).ToListAsync(ct);
        foreach (var officer in triage.Where(o => o.UnitId is { } unit && groups.ContainsKey(unit)))
        {
            db.Add(new GroupMembership { GroupId = groups[officer.UnitId!.Value], UserId = officer.Id });
        }

        var names = new DemoNames(15_2026);
        var situations = new Random(1501);
        var states = new Random(1502);
        var vehicles = new Random(1503);
        var contacts = new Random(1504);
        var now = db.Clock.GetUtcNow();
        for (var i = 0; i < 40; i++)
        {
            var (behaviour, text) = Situations[situations.Next(Situations.Length)];
            var online = behaviour == "online-content";
            var place = i == 0 ? Places[5] : Places[situations.Next(Places.Length)];
            var received = i == 0 ? now.AddDays(-3) : now.AddHours(-situations.Next(2, 24 * 60));
            var (force, unitCode, because) = ActReferenceData.Route(online, online ? "" : place.Postcode);
            var report = new ActReport
            {
                Reference = ActReport.NewReference(), FollowUpCodeHash = ActReport.HashCode(ActReport.NewFollowUpCode()), ReceivedAt = received,
                ImmediateThreat = i is 3 or 17, Behaviour = behaviour, WhatHappened = i == 0 ? "A man was photographing the turnstiles and the stewards' gate from a parked car for about an hour, then drove off fast when a steward walked over." : text,
                SeenOn = DateOnly.FromDateTime(received.UtcDateTime), Online = online,
                Postcode = online ? "" : place.Postcode, PlaceDescription = online ? "" : place.Place,
                OnlineLink = online ? $"https://video.example/channel/demo-{situations.Next(1000, 9999)}" : "",
                Force = force, RoutedBecause = because, OwningUnitId = units[unitCode], Processed = false,
            };
            if (i == 0 || vehicles.Next(3) == 0)
            {
                report.Vehicles.Add(new ActVehicle
                {
                    Registration = i == 0 ? "DM09KPL" : $"DM{vehicles.Next(10, 99)}{(char)('A' + vehicles.Next(26))}{(char)('A' + vehicles.Next(26))}{(char)('A' + vehicles.Next(26))}",
                    Make = vehicles.Next(2) == 0 ? "Ford Transit" : "Vauxhall Astra", Colour = vehicles.Next(2) == 0 ? "white" : "silver",
                });
            }
            if (!online && states.Next(2) == 0)
            {
                var faker = names.Next();
                report.People.Add(new ActPerson { Name = $"{faker.Name.FirstName()} {faker.Name.LastName()}", Description = "about 30, dark jacket" });
            }
            report.Note(received, "The reporter", $"Received from the public; {because}");
            var officer = triage.FirstOrDefault(o => o.UnitId == report.OwningUnitId);
            var fate = i == 0 ? 0 : states.Next(5);
            if (officer is not null && fate >= 2)
            {
                report.Take(officer.Id, officer.DisplayName ?? "", received.AddHours(2));
                if (fate == 3)
                {
                    report.Ask("Can you tell us what the person was carrying?", received.AddHours(3), officer.DisplayName ?? "");
                }
                else if (fate == 4)
                {
                    report.Decide(states.Next(2) == 0 ? ActOutcome.NoFurtherAction : ActOutcome.LocalPolicing, "Nothing to suggest terrorism: an explained, lawful activity.",
                        "", received.AddHours(5), officer.DisplayName ?? "");
                }
            }
            db.Add(report);
            if (contacts.Next(3) == 0 && groups.TryGetValue(report.OwningUnitId, out var group))
            {
                var faker = names.Next();
                report.HasContact = true;
                db.Add(new ActReporterContact
                {
                    ReportId = report.Id, Name = $"{faker.Name.FirstName()} {faker.Name.LastName()}", Phone = $"07700 900{contacts.Next(100, 999)}",
                    OwningUnitId = report.OwningUnitId, NeedToKnow = [new RecordGroup { GroupId = group }],
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}

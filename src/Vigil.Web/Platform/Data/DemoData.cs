using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Data;

/// <summary>
/// The demo accounts (one per role across London, North West and Wales, an SIO for North West and
/// West Midlands, plus headquarters and the operations centre) and two need-to-know groups. Everything
/// is fictional. Seeded only in demo mode; modules seed their own demo records after this (see their
/// ISeed implementations).
/// </summary>
public sealed class DemoData(UserManager<VigilUser> users, IOrganisationDirectory directory) : ISeed
{
    public string Name => "demo-accounts";
    public IReadOnlyList<string> After => ["network", "roles"];
    public const string Password = "Vigil-Demo-2026";
    public const string KestrelGroup = "Operation KESTREL (London)";
    public const string ManchesterPanelGroup = "Channel panel: Manchester";

    public sealed record Account(string Email, string DisplayName, string Role, string? UnitCode, string? PartnerCode, Classification Clearance)
    {
        public bool NeedsTwoFactor => VigilUser.RequiresTwoFactor(Clearance, [Role]);

        /// <summary>Demo-only authenticator secret, derived from the e-mail so it is stable and can be
        /// printed in the README. Real accounts enrol with a random secret.</summary>
        public string? AuthenticatorKey => NeedsTwoFactor ? Base32(SHA256.HashData(Encoding.UTF8.GetBytes("vigil-demo-totp:" + Email))[..20]) : null;
    }

    public static readonly IReadOnlyList<Account> Accounts =
    [
        new("sio.london@vigil.example", "DCI Morgan Ellery", Roles.Sio, "london", null, Classification.Secret),
        new("investigator.london@vigil.example", "DS Rowan Achebe", Roles.Investigator, "london", null, Classification.Secret),
        new("disclosure.london@vigil.example", "DC Sam Okonkwo-Hart", Roles.DisclosureOfficer, "london", null, Classification.Official),
        new("sio.northwest@vigil.example", "DCI Imani Halvorsen", Roles.Sio, "north-west", null, Classification.Secret),
        new("investigator.northwest@vigil.example", "DC Jordan Castellano", Roles.Investigator, "north-west", null, Classification.Official),
        new("prevent.northwest@vigil.example", "PC Avery Lindqvist", Roles.PreventOfficer, "north-west", null, Classification.Official),
        new("intelligence.london@vigil.example", "DS Ines Vantongeren", Roles.IntelligenceOfficer, "london", null, Classification.Secret),
        new("intelligence.northwest@vigil.example", "DC Pavel Okafor-Lund", Roles.IntelligenceOfficer, "north-west", null, Classification.Secret),
        new("act.london@vigil.example", "PC Marisol Achterberg", Roles.ActTriageOfficer, "london", null, Classification.Official),
        new("act.northwest@vigil.example", "DC Tobiah Nakamura-Reyes", Roles.ActTriageOfficer, "north-west", null, Classification.Official),
        new("sio.westmidlands@vigil.example", "DCI Tariq Beaumont", Roles.Sio, "west-midlands", null, Classification.Secret),
        new("analyst.wales@vigil.example", "Analyst Rhian Takahashi", Roles.Analyst, "wales", null, Classification.Official),
        new("ctsa.wales@vigil.example", "PS Dylan Moreau", Roles.SecurityAdviser, "wales", null, Classification.Official),
        new("coordinator.noc@vigil.example", "Insp Casey Novak", Roles.OperationsCoordinator, "noc-coordination-centre", null, Classification.Secret),
        new("duty.noc@vigil.example", "Supt Ayodele Marchetti", Roles.NationalDutyOfficer, "noc-coordination-centre", null, Classification.Secret),
        new("ctsa.london@vigil.example", "PC Harriet Oyelaran-Voss", Roles.SecurityAdviser, "london", null, Classification.Official),
        new("auditor.hq@vigil.example", "Auditor Quinn Adeyemi", Roles.Auditor, "nctphq", null, Classification.Official),
        new("planning.hq@vigil.example", "Planner Sunniva Marsh-Adebayo", Roles.HqPlanner, "nctphq", null, Classification.Official),
        new("records.london@vigil.example", "DS Leontine Abara-Whitlock", Roles.RecordsReviewer, "london", null, Classification.Secret),
        new("records2.london@vigil.example", "DC Bartholomew Nkemelu-Strand", Roles.RecordsReviewer, "london", null, Classification.Secret),
        new("admin.hq@vigil.example", "Admin Robin Falk", Roles.Administrator, "nctphq", null, Classification.Official),
        // Two administrators cleared to SECRET: one asks for a clearance above OFFICIAL, the other approves it.
        new("security.hq@vigil.example", "Admin Noor Castellanos", Roles.Administrator, "nctphq", null, Classification.Secret),
        new("vetting.hq@vigil.example", "Admin Kwame Lindgren", Roles.Administrator, "nctphq", null, Classification.Secret),
        new("channel.manchester@vigil.example", "Channel panel member Taylor Brennan", Roles.ChannelPanelMember, null, "la-manchester", Classification.Official),
    ];

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        if (!demo || await db.Users.AnyAsync(u => u.IsDemo, ct))
        {
            return;
        }
        var units = (await directory.UnitsAsync(ct)).ToDictionary(u => u.Code);
        var partners = (await directory.PartnersAsync(ct)).ToDictionary(p => p.Code);

        var created = new Dictionary<string, VigilUser>();
        foreach (var account in Accounts)
        {
            var user = new VigilUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.DisplayName,
                UnitId = account.UnitCode is null ? null : units[account.UnitCode].Id,
                PartnerAgencyId = account.PartnerCode is null ? null : partners[account.PartnerCode].Id,
                Clearance = account.Clearance,
                IsDemo = true,
            };
            Check(await users.CreateAsync(user, Password), account.Email);
            Check(await users.AddToRoleAsync(user, account.Role), account.Email);
            if (account.AuthenticatorKey is { } key)
            {
                Check(await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", key), account.Email);
                Check(await users.SetTwoFactorEnabledAsync(user, true), account.Email);
            }
            created[account.Email] = user;
        }

        var kestrel = new NeedToKnowGroup { Name = KestrelGroup, Description = "Fictional demo operation team.", OwningUnitId = units["london"].Id, ManagedBy = "the team of Operation KESTREL" };
        var panel = new NeedToKnowGroup { Name = ManchesterPanelGroup, Description = "Members of the Manchester Channel panel.", OwningUnitId = units["north-west"].Id, ManagedBy = "the Manchester City Council Channel panel" };
        db.AddRange(kestrel, panel);
        db.AddRange(
            new GroupMembership { GroupId = kestrel.Id, UserId = created["sio.london@vigil.example"].Id },
            new GroupMembership { GroupId = kestrel.Id, UserId = created["investigator.london@vigil.example"].Id },
            new GroupMembership { GroupId = panel.Id, UserId = created["prevent.northwest@vigil.example"].Id },
            new GroupMembership { GroupId = panel.Id, UserId = created["channel.manchester@vigil.example"].Id });
        await db.SaveChangesAsync(ct);
    }

    private static void Check(IdentityResult result, string who)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not seed demo account {who}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static string Base32(byte[] data)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            output.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }
        return output.ToString();
    }
}

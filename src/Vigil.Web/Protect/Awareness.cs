using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Protect;

/// <summary>The awareness products a CTSA delivers.</summary>
public enum AwarenessKind
{
    ActAwareness,
    Scan,
    RunHideTell,
}

/// <summary>An awareness session delivered: what, when, to which site or sector, to how many people, by whom. Counts
/// of sessions and attendees, no one's personal data.</summary>
public sealed class AwarenessSession : IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public AwarenessKind Kind { get; set; }
    public DateOnly On { get; set; }
    public Guid? SiteId { get; set; }
    public string Site { get; set; } = "";
    public string Sector { get; set; } = "";
    public int Attendees { get; set; }
    public string DeliveredBy { get; set; } = "";

    public string AuditRecordType => "awareness-session";
    public string AuditRecordId => Id.ToString();
}

public sealed record RecordAwareness(
    AwarenessKind? Kind,
    DateOnly? On,
    Guid? SiteId,
    [property: StringLength(200, ErrorMessage = "The site or audience must be 200 characters or fewer")] string? Site,
    string? Sector,
    [property: Range(1, 10_000, ErrorMessage = "Enter the number of attendees, from 1 to 10,000")] int? Attendees);

public sealed record AwarenessDto(Guid Id, AwarenessKind Kind, string KindName, DateOnly On, string Site, string Sector, int Attendees, string DeliveredBy);

public sealed record AwarenessCount(string Group, int Sessions, long Attendees);

/// <summary>Sessions by kind and by sector for the reader's unit, and by unit for the national roles.</summary>
public sealed record AwarenessFigures(IReadOnlyList<AwarenessCount> ByKind, IReadOnlyList<AwarenessCount> BySector, IReadOnlyList<AwarenessCount>? ByUnit, IReadOnlyList<AwarenessDto> Recent);

/// <summary>Awareness delivered: ACT Awareness, SCaN and Run Hide Tell sessions recorded by the unit's CTSAs, with
/// counts by kind, sector and (for the national roles) unit.</summary>
public sealed class Awareness(VigilDb db, AccessContext access, IOrganisationDirectory directory)
{
    public static string KindName(AwarenessKind kind) => kind switch
    {
        AwarenessKind.ActAwareness => "ACT Awareness",
        AwarenessKind.Scan => "SCaN (See, Check and Notify)",
        _ => "Run Hide Tell briefing",
    };

    // The national roles read every unit's figures (sessions and attendance, no one's personal data); a unit's
    // analyst reads their own unit's.
    private static readonly string[] NationalRoles = [Roles.NationalDutyOfficer, Roles.OperationsCoordinator, Roles.Auditor, Roles.Administrator];

    public async Task<AwarenessFigures> FiguresAsync(CancellationToken ct)
    {
        var national = NationalRoles.Any(access.IsInRole) && access.PartnerAgencyId is null;
        var unit = access.PartnerAgencyId is null ? access.UnitId : null;
        var mine = db.Set<AwarenessSession>().AsNoTracking().Where(s => s.UnitId == unit);
        var byKind = (await mine.GroupBy(s => s.Kind).Select(g => new { g.Key, Sessions = g.Count(), Attendees = g.Sum(s => (long)s.Attendees) }).ToListAsync(ct))
            .Select(g => new AwarenessCount(KindName(g.Key), g.Sessions, g.Attendees)).OrderBy(c => c.Group, StringComparer.Ordinal).ToList();
        var bySector = (await mine.GroupBy(s => s.Sector).Select(g => new { g.Key, Sessions = g.Count(), Attendees = g.Sum(s => (long)s.Attendees) }).ToListAsync(ct))
            .Select(g => new AwarenessCount(ProtectReferenceData.SectorName(g.Key), g.Sessions, g.Attendees)).OrderBy(c => c.Group, StringComparer.Ordinal).ToList();
        List<AwarenessCount>? byUnit = null;
        if (national)
        {
            var names = (await directory.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
            byUnit = [.. (await db.Set<AwarenessSession>().AsNoTracking().GroupBy(s => s.UnitId).Select(g => new { g.Key, Sessions = g.Count(), Attendees = g.Sum(s => (long)s.Attendees) }).ToListAsync(ct))
                .Select(g => new AwarenessCount(names.GetValueOrDefault(g.Key, "a unit"), g.Sessions, g.Attendees)).OrderBy(c => c.Group, StringComparer.Ordinal)];
        }
        var recent = await mine.OrderByDescending(s => s.On).ThenByDescending(s => s.Id).Take(25).ToListAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "awareness-session", detail: national ? "awareness figures, by unit" : "awareness figures");
        await db.SaveChangesAsync(ct);
        return new(byKind, bySector, byUnit, [.. recent.Select(Dto)]);
    }

    public async Task<WorkResult<AwarenessDto>> RecordAsync(RecordAwareness request, CancellationToken ct)
    {
        if (!SiteRegister.Advises(access))
        {
            db.Audit(AuditActions.Create, AuditOutcomes.Denied, "awareness-session", detail: "not a CTSA");
            await db.SaveChangesAsync(ct);
            return WorkResult<AwarenessDto>.Forbidden("Awareness sessions are recorded by Counter Terrorism Security Advisers");
        }
        var errors = ApiValidation.Validate(request);
        if (request.Kind is null || !Enum.IsDefined(request.Kind.Value))
        {
            ApiValidation.Add(errors, nameof(request.Kind), "Choose what was delivered");
        }
        if (request.On is not { } on)
        {
            ApiValidation.Add(errors, nameof(request.On), "Enter the date it was delivered");
        }
        else if (on > DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime))
        {
            ApiValidation.Add(errors, nameof(request.On), "The date must be today or in the past");
        }
        if (request.Attendees is null && !errors.ContainsKey(nameof(request.Attendees)))
        {
            ApiValidation.Add(errors, nameof(request.Attendees), "Enter the number of attendees");
        }
        var site = request.Site?.Trim() ?? "";
        var sector = request.Sector ?? "";
        if (request.SiteId is { } siteId)
        {
            if (await db.Set<ProtectSite>().AsNoTracking().Where(s => s.Id == siteId).Select(s => new { s.Name, s.Sector }).FirstOrDefaultAsync(ct) is { } found)
            {
                (site, sector) = (found.Name, found.Sector);
            }
            else
            {
                ApiValidation.Add(errors, nameof(request.SiteId), "Choose a site from the register");
            }
        }
        if (!ProtectReferenceData.IsSector(sector))
        {
            ApiValidation.Add(errors, nameof(request.Sector), "Choose the sector of the audience");
        }
        if (errors.Count > 0)
        {
            return WorkResult<AwarenessDto>.Invalid(errors);
        }
        var session = new AwarenessSession
        {
            UnitId = access.UnitId!.Value, Kind = request.Kind!.Value, On = request.On!.Value, SiteId = request.SiteId, Site = site, Sector = sector,
            Attendees = request.Attendees!.Value, DeliveredBy = access.DisplayName ?? access.UserName ?? "",
        };
        db.Add(session);
        db.Audit(AuditActions.Create, AuditOutcomes.Success, "awareness-session", session.Id.ToString(), detail: $"{KindName(session.Kind)}: {session.Attendees} attended");
        await db.SaveChangesAsync(ct);
        return WorkResult<AwarenessDto>.Ok(Dto(session));
    }

    private static AwarenessDto Dto(AwarenessSession s) => new(s.Id, s.Kind, KindName(s.Kind), s.On, s.Site, ProtectReferenceData.SectorName(s.Sector), s.Attendees, s.DeliveredBy);
}

internal sealed class AwarenessConfiguration : IEntityTypeConfiguration<AwarenessSession>
{
    public void Configure(EntityTypeBuilder<AwarenessSession> b)
    {
        b.ToTable("AwarenessSessions");
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Site).HasMaxLength(200);
        b.Property(s => s.Sector).HasMaxLength(64);
        b.Property(s => s.DeliveredBy).HasMaxLength(200);
        b.HasIndex(s => new { s.UnitId, s.On });
    }
}

using System.Linq.Expressions;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Pursue;

/// <summary>Where an item of unused material is scheduled under the CPIA: non-sensitive (MG6C) or
/// sensitive (MG6D). Either may also be flagged for the prosecutor (MG6E).</summary>
public enum Schedule { Mg6C, Mg6D }

public sealed class DisclosureItem : IProtectedChild<DisclosureItem, Investigation>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    public int Number { get; set; }
    public required string Description { get; set; }
    public string Location { get; set; } = "";
    public Schedule Schedule { get; set; }
    /// <summary>MG6D: why disclosure would harm the public interest.</summary>
    public string? PublicInterestReason { get; set; }
    /// <summary>MG6E: might reasonably undermine the prosecution or assist the defence.</summary>
    public bool FlaggedForProsecutor { get; set; }
    public string? FlagReason { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }

    public static Expression<Func<DisclosureItem, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "disclosure-item";
    public string AuditRecordId => Id.ToString();
}

/// <summary>The disclosure officer's signature on a schedule as it stood: a nil schedule is signed too.</summary>
public sealed class ScheduleSignOff : IProtectedChild<ScheduleSignOff, Investigation>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    /// <summary>"MG6C", "MG6D" or "MG6E".</summary>
    public required string Form { get; set; }
    public int ItemCount { get; set; }
    public DateTimeOffset SignedAt { get; set; }
    public required string SignedBy { get; set; }

    public static Expression<Func<ScheduleSignOff, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "schedule-sign-off";
    public string AuditRecordId => Id.ToString();
}

public sealed record ScheduleItem(
    [property: Required(ErrorMessage = "Describe the item of unused material"), StringLength(1000)] string? Description,
    [property: Required(ErrorMessage = "Choose the schedule: MG6C (non-sensitive) or MG6D (sensitive)"), EnumDataType(typeof(Schedule), ErrorMessage = "Choose the schedule: MG6C (non-sensitive) or MG6D (sensitive)")] Schedule? Schedule,
    [property: StringLength(500)] string? Location = null,
    [property: StringLength(2000)] string? PublicInterestReason = null,
    bool FlaggedForProsecutor = false,
    [property: StringLength(2000)] string? FlagReason = null);

public sealed record DisclosureItemDto(int Number, string Description, string Location, Schedule Schedule, string? PublicInterestReason,
    bool FlaggedForProsecutor, string? FlagReason, DateTimeOffset RecordedAt, string RecordedBy);

public sealed record SignOffDto(string Form, int ItemCount, DateTimeOffset SignedAt, string SignedBy);

/// <summary>The three schedules as they stand, with their sign-offs (latest last).</summary>
public sealed record Schedules(string Operation, IReadOnlyList<DisclosureItemDto> NonSensitive, IReadOnlyList<DisclosureItemDto> Sensitive,
    IReadOnlyList<DisclosureItemDto> ForProsecutor, IReadOnlyList<SignOffDto> SignOffs);

public sealed record BundleRequest(IReadOnlyList<Guid>? Statements);

/// <summary>
/// Disclosure under the CPIA: every item of unused material scheduled as non-sensitive (MG6C) or
/// sensitive (MG6D, with the public-interest reason), optionally flagged for the prosecutor (MG6E); the
/// disclosure officer signs each schedule, a nil one too. And the CPS case file: a ZIP of the charged
/// case's selected statements, exhibits list and schedules, with a manifest of SHA-256 hashes.
/// </summary>
public sealed class Disclosure(VigilDb db, AccessContext access, InvestigationGate gate, IEnumerable<Platform.Links.ICaseFileSource> caseFileSources)
{
    /// <summary>What other modules add to the investigation's case file (ACT reports linked to it), as the user may see them.</summary>
    public async Task<List<Platform.Links.CaseFileDocument>> OtherDocumentsAsync(Guid id, CancellationToken ct)
    {
        var documents = new List<Platform.Links.CaseFileDocument>();
        foreach (var source in caseFileSources)
        {
            documents.AddRange(await source.ForCaseFileAsync("investigation", id, ct));
        }
        return documents;
    }

    public static readonly IReadOnlyList<string> Forms = ["MG6C", "MG6D", "MG6E"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private async Task<int> NextNumberAsync(Guid id, CancellationToken ct) =>
        (await db.Set<DisclosureItem>().Where(d => d.InvestigationId == id).MaxAsync(d => (int?)d.Number, ct) ?? 0) + 1;

    public Task<WorkResult<DisclosureItemDto>> ScheduleAsync(Guid id, ScheduleItem request, CancellationToken ct) =>
        gate.ForAsync<DisclosureItemDto>(id, s => s.IsDisclosureOfficer || s.HasCommand, "Only the disclosure officer, the SIO or deputy SIO may schedule unused material.", async (standing, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            if (request.Schedule == Schedule.Mg6D && string.IsNullOrWhiteSpace(request.PublicInterestReason))
            {
                ApiValidation.Add(errors, nameof(ScheduleItem.PublicInterestReason), "Give the public-interest reason for scheduling this item as sensitive");
            }
            if (request.FlaggedForProsecutor && string.IsNullOrWhiteSpace(request.FlagReason))
            {
                ApiValidation.Add(errors, nameof(ScheduleItem.FlagReason), "Say why this item might undermine the prosecution case or assist the accused");
            }
            if (errors.Count > 0)
            {
                return WorkResult<DisclosureItemDto>.Invalid(errors);
            }
            var number = await NextNumberAsync(id, ct);
            var item = new DisclosureItem
            {
                InvestigationId = id, Number = number, Description = request.Description!.Trim(), Location = request.Location?.Trim() ?? "",
                Schedule = request.Schedule!.Value, PublicInterestReason = request.Schedule == Schedule.Mg6D ? request.PublicInterestReason!.Trim() : null,
                FlaggedForProsecutor = request.FlaggedForProsecutor, FlagReason = request.FlaggedForProsecutor ? request.FlagReason!.Trim() : null,
                RecordedAt = db.Clock.GetUtcNow(), RecordedBy = access.DisplayName ?? access.UserName ?? "",
            };
            db.Add(item);
            if (!await db.SaveNumberedAsync(item, async (d, c) => d.Number = await NextNumberAsync(id, c), ct))
            {
                return WorkResult<DisclosureItemDto>.Conflict("Another item was scheduled at the same moment; schedule this one again.");
            }
            return WorkResult<DisclosureItemDto>.Ok(ToDto(item));
        }, ct);

    /// <summary>The disclosure officer signs a schedule as it stands; a nil schedule is signed too.</summary>
    public Task<WorkResult<SignOffDto>> SignAsync(Guid id, string form, CancellationToken ct) =>
        gate.ForAsync<SignOffDto>(id, s => s.IsDisclosureOfficer, "Only the investigation's disclosure officer signs the schedules.", async (standing, ct) =>
        {
            form = form.ToUpperInvariant();
            if (!Forms.Contains(form))
            {
                return WorkResult<SignOffDto>.Invalid(new() { ["Form"] = ["Choose a schedule to sign: MG6C, MG6D or MG6E"] });
            }
            var items = await db.Set<DisclosureItem>().Where(d => d.InvestigationId == id).ToListAsync(ct);
            var signOff = new ScheduleSignOff
            {
                InvestigationId = id, Form = form, ItemCount = Of(items, form).Count(), SignedAt = db.Clock.GetUtcNow(),
                SignedBy = access.DisplayName ?? access.UserName ?? "",
            };
            db.Add(signOff);
            await db.SaveChangesAsync(ct);
            return WorkResult<SignOffDto>.Ok(new SignOffDto(signOff.Form, signOff.ItemCount, signOff.SignedAt, signOff.SignedBy));
        }, ct);

    private static IEnumerable<DisclosureItem> Of(IEnumerable<DisclosureItem> items, string form) => form switch
    {
        "MG6C" => items.Where(i => i.Schedule == Schedule.Mg6C),
        "MG6D" => items.Where(i => i.Schedule == Schedule.Mg6D),
        _ => items.Where(i => i.FlaggedForProsecutor),
    };

    public async Task<Schedules?> SchedulesAsync(Guid id, CancellationToken ct)
    {
        var standing = await gate.EnterAsync(id, ct, track: false);
        if (standing is null)
        {
            return null;
        }
        var items = (await db.Set<DisclosureItem>().AsNoTracking().Where(d => d.InvestigationId == id).ToListAsync(ct)).OrderBy(d => d.Number).ToList();
        var signOffs = (await db.Set<ScheduleSignOff>().AsNoTracking().Where(s => s.InvestigationId == id).ToListAsync(ct)).OrderBy(s => s.SignedAt)
            .Select(s => new SignOffDto(s.Form, s.ItemCount, s.SignedAt, s.SignedBy)).ToList();
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "disclosure-schedules", id.ToString(), detail: $"{items.Count} items");
        await db.SaveChangesAsync(ct);
        return new Schedules(standing.Investigation.OperationName, Of(items, "MG6C").Select(ToDto).ToList(), Of(items, "MG6D").Select(ToDto).ToList(),
            Of(items, "MG6E").Select(ToDto).ToList(), signOffs);
    }

    /// <summary>One schedule as CSV, audited as an export.</summary>
    public async Task<string?> CsvAsync(Guid id, string form, CancellationToken ct)
    {
        form = form.ToUpperInvariant();
        if (!Forms.Contains(form) || await SchedulesAsync(id, ct) is not { } schedules)
        {
            return null;
        }
        db.Audit(AuditActions.Export, AuditOutcomes.Success, "disclosure-schedule", id.ToString(), detail: $"{form} as CSV");
        await db.SaveChangesAsync(ct);
        return ScheduleCsv(schedules, form);
    }

    public static string ScheduleCsv(Schedules schedules, string form)
    {
        var items = form switch { "MG6C" => schedules.NonSensitive, "MG6D" => schedules.Sensitive, _ => schedules.ForProsecutor };
        string[] header = ["item", "description", "location", form switch { "MG6C" => "schedule", "MG6D" => "public_interest_reason", _ => "reason_for_prosecutor" }];
        return Csv(items.Select(i => new[]
        {
            i.Number.ToString(CultureInfo.InvariantCulture), i.Description, i.Location,
            (form switch { "MG6C" => "MG6C", "MG6D" => i.PublicInterestReason, _ => i.FlagReason }) ?? "",
        }).Prepend(header));
    }

    private static string Csv(IEnumerable<string[]> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                foreach (var field in row)
                {
                    // A spreadsheet must not run a description as a formula.
                    csv.WriteField(field.Length > 0 && "=+-@\t\r".Contains(field[0], StringComparison.Ordinal) ? "'" + field : field);
                }
                csv.EndRecord();
            }
        }
        return writer.ToString();
    }

    /// <summary>The digital case file for the CPS: selected statements, the exhibits list, the three
    /// schedules with their sign-offs, and a manifest with the SHA-256 of every file. Only for a charged case.</summary>
    public async Task<WorkResult<byte[]>> BundleAsync(Guid id, BundleRequest request, CancellationToken ct)
    {
        var standing = await gate.EnterAsync(id, ct, track: false);
        if (standing is null)
        {
            return WorkResult<byte[]>.Missing();
        }
        if (!standing.HasCommand && !standing.IsDisclosureOfficer)
        {
            return WorkResult<byte[]>.Forbidden("Only the SIO, deputy SIO or disclosure officer may prepare the case file.");
        }
        var i = standing.Investigation;
        var charged = i.PhaseChanges.Any(p => p.To == Phase.Charge);
        if (!charged)
        {
            return WorkResult<byte[]>.Conflict("A case file for the CPS is prepared once the case is charged.");
        }
        var wanted = request.Statements ?? [];
        var statements = await db.Set<WitnessStatement>().AsNoTracking().Where(s => s.InvestigationId == id && wanted.Contains(s.Id)).ToListAsync(ct);
        if (statements.Count != wanted.Distinct().Count())
        {
            return WorkResult<byte[]>.Invalid(new() { [nameof(BundleRequest.Statements)] = ["One of the chosen statements is not in this investigation"] });
        }
        var exhibits = await db.Set<Exhibit>().AsNoTracking().Where(e => e.InvestigationId == id).ToListAsync(ct);
        var schedules = await SchedulesAsync(id, ct);

        var files = new List<(string Path, byte[] Content)>();
        var n = 0;
        foreach (var s in statements.OrderBy(s => s.TakenOn))
        {
            files.Add(($"statements/MG11-{++n:D2}-{Slug(s.Witness)}.txt", Encoding.UTF8.GetBytes(
                $"WITNESS STATEMENT (MG11)\n{i.OperationName}\nWitness: {s.Witness}\nTaken on: {s.TakenOn:dd MMMM yyyy} by {s.TakenBy}\n\n{s.Text}\n")));
        }
        files.Add(("exhibits/MG12-exhibits-list.csv", Encoding.UTF8.GetBytes(ExhibitsCsv(exhibits))));
        foreach (var form in Forms)
        {
            files.Add(($"disclosure/{form}.csv", Encoding.UTF8.GetBytes(ScheduleCsv(schedules!, form))));
        }
        var others = await OtherDocumentsAsync(id, ct);
        files.AddRange(others.Select(d => (d.Path, Encoding.UTF8.GetBytes(d.Text))));
        var signOffs = schedules!.SignOffs.GroupBy(s => s.Form).Select(g => g.Last()).ToList();
        var manifest = new
        {
            operation = i.OperationName,
            classification = i.Classification.ToString().ToUpperInvariant() + (i.OfficialSensitive ? "-SENSITIVE" : ""),
            generatedAt = db.Clock.GetUtcNow(),
            generatedBy = access.DisplayName ?? access.UserName,
            signOffs = signOffs.Select(s => new { form = s.Form, items = s.ItemCount, signedAt = s.SignedAt, signedBy = s.SignedBy }),
            files = files.Select(f => new { path = f.Path, bytes = f.Content.Length, sha256 = Convert.ToHexStringLower(SHA256.HashData(f.Content)) }),
        };
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in files.Append(("manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest, Indented))))
            {
                await using var entry = await archive.CreateEntry(path, CompressionLevel.Optimal).OpenAsync(ct);
                await entry.WriteAsync(content, ct);
            }
        }
        db.Audit(AuditActions.Export, AuditOutcomes.Success, "cps-case-file", id.ToString(),
            detail: $"{statements.Count} statements, {exhibits.Count} exhibits listed, {others.Count} documents from other records, schedules MG6C/D/E; manifest sha256 {Convert.ToHexStringLower(SHA256.HashData(zip.ToArray()))}");
        await db.SaveChangesAsync(ct);
        return WorkResult<byte[]>.Ok(zip.ToArray());
    }

    private static string ExhibitsCsv(IEnumerable<Exhibit> exhibits) => Csv(exhibits.OrderBy(e => e.Reference)
        .Select(e => new[]
        {
            e.Reference, e.Description, e.SeizedBy, e.SeizedFrom, e.SeizedAt.ToString("u", CultureInfo.InvariantCulture), e.Custodian,
            e.Continuity.Count.ToString(CultureInfo.InvariantCulture), e.Sha256 ?? "",
        })
        .Prepend(["reference", "description", "seized_by", "seized_from", "seized_at", "custodian", "handovers", "sha256"]));

    private static string Slug(string text) => new(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    private static DisclosureItemDto ToDto(DisclosureItem d) =>
        new(d.Number, d.Description, d.Location, d.Schedule, d.PublicInterestReason, d.FlaggedForProsecutor, d.FlagReason, d.RecordedAt, d.RecordedBy);

    internal static void Map(RouteGroupBuilder api, RouteGroupBuilder pages)
    {
        api.MapGet("/{id:guid}/disclosure", (Guid id, Disclosure disclosure, CancellationToken ct) => disclosure.SchedulesAsync(id, ct).AsFound())
            .WithSummary("The schedules of unused material (MG6C, MG6D) and their sign-offs");
        api.MapPost("/{id:guid}/disclosure/items", (Guid id, ScheduleItem request, Disclosure disclosure, CancellationToken ct) =>
            disclosure.ScheduleAsync(id, request, ct).AsCreated(_ => $"/api/v1/investigations/{id}/disclosure"))
            .WithSummary("Schedule an item of unused material (the disclosure officer, SIO or deputy)");
        api.MapPost("/{id:guid}/disclosure/{form}/sign-off", (Guid id, string form, Disclosure disclosure, CancellationToken ct) =>
            disclosure.SignAsync(id, form, ct).AsOk())
            .WithSummary("Sign a schedule as it stands (the disclosure officer)");
        api.MapGet("/{id:guid}/disclosure/{form}.csv", ScheduleCsvAsync)
            .WithSummary("A schedule as CSV");
        api.MapPost("/{id:guid}/cps-bundle", async (Guid id, BundleRequest request, Disclosure disclosure, CancellationToken ct) =>
                (await disclosure.BundleAsync(id, request, ct)).Answer(Bundle))
            .WithSummary("The CPS case file as a zip: summary, schedules, chosen statements and a manifest of hashes");
        pages.MapGet("/disclosure/{form}.csv", ScheduleCsvAsync);
        pages.MapGet("/cps-bundle.zip", async (Guid id, [FromQuery] Guid[]? statements, Disclosure disclosure, CancellationToken ct) =>
            (await disclosure.BundleAsync(id, new BundleRequest(statements), ct)).Answer(Bundle));
    }

    private static FileContentHttpResult Bundle(byte[] zip) => TypedResults.File(zip, "application/zip", "cps-case-file.zip");

    private static async Task<Results<FileContentHttpResult, NotFound>> ScheduleCsvAsync(Guid id, string form, Disclosure disclosure, CancellationToken ct) =>
        await disclosure.CsvAsync(id, form, ct) is { } csv ? TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv", $"{form.ToUpperInvariant()}.csv") : TypedResults.NotFound();
}

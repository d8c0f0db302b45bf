using System.Linq.Expressions;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Pursue;

/// <summary>An exhibit: what, who seized it, where and when, and every handover since. A digital
/// exhibit's file lives outside the database; its SHA-256 is checked on every download.</summary>
public sealed class Exhibit : IProtectedChild<Exhibit, Investigation>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    /// <summary>The exhibit reference, e.g. the seizing officer's initials and a number: "RA/1".</summary>
    public required string Reference { get; set; }
    public required string Description { get; set; }
    public required string SeizedBy { get; set; }
    public required string SeizedFrom { get; set; }
    public DateTimeOffset SeizedAt { get; set; }
    public required string Custodian { get; set; }
    public List<Handover> Continuity { get; set; } = [];

    public string? FileName { get; set; }
    public string? ContentType { get; set; }
    public long? FileSize { get; set; }
    public string? Sha256 { get; set; }
    /// <summary>The file's name in the exhibits folder (never the uploaded name).</summary>
    public string? StoredAs { get; set; }
    /// <summary>Optimistic concurrency: two handovers or two uploads at once cannot both win.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public static Expression<Func<Exhibit, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "exhibit";
    public string AuditRecordId => Id.ToString();
}

public sealed class Handover
{
    public int Id { get; set; }
    public required string From { get; set; }
    public required string To { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Reason { get; set; }
    public required string RecordedBy { get; set; }
}

public sealed record RecordExhibit(
    [property: Required(ErrorMessage = "Enter the exhibit reference, for example RA/1"), StringLength(32, ErrorMessage = "The reference must be 32 characters or fewer")] string? Reference,
    [property: Required(ErrorMessage = "Describe the exhibit"), StringLength(1000)] string? Description,
    [property: Required(ErrorMessage = "Enter who seized it"), StringLength(200)] string? SeizedBy,
    [property: Required(ErrorMessage = "Enter where it was seized"), StringLength(500)] string? SeizedFrom,
    [property: Required(ErrorMessage = "Enter when it was seized")] DateTimeOffset? SeizedAt,
    [property: StringLength(200)] string? Custodian = null);

public sealed record RecordHandover(
    [property: Required(ErrorMessage = "Enter who received the exhibit"), StringLength(200)] string? To,
    [property: Required(ErrorMessage = "Enter when it was handed over")] DateTimeOffset? At,
    [property: Required(ErrorMessage = "Say why it was handed over"), StringLength(1000)] string? Reason);

public sealed record HandoverDto(string From, string To, DateTimeOffset At, string Reason, string RecordedBy);

public sealed record ExhibitDto(
    Guid Id, string Reference, string Description, string SeizedBy, string SeizedFrom, DateTimeOffset SeizedAt, string Custodian,
    IReadOnlyList<HandoverDto> Continuity, string? FileName, string? ContentType, long? FileSize, string? Sha256);

/// <summary>Where digital exhibits are kept and what may be uploaded (Vigil:Exhibits in configuration).</summary>
public sealed class ExhibitStorageOptions
{
    /// <summary>The HTTP request limit of the upload endpoints (a constant, for [RequestSizeLimit]): above
    /// any sensible <see cref="MaxBytes"/>, which the service enforces with a clear message.</summary>
    public const long UploadRequestLimit = 128L * 1024 * 1024;

    public string Folder { get; set; } = "";
    public long MaxBytes { get; set; } = 25 * 1024 * 1024;
    /// <summary>Accepted file types by extension; each must also look like what it claims to be.</summary>
    public Dictionary<string, string> AllowedTypes { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".zip"] = "application/zip",
    };
}

/// <summary>Exhibits with their chain of custody, and digital exhibit files: stored outside the
/// database under a name of our choosing, hashed with SHA-256 on the way in, and checked against that
/// hash on every way out. A file that no longer matches is never served.</summary>
public sealed class Exhibits(VigilDb db, AccessContext access, InvestigationGate gate, ExhibitStorageOptions options)
{
    public Task<WorkResult<ExhibitDto>> RecordAsync(Guid id, RecordExhibit request, CancellationToken ct) =>
        gate.ForAsync<ExhibitDto>(id, s => s.IsTeam, "Only members of the team may record exhibits.", async (standing, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            var reference = request.Reference?.Trim().ToUpperInvariant() ?? "";
            if (reference.Length > 0 && await db.Set<Exhibit>().AnyAsync(e => e.InvestigationId == id && e.Reference == reference, ct))
            {
                ApiValidation.Add(errors, nameof(RecordExhibit.Reference), $"Exhibit {reference} is already recorded in this investigation");
            }
            if (request.SeizedAt > db.Clock.GetUtcNow().AddMinutes(5))
            {
                ApiValidation.Add(errors, nameof(RecordExhibit.SeizedAt), "The time of seizure cannot be in the future");
            }
            if (errors.Count > 0)
            {
                return WorkResult<ExhibitDto>.Invalid(errors);
            }
            var exhibit = new Exhibit
            {
                InvestigationId = id, Reference = reference, Description = request.Description!.Trim(), SeizedBy = request.SeizedBy!.Trim(),
                SeizedFrom = request.SeizedFrom!.Trim(), SeizedAt = request.SeizedAt!.Value,
                Custodian = string.IsNullOrWhiteSpace(request.Custodian) ? request.SeizedBy!.Trim() : request.Custodian.Trim(),
            };
            db.Add(exhibit);
            await db.SaveChangesAsync(ct);
            return WorkResult<ExhibitDto>.Ok(ToDto(exhibit));
        }, ct);

    public Task<WorkResult<ExhibitDto>> HandOverAsync(Guid id, Guid exhibitId, RecordHandover request, CancellationToken ct) =>
        gate.ForChildAsync<Exhibit, ExhibitDto>(id, exhibitId, s => s.IsTeam, "Only members of the team may record exhibits.", async (_, exhibit, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            var last = exhibit.Continuity.Count > 0 ? exhibit.Continuity.Max(h => h.At) : exhibit.SeizedAt;
            if (request.At < last)
            {
                ApiValidation.Add(errors, nameof(RecordHandover.At), $"A handover cannot be earlier than the last movement ({Platform.Ui.UkTime.Full(last)})");
            }
            if (request.At > db.Clock.GetUtcNow().AddMinutes(5))
            {
                ApiValidation.Add(errors, nameof(RecordHandover.At), "A handover cannot be in the future");
            }
            if (string.Equals(request.To?.Trim(), exhibit.Custodian, StringComparison.OrdinalIgnoreCase))
            {
                ApiValidation.Add(errors, nameof(RecordHandover.To), $"{exhibit.Custodian} already holds this exhibit");
            }
            if (errors.Count > 0)
            {
                return WorkResult<ExhibitDto>.Invalid(errors);
            }
            exhibit.Continuity.Add(new Handover
            {
                From = exhibit.Custodian, To = request.To!.Trim(), At = request.At!.Value, Reason = request.Reason!.Trim(),
                RecordedBy = access.DisplayName ?? access.UserName ?? "",
            });
            exhibit.Custodian = request.To!.Trim();
            exhibit.Version = Guid.NewGuid();
            await db.SaveChangesAsync(ct);
            return WorkResult<ExhibitDto>.Ok(ToDto(exhibit));
        }, ct);

    /// <summary>Attaches the file of a digital exhibit, once. Checked for size and type before anything
    /// is written; stored under a new name; the record and the file are kept together or not at all.</summary>
    public Task<WorkResult<ExhibitDto>> AttachAsync(Guid id, Guid exhibitId, string fileName, Stream content, CancellationToken ct) =>
        gate.ForChildAsync<Exhibit, ExhibitDto>(id, exhibitId, s => s.IsTeam, "Only members of the team may record exhibits.", async (_, exhibit, ct) =>
        {
            if (exhibit.Sha256 is not null)
            {
                return WorkResult<ExhibitDto>.Conflict("This exhibit already has its file. A digital exhibit is never replaced; record a new exhibit instead.");
            }
            var errors = new Dictionary<string, string[]>();
            var extension = Path.GetExtension(fileName);
            var (contentType, refused) = CheckType(options, fileName);
            if (contentType is null)
            {
                ApiValidation.Add(errors, "File", refused!);
                return WorkResult<ExhibitDto>.Invalid(errors);
            }
            Directory.CreateDirectory(options.Folder);
            var storedAs = $"{Guid.CreateVersion7():N}.bin";
            var path = Path.Combine(options.Folder, storedAs);
            long size;
            string hash;
            byte[] head;
            try
            {
                (size, hash, head) = await CopyAsync(content, path, ct);
            }
            catch
            {
                // An aborted upload leaves nothing behind.
                File.Delete(path);
                throw;
            }
            if (size > options.MaxBytes || size == 0 || !LooksLike(contentType, head))
            {
                File.Delete(path);
                ApiValidation.Add(errors, "File", size > options.MaxBytes ? $"The file must be {options.MaxBytes / (1024 * 1024)} MB or smaller"
                    : size == 0 ? "The file is empty" : $"The file's content is not a {extension} file");
                return WorkResult<ExhibitDto>.Invalid(errors);
            }
            exhibit.FileName = StoredFileName(fileName);
            exhibit.Version = Guid.NewGuid();
            exhibit.ContentType = contentType;
            exhibit.FileSize = size;
            exhibit.Sha256 = hash;
            exhibit.StoredAs = storedAs;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch
            {
                File.Delete(path);
                throw;
            }
            return WorkResult<ExhibitDto>.Ok(ToDto(exhibit));
        }, ct);

    // Copies at most MaxBytes + 1 bytes, hashing on the way; a larger file is cut off and refused.
    private async Task<(long Size, string Hash, byte[] Head)> CopyAsync(Stream content, string path, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new List<byte>(16);
        long size = 0;
        var buffer = new byte[81920];
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0 && size <= options.MaxBytes)
            {
                sha.AppendData(buffer, 0, read);
                head.AddRange(buffer.Take(Math.Max(0, Math.Min(read, 16 - head.Count))));
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
                size += read;
            }
        }
        return (size, Convert.ToHexStringLower(sha.GetHashAndReset()), head.ToArray());
    }

    /// <summary>The content type a file of this name is stored as (by its extension), or why it cannot be stored.</summary>
    internal static (string? ContentType, string? Refusal) CheckType(ExhibitStorageOptions options, string fileName)
    {
        var extension = Path.GetExtension(fileName);
        return options.AllowedTypes.TryGetValue(extension, out var contentType)
            ? (contentType, null)
            : (null, $"Files of type '{extension}' cannot be stored; use one of {string.Join(", ", options.AllowedTypes.Keys)}");
    }

    /// <summary>The name kept with the exhibit: the last part of what was posted, at most 255 characters.</summary>
    internal static string StoredFileName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        return name.Length > 255 ? name[^255..] : name;
    }

    internal static bool LooksLike(string contentType, byte[] head) => contentType switch
    {
        "application/pdf" => head.AsSpan().StartsWith("%PDF"u8),
        "image/png" => head.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }),
        "image/jpeg" => head.AsSpan().StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
        "application/zip" => head.AsSpan().StartsWith("PK"u8),
        _ => !head.Contains((byte)0),
    };

    public sealed record Download(Stream Content, string FileName, string ContentType);

    /// <summary>The exhibit's file, after checking its SHA-256 against the recorded one. A mismatch is
    /// audited as an integrity failure and the file is not served.</summary>
    public async Task<WorkResult<Download>> DownloadAsync(Guid id, Guid exhibitId, CancellationToken ct)
    {
        if (await gate.EnterAsync(id, ct, track: false) is null)
        {
            return WorkResult<Download>.Missing();
        }
        var exhibit = await gate.ChildAsync<Exhibit>(id, exhibitId, ct);
        if (exhibit?.StoredAs is null)
        {
            return WorkResult<Download>.Missing();
        }
        var path = Path.Combine(options.Folder, exhibit.StoredAs);
        // Hash and serve the same open stream, so what is served is exactly what was checked.
        var file = File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read) : null;
        string? actual = null;
        if (file is not null)
        {
            actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
            file.Position = 0;
        }
        if (actual != exhibit.Sha256)
        {
            if (file is not null)
            {
                await file.DisposeAsync();
            }
            db.Audit(AuditActions.Export, AuditOutcomes.Failure, "exhibit", exhibitId.ToString(),
                detail: actual is null ? "integrity failure: the exhibit file is missing" : $"integrity failure: recorded {exhibit.Sha256}, file now {actual}");
            await db.SaveChangesAsync(ct);
            return WorkResult<Download>.Conflict($"Exhibit {exhibit.Reference}'s file no longer matches the SHA-256 recorded when it was seized, so it is not served. Report this to the exhibits officer.");
        }
        db.Audit(AuditActions.Export, AuditOutcomes.Success, "exhibit", exhibitId.ToString(), detail: $"downloaded {exhibit.FileName}, sha256 verified");
        await db.SaveChangesAsync(ct);
        return WorkResult<Download>.Ok(new Download(file!, exhibit.FileName!, exhibit.ContentType!));
    }

    public async Task<IReadOnlyList<ExhibitDto>?> ListAsync(Guid id, CancellationToken ct)
    {
        if (await gate.EnterAsync(id, ct, track: false) is null)
        {
            return null;
        }
        var exhibits = await db.Set<Exhibit>().AsNoTracking().Where(e => e.InvestigationId == id).ToListAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "exhibits", id.ToString(), detail: $"{exhibits.Count} exhibits");
        await db.SaveChangesAsync(ct);
        return exhibits.OrderBy(e => e.SeizedAt).ThenBy(e => e.Reference).Select(ToDto).ToList();
    }

    public static ExhibitDto ToDto(Exhibit e) => new(e.Id, e.Reference, e.Description, e.SeizedBy, e.SeizedFrom, e.SeizedAt, e.Custodian,
        e.Continuity.OrderBy(h => h.At).Select(h => new HandoverDto(h.From, h.To, h.At, h.Reason, h.RecordedBy)).ToList(),
        e.FileName, e.ContentType, e.FileSize, e.Sha256);

    internal static void Map(RouteGroupBuilder api, RouteGroupBuilder pages)
    {
        api.MapGet("/{id:guid}/exhibits", (Guid id, Exhibits exhibits, CancellationToken ct) => exhibits.ListAsync(id, ct).AsFound())
            .WithSummary("The exhibits, each with its chain of custody");
        api.MapPost("/{id:guid}/exhibits", (Guid id, RecordExhibit request, Exhibits exhibits, CancellationToken ct) =>
            exhibits.RecordAsync(id, request, ct).AsCreated(e => $"/api/v1/investigations/{id}/exhibits/{e.Id}"))
            .WithSummary("Record an exhibit: reference, description, who seized it, where and when");
        api.MapPost("/{id:guid}/exhibits/{exhibitId:guid}/handovers", (Guid id, Guid exhibitId, RecordHandover request, Exhibits exhibits, CancellationToken ct) =>
            exhibits.HandOverAsync(id, exhibitId, request, ct).AsOk())
            .WithSummary("Record a handover in the exhibit's chain of custody");
        api.MapPut("/{id:guid}/exhibits/{exhibitId:guid}/file", async Task<Results<Ok<ExhibitDto>, NotFound, ValidationProblem, Refused>> (
                Guid id, Guid exhibitId, IFormFile? file, Exhibits exhibits, CancellationToken ct) =>
            {
                if (file is null)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["File"] = ["Choose the file to upload (multipart field 'file')"] });
                }
                await using var content = file.OpenReadStream();
                return (await exhibits.AttachAsync(id, exhibitId, file.FileName, content, ct)).Answer(TypedResults.Ok);
            })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ExhibitStorageOptions.UploadRequestLimit))
            .WithSummary("Attach a digital exhibit's file (kept outside the database, with its SHA-256)");
        api.MapGet("/{id:guid}/exhibits/{exhibitId:guid}/file", DownloadFileAsync)
            .WithSummary("Download a digital exhibit's file; its SHA-256 is checked first");
        pages.MapGet("/exhibits/{exhibitId:guid}/file", DownloadFileAsync);
    }

    private static async Task<Results<FileStreamHttpResult, NotFound, ValidationProblem, Refused>> DownloadFileAsync(Guid id, Guid exhibitId, Exhibits exhibits, CancellationToken ct) =>
        (await exhibits.DownloadAsync(id, exhibitId, ct)).Answer(d => TypedResults.File(d.Content, d.ContentType, d.FileName));
}

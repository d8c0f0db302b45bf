using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Reporting;

public sealed record ActPersonRequest([property: StringLength(200)] string? Name, [property: StringLength(1000)] string? Description);

public sealed record ActVehicleRequest([property: StringLength(16)] string? Registration, [property: StringLength(100)] string? Make, [property: StringLength(50)] string? Colour);

public sealed record ActContactRequest([property: StringLength(200)] string? Name, [property: StringLength(40)] string? Phone, [property: StringLength(254)] string? Email);

/// <summary>A file sent with the API: its name and its bytes in base64.</summary>
public sealed record ActFileRequest([property: StringLength(200)] string? FileName, string? ContentBase64);

/// <summary>A report as the public sends it. Only what they saw and where (or the link) are needed; everything
/// else is optional. <see cref="Website"/> is a field people never see and never fill (a robot does).</summary>
public sealed record ActSubmission
{
    /// <summary>The reporter said it is happening now: the service told them to call 999, and the report is flagged at once.</summary>
    public bool ImmediateThreat { get; init; }

    /// <summary>One of the behaviour codes (GET /api/v1/act/behaviours).</summary>
    [Required(ErrorMessage = "Choose what you saw or heard")]
    public string? Behaviour { get; init; }

    [StringLength(200, ErrorMessage = "Describe it in 200 characters or fewer")]
    public string? BehaviourOther { get; init; }

    [Required(ErrorMessage = "Tell us what you saw or heard"), StringLength(5000, ErrorMessage = "What you saw or heard must be 5,000 characters or fewer")]
    public string? WhatHappened { get; init; }

    public DateOnly? SeenOn { get; init; }

    /// <summary>The time, if known, as 24-hour "14:30".</summary>
    [StringLength(5)]
    public string? SeenAt { get; init; }

    public bool Online { get; init; }

    [StringLength(16)]
    public string? Postcode { get; init; }

    [StringLength(500, ErrorMessage = "The address must be 500 characters or fewer")]
    public string? Address { get; init; }

    [StringLength(1000, ErrorMessage = "The description of the place must be 1,000 characters or fewer")]
    public string? PlaceDescription { get; init; }

    [StringLength(2000, ErrorMessage = "The link must be 2,000 characters or fewer")]
    public string? OnlineLink { get; init; }

    [MaxLength(5, ErrorMessage = "Tell us about 5 people at most")]
    public List<ActPersonRequest>? People { get; init; }

    [MaxLength(5, ErrorMessage = "Tell us about 5 vehicles at most")]
    public List<ActVehicleRequest>? Vehicles { get; init; }

    [StringLength(5000, ErrorMessage = "Anything else must be 5,000 characters or fewer")]
    public string? AnythingElse { get; init; }

    public ActContactRequest? Contact { get; init; }

    [MaxLength(ActFiles.MaxFiles, ErrorMessage = "Send 3 files at most")]
    public List<ActFileRequest>? Files { get; init; }

    [StringLength(200)]
    public string? Website { get; init; }
}

/// <summary>A report from the public as it waits to be saved with others that arrived at the same moment.</summary>
public sealed record ActArrival(ActReport Report, ActReporterContact? Contact, List<ActAttachment> Attachments, PublicFormLimit.Take? Post);

/// <summary>Group commit for the public's reports: under a surge many requests' reports are saved in one
/// transaction, each request answered only once its own report is durable (<see cref="GroupCommit{T}"/>).
/// A group holds at most 100 reports, fewer when they carry files (a megabyte counts as one report).</summary>
public sealed class ActArrivals() : GroupCommit<ActArrival>(100, a => 1 + (int)(a.Attachments.Sum(f => (long)f.Size) >> 20));

/// <summary>What the reporter takes away: the reference, the follow-up code (shown this once, never stored
/// readable) and what happens next.</summary>
public sealed record ActReceipt(string Reference, string FollowUpCode, string Message);

/// <summary>The reporter's follow-up: their reference and code, and what they add (or nothing, to read the questions).</summary>
public sealed record ActFollowUp(
    [property: Required(ErrorMessage = "Enter your reference"), StringLength(40)] string? Reference,
    [property: Required(ErrorMessage = "Enter your follow-up code"), StringLength(40)] string? Code,
    [property: StringLength(5000, ErrorMessage = "What you add must be 5,000 characters or fewer")] string? Information = null);

public sealed record ActConversationItem(DateTimeOffset At, bool FromReporter, string Text);

/// <summary>What the reporter may read back: that the report is being looked at, the questions asked and what they
/// added. Never the outcome, the routing or anything found about the people they named.</summary>
public sealed record ActFollowUpView(string Reference, DateTimeOffset ReceivedAt, bool QuestionWaiting, IReadOnlyList<ActConversationItem> Conversation);

/// <summary>
/// The public side of ACT: a report saved whole (the report, its files with metadata stripped and the contact
/// details under their own label, in one save) before any later work; routing is a table lookup done before the
/// save, and if it fails the report goes to the national queue. Clustering and the operations centre's flag run
/// after the save (<see cref="ActProcessor"/>), so no failure there loses a report. The caller's address is used
/// by the rate limiter alone and stored nowhere.
/// </summary>
public sealed class ActIntake(VigilDb db, IOrganisationDirectory directory, ActProcessor processor, ActArrivals arrivals, PublicFormLimit limit, IServiceScopeFactory scopes, ILogger<ActIntake> log)
{
    private const string UnknownReporter = "We could not find a report with that reference and follow-up code. Check both and try again.";

    /// <summary>Every rule a submission must meet, by field: the request's annotations and the rules between fields.</summary>
    public static Dictionary<string, string[]> Validate(ActSubmission request, DateOnly today)
    {
        var errors = ApiValidation.Validate(request);
        if (request.Behaviour is { } behaviour && !ActReferenceData.IsBehaviour(behaviour))
        {
            ApiValidation.Add(errors, nameof(ActSubmission.Behaviour), "Choose what you saw or heard from the list");
        }
        if (request.Behaviour == "other" && string.IsNullOrWhiteSpace(request.BehaviourOther))
        {
            ApiValidation.Add(errors, nameof(ActSubmission.BehaviourOther), "Say what kind of thing you saw or heard");
        }
        if (request.SeenOn is { } seen && seen > today)
        {
            ApiValidation.Add(errors, nameof(ActSubmission.SeenOn), "The date must be today or in the past");
        }
        if (!string.IsNullOrWhiteSpace(request.SeenAt) && !TimeOnly.TryParseExact(request.SeenAt.Trim(), "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            ApiValidation.Add(errors, nameof(ActSubmission.SeenAt), "Enter the time as hours and minutes, like 14:30");
        }
        if (request.Online)
        {
            if (string.IsNullOrWhiteSpace(request.OnlineLink) && string.IsNullOrWhiteSpace(request.PlaceDescription))
            {
                ApiValidation.Add(errors, nameof(ActSubmission.OnlineLink), "Enter the link, or say where online you saw it");
            }
        }
        else if (string.IsNullOrWhiteSpace(request.Postcode) && string.IsNullOrWhiteSpace(request.Address) && string.IsNullOrWhiteSpace(request.PlaceDescription))
        {
            ApiValidation.Add(errors, nameof(ActSubmission.Postcode), "Enter the postcode or address, or describe the place");
        }
        if (!string.IsNullOrWhiteSpace(request.Postcode) && ActReferenceData.Postcode(request.Postcode) is null)
        {
            ApiValidation.Add(errors, nameof(ActSubmission.Postcode), "Enter a real postcode, like M1 1AE, or leave it out and describe the place");
        }
        foreach (var (person, i) in (request.People ?? []).Select((p, i) => (p, i)))
        {
            foreach (var (field, messages) in ApiValidation.Validate(person ?? new(null, null)))
            {
                errors[$"People[{i}].{field}"] = messages;
            }
        }
        foreach (var (vehicle, i) in (request.Vehicles ?? []).Select((v, i) => (v, i)))
        {
            foreach (var (field, messages) in ApiValidation.Validate(vehicle ?? new(null, null, null)))
            {
                errors[$"Vehicles[{i}].{field}"] = messages;
            }
        }
        if (request.Contact is { } contact)
        {
            foreach (var (field, messages) in ApiValidation.Validate(contact))
            {
                errors[$"Contact.{field}"] = messages;
            }
            if (!string.IsNullOrWhiteSpace(contact.Email) && !ApiValidation.LooksLikeEmail(contact.Email.Trim()))
            {
                ApiValidation.Add(errors, "Contact.Email", "Enter an e-mail address in the correct format, like name@example.org");
            }
            if (!string.IsNullOrWhiteSpace(contact.Phone) && contact.Phone.Count(char.IsAsciiDigit) is < 7 or > 15)
            {
                ApiValidation.Add(errors, "Contact.Phone", "Enter a phone number, like 07700 900 982");
            }
        }
        return errors;
    }

    /// <summary>Reads the API's files (base64), checked as the form's are.</summary>
    public static List<ActFiles.Checked> ReadFiles(IReadOnlyList<ActFileRequest>? files, Dictionary<string, string[]> errors)
    {
        var kept = new List<ActFiles.Checked>();
        foreach (var (file, i) in (files ?? []).Select((f, i) => (f, i)))
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(file?.ContentBase64 ?? "");
            }
            catch (FormatException)
            {
                ApiValidation.Add(errors, $"Files[{i}].ContentBase64", "Send the file's content as base64");
                continue;
            }
            var (ok, error) = ActFiles.Check(file?.FileName, bytes);
            if (ok is null)
            {
                ApiValidation.Add(errors, $"Files[{i}].ContentBase64", error!);
            }
            else
            {
                kept.Add(ok);
            }
        }
        return kept;
    }

    /// <summary>Saves a report from the public, whole or not at all, and gives the reference and follow-up code.
    /// With <paramref name="post"/> (the API's), the post is counted against the caller's limit in the save's
    /// transaction, and over the limit nothing is saved.</summary>
    public async Task<WorkResult<ActReceipt>> SubmitAsync(ActSubmission request, IReadOnlyList<ActFiles.Checked> files, CancellationToken ct, PublicFormLimit.Take? post = null)
    {
        var now = db.Clock.GetUtcNow();
        var errors = Validate(request, DateOnly.FromDateTime(now.UtcDateTime));
        if (files.Count > ActFiles.MaxFiles)
        {
            ApiValidation.Add(errors, nameof(ActSubmission.Files), "Send 3 files at most");
        }
        if (errors.Count > 0)
        {
            return WorkResult<ActReceipt>.Invalid(errors);
        }
        var code = ActReport.NewFollowUpCode();
        if (!string.IsNullOrEmpty(request.Website))
        {
            // A robot filled the field nobody sees: it is answered as a person would be, and nothing is kept.
            db.Audit(AuditActions.Create, AuditOutcomes.Denied, "act-report", detail: "refused: the hidden field was filled (an automated submission)");
            await db.SaveChangesAsync(ct);
            return WorkResult<ActReceipt>.Ok(Receipt(ActReport.NewReference(), code, request.ImmediateThreat));
        }

        var postcode = ActReferenceData.Postcode(request.Postcode) ?? "";
        string force = "", because;
        Guid unit;
        try
        {
            (force, var unitCode, because) = ActReferenceData.Route(request.Online, postcode);
            unit = await UnitIdAsync(unitCode, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Routing is a table lookup; if it ever fails the report still goes in, to the national queue.
            log.LogError(e, "An ACT report could not be routed; it goes to the national queue");
            because = "Routing failed: the national queue";
            unit = await UnitIdAsync(ActReferenceData.NationalQueue, ct);
        }
        var report = new ActReport
        {
            Reference = ActReport.NewReference(), FollowUpCodeHash = ActReport.HashCode(code), ReceivedAt = now,
            ImmediateThreat = request.ImmediateThreat, Behaviour = request.Behaviour!, BehaviourOther = ActText.Bound(request.BehaviourOther, 200),
            WhatHappened = request.WhatHappened!.Trim(), SeenOn = request.SeenOn,
            SeenAt = string.IsNullOrWhiteSpace(request.SeenAt) ? null : TimeOnly.ParseExact(request.SeenAt.Trim(), "H:mm", CultureInfo.InvariantCulture),
            Online = request.Online, Postcode = request.Online ? "" : postcode, Address = request.Online ? "" : ActText.Bound(request.Address, 500),
            PlaceDescription = ActText.Bound(request.PlaceDescription, 1000), OnlineLink = request.Online ? ActText.Bound(request.OnlineLink, 2000) : "",
            People = [.. (request.People ?? []).Where(p => p is not null && !string.IsNullOrWhiteSpace(p.Name + p.Description))
                .Select(p => new ActPerson { Name = ActText.Bound(p.Name, 200), Description = ActText.Bound(p.Description, 1000) })],
            Vehicles = [.. (request.Vehicles ?? []).Where(v => v is not null && !string.IsNullOrWhiteSpace(v.Registration + v.Make + v.Colour))
                .Select(v => new ActVehicle { Registration = ActText.Bound(v.Registration, 16).ToUpperInvariant(), Make = ActText.Bound(v.Make, 100), Colour = ActText.Bound(v.Colour, 50) })],
            AnythingElse = ActText.Bound(request.AnythingElse, 5000),
            Force = force, RoutedBecause = because, OwningUnitId = unit, State = ActState.New,
        };
        report.Note(now, "The reporter", $"Received from the public; {because}");
        ActReporterContact? reporterContact = null;
        if (request.Contact is { } contact && !string.IsNullOrWhiteSpace(contact.Name + contact.Phone + contact.Email))
        {
            report.HasContact = true;
            reporterContact = new ActReporterContact
            {
                ReportId = report.Id, Name = ActText.Bound(contact.Name, 200), Phone = ActText.Bound(contact.Phone, 40), Email = ActText.Bound(contact.Email, 254),
                OwningUnitId = unit, NeedToKnow = [new RecordGroup { GroupId = await ContactGroupAsync(unit, ct) }],
            };
        }
        var attachments = files.Select(file => new ActAttachment
        {
            ReportId = report.Id, FileName = file.FileName, ContentType = file.ContentType, Size = file.Content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content)), Content = file.Content,
        }).ToList();
        try
        {
            await arrivals.CommitAsync(new ActArrival(report, reporterContact, attachments, post), SaveArrivalsAsync);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return WorkResult<ActReceipt>.Conflict("Please send the report again.");
        }
        if (post is not null && limit.Refusal(post) is { } wait)
        {
            return WorkResult<ActReceipt>.TooMany(PublicFormLimit.TooOften(wait), wait);
        }
        processor.Arrived();
        return WorkResult<ActReceipt>.Ok(Receipt(report.Reference, code, report.ImmediateThreat));
    }

    /// <summary>Saves reports that arrived together (<see cref="ActArrivals"/>), each with its files, contact
    /// details and audit entry, in one transaction, on a unit of work of their own: the public's, anonymous, and
    /// apart from whatever the request that writes the group holds (a draft, say). The API's posts are counted
    /// against their callers' limits first, in the same transaction; a report over its limit is not saved.</summary>
    private async Task SaveArrivalsAsync(IReadOnlyList<ActArrival> group)
    {
        await using var scope = scopes.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<VigilDb>();
        await using var transaction = await writer.BeginWriteAsync(CancellationToken.None);
        if (group.Where(a => a.Post is not null).Select(a => a.Post!).ToList() is { Count: > 0 } posts)
        {
            await PublicFormLimit.CountInAsync(writer, posts);
        }
        foreach (var (report, contact, attachments, _) in group.Where(a => a.Post is null || limit.Refusal(a.Post) is null))
        {
            writer.Add(report);
            if (contact is not null)
            {
                writer.Add(contact);
            }
            writer.AddRange(attachments);
            writer.Audit(AuditActions.Create, AuditOutcomes.Success, "act-report", report.Id.ToString(),
                detail: $"{report.Reference} received from the public ({attachments.Count} files{(report.HasContact ? ", contact details given" : ", anonymous")})");
        }
        await writer.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    private static ActReceipt Receipt(string reference, string code, bool immediate) => new(reference, code,
        (immediate ? "If it is happening now, call 999 if you have not already. " : "")
        + "Thank you. Counter-terrorism police officers will look at what you told us. Keep your reference and follow-up code: with both you can add "
        + "information or answer a question from us, without giving your name.");

    /// <summary>The unit's id (the directory is cached).</summary>
    internal async Task<Guid> UnitIdAsync(string code, CancellationToken ct) =>
        (await directory.UnitsAsync(ct)).FirstOrDefault(u => u.Code == code)?.Id
            ?? throw new InvalidOperationException($"The unit {code} is not in the network's directory.");

    /// <summary>The unit's "ACT contact details" group: who alone read a reporter's contact details.</summary>
    internal async Task<Guid> ContactGroupAsync(Guid unit, CancellationToken ct) =>
        await ReportingModule.ContactGroup.FindAsync(db, unit, ct) ?? throw new InvalidOperationException("The unit has no ACT contact details group.");

    /// <summary>The report for its reporter: the reference and code must both fit, and a wrong pair answers
    /// the same whichever of them was wrong.</summary>
    private async Task<ActReport?> ForReporterAsync(ActFollowUp request, CancellationToken ct)
    {
        var key = ActReport.ReferenceKey(request.Reference);
        var reference = ActReport.FromKey(key);
        var hash = ActReport.HashCode(request.Code ?? "");
        var report = await db.Set<ActReport>().IgnoreQueryFilters().FirstOrDefaultAsync(r => r.Reference == reference, ct);
        var stored = report?.FollowUpCodeHash ?? new string('0', 64);
        var fits = CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(stored), System.Text.Encoding.ASCII.GetBytes(hash));
        return report is not null && fits ? report : null;
    }

    /// <summary>What the reporter may read back, after adding what they sent (if anything).</summary>
    public async Task<WorkResult<ActFollowUpView>> FollowUpAsync(ActFollowUp request, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(request);
        if (errors.Count > 0)
        {
            return WorkResult<ActFollowUpView>.Invalid(errors);
        }
        var report = await ForReporterAsync(request, ct);
        if (report is null)
        {
            db.Audit(AuditActions.Read, AuditOutcomes.Denied, "act-report", detail: "follow-up refused: reference and code do not fit");
            await db.SaveChangesAsync(ct);
            return WorkResult<ActFollowUpView>.Invalid(nameof(ActFollowUp.Code), UnknownReporter);
        }
        if (!string.IsNullOrWhiteSpace(request.Information))
        {
            report.Hear(request.Information.Trim(), db.Clock.GetUtcNow());
            db.Audit(AuditActions.Update, AuditOutcomes.Success, "act-report", report.Id.ToString(), detail: "the reporter added information through the follow-up code");
        }
        else
        {
            db.Audit(AuditActions.Read, AuditOutcomes.Success, "act-report", report.Id.ToString(), detail: "the reporter read the follow-up");
        }
        await db.SaveChangesAsync(ct);
        return WorkResult<ActFollowUpView>.Ok(new ActFollowUpView(report.Reference, report.ReceivedAt,
            report.State == ActState.AwaitingReporter,
            [.. report.Messages.OrderBy(m => m.At).Select(m => new ActConversationItem(m.At, m.FromReporter, m.Text))]));
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;

namespace Vigil.Web.Prevent;

/// <summary>
/// Referrals in: an officer's referral makes a case at once; a referral through the public or partner
/// form waits, labelled for the area's Prevent team, until an officer accepts or declines it. Either way,
/// a person who already has an open case is offered that case to join instead of a second one.
/// </summary>
public sealed class Referrals(VigilDb db, AccessContext access, SubjectRecords subjects, PreventCases cases)
{
    private DateTimeOffset Now => db.Clock.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
    private string Me => access.DisplayName ?? access.UserName ?? "";

    public async Task<IReadOnlyList<(string Code, string Name)>> ConcernTypesAsync(CancellationToken ct)
    {
        var scheme = await CurrentSchemeAsync(ct);
        return scheme.Types.OrderBy(t => t.Order).Select(t => (t.Code, t.Name)).ToList();
    }

    public async Task<IReadOnlyList<(string Code, string Name)>> AreasAsync(CancellationToken ct) =>
        (await db.Set<ChannelPanel>().AsNoTracking().OrderBy(p => p.LocalAuthority).ToListAsync(ct)).Select(p => (p.Code, p.LocalAuthority)).ToList();

    /// <summary>The concern scheme in force today: the latest to have taken effect.</summary>
    internal async Task<ConcernScheme> CurrentSchemeAsync(CancellationToken ct) =>
        (await db.Set<ConcernScheme>().AsNoTracking().ToListAsync(ct)).Where(s => s.EffectiveFrom <= Today).OrderByDescending(s => s.EffectiveFrom).First();

    /// <summary>An officer's referral: a new case, or (when the person has an open case) the open cases to
    /// choose from, or the referral added to the chosen one.</summary>
    public async Task<WorkResult<ReferralOutcome>> ReferAsync(ReferralRequest request, CancellationToken ct) =>
        await IntakeAsync(request, null, ct);

    private async Task<WorkResult<ReferralOutcome>> IntakeAsync(ReferralRequest request, PublicReferral? submission, CancellationToken ct)
    {
        var fromPublicForm = submission is not null;
        var receivedAt = submission?.ReceivedAt ?? Now;
        // A submission is marked as dealt with in the same save as the case it became.
        void Handled(Guid caseId)
        {
            if (submission is not null)
            {
                submission.State = SubmissionState.Accepted;
                submission.Version = Guid.NewGuid();
                submission.CaseId = caseId;
                submission.HandledAt = Now;
                submission.HandledBy = Me;
            }
        }

        if (!access.IsInRole(Roles.PreventOfficer) || access.UnitId is null)
        {
            return WorkResult<ReferralOutcome>.Forbidden("Only a Prevent officer may record a referral here; anyone else can use the public referral form.");
        }
        var (panel, scheme, errors) = await ValidateAsync(request, ct);
        if (errors.Count > 0)
        {
            return WorkResult<ReferralOutcome>.Invalid(errors);
        }
        if (panel!.UnitId != access.UnitId)
        {
            return WorkResult<ReferralOutcome>.Invalid(nameof(ReferralRequest.Panel), "That area is served by another unit's Prevent team: refer it to them");
        }
        var team = await db.Set<PreventTeam>().AsNoTracking().FirstOrDefaultAsync(t => t.UnitId == panel.UnitId, ct);
        if (team is null || !access.GroupIds.Contains(team.GroupId))
        {
            return WorkResult<ReferralOutcome>.Forbidden("You are not in your unit's Prevent team group; ask an administrator to add you.");
        }

        var open = await OpenCasesFor(request, ct);
        if (request.JoinCase is { } joinId)
        {
            // Only a case offered for this person may be joined: never attach a referral to someone else.
            var target = open.Any(o => o.Id == joinId) ? await cases.FindAsync(joinId, ct) : null;
            if (target is null || !target.IsOpen)
            {
                return WorkResult<ReferralOutcome>.Invalid(nameof(ReferralRequest.JoinCase), "Choose one of the open cases offered for this person");
            }
            target.Referrals.Add(ToReferral(request, scheme!, fromPublicForm, receivedAt));
            target.Record(Now, Me, "Further referral joined", $"from {PreventNames.Display(request.Sector!.Value)}: {request.WhatPrompted!.Trim()}");
            Handled(target.Id);
            await db.SaveChangesAsync(ct);
            return WorkResult<ReferralOutcome>.Ok(new ReferralOutcome(await cases.ToDtoAsync(target, ct), true, []));
        }
        if (open.Count > 0 && !request.NotTheSamePerson)
        {
            db.Audit(AuditActions.DuplicateOffered, AuditOutcomes.Success, "prevent-case", detail: $"referral matched open case(s) {string.Join(",", open.Select(o => o.Reference))}");
            await db.SaveChangesAsync(ct);
            return WorkResult<ReferralOutcome>.Ok(new ReferralOutcome(null, false, open));
        }

        // The person, the case and their audit entries are saved together or not at all.
        await using var transaction = await db.BeginWriteAsync(ct);
        var creation = await subjects.CreateAsync(new SubjectRequest
        {
            GivenName = request.GivenName, Surname = request.Surname, DateOfBirth = request.DateOfBirth, Gender = request.Gender ?? Gender.NotKnown,
            DateOfBirthAccuracy = request.DateOfBirth is null ? null : DateOfBirthAccuracy.Exact,
            Summary = "The subject of a Prevent referral (safeguarding).",
            Classification = Classification.Official, OfficialSensitive = true, NeedToKnowGroups = [team.GroupId],
            Addresses = string.IsNullOrWhiteSpace(request.Address) && string.IsNullOrWhiteSpace(request.Postcode) ? null
                : [new AddressDetail(null, string.IsNullOrWhiteSpace(request.Address) ? request.Postcode!.Trim() : request.Address.Trim(), request.Postcode?.Trim(), Source: "Prevent referral")],
            AcknowledgedCandidates = true,
        }, ct);
        if (creation.Value?.Created is not { } person)
        {
            return creation.As<ReferralOutcome>();
        }
        var year = receivedAt.Year;
        // A random number, not the next in a sequence; drawn again in the rare case the year already has it.
        var number = PreventCase.RandomNumber();
        while (await db.Set<PreventCase>().IgnoreQueryFilters().AnyAsync(c => c.Year == year && c.Number == number, ct))
        {
            number = PreventCase.RandomNumber();
        }
        var age = request.DateOfBirth is { } dob ? AgeOn(dob, DateOnly.FromDateTime(receivedAt.UtcDateTime)) : (int?)null;
        var created = new PreventCase
        {
            Reference = PreventCase.ReferenceFor(year, number), Year = year, Number = number,
            SubjectId = person.Id, PanelId = panel.Id, AgeAtReferral = age, Gender = request.Gender ?? Gender.NotKnown,
            ReferredAt = receivedAt, Sector = request.Sector!.Value, ConcernScheme = scheme!.Code, ConcernCode = request.ConcernType!,
            Stage = PreventStage.Gateway, GatewayDue = DateOnly.FromDateTime(receivedAt.UtcDateTime).AddDays(PreventCases.GatewayTargetDays),
            Referrals = [ToReferral(request, scheme, fromPublicForm, receivedAt)],
            Classification = Classification.Official, OfficialSensitive = true, OwningUnitId = panel.UnitId,
            NeedToKnow = [new RecordGroup { GroupId = team.GroupId }],
        };
        created.Record(Now, Me, fromPublicForm ? "Referral accepted from the public form" : "Referral recorded",
            $"from {PreventNames.Display(request.Sector!.Value)}; {(created.IsChild ? "a child" : age is null ? "age not known" : "an adult")}; gateway due {created.GatewayDue:d MMMM yyyy}");
        db.Add(created);
        Handled(created.Id);
        if (!await db.SaveNewAsync(created, ct))
        {
            return WorkResult<ReferralOutcome>.Conflict("Another referral took that case reference at the same moment; send it again.");
        }
        await transaction.CommitAsync(ct);
        return WorkResult<ReferralOutcome>.Ok(new ReferralOutcome(await cases.ToDtoAsync(created, ct), false, []));
    }

    public static int AgeOn(DateOnly dob, DateOnly on) => on.Year - dob.Year - (on < dob.AddYears(on.Year - dob.Year) ? 1 : 0);

    private Referral ToReferral(ReferralRequest r, ConcernScheme scheme, bool fromPublicForm, DateTimeOffset receivedAt) => new()
    {
        ReceivedAt = receivedAt, Sector = r.Sector!.Value, FromPublicForm = fromPublicForm, ReferrerName = r.ReferrerName!.Trim(),
        ReferrerOrganisation = r.ReferrerOrganisation?.Trim() ?? "", ReferrerRole = r.ReferrerRole?.Trim() ?? "", ReferrerContact = r.ReferrerContact?.Trim() ?? "",
        ConcernScheme = scheme.Code, ConcernCode = r.ConcernType!, WhatPrompted = r.WhatPrompted!.Trim(), RecordedBy = Me,
    };

    private async Task<(ChannelPanel? Panel, ConcernScheme? Scheme, Dictionary<string, string[]> Errors)> ValidateAsync(ReferralRequest request, CancellationToken ct)
    {
        var errors = ApiValidation.Validate(request);
        if (request.DateOfBirth is { } dob && dob > Today)
        {
            ApiValidation.Add(errors, nameof(ReferralRequest.DateOfBirth), "Date of birth must be in the past");
        }
        else if (request.DateOfBirth is { } old && old < Today.AddYears(-120))
        {
            ApiValidation.Add(errors, nameof(ReferralRequest.DateOfBirth), "Date of birth must be within the last 120 years");
        }
        var panel = request.Panel is null ? null : await db.Set<ChannelPanel>().AsNoTracking().FirstOrDefaultAsync(p => p.Code == request.Panel, ct);
        if (request.Panel is not null && panel is null)
        {
            ApiValidation.Add(errors, nameof(ReferralRequest.Panel), "Choose a local authority area from the list");
        }
        var scheme = await CurrentSchemeAsync(ct);
        if (request.ConcernType is not null && scheme.Types.All(t => t.Code != request.ConcernType))
        {
            ApiValidation.Add(errors, nameof(ReferralRequest.ConcernType), "Choose a type of concern from the list");
        }
        return (panel, scheme, errors);
    }

    /// <summary>Open cases the user can see whose person has the same name and (where both are known) date of birth.</summary>
    private async Task<List<OpenCaseMatch>> OpenCasesFor(ReferralRequest request, CancellationToken ct)
    {
        var given = request.GivenName!.Trim().ToLower();
        var surname = request.Surname!.Trim().ToLower();
        var dob = request.DateOfBirth;
        var people = db.Set<Subject>().AsNoTracking().Where(s => s.Surname.ToLower() == surname && s.GivenName.ToLower() == given && (dob == null || s.DateOfBirth == null || s.DateOfBirth == dob));
        return await db.Set<PreventCase>().AsNoTracking().Where(c => c.Stage != PreventStage.Closed)
            .Join(people, c => c.SubjectId, s => s.Id, (c, s) => new OpenCaseMatch(c.Id, c.Reference, s.GivenName + " " + s.Surname, s.DateOfBirth, c.Stage, c.ReferredAt))
            .ToListAsync(ct);
    }

    // ---- The public and partner form ----

    /// <summary>Anyone may send a referral; they get a reference and can read nothing back. The record is
    /// labelled for the area's Prevent team and waits in its new-referrals queue.</summary>
    public async Task<WorkResult<SubmissionReceipt>> SubmitAsync(ReferralRequest request, CancellationToken ct)
    {
        var (panel, scheme, errors) = await ValidateAsync(request, ct);
        if (string.IsNullOrWhiteSpace(request.ReferrerContact))
        {
            ApiValidation.Add(errors, nameof(ReferralRequest.ReferrerContact), "Enter a phone number or e-mail address so the Prevent team can contact you");
        }
        else if (request.ReferrerContact.Trim() is var contact && contact.Contains('@', StringComparison.Ordinal) && !ApiValidation.LooksLikeEmail(contact))
        {
            ApiValidation.Add(errors, nameof(ReferralRequest.ReferrerContact), "Enter an e-mail address in the correct format, like name@example.org, or a phone number");
        }
        var team = panel is null ? null : await db.Set<PreventTeam>().AsNoTracking().FirstOrDefaultAsync(t => t.UnitId == panel.UnitId, ct);
        if (panel is not null && team is null)
        {
            ApiValidation.Add(errors, nameof(ReferralRequest.Panel), "Choose a local authority area from the list");
        }
        if (errors.Count > 0)
        {
            return WorkResult<SubmissionReceipt>.Invalid(errors);
        }
        var submission = new PublicReferral
        {
            Reference = "R-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)), ReceivedAt = Now, PanelId = panel!.Id,
            Sector = request.Sector!.Value, ReferrerName = request.ReferrerName!.Trim(), ReferrerOrganisation = request.ReferrerOrganisation?.Trim() ?? "",
            ReferrerRole = request.ReferrerRole?.Trim() ?? "", ReferrerContact = request.ReferrerContact!.Trim(),
            GivenName = request.GivenName!.Trim(), Surname = request.Surname!.Trim(), DateOfBirth = request.DateOfBirth, Gender = request.Gender ?? Gender.NotKnown,
            Address = request.Address?.Trim() ?? "", Postcode = request.Postcode?.Trim().ToUpperInvariant() ?? "",
            ConcernScheme = scheme!.Code, ConcernCode = request.ConcernType!, WhatPrompted = request.WhatPrompted!.Trim(),
            Classification = Classification.Official, OfficialSensitive = true, OwningUnitId = panel.UnitId,
            NeedToKnow = [new RecordGroup { GroupId = team!.GroupId }],
        };
        db.Add(submission);
        if (!await db.SaveNewAsync(submission, ct))
        {
            return WorkResult<SubmissionReceipt>.Conflict("Please send the form again.");
        }
        return WorkResult<SubmissionReceipt>.Ok(new SubmissionReceipt(submission.Reference,
            $"Thank you. Your referral has been sent to the Prevent team for {panel.LocalAuthority}. Quote {submission.Reference} if you contact them. If someone is in immediate danger, call 999."));
    }

    public async Task<IReadOnlyList<SubmissionDto>> NewSubmissionsAsync(CancellationToken ct)
    {
        var rows = await db.Set<PublicReferral>().AsNoTracking().Where(r => r.State == SubmissionState.New).OrderBy(r => r.ReceivedAt).Take(500).ToListAsync(ct);
        db.Audit(AuditActions.Search, AuditOutcomes.Success, "prevent-submission", detail: $"new referrals: {string.Join(",", rows.Select(r => r.Reference))}");
        await db.SaveChangesAsync(ct);
        return await ToDtosAsync(rows, ct);
    }

    public async Task<SubmissionDto?> SubmissionAsync(Guid id, CancellationToken ct)
    {
        var row = await FindSubmissionAsync(id, track: false, ct);
        if (row is null)
        {
            return null;
        }
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "prevent-submission", id.ToString());
        await db.SaveChangesAsync(ct);
        return (await ToDtosAsync([row], ct))[0];
    }

    /// <summary>Accepts a submission as a case (or into the person's open case): the same rules as an
    /// officer's referral, with the submission's own date.</summary>
    public async Task<WorkResult<ReferralOutcome>> AcceptAsync(Guid id, bool notTheSamePerson, Guid? joinCase, CancellationToken ct)
    {
        var row = await FindSubmissionAsync(id, track: true, ct);
        if (row is null)
        {
            return WorkResult<ReferralOutcome>.Missing();
        }
        if (row.State is not SubmissionState.New)
        {
            return WorkResult<ReferralOutcome>.Conflict("This referral has already been dealt with.");
        }
        var panel = await db.Set<ChannelPanel>().AsNoTracking().FirstAsync(p => p.Id == row.PanelId, ct);
        var request = new ReferralRequest
        {
            Panel = panel.Code, Sector = row.Sector, ReferrerName = row.ReferrerName, ReferrerOrganisation = row.ReferrerOrganisation, ReferrerRole = row.ReferrerRole,
            ReferrerContact = row.ReferrerContact, GivenName = row.GivenName, Surname = row.Surname, DateOfBirth = row.DateOfBirth, Gender = row.Gender,
            Address = row.Address, Postcode = row.Postcode, ConcernType = row.ConcernCode, WhatPrompted = row.WhatPrompted,
            JoinCase = joinCase, NotTheSamePerson = notTheSamePerson,
        };
        return await IntakeAsync(request, row, ct);
    }

    public async Task<WorkResult<SubmissionDto>> DeclineAsync(Guid id, DeclineSubmission request, CancellationToken ct)
    {
        var row = await FindSubmissionAsync(id, track: true, ct);
        if (row is null)
        {
            return WorkResult<SubmissionDto>.Missing();
        }
        var errors = ApiValidation.Validate(request);
        if (errors.Count > 0)
        {
            return WorkResult<SubmissionDto>.Invalid(errors);
        }
        if (!access.IsInRole(Roles.PreventOfficer))
        {
            return WorkResult<SubmissionDto>.Forbidden("Only a Prevent officer may decline a referral.");
        }
        if (row.State is not SubmissionState.New)
        {
            return WorkResult<SubmissionDto>.Conflict("This referral has already been dealt with.");
        }
        row.State = SubmissionState.Declined;
        row.Version = Guid.NewGuid();
        row.DeclineReason = request.Reason!.Trim();
        row.HandledAt = Now;
        row.HandledBy = Me;
        await db.SaveChangesAsync(ct);
        return WorkResult<SubmissionDto>.Ok((await ToDtosAsync([row], ct))[0]);
    }

    private Task<PublicReferral?> FindSubmissionAsync(Guid id, bool track, CancellationToken ct) => db.FindVisibleAsync<PublicReferral>(id, "prevent-submission", track, ct);

    private async Task<List<SubmissionDto>> ToDtosAsync(IReadOnlyList<PublicReferral> rows, CancellationToken ct)
    {
        var panels = await cases.PanelNamesAsync(ct);
        var concerns = await cases.ConcernNamesAsync(ct);
        var caseIds = rows.Where(r => r.CaseId is not null).Select(r => r.CaseId!.Value).ToList();
        var refs = await db.Set<PreventCase>().AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Reference, ct);
        return rows.Select(r => new SubmissionDto(r.Id, r.Reference, r.ReceivedAt, panels.GetValueOrDefault(r.PanelId, ""), r.Sector, r.ReferrerName, r.ReferrerOrganisation,
            r.ReferrerRole, r.ReferrerContact, r.GivenName, r.Surname, r.DateOfBirth, r.Gender, r.Address, r.Postcode,
            concerns.GetValueOrDefault((r.ConcernScheme, r.ConcernCode), r.ConcernCode), r.WhatPrompted, r.State,
            r.CaseId, r.CaseId is { } cid ? refs.GetValueOrDefault(cid) : null, r.DeclineReason)).ToList();
    }

    private static Results<Created<ReferralOutcome>, Ok<ReferralOutcome>, NotFound, ValidationProblem, Refused> Referred(WorkResult<ReferralOutcome> result) => result switch
    {
        { Status: WorkStatus.Done, Value.Case: null } => Refused.Conflict("Send the referral again with joinCase set to add it to that case, or with notTheSamePerson true if it is someone else.",
            "This person already has an open Prevent case", new Dictionary<string, object?> { ["openCases"] = result.Value.OpenCases }),
        { Status: WorkStatus.Done, Value.Joined: true } => TypedResults.Ok(result.Value),
        { Status: WorkStatus.Done } => TypedResults.Created($"/api/v1/prevent/cases/{result.Value!.Case!.Id}", result.Value),
        { Status: WorkStatus.Invalid } => TypedResults.ValidationProblem(result.Errors),
        { Status: WorkStatus.NotFound } => TypedResults.NotFound(),
        _ => Refused.From(result),
    };

    internal static void Map(IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        // The public and partner referral form: anyone may send one, nobody can read one back this way.
        app.MapPost("/api/v1/prevent/public-referrals", async (ReferralRequest request, Referrals referrals, CancellationToken ct) =>
                (await referrals.SubmitAsync(request, ct)).Answer(r => TypedResults.Accepted((string?)null, r)))
            .AllowAnonymous().WithMetadata(new PublicFormLimitAttribute()).WithTags("Prevent").ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("The public and partner referral form: anyone may send a referral; nobody can read one back this way");
        app.MapGet("/api/v1/prevent/areas", async (Referrals referrals, CancellationToken ct) =>
                TypedResults.Ok((await referrals.AreasAsync(ct)).Select(a => new { a.Code, a.Name })))
            .AllowAnonymous().WithTags("Prevent")
            .WithSummary("The local authority areas a referral can be made for (anyone)");
        app.MapGet("/api/v1/prevent/concern-types", async (Referrals referrals, CancellationToken ct) =>
                TypedResults.Ok((await referrals.ConcernTypesAsync(ct)).Select(a => new { a.Code, a.Name })))
            .AllowAnonymous().WithTags("Prevent")
            .WithSummary("The types of concern a referral can name (anyone)");


        api.MapPost("/referrals", async (ReferralRequest request, Referrals referrals, CancellationToken ct) => Referred(await referrals.ReferAsync(request, ct)))
            .WithSummary("An officer's referral: a new case, or 409 with the person's open cases to join");
        api.MapGet("/submissions", async (Referrals referrals, CancellationToken ct) => TypedResults.Ok(await referrals.NewSubmissionsAsync(ct)))
            .WithSummary("Referrals from the public and partner form waiting to be accepted or declined");
        api.MapGet("/submissions/{id:guid}", (Guid id, Referrals referrals, CancellationToken ct) => referrals.SubmissionAsync(id, ct).AsFound())
            .WithSummary("One submission from the public and partner form");
        api.MapPost("/submissions/{id:guid}/accept", async (Guid id, AcceptSubmission request, Referrals referrals, CancellationToken ct) =>
            Referred(await referrals.AcceptAsync(id, request.NotTheSamePerson, request.JoinCase, ct)))
            .WithSummary("Accept a submission as a new case or into the person's open case");
        api.MapPost("/submissions/{id:guid}/decline", (Guid id, DeclineSubmission request, Referrals referrals, CancellationToken ct) =>
            referrals.DeclineAsync(id, request, ct).AsOk())
            .WithSummary("Decline a submission, with the reason");
    }
}

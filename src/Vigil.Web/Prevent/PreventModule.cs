using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Prevent;

/// <summary>Prevent: safeguarding referrals, the police gateway, Channel panels, consent, support, exit,
/// reviews and the official statistics. Services and the API under /api/v1/prevent; pages in Prevent/Pages.</summary>
public static class PreventModule
{
    /// <summary>The roles that work Prevent cases: the police Prevent officers and the panels' members.</summary>
    public static readonly string[] CaseRoles = [Roles.PreventOfficer, Roles.ChannelPanelMember];

    public static WebApplicationBuilder AddPrevent(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddScoped<PreventCases>()
            .AddScoped<Referrals>()
            .AddScoped<ChannelPanels>()
            .AddScoped<PreventStatistics>()
            .AddScoped<Subjects.Deconfliction.ISubjectInvolvement, PreventInvolvement>()
            .AddScoped<ISeed, PreventReferenceSeed>()
            .AddScoped<ISeed, PreventDemoSeed>()
            .AddNavigation("/prevent", "Prevent", 30, a => CaseRoles.Any(a.IsInRole))
            .AddHomePanel<Pages.PreventHomePanel, PreventCases, PreventWorkDue>(20, (cases, ct) => cases.WorkDueAsync(ct), a => CaseRoles.Any(a.IsInRole));
        return builder;
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

    public static IEndpointRouteBuilder MapPrevent(this IEndpointRouteBuilder app)
    {
        // The public and partner referral form: anyone may send one, nobody can read one back this way.
        app.MapPost("/api/v1/prevent/public-referrals", async (ReferralRequest request, Referrals referrals, CancellationToken ct) =>
                (await referrals.SubmitAsync(request, ct)).Answer(r => TypedResults.Accepted((string?)null, r)))
            .AllowAnonymous().WithMetadata(new PublicFormLimitAttribute()).WithTags("Prevent").ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("The public and partner referral form: anyone may send a referral; nobody can read one back this way");
        app.MapGet("/api/v1/prevent/areas", async (Referrals referrals, CancellationToken ct) =>
                TypedResults.Ok((await referrals.AreasAsync(ct)).Select(a => new { a.Code, a.Name })))
            .AllowAnonymous().WithTags("Prevent");
        app.MapGet("/api/v1/prevent/concern-types", async (Referrals referrals, CancellationToken ct) =>
                TypedResults.Ok((await referrals.ConcernTypesAsync(ct)).Select(a => new { a.Code, a.Name })))
            .AllowAnonymous().WithTags("Prevent");

        var api = app.MapGroup("/api/v1/prevent").RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(CaseRoles)).WithTags("Prevent");

        api.MapPost("/referrals", async (ReferralRequest request, Referrals referrals, CancellationToken ct) => Referred(await referrals.ReferAsync(request, ct)));
        api.MapGet("/submissions", async (Referrals referrals, CancellationToken ct) => TypedResults.Ok(await referrals.NewSubmissionsAsync(ct)));
        api.MapGet("/submissions/{id:guid}", (Guid id, Referrals referrals, CancellationToken ct) => referrals.SubmissionAsync(id, ct).AsFound());
        api.MapPost("/submissions/{id:guid}/accept", async (Guid id, AcceptSubmission request, Referrals referrals, CancellationToken ct) =>
            Referred(await referrals.AcceptAsync(id, request.NotTheSamePerson, request.JoinCase, ct)));
        api.MapPost("/submissions/{id:guid}/decline", (Guid id, DeclineSubmission request, Referrals referrals, CancellationToken ct) =>
            referrals.DeclineAsync(id, request, ct).AsOk());

        api.MapGet("/cases", async Task<Results<Ok<Paged<PreventCaseListItem>>, ValidationProblem>> ([AsParameters] CaseQuery q, PreventCases cases, CancellationToken ct) =>
            ApiValidation.IsNamed(q.Stage) && ApiValidation.IsNamed(q.Sort) ? TypedResults.Ok(await cases.ListAsync(q.ToFilter(), ct))
                : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["stage"] = ["Choose a stage and a sort order from the list"] }))
            .WithSummary("The Prevent cases you may see, filtered by stage, panel or name, sorted and paged");
        api.MapGet("/cases/{id:guid}", (Guid id, PreventCases cases, CancellationToken ct) => cases.ReadAsync(id, ct).AsFound())
            .WithSummary("One Prevent case from the referral to the reviews after exit");
        api.MapPost("/cases/{id:guid}/deconfliction", (Guid id, PreventCases cases, CancellationToken ct) => cases.DeconflictAsync(id, ct).AsOk())
            .WithSummary("Run the network-wide deconfliction check for the gateway (police only; what it found stays police-only)");
        api.MapPost("/cases/{id:guid}/gateway", (Guid id, GatewayRequest request, PreventCases cases, CancellationToken ct) => cases.GatewayAsync(id, request, ct).AsOk())
            .WithSummary("Record the gateway outcome: no further action, signposted, or referred to the Channel panel (police only)");
        api.MapPost("/cases/{id:guid}/information", (Guid id, PartnerInformationRequest request, PreventCases cases, CancellationToken ct) => cases.AddInformationAsync(id, request, ct).AsOk())
            .WithSummary("Record what a partner agency told the panel");
        api.MapPost("/cases/{id:guid}/assessments", (Guid id, AssessmentRequest request, PreventCases cases, CancellationToken ct) => cases.AssessAsync(id, request, ct).AsOk())
            .WithSummary("Record the vulnerability assessment: one human judgement per factor of the framework, never a score");
        api.MapPost("/cases/{id:guid}/consent", (Guid id, ConsentRequest request, PreventCases cases, CancellationToken ct) => cases.ConsentAsync(id, request, ct).AsOk())
            .WithSummary("Record consent given or refused, by whom and how (a parent or guardian for a child)");
        api.MapPost("/cases/{id:guid}/decisions", (Guid id, DecisionRequest request, PreventCases cases, CancellationToken ct) => cases.DecideAsync(id, request, ct).AsOk())
            .WithSummary("Record the panel's decision at a meeting: adopt, not adopt (with the alternative support) or continue");
        api.MapPost("/cases/{id:guid}/interventions", (Guid id, InterventionRequest request, PreventCases cases, CancellationToken ct) => cases.AddInterventionAsync(id, request, ct).AsOk())
            .WithSummary("Add support to the plan (needs consent); the first sets the progress review");
        api.MapPost("/cases/{id:guid}/review-interval", (Guid id, ReviewIntervalRequest request, PreventCases cases, CancellationToken ct) => cases.SetReviewIntervalAsync(id, request, ct).AsOk())
            .WithSummary("Set how often progress is reviewed (7 to 91 days)");
        api.MapPost("/cases/{id:guid}/reviews/{reviewId:guid}", (Guid id, Guid reviewId, CompleteReviewRequest request, PreventCases cases, CancellationToken ct) => cases.CompleteReviewAsync(id, reviewId, request, ct).AsOk())
            .WithSummary("Record a review: progress, or the 6- and 12-month reviews after exit");
        api.MapPost("/cases/{id:guid}/exit", (Guid id, ExitRequest request, PreventCases cases, CancellationToken ct) => cases.ExitAsync(id, request, ct).AsOk())
            .WithSummary("Record that the person left Channel, with the reason; the 6- and 12-month reviews are set");
        api.MapPost("/cases/{id:guid}/reopen", (Guid id, ReasonRequest request, PreventCases cases, CancellationToken ct) => cases.ReopenAsync(id, request, ct).AsOk())
            .WithSummary("Re-open a closed or exited case: back to the panel, or to the police gateway");
        api.MapPost("/cases/{id:guid}/withdraw", (Guid id, ReasonRequest request, PreventCases cases, CancellationToken ct) => cases.WithdrawAsync(id, request, ct).AsOk())
            .WithSummary("Withdraw the case at any stage, with the reason");

        api.MapGet("/queues/assessments-due", async (PreventCases cases, CancellationToken ct) => TypedResults.Ok(await cases.AssessmentsDueAsync(ct)));
        api.MapGet("/queues/reviews-due", async (int? withinDays, PreventCases cases, CancellationToken ct) => TypedResults.Ok(await cases.ReviewsDueAsync(withinDays ?? 14, ct)));

        api.MapGet("/panels", async (ChannelPanels panels, CancellationToken ct) => TypedResults.Ok(await panels.ListAsync(ct)));
        api.MapPost("/panels", (PanelRequest request, ChannelPanels panels, CancellationToken ct) =>
            panels.CreateAsync(request, ct).AsCreated(p => $"/api/v1/prevent/panels/{p.Code}"));
        api.MapGet("/panels/{code}", (string code, ChannelPanels panels, CancellationToken ct) => panels.ReadAsync(code, ct).AsFound());
        api.MapGet("/panels/{code}/agenda", (string code, PreventCases cases, CancellationToken ct) => cases.AgendaAsync(code, ct).AsFound());
        api.MapPost("/panels/{code}/members", (string code, PanelMemberRequest request, ChannelPanels panels, CancellationToken ct) => panels.AddMemberAsync(code, request, ct).AsOk());
        api.MapDelete("/panels/{code}/members/{userId:guid}", (string code, Guid userId, ChannelPanels panels, CancellationToken ct) => panels.RemoveMemberAsync(code, userId, ct).AsOk());
        api.MapGet("/panels/{code}/meetings", (string code, ChannelPanels panels, CancellationToken ct) => panels.MeetingsAsync(code, ct).AsFound());
        api.MapPost("/panels/{code}/meetings", (string code, MeetingRequest request, ChannelPanels panels, CancellationToken ct) =>
            panels.AddMeetingAsync(code, request, ct).AsCreated(m => $"/api/v1/prevent/panels/{code}/meetings/{m.Id}"));
        api.MapGet("/panels/{code}/meetings/{id:guid}", (string code, Guid id, ChannelPanels panels, CancellationToken ct) => panels.MeetingAsync(code, id, ct).AsFound());
        app.MapPreventStatistics();
        return app;
    }
}

public sealed record AcceptSubmission(bool NotTheSamePerson = false, Guid? JoinCase = null);

public sealed record CaseQuery(PreventStage? Stage, string? Panel, bool? IncludeClosed, string? Name, CaseSort? Sort, bool? Descending, int? Page, int? PageSize)
{
    public CaseFilter ToFilter() => new(Stage, Panel, IncludeClosed ?? false, Name, Sort ?? CaseSort.Referred, Descending ?? true, Page, PageSize);
}

public static class PreventNames
{
    public static string Display(ReferrerSector s) => s switch
    {
        ReferrerSector.LocalAuthority => "Local authority",
        ReferrerSector.FriendsAndFamily => "Friends and family",
        _ => s.ToString(),
    };

    public static string Display(PreventStage s) => s switch
    {
        PreventStage.Gateway => "Gateway assessment",
        PreventStage.Panel => "Channel panel",
        PreventStage.Support => "Channel support",
        PreventStage.Exited => "Left Channel",
        _ => "Closed",
    };

    public static string Display(CaseClosure c) => c switch
    {
        CaseClosure.NoFurtherAction => "No further action",
        CaseClosure.Signposted => "Signposted to other services",
        CaseClosure.NotAdopted => "Not adopted by the panel",
        CaseClosure.Withdrawn => "Withdrawn",
        _ => "Reviews complete",
    };

    public static string Display(GatewayOutcome o) => o switch
    {
        GatewayOutcome.NoFurtherAction => "No further action",
        GatewayOutcome.Signposted => "Signposted to other services",
        _ => "Referred to the Channel panel",
    };

    public static string Display(VulnerabilityFinding f) => f switch
    {
        VulnerabilityFinding.ClearVulnerability => "Clear vulnerability",
        VulnerabilityFinding.PossibleVulnerability => "Possible vulnerability, limited information",
        _ => "Not appropriate for Channel",
    };

    public static string Display(PanelDecision d) => d switch
    {
        PanelDecision.Adopt => "Adopted as a Channel case",
        PanelDecision.NotAdopt => "Not adopted",
        _ => "Continue",
    };

    public static string Display(ConsentGiver g) => g == ConsentGiver.Person ? "the person" : "parent or guardian";

    public static string Display(ConsentMethod m) => m switch
    {
        ConsentMethod.InPerson => "in person",
        ConsentMethod.VideoCall => "by video call",
        ConsentMethod.Email => "by e-mail",
        ConsentMethod.Letter => "by letter",
        _ => "by telephone",
    };

    public static string Display(Judgement j) => j switch
    {
        Judgement.NotPresent => "Not present",
        Judgement.StronglyPresent => "Strongly present",
        Judgement.NotKnown => "Not known",
        _ => "Present",
    };

    public static string Display(InterventionType t) => t switch
    {
        InterventionType.InterventionProvider => "Intervention provider (mentor)",
        InterventionType.FamilySupport => "Family support",
        InterventionType.Diversionary => "Diversionary activity",
        _ => t.ToString(),
    };

    public static string Display(ReviewKind k) => k switch
    {
        ReviewKind.SixMonth => "6-month",
        ReviewKind.TwelveMonth => "12-month",
        _ => "Progress",
    };
}

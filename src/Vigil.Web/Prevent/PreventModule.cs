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

    private static IResult Referred(WorkResult<ReferralOutcome> result) => WorkResults.Answer(result, o => o.Case is { } made
        ? o.Joined ? TypedResults.Ok(o) : TypedResults.Created($"/api/v1/prevent/cases/{made.Id}", o)
        : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This person already has an open Prevent case",
            detail: "Send the referral again with joinCase set to add it to that case, or with notTheSamePerson true if it is someone else.",
            extensions: new Dictionary<string, object?> { ["openCases"] = o.OpenCases }));

    public static IEndpointRouteBuilder MapPrevent(this IEndpointRouteBuilder app)
    {
        // The public and partner referral form: anyone may send one, nobody can read one back this way.
        app.MapPost("/api/v1/prevent/public-referrals", async (ReferralRequest request, Referrals referrals, CancellationToken ct) =>
                WorkResults.Answer(await referrals.SubmitAsync(request, ct), r => TypedResults.Accepted((string?)null, r)))
            .AllowAnonymous().WithMetadata(new PublicFormLimitAttribute()).WithTags("Prevent");
        app.MapGet("/api/v1/prevent/areas", async (Referrals referrals, CancellationToken ct) =>
                TypedResults.Ok((await referrals.AreasAsync(ct)).Select(a => new { a.Code, a.Name })))
            .AllowAnonymous().WithTags("Prevent");
        app.MapGet("/api/v1/prevent/concern-types", async (Referrals referrals, CancellationToken ct) =>
                TypedResults.Ok((await referrals.ConcernTypesAsync(ct)).Select(a => new { a.Code, a.Name })))
            .AllowAnonymous().WithTags("Prevent");

        var api = app.MapGroup("/api/v1/prevent").RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(CaseRoles)).WithTags("Prevent");

        api.MapPost("/referrals", async (ReferralRequest request, Referrals referrals, CancellationToken ct) => Referred(await referrals.ReferAsync(request, ct)));
        api.MapGet("/submissions", async (Referrals referrals, CancellationToken ct) => TypedResults.Ok(await referrals.NewSubmissionsAsync(ct)));
        api.MapGet("/submissions/{id:guid}", async (Guid id, Referrals referrals, CancellationToken ct) => WorkResults.Found(await referrals.SubmissionAsync(id, ct)));
        api.MapPost("/submissions/{id:guid}/accept", async (Guid id, AcceptSubmission request, Referrals referrals, CancellationToken ct) =>
            Referred(await referrals.AcceptAsync(id, request.NotTheSamePerson, request.JoinCase, ct)));
        api.MapPost("/submissions/{id:guid}/decline", async (Guid id, DeclineSubmission request, Referrals referrals, CancellationToken ct) =>
            WorkResults.Answer(await referrals.DeclineAsync(id, request, ct), TypedResults.Ok));

        api.MapGet("/cases", async ([AsParameters] CaseQuery q, PreventCases cases, CancellationToken ct) =>
            ApiValidation.IsNamed(q.Stage) && ApiValidation.IsNamed(q.Sort) ? TypedResults.Ok(await cases.ListAsync(q.ToFilter(), ct))
                : (IResult)TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["stage"] = ["Choose a stage and a sort order from the list"] }));
        api.MapGet("/cases/{id:guid}", async (Guid id, PreventCases cases, CancellationToken ct) => WorkResults.Found(await cases.ReadAsync(id, ct)));
        api.MapPost("/cases/{id:guid}/deconfliction", async (Guid id, PreventCases cases, CancellationToken ct) => WorkResults.Answer(await cases.DeconflictAsync(id, ct), TypedResults.Ok));
        api.MapPost("/cases/{id:guid}/gateway", async (Guid id, GatewayRequest request, PreventCases cases, CancellationToken ct) => WorkResults.Answer(await cases.GatewayAsync(id, request, ct), TypedResults.Ok));
        api.MapPost("/cases/{id:guid}/information", async (Guid id, PartnerInformationRequest request, PreventCases cases, CancellationToken ct) => WorkResults.Answer(await cases.AddInformationAsync(id, request, ct), TypedResults.Ok));
        api.MapPost("/cases/{id:guid}/assessments", async (Guid id, AssessmentRequest request, PreventCases cases, CancellationToken ct) => WorkResults.Answer(await cases.AssessAsync(id, request, ct), TypedResults.Ok));
        api.MapPost("/cases/{id:guid}/consent", async (Guid id, ConsentRequest request, PreventCases cases, CancellationToken ct) => WorkResults.Answer(await cases.ConsentAsync(id, request, ct), TypedResults.Ok));
        api.MapPost("/cases/{id:guid}/decisions", async (Guid id, DecisionRequest request, PreventCases cases, CancellationToken ct) => WorkResults.Answer(await cases.DecideAsync(id, request, ct), TypedResults.Ok));
        api.MapPost("/cases/{id:guid}/interventions", async (Guid id, InterventionRequest request, PreventCases cases, CancellationToken ct) => WorkResults.Answer(await cases.AddInterventionAsync(id, request, ct), TypedResults.Ok));
        api.MapPost("/cases/{id:guid}/review-interval", async (Guid id, ReviewIntervalRequest request, PreventCases cases, CancellationToken ct) => WorkResults.Answer(await cases.SetReviewIntervalAsync(id, request, ct), TypedResults.Ok));
        api.MapPost("/cases/{id:guid}/reviews/{reviewId:guid}", async (Guid id, Guid reviewId, CompleteReviewRequest request, PreventCases cases, CancellationToken ct) => WorkResults.Answer(await cases.CompleteReviewAsync(id, reviewId, request, ct), TypedResults.Ok));
        api.MapPost("/cases/{id:guid}/exit", async (Guid id, ExitRequest request, PreventCases cases, CancellationToken ct) => WorkResults.Answer(await cases.ExitAsync(id, request, ct), TypedResults.Ok));
        api.MapPost("/cases/{id:guid}/reopen", async (Guid id, ReasonRequest request, PreventCases cases, CancellationToken ct) => WorkResults.Answer(await cases.ReopenAsync(id, request, ct), TypedResults.Ok));
        api.MapPost("/cases/{id:guid}/withdraw", async (Guid id, ReasonRequest request, PreventCases cases, CancellationToken ct) => WorkResults.Answer(await cases.WithdrawAsync(id, request, ct), TypedResults.Ok));

        api.MapGet("/queues/assessments-due", async (PreventCases cases, CancellationToken ct) => TypedResults.Ok(await cases.AssessmentsDueAsync(ct)));
        api.MapGet("/queues/reviews-due", async (int? withinDays, PreventCases cases, CancellationToken ct) => TypedResults.Ok(await cases.ReviewsDueAsync(withinDays ?? 14, ct)));

        api.MapGet("/panels", async (ChannelPanels panels, CancellationToken ct) => TypedResults.Ok(await panels.ListAsync(ct)));
        api.MapPost("/panels", async (PanelRequest request, ChannelPanels panels, CancellationToken ct) =>
            WorkResults.Answer(await panels.CreateAsync(request, ct), p => TypedResults.Created($"/api/v1/prevent/panels/{p.Code}", p)));
        api.MapGet("/panels/{code}", async (string code, ChannelPanels panels, CancellationToken ct) => WorkResults.Found(await panels.ReadAsync(code, ct)));
        api.MapGet("/panels/{code}/agenda", async (string code, PreventCases cases, CancellationToken ct) => WorkResults.Found(await cases.AgendaAsync(code, ct)));
        api.MapPost("/panels/{code}/members", async (string code, PanelMemberRequest request, ChannelPanels panels, CancellationToken ct) => WorkResults.Answer(await panels.AddMemberAsync(code, request, ct), TypedResults.Ok));
        api.MapDelete("/panels/{code}/members/{userId:guid}", async (string code, Guid userId, ChannelPanels panels, CancellationToken ct) => WorkResults.Answer(await panels.RemoveMemberAsync(code, userId, ct), TypedResults.Ok));
        api.MapGet("/panels/{code}/meetings", async (string code, ChannelPanels panels, CancellationToken ct) => WorkResults.Found(await panels.MeetingsAsync(code, ct)));
        api.MapPost("/panels/{code}/meetings", async (string code, MeetingRequest request, ChannelPanels panels, CancellationToken ct) =>
            WorkResults.Answer(await panels.AddMeetingAsync(code, request, ct), m => TypedResults.Created($"/api/v1/prevent/panels/{code}/meetings/{m.Id}", m)));
        api.MapGet("/panels/{code}/meetings/{id:guid}", async (string code, Guid id, ChannelPanels panels, CancellationToken ct) => WorkResults.Found(await panels.MeetingAsync(code, id, ct)));
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

using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
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
            .AddScoped<Platform.Statistics.INationalFigures, PreventFigures>()
            .AddScoped<PreventCases>()
            .AddScoped<Referrals>()
            .AddScoped<ChannelPanels>()
            .AddScoped<PreventStatistics>()
            .AddScoped<Subjects.Deconfliction.ISubjectInvolvement, PreventInvolvement>()
            .AddScoped<Platform.Retention.IDisposalPart, PreventCaseDisposal>()
            .AddScoped<ISeed, PreventReferenceSeed>()
            .AddScoped<ISeed, PreventDemoSeed>()
            .AddScoped<Platform.Data.Scale.IScaleSeed, PreventScaleSeed>()
            .AddNavigation("/prevent", "Prevent", 30, a => CaseRoles.Any(a.IsInRole))
            .AddSearchType("prevent-case", "Prevent cases", "a case reference or what the gateway recorded", 60, a => Contributions.IsUnitOfficer(a) && CaseRoles.Any(a.IsInRole))
            .AddAuditRecordTypes(
                ("prevent-case", "Prevent case"), ("prevent-submission", "Prevent referral form (public or partner)"),
                ("prevent-information", "Partner information on a Prevent case"), ("prevent-vaf", "Vulnerability assessment"),
                ("prevent-discussion", "Channel panel discussion"), ("prevent-intervention", "Support plan intervention"),
                ("prevent-review", "Prevent case review"), ("channel-panel", "Channel panel"), ("panel-meeting", "Channel panel meeting"),
                ("prevent-statistics", "Prevent statistics"))
            .AddHomePanel<PreventHomePanel, PreventCases, PreventWorkDue>(20, (cases, ct) => cases.WorkDueAsync(ct), a => CaseRoles.Any(a.IsInRole));
        return builder;
    }

    public static IEndpointRouteBuilder MapPrevent(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/prevent").RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(CaseRoles)).WithTags("Prevent");
        Referrals.Map(app, api);
        PreventCases.MapCases(api);
        PreventCases.MapGateway(api);
        PreventCases.MapPanelWork(api);
        PreventCases.MapSupport(api);
        PreventCases.MapClosing(api);
        ChannelPanels.Map(api);
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

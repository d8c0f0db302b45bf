using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Security;
using Vigil.Web.Prevent;

namespace Vigil.Web.Tests.Rules;

/// <summary>The Prevent case's workflow rules, on the entity alone: no web host, no database.</summary>
public sealed class PreventCaseRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly CaseAsker Police = new(Police: true, PanelMember: false, Assessed: true);
    private static readonly CaseAsker Member = new(Police: false, PanelMember: true, Assessed: true);
    private static readonly CaseAsker Neither = new(Police: false, PanelMember: false, Assessed: true);

    private static PreventCase Case(PreventStage stage = PreventStage.Panel, int? age = 30) => new()
    {
        Reference = "PRV-2026-0000001", ConcernScheme = "2023", ConcernCode = "other", Stage = stage, AgeAtReferral = age,
        Classification = Classification.Official,
    };

    private static PreventCase WithConsent(PreventCase c, ConsentGiver by, bool capacity, bool given = true)
    {
        c.Consents.Add(new ConsentRecord { Given = given, GivenBy = by, Name = "Fictional Person", HasCapacity = capacity, RecordedAt = Now });
        return c;
    }

    [Fact]
    public void Adopt_WithoutConsent_IsRefused()
    {
        var refusal = Case().WhyNot(PreventStep.Adopt, Member);
        Assert.Equal(WorkStatus.Conflict, refusal?.Status);
        Assert.Contains("consent", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adopt_WithoutAssessment_IsRefused()
    {
        var c = WithConsent(Case(), ConsentGiver.Person, capacity: true);
        Assert.Contains("vulnerability assessment", c.WhyNot(PreventStep.Adopt, Member with { Assessed = false })!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adopt_WithAssessmentAndConsent_IsAllowed() =>
        Assert.Null(WithConsent(Case(), ConsentGiver.Person, capacity: true).WhyNot(PreventStep.Adopt, Member));

    [Fact]
    public void Adopt_ChildConsentingForThemselves_IsRefused()
    {
        var child = WithConsent(Case(age: 14), ConsentGiver.Person, capacity: true);
        Assert.Contains("parent or guardian", child.WhyNot(PreventStep.Adopt, Member)!.Message, StringComparison.Ordinal);
        Assert.Null(WithConsent(Case(age: 14), ConsentGiver.ParentOrGuardian, capacity: false).WhyNot(PreventStep.Adopt, Member));
    }

    [Fact]
    public void Adopt_AfterConsentWithdrawn_IsRefused()
    {
        var c = WithConsent(Case(), ConsentGiver.Person, capacity: true);
        c.Consents.Add(new ConsentRecord { Given = false, GivenBy = ConsentGiver.Person, Name = "Fictional Person", HasCapacity = true, RecordedAt = Now.AddDays(1) });
        Assert.NotNull(c.WhyNot(PreventStep.Adopt, Member));
    }

    [Fact]
    public void Adopt_InSupport_IsRefusedButContinueIsAllowed()
    {
        var c = WithConsent(Case(PreventStage.Support), ConsentGiver.Person, capacity: true);
        Assert.Contains("already a Channel case", c.WhyNot(PreventStep.Adopt, Member)!.Message, StringComparison.Ordinal);
        Assert.Null(c.WhyNot(PreventStep.ContinueSupport, Member));
    }

    [Fact]
    public void Gateway_ByPanelMember_IsForbidden()
    {
        var c = Case(PreventStage.Gateway);
        Assert.Equal(WorkStatus.Forbidden, c.WhyNot(PreventStep.Deconflict, Member)?.Status);
        Assert.Equal(WorkStatus.Forbidden, c.WhyNot(PreventStep.RecordGateway, Member)?.Status);
    }

    [Fact]
    public void RecordGateway_BeforeDeconfliction_IsRefused()
    {
        var c = Case(PreventStage.Gateway);
        Assert.Contains("deconfliction check", c.WhyNot(PreventStep.RecordGateway, Police)!.Message, StringComparison.Ordinal);
        c.DeconflictedAt = Now;
        Assert.Null(c.WhyNot(PreventStep.RecordGateway, Police));
    }

    [Fact]
    public void RecordGateway_ReferredToChannel_MovesToThePanel()
    {
        var c = Case(PreventStage.Gateway);
        c.DeconflictedAt = Now;
        c.RecordGateway(GatewayOutcome.ReferredToChannel, VulnerabilityFinding.ClearVulnerability, "Clear concern.", "ignored", Now, "PC Fictional");
        Assert.Equal(PreventStage.Panel, c.Stage);
        Assert.Equal("", c.SignpostedTo);
        Assert.Contains("already been through", c.WhyNot(PreventStep.RecordGateway, Police)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordGateway_Signposted_ClosesTheCase()
    {
        var c = Case(PreventStage.Gateway);
        c.RecordGateway(GatewayOutcome.Signposted, VulnerabilityFinding.PossibleVulnerability, "Other help fits.", "Early help", Now, "PC Fictional");
        Assert.Equal((PreventStage.Closed, CaseClosure.Signposted, "Early help"), (c.Stage, c.Closure, c.SignpostedTo));
    }

    [Fact]
    public void PanelWork_AtTheGateway_IsRefused()
    {
        var c = Case(PreventStage.Gateway);
        foreach (var step in new[] { PreventStep.AddInformation, PreventStep.Assess, PreventStep.RecordConsent, PreventStep.SetReviewInterval })
        {
            Assert.Equal(WorkStatus.Conflict, c.WhyNot(step, Police)?.Status);
        }
    }

    [Fact]
    public void AnyStep_BySomeoneWithNeitherRole_IsForbidden()
    {
        var c = Case(PreventStage.Support);
        Assert.All(Enum.GetValues<PreventStep>(), step => Assert.Equal(WorkStatus.Forbidden, c.WhyNot(step, Neither)?.Status));
    }

    [Fact]
    public void AddSupport_WithoutConsent_IsRefused_AndBeforeAdoption_SaysSo()
    {
        Assert.Contains("Consent has been withdrawn", Case(PreventStage.Support).WhyNot(PreventStep.AddSupport, Member)!.Message, StringComparison.Ordinal);
        Assert.Contains("once the panel has adopted", Case(PreventStage.Panel).WhyNot(PreventStep.AddSupport, Member)!.Message, StringComparison.Ordinal);
        Assert.Contains("re-open it first", Case(PreventStage.Exited).WhyNot(PreventStep.AddSupport, Member)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_OutsideSupport_IsRefused()
    {
        Assert.NotNull(Case(PreventStage.Panel).WhyNot(PreventStep.Exit, Member));
        var c = Case(PreventStage.Support);
        Assert.Null(c.WhyNot(PreventStep.Exit, Member));
        c.Exit(new DateOnly(2026, 11, 1), "Vulnerability reduced.", withConcerns: false);
        Assert.Equal(PreventStage.Exited, c.Stage);
    }

    [Fact]
    public void Reopen_NeverReferredCase_ByPanelMember_IsForbidden()
    {
        var c = Case(PreventStage.Gateway);
        c.RecordGateway(GatewayOutcome.NoFurtherAction, VulnerabilityFinding.NotAppropriateForChannel, "No concern.", "", Now, "PC Fictional");
        Assert.Equal(WorkStatus.Forbidden, c.WhyNot(PreventStep.Reopen, Member)?.Status);
        Assert.Null(c.WhyNot(PreventStep.Reopen, Police));
        Assert.Contains("open already", Case(PreventStage.Support).WhyNot(PreventStep.Reopen, Police)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Withdraw_AtTheGateway_IsPoliceWork_AndClosedCaseCannotBeWithdrawn()
    {
        Assert.Equal(WorkStatus.Forbidden, Case(PreventStage.Gateway).WhyNot(PreventStep.Withdraw, Member)?.Status);
        Assert.Null(Case(PreventStage.Gateway).WhyNot(PreventStep.Withdraw, Police));
        Assert.Equal(WorkStatus.Conflict, Case(PreventStage.Closed).WhyNot(PreventStep.Withdraw, Police)?.Status);
    }

    [Fact]
    public void CompleteReview_Twice_IsRefused()
    {
        var review = new CaseReview { Kind = ReviewKind.SixMonth, DueOn = new DateOnly(2027, 5, 1) };
        Assert.Null(review.WhyNotComplete());
        review.CompletedOn = new DateOnly(2027, 5, 1);
        Assert.Contains("already been recorded", review.WhyNotComplete()!.Message, StringComparison.Ordinal);
        Assert.Contains("cancelled", new CaseReview { Cancelled = true }.WhyNotComplete()!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_ForTheDto_AnswerEveryStepAsTheRuleDoes()
    {
        var c = WithConsent(Case(PreventStage.Panel), ConsentGiver.Person, capacity: true);
        var steps = StepRule<PreventStep>.For(step => c.WhyNot(step, Member));
        Assert.Equal(Enum.GetValues<PreventStep>().Length, steps.Count);
        Assert.All(steps, s => Assert.Equal(c.WhyNot(s.Step, Member)?.Message, s.Refusal));
        Assert.True(steps.Allows(PreventStep.Adopt));
        Assert.False(steps.Allows(PreventStep.Exit));
    }
}

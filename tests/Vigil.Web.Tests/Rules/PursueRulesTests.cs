using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Security;
using Vigil.Web.Pursue;

namespace Vigil.Web.Tests.Rules;

/// <summary>Pursue's workflow rules, on the entities alone: no web host, no database.</summary>
public sealed class PursueRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Sio = Guid.NewGuid(), Officer = Guid.NewGuid(), Outsider = Guid.NewGuid();
    private static readonly PhaseEvidence Nothing = new(ElgAuthorisedExecutiveAction: false, HasSuspect: false);
    private static readonly PhaseEvidence Everything = new(ElgAuthorisedExecutiveAction: true, HasSuspect: true);

    private static Investigation Investigation(Phase phase = Phase.IntelligenceDevelopment, RiskLevel risk = RiskLevel.Medium, bool withSio = true) => new()
    {
        OperationName = "Operation FICTION", ThreatType = "mixed-unclear", Phase = phase, Risk = risk, Classification = Classification.Official,
        Team = withSio
            ? [new TeamMember { UserId = Sio, Role = TeamRole.Sio, AddedAt = Now }, new TeamMember { UserId = Officer, Role = TeamRole.Officer, AddedAt = Now }]
            : [new TeamMember { UserId = Officer, Role = TeamRole.Officer, AddedAt = Now }],
    };

    [Fact]
    public void MoveTo_SkippingAPhase_IsRefused()
    {
        var refusal = Investigation().WhyNotMoveTo(Phase.ExecutiveAction, Everything);
        Assert.Equal((WorkStatus.Invalid, "To"), (refusal?.Status, refusal?.Field));
        Assert.Contains("can only move to Investigation", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoveTo_Closed_IsAllowedFromAnyOpenPhase() =>
        Assert.All(Enum.GetValues<Phase>().Where(p => p != Phase.Closed), p => Assert.Null(Investigation(p).WhyNotMoveTo(Phase.Closed, Nothing)));

    [Fact]
    public void MoveTo_FromClosed_IsAConflict() =>
        Assert.Equal(WorkStatus.Conflict, Investigation(Phase.Closed).WhyNotMoveTo(Phase.Outcome, Everything)?.Status);

    [Fact]
    public void ExecutiveAction_WithoutAnSio_IsRefused() =>
        Assert.Contains("needs an SIO", Investigation(Phase.Investigation, withSio: false).WhyNotMoveTo(Phase.ExecutiveAction, Everything)!.Message, StringComparison.Ordinal);

    [Fact]
    public void ExecutiveAction_HighRiskWithoutElgAuthority_IsRefused()
    {
        var high = Investigation(Phase.Investigation, RiskLevel.High);
        Assert.Contains("Executive Liaison Group", high.WhyNotMoveTo(Phase.ExecutiveAction, Nothing)!.Message, StringComparison.Ordinal);
        Assert.Null(high.WhyNotMoveTo(Phase.ExecutiveAction, Everything));
        Assert.Null(Investigation(Phase.Investigation, RiskLevel.Medium).WhyNotMoveTo(Phase.ExecutiveAction, Nothing));
    }

    [Fact]
    public void Charge_WithoutASuspect_IsRefused()
    {
        Assert.Contains("suspect", Investigation(Phase.ExecutiveAction).WhyNotMoveTo(Phase.Charge, Nothing)!.Message, StringComparison.Ordinal);
        Assert.Null(Investigation(Phase.ExecutiveAction).WhyNotMoveTo(Phase.Charge, Everything));
    }

    [Fact]
    public void MoveTo_RecordsTheChangeAndTheOutcome()
    {
        var i = Investigation(Phase.Prosecution);
        var version = i.Version;
        i.MoveTo(Phase.Outcome, Now, "DCI Fictional", "The trial has concluded.", "Convicted (fictional).");
        Assert.Equal((Phase.Outcome, "Convicted (fictional)."), (i.Phase, i.Outcome));
        Assert.Equal(Phase.Prosecution, Assert.Single(i.PhaseChanges).From);
        Assert.NotEqual(version, i.Version);
        i.MoveTo(Phase.Closed, Now.AddDays(1), "DCI Fictional", "Filed.");
        Assert.Equal(Now.AddDays(1), i.ClosedAt);
    }

    [Fact]
    public void AddToTeam_UnclearedOfficer_IsRefused()
    {
        var secret = Investigation();
        secret.Classification = Classification.Secret;
        var refusal = secret.WhyNotAdd(new TeamCandidate(Outsider, Guid.NewGuid(), Classification.Official, AccreditedSio: false), TeamRole.Officer, appointerCommands: true);
        Assert.Equal("Email", refusal?.Field);
        Assert.Contains("not cleared", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddToTeam_SecondSio_OrUnaccreditedDeputy_IsRefused()
    {
        var i = Investigation();
        var accredited = new TeamCandidate(Outsider, Guid.NewGuid(), Classification.Secret, AccreditedSio: true);
        Assert.Contains("already has an SIO", i.WhyNotAdd(accredited, TeamRole.Sio, appointerCommands: true)!.Message, StringComparison.Ordinal);
        Assert.Null(i.WhyNotAdd(accredited, TeamRole.DeputySio, appointerCommands: true));
        Assert.Contains("accredited", i.WhyNotAdd(accredited with { AccreditedSio = false }, TeamRole.DeputySio, appointerCommands: true)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddToTeam_WithoutCommand_MayOnlyAppointALeader()
    {
        var leaderless = Investigation(withSio: false);
        var candidate = new TeamCandidate(Outsider, Guid.NewGuid(), Classification.Secret, AccreditedSio: true);
        Assert.Contains("appoint one first", leaderless.WhyNotAdd(candidate, TeamRole.Officer, appointerCommands: false)!.Message, StringComparison.Ordinal);
        Assert.Null(leaderless.WhyNotAdd(candidate, TeamRole.Sio, appointerCommands: false));
        Assert.Contains("partners", leaderless.WhyNotAdd(candidate with { UnitId = null }, TeamRole.Sio, appointerCommands: false)!.Message, StringComparison.Ordinal);
        Assert.Contains("no active officer", leaderless.WhyNotAdd(null, TeamRole.Sio, appointerCommands: false)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_LastLeader_IsRefused_ButAnOfficerMayGo()
    {
        var i = Investigation();
        Assert.Contains("Appoint another SIO", i.WhyNotRemove(Sio)!.Message, StringComparison.Ordinal);
        Assert.Null(i.WhyNotRemove(Officer));
        Assert.Contains("not in the team", i.WhyNotRemove(Outsider)!.Message, StringComparison.Ordinal);
        Assert.Contains("last member", Investigation(withSio: false).WhyNotRemove(Officer)!.Message, StringComparison.Ordinal);
    }

    private static InvestigationAction Action(ActionState state, Guid? allocatedTo = null) =>
        new() { Title = "Fictional enquiry", RaisedBy = "DCI Fictional", State = state, AllocatedToId = allocatedTo };

    private static readonly ActionActor Commander = new(Sio, IsTeam: true, HasCommand: true, InvestigationClosed: false);
    private static readonly ActionActor Member = new(Officer, IsTeam: true, HasCommand: false, InvestigationClosed: false);

    [Fact]
    public void Allocate_ByOfficerWithoutCommand_IsForbidden() =>
        Assert.Equal(WorkStatus.Forbidden, Action(ActionState.Raised).WhyNot(ActionMove.Allocate, Member)?.Status);

    [Fact]
    public void Result_ByTheAllocatedOfficer_IsAllowed_ByAnotherOfficer_Forbidden()
    {
        Assert.Null(Action(ActionState.Allocated, Officer).WhyNot(ActionMove.Result, Member));
        Assert.Equal(WorkStatus.Forbidden, Action(ActionState.Allocated, Sio).WhyNot(ActionMove.Result, Member)?.Status);
        Assert.Null(Action(ActionState.Allocated, Officer).WhyNot(ActionMove.Result, Commander));
    }

    [Theory]
    [InlineData(ActionMove.Allocate, ActionState.Resulted)]
    [InlineData(ActionMove.Result, ActionState.Raised)]
    [InlineData(ActionMove.Review, ActionState.Allocated)]
    [InlineData(ActionMove.File, ActionState.Resulted)]
    public void Step_FromTheWrongState_IsAConflict(ActionMove move, ActionState state) =>
        Assert.Equal(WorkStatus.Conflict, Action(state, Officer).WhyNot(move, Commander)?.Status);

    [Fact]
    public void AnyStep_OnAClosedInvestigation_IsAConflict() =>
        Assert.All(Enum.GetValues<ActionMove>(), move =>
            Assert.Contains("closed", Action(ActionState.Allocated, Sio).WhyNot(move, Commander with { InvestigationClosed = true })!.Message, StringComparison.Ordinal));

    [Fact]
    public void IncidentRoomWork_ByTheTeam_AndCommandBySioOnly()
    {
        var i = Investigation();
        var officer = new Standing(i, i.Team.Single(m => m.UserId == Officer), HasCommand: false);
        var outsider = new Standing(i, null, HasCommand: false);
        Assert.Null(officer.WhyNot(RoomWork.Record));
        Assert.Equal(WorkStatus.Forbidden, officer.WhyNot(RoomWork.Command)?.Status);
        Assert.Equal(WorkStatus.Forbidden, outsider.WhyNot(RoomWork.Record)?.Status);
        i.Phase = Phase.Closed;
        Assert.Equal(WorkStatus.Conflict, officer.WhyNot(RoomWork.Record)?.Status);
    }
}

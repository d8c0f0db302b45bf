using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Prepare;

/// <summary>One step of a Critical Threat Plan: what is done, which role does it, and how long after activation.</summary>
public sealed class PlanStep
{
    public int Number { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The role whose queue the step appears in (<see cref="Platform.Security.Roles"/>).</summary>
    public string OwnerRole { get; set; } = "";
    /// <summary>Hours after activation by which it is done.</summary>
    public int DeadlineHours { get; set; }
    /// <summary>What shows it was done ("the briefing note", "the deployment log").</summary>
    public string Evidence { get; set; } = "";
}

/// <summary>
/// A unit's Critical Threat Plan: a checklist set off when the national threat level reaches its trigger. Plans
/// hold no personal data; a unit's plan is read by the unit and the national roles (<see cref="PlanRules"/>).
/// </summary>
public sealed class ThreatPlan : IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public string Name { get; set; } = "";
    public ThreatLevel Trigger { get; set; }
    public List<PlanStep> Steps { get; set; } = [];

    public string AuditRecordType => "threat-plan";
    public string AuditRecordId => Id.ToString();
}

/// <summary>A step of an activated plan: its deadline from the activation, and once done, by whom, when and the evidence.</summary>
public sealed class ActivationStep
{
    public int Number { get; set; }
    public string Title { get; set; } = "";
    public string OwnerRole { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }
    public string EvidenceExpected { get; set; } = "";
    public DateTimeOffset? DoneAt { get; set; }
    public string DoneBy { get; set; } = "";
    public string Evidence { get; set; } = "";

    public bool IsOverdue(DateTimeOffset now) => DoneAt is null && DueAt < now;
}

public enum PlanWork { Acknowledge, CompleteStep }

/// <summary>
/// A plan set off by a change of the level: a copy of the plan's steps with their deadlines, made in the
/// transaction that records the change (<see cref="ThreatLevelWork"/>), acknowledged by the unit, worked step by
/// step, and stood down in the transaction that records a level below its trigger.
/// </summary>
public sealed class PlanActivation : IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public Guid UnitId { get; set; }
    public string PlanName { get; set; } = "";
    public ThreatLevel Trigger { get; set; }
    public DateTimeOffset ActivatedAt { get; set; }
    public Guid ActivatedByChangeId { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string AcknowledgedBy { get; set; } = "";
    public DateTimeOffset? StoodDownAt { get; set; }
    public Guid? StoodDownByChangeId { get; set; }
    public List<ActivationStep> Steps { get; set; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();

    public string AuditRecordType => "plan-activation";
    public string AuditRecordId => Id.ToString();

    public bool IsActive => StoodDownAt is null;

    public static PlanActivation Of(ThreatPlan plan, ThreatLevelChange change) => new()
    {
        PlanId = plan.Id, UnitId = plan.UnitId, PlanName = plan.Name, Trigger = plan.Trigger, ActivatedAt = change.RecordedAt, ActivatedByChangeId = change.Id,
        Steps = [.. plan.Steps.OrderBy(s => s.Number).Select(s => new ActivationStep
        {
            Number = s.Number, Title = s.Title, OwnerRole = s.OwnerRole, DueAt = change.RecordedAt.AddHours(s.DeadlineHours), EvidenceExpected = s.Evidence,
        })],
    };

    /// <summary>Why <paramref name="work"/> cannot be done now by someone with <paramref name="roles"/>, or null.</summary>
    public Refusal? WhyNot(PlanWork work, IReadOnlySet<string> roles, int step = 0) => work switch
    {
        _ when !IsActive => Refusal.Conflict("The plan has been stood down"),
        PlanWork.Acknowledge when AcknowledgedAt is not null => Refusal.Conflict($"The activation was already acknowledged by {AcknowledgedBy}"),
        PlanWork.CompleteStep when Steps.FirstOrDefault(s => s.Number == step) is not { } found => Refusal.Invalid("Step", "There is no such step in this plan"),
        PlanWork.CompleteStep when Steps.First(s => s.Number == step).DoneAt is not null => Refusal.Conflict("That step is already done"),
        PlanWork.CompleteStep when !roles.Contains(Steps.First(s => s.Number == step).OwnerRole) =>
            Refusal.Forbidden($"Only a {Platform.Security.Roles.Display(Steps.First(s => s.Number == step).OwnerRole)} completes this step"),
        _ => null,
    };

    public void Acknowledge(DateTimeOffset at, string by)
    {
        AcknowledgedAt = at;
        AcknowledgedBy = by;
        Version = Guid.NewGuid();
    }

    public void Complete(int number, DateTimeOffset at, string by, string evidence)
    {
        var step = Steps.First(s => s.Number == number);
        step.DoneAt = at;
        step.DoneBy = by;
        step.Evidence = evidence;
        Version = Guid.NewGuid();
    }

    public void StandDown(ThreatLevelChange change)
    {
        StoodDownAt = change.RecordedAt;
        StoodDownByChangeId = change.Id;
        Version = Guid.NewGuid();
    }
}

internal sealed class ThreatPlanConfiguration : IEntityTypeConfiguration<ThreatPlan>, IEntityTypeConfiguration<PlanActivation>
{
    public void Configure(EntityTypeBuilder<ThreatPlan> b)
    {
        b.ToTable("ThreatPlans");
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Trigger).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(p => p.UnitId);
        b.OwnsMany(p => p.Steps, s =>
        {
            OwnedList.Configure(s, "ThreatPlanSteps", "PlanId");
            s.Property(x => x.Title).HasMaxLength(300);
            s.Property(x => x.OwnerRole).HasMaxLength(64);
            s.Property(x => x.Evidence).HasMaxLength(300);
        });
    }

    public void Configure(EntityTypeBuilder<PlanActivation> b)
    {
        b.ToTable("PlanActivations");
        b.Property(a => a.PlanName).HasMaxLength(200);
        b.Property(a => a.Trigger).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.AcknowledgedBy).HasMaxLength(200);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasIndex(a => new { a.StoodDownAt, a.UnitId });
        // One active activation of a plan at a time: two changes of the level saved at once cannot both activate it
        // (the second save fails and is answered "nothing was changed").
        b.HasIndex(a => a.PlanId).IsUnique().HasFilter("\"StoodDownAt\" IS NULL").HasDatabaseName("IX_PlanActivations_PlanId_Active");
        b.HasIndex(a => new { a.UnitId, a.ActivatedAt });
        b.OwnsMany(a => a.Steps, s =>
        {
            OwnedList.Configure(s, "PlanActivationSteps", "ActivationId");
            s.Property(x => x.Title).HasMaxLength(300);
            s.Property(x => x.OwnerRole).HasMaxLength(64);
            s.Property(x => x.EvidenceExpected).HasMaxLength(300);
            s.Property(x => x.DoneBy).HasMaxLength(200);
            s.Property(x => x.Evidence).HasMaxLength(2000);
        });
    }
}

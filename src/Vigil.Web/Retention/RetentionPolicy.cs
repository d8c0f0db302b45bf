using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Retention;

/// <summary>A MoPI retention group: how long after its event a record is first reviewed, and how often after a
/// review that retained it. The figures are the force's policy (the commonly cited ones are unconfirmed), kept as
/// reference data that an administrator changes, never in code.</summary>
public sealed class RetentionGroup
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int ReviewAfterYears { get; set; }
    public int ReviewEveryYears { get; set; }
    public int Order { get; set; }

    /// <summary>When a record whose period runs from <paramref name="from"/> is first due for review.</summary>
    public DateOnly FirstReview(DateOnly from) => from.AddYears(ReviewAfterYears);

    public string Words => $"{Name}: first review {ReviewAfterYears} years after its event, then every {ReviewEveryYears} years";
}

/// <summary>Which group a type of record falls in (reference data): "subject" in group 1, say.</summary>
public sealed class RetentionRecordType
{
    public required string RecordType { get; set; }
    public required string Name { get; set; }
    public required string GroupCode { get; set; }
    /// <summary>The event the period runs from, in words ("the day the record last changed").</summary>
    public required string FromWords { get; set; }
}

/// <summary>One of the national retention assessment criteria, asked at every review: a "yes" is a reason to retain.</summary>
public sealed class RetentionQuestion
{
    public int Number { get; set; }
    public required string Text { get; set; }
}

internal sealed class RetentionPolicyConfiguration : IEntityTypeConfiguration<RetentionGroup>, IEntityTypeConfiguration<RetentionRecordType>, IEntityTypeConfiguration<RetentionQuestion>
{
    public void Configure(EntityTypeBuilder<RetentionGroup> b)
    {
        b.ToTable("RetentionGroups");
        b.Property(g => g.Code).HasMaxLength(20);
        b.HasIndex(g => g.Code).IsUnique();
        b.Property(g => g.Name).HasMaxLength(200);
        b.Property(g => g.Description).HasMaxLength(1000);
    }

    public void Configure(EntityTypeBuilder<RetentionRecordType> b)
    {
        b.ToTable("RetentionRecordTypes");
        b.HasKey(t => t.RecordType);
        b.Property(t => t.RecordType).HasMaxLength(64);
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.GroupCode).HasMaxLength(20);
        b.Property(t => t.FromWords).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<RetentionQuestion> b)
    {
        b.ToTable("RetentionQuestions");
        b.HasKey(q => q.Number);
        b.Property(q => q.Number).ValueGeneratedNever();
        b.Property(q => q.Text).HasMaxLength(400);
    }
}

/// <summary>The retention policy as first set up: four groups, the record types that hold personal data in them,
/// and the national retention assessment criteria. Every figure is a starting point for the force's own policy
/// (DOMAIN.md marks the published ones unconfirmed); an administrator changes the periods on /retention/policy.</summary>
public sealed class RetentionPolicySeed : ISeed
{
    public string Name => "retention-policy";
    public IReadOnlyList<string> After => [];

    public async Task SeedAsync(VigilDb db, bool demo, CancellationToken ct)
    {
        if (await db.Set<RetentionGroup>().AnyAsync(ct))
        {
            return;
        }
        db.AddRange(
            new RetentionGroup { Code = "group-1", Name = "Group 1: certain public protection matters", Description = "Terrorism and the most serious harm. Policy to confirm: commonly kept until the person is 100, reviewed every 10 years.", ReviewAfterYears = 10, ReviewEveryYears = 10, Order = 1 },
            new RetentionGroup { Code = "group-2", Name = "Group 2: other sexual, violent or serious matters", Description = "Policy to confirm: commonly a 10-year clear period.", ReviewAfterYears = 10, ReviewEveryYears = 10, Order = 2 },
            new RetentionGroup { Code = "group-3", Name = "Group 3: all other matters", Description = "Policy to confirm: commonly 6 years.", ReviewAfterYears = 6, ReviewEveryYears = 6, Order = 3 },
            new RetentionGroup { Code = "group-4", Name = "Group 4: reports and referrals not taken further", Description = "Policy to confirm: reviewed at 6 years.", ReviewAfterYears = 6, ReviewEveryYears = 3, Order = 4 });
        db.AddRange(
            new RetentionRecordType { RecordType = "subject", Name = "People (subjects)", GroupCode = "group-1", FromWords = "the day the record last changed" },
            new RetentionRecordType { RecordType = "intelligence-report", Name = "Intelligence reports", GroupCode = "group-1", FromWords = "the day it was reported" },
            new RetentionRecordType { RecordType = "investigation", Name = "Investigations", GroupCode = "group-1", FromWords = "the outcome (never while live)" },
            new RetentionRecordType { RecordType = "prevent-case", Name = "Prevent cases", GroupCode = "group-3", FromWords = "the exit from Prevent, or the day the case closed (never while open)" },
            new RetentionRecordType { RecordType = "act-report", Name = "ACT reports", GroupCode = "group-4", FromWords = "the day its outcome was decided" });
        db.AddRange(
            new RetentionQuestion { Number = 1, Text = "Is there evidence of a capacity to inflict serious harm?" },
            new RetentionQuestion { Number = 2, Text = "Are there any concerns in relation to children or vulnerable adults?" },
            new RetentionQuestion { Number = 3, Text = "Did the behaviour involve a breach of trust?" },
            new RetentionQuestion { Number = 4, Text = "Is there evidence of established links or associations which might increase the risk of harm?" },
            new RetentionQuestion { Number = 5, Text = "Are there concerns in relation to substance misuse?" },
            new RetentionQuestion { Number = 6, Text = "Are there concerns that an individual's mental state might exacerbate risk?" });
        await db.SaveChangesAsync(ct);
    }
}

public sealed record GroupDto(string Code, string Name, string Description, int ReviewAfterYears, int ReviewEveryYears);
public sealed record RecordTypeDto(string RecordType, string Name, string GroupCode, string GroupName, string FromWords);
public sealed record QuestionDto(int Number, string Text);
public sealed record PolicyDto(IReadOnlyList<GroupDto> Groups, IReadOnlyList<RecordTypeDto> RecordTypes, IReadOnlyList<QuestionDto> Questions);

public sealed record ChangeGroup
{
    [Required(ErrorMessage = "Enter the years before the first review"), Range(1, 100, ErrorMessage = "The first review must be between 1 and 100 years after the event")]
    public int? ReviewAfterYears { get; init; }
    [Required(ErrorMessage = "Enter the years between reviews"), Range(1, 100, ErrorMessage = "Reviews must be between 1 and 100 years apart")]
    public int? ReviewEveryYears { get; init; }
}

/// <summary>The retention policy: read by anyone who reviews or audits, its periods changed by an administrator
/// (audited, with what was there before).</summary>
public sealed class RetentionPolicies(VigilDb db, AccessContext access)
{
    public async Task<PolicyDto> ReadAsync(CancellationToken ct)
    {
        var groups = await db.Set<RetentionGroup>().AsNoTracking().OrderBy(g => g.Order).ToListAsync(ct);
        var names = groups.ToDictionary(g => g.Code, g => g.Name);
        var types = await db.Set<RetentionRecordType>().AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var questions = await db.Set<RetentionQuestion>().AsNoTracking().OrderBy(q => q.Number).ToListAsync(ct);
        return new([.. groups.Select(g => new GroupDto(g.Code, g.Name, g.Description, g.ReviewAfterYears, g.ReviewEveryYears))],
            [.. types.Select(t => new RecordTypeDto(t.RecordType, t.Name, t.GroupCode, names.GetValueOrDefault(t.GroupCode, t.GroupCode), t.FromWords))],
            [.. questions.Select(q => new QuestionDto(q.Number, q.Text))]);
    }

    public async Task<WorkResult<GroupDto>> ChangeAsync(string code, ChangeGroup request, CancellationToken ct)
    {
        if (!access.IsInRole(Roles.Administrator))
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, "retention-group", code, detail: "change the retention periods: not an administrator");
            await db.SaveChangesAsync(ct);
            return WorkResult<GroupDto>.Forbidden("The retention policy is changed by an administrator");
        }
        var group = await db.Set<RetentionGroup>().FirstOrDefaultAsync(g => g.Code == code, ct);
        if (group is null)
        {
            return WorkResult<GroupDto>.Missing();
        }
        var errors = ApiValidation.Validate(request);
        if (errors.Count > 0)
        {
            return WorkResult<GroupDto>.Invalid(errors);
        }
        db.Audit(AuditActions.Update, AuditOutcomes.Success, "retention-group", code,
            detail: $"first review {group.ReviewAfterYears} -> {request.ReviewAfterYears} years; then every {group.ReviewEveryYears} -> {request.ReviewEveryYears} years");
        (group.ReviewAfterYears, group.ReviewEveryYears) = (request.ReviewAfterYears!.Value, request.ReviewEveryYears!.Value);
        await db.SaveChangesAsync(ct);
        return WorkResult<GroupDto>.Ok(new(group.Code, group.Name, group.Description, group.ReviewAfterYears, group.ReviewEveryYears));
    }
}

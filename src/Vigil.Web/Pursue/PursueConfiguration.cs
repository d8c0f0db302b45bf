using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Pursue;

internal sealed class InvestigationConfiguration : IEntityTypeConfiguration<Investigation>
{
    public void Configure(EntityTypeBuilder<Investigation> b)
    {
        b.Property(i => i.OperationName).HasMaxLength(100);
        b.HasIndex(i => i.OperationName).IsUnique();
        b.Property(i => i.Summary).HasMaxLength(4000);
        b.Property(i => i.ThreatType).HasMaxLength(64);
        b.Property(i => i.Outcome).HasMaxLength(2000);
        b.Property(i => i.Lead).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Risk).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Phase).HasConversion<string>().HasMaxLength(32);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasIndex(i => i.Phase);
        b.HasOne<Network.Unit>().WithMany().HasForeignKey(i => i.OwningUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Platform.Security.NeedToKnowGroup>().WithMany().HasForeignKey(i => i.GroupId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(i => i.Activities, a =>
        {
            OwnedList.Configure(a, "InvestigationActivities", "InvestigationId");
            a.Property(x => x.Code).HasMaxLength(64);
        });
        b.OwnsMany(i => i.Team, t =>
        {
            OwnedList.Configure(t, "InvestigationTeam", "InvestigationId");
            t.Property(x => x.Role).HasConversion<string>().HasMaxLength(32);
            t.HasIndex(x => x.UserId);
        });
        b.OwnsMany(i => i.PhaseChanges, p =>
        {
            OwnedList.Configure(p, "InvestigationPhaseChanges", "InvestigationId");
            p.Property(x => x.From).HasConversion<string>().HasMaxLength(32);
            p.Property(x => x.To).HasConversion<string>().HasMaxLength(32);
            p.Property(x => x.By).HasMaxLength(256);
            p.Property(x => x.Reason).HasMaxLength(2000);
        });
        b.Ignore(i => i.SioId);
    }
}

internal sealed class PursueReferenceItemConfiguration : IEntityTypeConfiguration<PursueReferenceItem>
{
    public void Configure(EntityTypeBuilder<PursueReferenceItem> b)
    {
        b.Property(r => r.Kind).HasMaxLength(32);
        b.Property(r => r.Code).HasMaxLength(64);
        b.Property(r => r.Name).HasMaxLength(200);
        b.HasIndex(r => new { r.Kind, r.Code }).IsUnique();
    }
}

internal sealed class LineOfEnquiryConfiguration : IEntityTypeConfiguration<LineOfEnquiry>
{
    public void Configure(EntityTypeBuilder<LineOfEnquiry> b)
    {
        Child.Configure(b, x => x.InvestigationId);
        b.HasIndex(x => new { x.InvestigationId, x.Number }).IsUnique();
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(2000);
    }
}

internal sealed class InvestigationActionConfiguration : IEntityTypeConfiguration<InvestigationAction>
{
    public void Configure(EntityTypeBuilder<InvestigationAction> b)
    {
        Child.Configure(b, x => x.InvestigationId);
        b.HasIndex(x => new { x.InvestigationId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.AllocatedToId, x.State });
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.Result).HasMaxLength(4000);
        b.Property(x => x.ReviewNote).HasMaxLength(2000);
        b.Property(x => x.RaisedBy).HasMaxLength(256);
        b.Property(x => x.Priority).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<LineOfEnquiry>().WithMany().HasForeignKey(x => x.LineOfEnquiryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Platform.Security.VigilUser>().WithMany().HasForeignKey(x => x.AllocatedToId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.IsOpen);
    }
}

internal sealed class PolicyEntryConfiguration : IEntityTypeConfiguration<PolicyEntry>
{
    public void Configure(EntityTypeBuilder<PolicyEntry> b)
    {
        Child.Configure(b, x => x.InvestigationId);
        b.HasIndex(x => new { x.InvestigationId, x.Number }).IsUnique();
        b.Property(x => x.Decision).HasMaxLength(2000);
        b.Property(x => x.Rationale).HasMaxLength(4000);
        b.Property(x => x.AuthorName).HasMaxLength(256);
    }
}

internal sealed class InvestigationSubjectConfiguration : IEntityTypeConfiguration<InvestigationSubject>
{
    public void Configure(EntityTypeBuilder<InvestigationSubject> b)
    {
        Child.Configure(b, x => x.InvestigationId);
        b.HasIndex(x => new { x.InvestigationId, x.SubjectId }).IsUnique();
        b.HasIndex(x => x.SubjectId);
        b.HasOne<Subjects.Subject>().WithMany().HasForeignKey(x => x.SubjectId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Notes).HasMaxLength(1000);
        b.Property(x => x.AddedBy).HasMaxLength(256);
    }
}

internal sealed class TimelineEventConfiguration : IEntityTypeConfiguration<TimelineEvent>
{
    public void Configure(EntityTypeBuilder<TimelineEvent> b)
    {
        Child.Configure(b, x => x.InvestigationId);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Detail).HasMaxLength(4000);
        b.Property(x => x.Source).HasMaxLength(200);
        b.Property(x => x.AddedBy).HasMaxLength(256);
    }
}

internal sealed class ElgMeetingConfiguration : IEntityTypeConfiguration<ElgMeeting>
{
    public void Configure(EntityTypeBuilder<ElgMeeting> b)
    {
        Child.Configure(b, x => x.InvestigationId);
        b.Property(x => x.OperationName).HasMaxLength(100);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.OwnsMany(x => x.Attendees, a =>
        {
            OwnedList.Configure(a, "ElgAttendees", "MeetingId");
            a.Property(x => x.Name).HasMaxLength(200);
            a.Property(x => x.Organisation).HasMaxLength(200);
        });
        b.OwnsMany(x => x.Decisions, d =>
        {
            OwnedList.Configure(d, "ElgDecisions", "MeetingId");
            d.Property(x => x.Decision).HasMaxLength(2000);
            d.Property(x => x.Rationale).HasMaxLength(4000);
            d.Property(x => x.Balance).HasConversion<string>().HasMaxLength(32);
        });
    }
}

internal sealed class ExhibitConfiguration : IEntityTypeConfiguration<Exhibit>
{
    public void Configure(EntityTypeBuilder<Exhibit> b)
    {
        Child.Configure(b, x => x.InvestigationId);
        b.HasIndex(x => new { x.InvestigationId, x.Reference }).IsUnique();
        b.Property(x => x.Reference).HasMaxLength(32);
        b.Property(x => x.Description).HasMaxLength(1000);
        b.Property(x => x.SeizedBy).HasMaxLength(200);
        b.Property(x => x.SeizedFrom).HasMaxLength(500);
        b.Property(x => x.Custodian).HasMaxLength(200);
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.StoredAs).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.OwnsMany(x => x.Continuity, h =>
        {
            OwnedList.Configure(h, "ExhibitHandovers", "ExhibitId");
            h.Property(x => x.From).HasMaxLength(200);
            h.Property(x => x.To).HasMaxLength(200);
            h.Property(x => x.Reason).HasMaxLength(1000);
            h.Property(x => x.RecordedBy).HasMaxLength(256);
        });
    }
}

internal sealed class DisclosureItemConfiguration : IEntityTypeConfiguration<DisclosureItem>
{
    public void Configure(EntityTypeBuilder<DisclosureItem> b)
    {
        Child.Configure(b, x => x.InvestigationId);
        b.HasIndex(x => new { x.InvestigationId, x.Number }).IsUnique();
        b.Property(x => x.Description).HasMaxLength(1000);
        b.Property(x => x.Location).HasMaxLength(500);
        b.Property(x => x.Schedule).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.PublicInterestReason).HasMaxLength(2000);
        b.Property(x => x.FlagReason).HasMaxLength(2000);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
    }
}

internal sealed class ScheduleSignOffConfiguration : IEntityTypeConfiguration<ScheduleSignOff>
{
    public void Configure(EntityTypeBuilder<ScheduleSignOff> b)
    {
        Child.Configure(b, x => x.InvestigationId);
        b.Property(x => x.Form).HasMaxLength(8);
        b.Property(x => x.SignedBy).HasMaxLength(256);
    }
}

internal sealed class WitnessStatementConfiguration : IEntityTypeConfiguration<WitnessStatement>
{
    public void Configure(EntityTypeBuilder<WitnessStatement> b)
    {
        Child.Configure(b, x => x.InvestigationId);
        b.Property(x => x.Witness).HasMaxLength(200);
        b.Property(x => x.TakenBy).HasMaxLength(200);
        b.Property(x => x.Text).HasMaxLength(20000);
    }
}

internal static class Child
{
    public static void Configure<T>(EntityTypeBuilder<T> b, System.Linq.Expressions.Expression<Func<T, object?>> key) where T : class
    {
        b.HasOne<Investigation>().WithMany().HasForeignKey(key).OnDelete(DeleteBehavior.Restrict);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Prevent;

internal sealed class PreventCaseConfiguration : IEntityTypeConfiguration<PreventCase>
{
    public void Configure(EntityTypeBuilder<PreventCase> b)
    {
        b.Property(c => c.Reference).HasMaxLength(20);
        b.HasIndex(c => c.Reference).IsUnique();
        b.HasIndex(c => new { c.Year, c.Number }).IsUnique();
        b.HasIndex(c => c.ReferredAt);
        b.HasIndex(c => c.Stage);
        b.HasIndex(c => c.SubjectId);
        b.HasOne<Subjects.Subject>().WithMany().HasForeignKey(c => c.SubjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ChannelPanel>().WithMany().HasForeignKey(c => c.PanelId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Network.Unit>().WithMany().HasForeignKey(c => c.OwningUnitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Gender).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Sector).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.ConcernScheme).HasMaxLength(16);
        b.Property(c => c.ConcernCode).HasMaxLength(64);
        b.Property(c => c.Stage).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Closure).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.DeconflictionSummary).HasMaxLength(4000);
        b.Property(c => c.GatewayOutcome).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.Finding).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.SignpostedTo).HasMaxLength(1000);
        b.Property(c => c.GatewayReason).HasMaxLength(4000);
        b.Property(c => c.GatewayBy).HasMaxLength(256);
        b.Property(c => c.AlternativeSupport).HasMaxLength(2000);
        b.Property(c => c.ExitReason).HasMaxLength(2000);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.IsChild);
        b.Ignore(c => c.IsOpen);
        b.Ignore(c => c.CurrentConsent);
        b.Ignore(c => c.HasValidConsent);
        b.OwnsMany(c => c.Referrals, r =>
        {
            OwnedList.Configure(r, "PreventReferrals", "CaseId");
            r.Property(x => x.Sector).HasConversion<string>().HasMaxLength(32);
            r.Property(x => x.ReferrerName).HasMaxLength(200);
            r.Property(x => x.ReferrerOrganisation).HasMaxLength(200);
            r.Property(x => x.ReferrerRole).HasMaxLength(200);
            r.Property(x => x.ReferrerContact).HasMaxLength(200);
            r.Property(x => x.ConcernScheme).HasMaxLength(16);
            r.Property(x => x.ConcernCode).HasMaxLength(64);
            r.Property(x => x.WhatPrompted).HasMaxLength(4000);
            r.Property(x => x.RecordedBy).HasMaxLength(256);
        });
        b.OwnsMany(c => c.Consents, r =>
        {
            OwnedList.Configure(r, "PreventConsents", "CaseId");
            r.Property(x => x.GivenBy).HasConversion<string>().HasMaxLength(32);
            r.Property(x => x.Method).HasConversion<string>().HasMaxLength(16);
            r.Property(x => x.Name).HasMaxLength(200);
            r.Property(x => x.Relationship).HasMaxLength(100);
            r.Property(x => x.Notes).HasMaxLength(2000);
            r.Property(x => x.RecordedBy).HasMaxLength(256);
        });
        b.OwnsMany(c => c.History, r =>
        {
            OwnedList.Configure(r, "PreventCaseHistory", "CaseId");
            r.Property(x => x.By).HasMaxLength(256);
            r.Property(x => x.What).HasMaxLength(200);
            r.Property(x => x.Detail).HasMaxLength(4000);
        });
    }

    internal static void Child<T>(EntityTypeBuilder<T> b, System.Linq.Expressions.Expression<Func<T, object?>> key) where T : class =>
        b.HasOne<PreventCase>().WithMany().HasForeignKey(key).OnDelete(DeleteBehavior.Restrict);
}

internal sealed class PreventChildConfiguration :
    IEntityTypeConfiguration<PartnerInformation>, IEntityTypeConfiguration<VulnerabilityAssessment>, IEntityTypeConfiguration<PanelDiscussion>,
    IEntityTypeConfiguration<Intervention>, IEntityTypeConfiguration<CaseReview>
{
    public void Configure(EntityTypeBuilder<PartnerInformation> b)
    {
        PreventCaseConfiguration.Child(b, x => x.CaseId);
        b.Property(x => x.Agency).HasMaxLength(200);
        b.Property(x => x.Summary).HasMaxLength(4000);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
    }

    public void Configure(EntityTypeBuilder<VulnerabilityAssessment> b)
    {
        PreventCaseConfiguration.Child(b, x => x.CaseId);
        b.HasOne<PanelMeeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.FrameworkVersion).HasMaxLength(16);
        b.Property(x => x.EngagementSummary).HasMaxLength(4000);
        b.Property(x => x.IntentSummary).HasMaxLength(4000);
        b.Property(x => x.CapabilitySummary).HasMaxLength(4000);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.OwnsMany(x => x.Judgements, j =>
        {
            OwnedList.Configure(j, "VafJudgements", "AssessmentId");
            j.Property(x => x.FactorCode).HasMaxLength(64);
            j.Property(x => x.Judgement).HasConversion<string>().HasMaxLength(16);
            j.Property(x => x.Notes).HasMaxLength(2000);
        });
    }

    public void Configure(EntityTypeBuilder<PanelDiscussion> b)
    {
        PreventCaseConfiguration.Child(b, x => x.CaseId);
        b.HasOne<PanelMeeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.MeetingId);
        b.Property(x => x.Decision).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Rationale).HasMaxLength(4000);
        b.Property(x => x.AlternativeSupport).HasMaxLength(2000);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
    }

    public void Configure(EntityTypeBuilder<Intervention> b)
    {
        PreventCaseConfiguration.Child(b, x => x.CaseId);
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Provider).HasMaxLength(200);
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
    }

    public void Configure(EntityTypeBuilder<CaseReview> b)
    {
        PreventCaseConfiguration.Child(b, x => x.CaseId);
        b.HasIndex(x => x.DueOn);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.Property(x => x.CompletedBy).HasMaxLength(256);
        b.Ignore(x => x.IsDue);
    }
}

internal sealed class ChannelPanelConfiguration : IEntityTypeConfiguration<ChannelPanel>, IEntityTypeConfiguration<PanelMeeting>,
    IEntityTypeConfiguration<PreventTeam>, IEntityTypeConfiguration<PublicReferral>, IEntityTypeConfiguration<ConcernScheme>, IEntityTypeConfiguration<VafFactor>
{
    public void Configure(EntityTypeBuilder<ChannelPanel> b)
    {
        b.Property(x => x.Code).HasMaxLength(64);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.LocalAuthority).HasMaxLength(200);
        b.Property(x => x.Chair).HasMaxLength(200);
        b.HasOne<Network.Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<NeedToKnowGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Members, m =>
        {
            OwnedList.Configure(m, "ChannelPanelMembers", "PanelId");
            m.Property(x => x.Represents).HasMaxLength(200);
            m.HasIndex("PanelId", nameof(PanelMember.UserId)).IsUnique();
        });
    }

    public void Configure(EntityTypeBuilder<PanelMeeting> b)
    {
        b.HasOne<ChannelPanel>().WithMany().HasForeignKey(x => x.PanelId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PanelId, x.HeldOn });
        b.Property(x => x.Location).HasMaxLength(200);
        b.Property(x => x.Attendees).HasMaxLength(2000);
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
    }

    public void Configure(EntityTypeBuilder<PreventTeam> b)
    {
        b.HasKey(x => x.UnitId);
        b.HasOne<Network.Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<NeedToKnowGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<PublicReferral> b)
    {
        b.Property(x => x.Reference).HasMaxLength(16);
        b.HasIndex(x => x.Reference).IsUnique();
        b.HasIndex(x => x.State);
        b.HasOne<ChannelPanel>().WithMany().HasForeignKey(x => x.PanelId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Sector).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.ReferrerName).HasMaxLength(200);
        b.Property(x => x.ReferrerOrganisation).HasMaxLength(200);
        b.Property(x => x.ReferrerRole).HasMaxLength(200);
        b.Property(x => x.ReferrerContact).HasMaxLength(200);
        b.Property(x => x.GivenName).HasMaxLength(200);
        b.Property(x => x.Surname).HasMaxLength(200);
        b.Property(x => x.Gender).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Address).HasMaxLength(500);
        b.Property(x => x.Postcode).HasMaxLength(16);
        b.Property(x => x.ConcernScheme).HasMaxLength(16);
        b.Property(x => x.ConcernCode).HasMaxLength(64);
        b.Property(x => x.WhatPrompted).HasMaxLength(4000);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.HandledBy).HasMaxLength(256);
        b.Property(x => x.DeclineReason).HasMaxLength(2000);
        b.Property(x => x.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<ConcernScheme> b)
    {
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(16);
        b.Property(x => x.Name).HasMaxLength(200);
        b.OwnsMany(x => x.Types, t =>
        {
            OwnedList.Configure(t, "ConcernTypes", "SchemeCode");
            t.Property(x => x.Code).HasMaxLength(64);
            t.Property(x => x.Name).HasMaxLength(200);
            t.HasIndex("SchemeCode", nameof(ConcernType.Code)).IsUnique();
        });
    }

    public void Configure(EntityTypeBuilder<VafFactor> b)
    {
        b.Property(x => x.FrameworkVersion).HasMaxLength(16);
        b.Property(x => x.Code).HasMaxLength(64);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Dimension).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => new { x.FrameworkVersion, x.Code }).IsUnique();
    }
}

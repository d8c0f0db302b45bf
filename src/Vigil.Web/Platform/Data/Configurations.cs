using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Data;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.Property(e => e.Action).HasMaxLength(64);
        b.Property(e => e.RecordType).HasMaxLength(64);
        b.Property(e => e.RecordId).HasMaxLength(128);
        b.Property(e => e.Outcome).HasMaxLength(32);
        b.Property(e => e.UserName).HasMaxLength(256);
        b.Property(e => e.Purpose).HasMaxLength(1000);
        b.Property(e => e.Detail).HasMaxLength(2000);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.HasIndex(e => e.At);
        b.HasIndex(e => e.UserId);
        b.HasIndex(e => new { e.RecordType, e.RecordId });
    }
}

internal sealed class VigilUserConfiguration : IEntityTypeConfiguration<VigilUser>
{
    public void Configure(EntityTypeBuilder<VigilUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
    }
}

internal sealed class NeedToKnowGroupConfiguration : IEntityTypeConfiguration<NeedToKnowGroup>
{
    public void Configure(EntityTypeBuilder<NeedToKnowGroup> b)
    {
        b.Property(g => g.Name).HasMaxLength(200);
        b.Property(g => g.Description).HasMaxLength(1000);
        b.Property(g => g.ManagedBy).HasMaxLength(300);
        b.HasIndex(g => g.Name).IsUnique();
    }
}

internal sealed class GroupMembershipConfiguration : IEntityTypeConfiguration<GroupMembership>
{
    public void Configure(EntityTypeBuilder<GroupMembership> b)
    {
        b.HasKey(m => new { m.GroupId, m.UserId });
        b.HasOne(m => m.Group).WithMany(g => g.Members).HasForeignKey(m => m.GroupId);
        b.HasOne(m => m.User).WithMany(u => u.Groups).HasForeignKey(m => m.UserId);
    }
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> b)
    {
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Hash).HasMaxLength(64);
        b.Property(t => t.Prefix).HasMaxLength(16);
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Web.Network;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.Property(u => u.Code).HasMaxLength(64);
        b.Property(u => u.Name).HasMaxLength(200);
        b.Property(u => u.ContactEmail).HasMaxLength(256);
        b.Property(u => u.ContactPhone).HasMaxLength(64);
        b.Property(u => u.Kind).HasConversion<string>().HasMaxLength(32);
        b.HasIndex(u => u.Code).IsUnique();
        b.HasOne(u => u.ParentUnit).WithMany().HasForeignKey(u => u.ParentUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(u => u.LeadForce).WithMany().HasForeignKey(u => u.LeadForceId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(u => u.Forces).WithOne(f => f.Unit).HasForeignKey(f => f.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>People and groups belong to units and agencies; the foreign keys live here, with the units.</summary>
internal sealed class UserOrganisationConfiguration : IEntityTypeConfiguration<Platform.Security.VigilUser>
{
    public void Configure(EntityTypeBuilder<Platform.Security.VigilUser> b)
    {
        b.HasOne<Unit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PartnerAgency>().WithMany().HasForeignKey(u => u.PartnerAgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GroupUnitConfiguration : IEntityTypeConfiguration<Platform.Security.NeedToKnowGroup>
{
    public void Configure(EntityTypeBuilder<Platform.Security.NeedToKnowGroup> b) =>
        b.HasOne<Unit>().WithMany().HasForeignKey(g => g.OwningUnitId).OnDelete(DeleteBehavior.Restrict);
}

internal sealed class ForceConfiguration : IEntityTypeConfiguration<Force>
{
    public void Configure(EntityTypeBuilder<Force> b)
    {
        b.Property(f => f.Name).HasMaxLength(200);
        b.HasIndex(f => f.Name).IsUnique();
    }
}

internal sealed class PartnerAgencyConfiguration : IEntityTypeConfiguration<PartnerAgency>
{
    public void Configure(EntityTypeBuilder<PartnerAgency> b)
    {
        b.Property(p => p.Code).HasMaxLength(64);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.ContactEmail).HasMaxLength(256);
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(32);
        b.HasIndex(p => p.Code).IsUnique();
    }
}

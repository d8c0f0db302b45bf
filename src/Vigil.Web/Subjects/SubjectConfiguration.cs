using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Web.Subjects;

internal sealed class SubjectConfiguration : IEntityTypeConfiguration<Subject>
{
    public void Configure(EntityTypeBuilder<Subject> b)
    {
        b.Property(s => s.GivenName).HasMaxLength(200);
        b.Property(s => s.Surname).HasMaxLength(200);
        b.Property(s => s.Summary).HasMaxLength(4000);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<Network.Unit>().WithMany().HasForeignKey(s => s.OwningUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.Surname, s.GivenName });
    }
}

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
        // The list's order, with the label and merge its filter reads.
        b.HasIndex(s => new { s.Surname, s.GivenName, s.AccessLabelId, s.MergedIntoId });
        b.Property(s => s.Gender).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.DateOfBirthAccuracy).HasConversion<string>().HasMaxLength(16);
        b.HasOne<SubjectTier>().WithMany().HasForeignKey(s => s.TierId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Platform.Security.VigilUser>().WithMany().HasForeignKey(s => s.TierOwnerId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Subject>().WithMany().HasForeignKey(s => s.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.TierReviewDue);

        // Details are owned: they can only be reached through their subject, and so through its access filter.
        b.OwnsMany(s => s.OtherNames, n =>
        {
            Detail(n, "SubjectNames");
            n.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            n.Property(x => x.GivenName).HasMaxLength(200);
            n.Property(x => x.Surname).HasMaxLength(200);
        });
        b.OwnsMany(s => s.Identifiers, i =>
        {
            Detail(i, "SubjectIdentifiers");
            i.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            i.Property(x => x.Value).HasMaxLength(100);
            i.Property(x => x.IssuingCountry).HasMaxLength(100);
            i.HasIndex(x => x.Value);
        });
        b.OwnsMany(s => s.Addresses, a =>
        {
            Detail(a, "SubjectAddresses");
            a.Property(x => x.Text).HasMaxLength(500);
            a.Property(x => x.Postcode).HasMaxLength(16);
            a.HasIndex(x => x.Postcode);
        });
        b.OwnsMany(s => s.Contacts, c =>
        {
            Detail(c, "SubjectContacts");
            c.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            c.Property(x => x.Value).HasMaxLength(256);
            c.Property(x => x.Platform).HasMaxLength(100);
            c.HasIndex(x => x.Value);
        });
        b.OwnsMany(s => s.Vehicles, v =>
        {
            Detail(v, "SubjectVehicles");
            v.Property(x => x.Registration).HasMaxLength(16);
            v.Property(x => x.Description).HasMaxLength(200);
            v.HasIndex(x => x.Registration);
        });
        b.OwnsMany(s => s.Nationalities, n =>
        {
            Detail(n, "SubjectNationalities");
            n.Property(x => x.Country).HasMaxLength(100);
        });
        b.OwnsMany(s => s.Links, l =>
        {
            Detail(l, "SubjectLinks");
            l.Property(x => x.Type).HasConversion<string>().HasMaxLength(32);
            l.HasIndex(x => x.ToSubjectId);
            l.HasIndex(x => x.ToOrganisationId);
        });
        b.OwnsMany(s => s.WarningMarkers, w =>
        {
            Detail(w, "SubjectWarningMarkers");
            w.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            w.Property(x => x.Notes).HasMaxLength(1000);
            w.Property(x => x.AddedBy).HasMaxLength(256);
        });
    }

    private static void Detail<T>(OwnedNavigationBuilder<Subject, T> b, string table) where T : SubjectDetail
    {
        b.ToTable(table);
        b.WithOwner().HasForeignKey("SubjectId");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Source).HasMaxLength(200);
    }
}

internal sealed class SubjectTierConfiguration : IEntityTypeConfiguration<SubjectTier>
{
    public void Configure(EntityTypeBuilder<SubjectTier> b)
    {
        b.Property(t => t.Code).HasMaxLength(32);
        b.Property(t => t.Name).HasMaxLength(100);
        b.HasIndex(t => t.Code).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Web.Platform.Data;

public static class OwnedList
{
    /// <summary>An owned list kept in its own table, keyed by its own generated id.</summary>
    public static void Configure<TOwner, T>(OwnedNavigationBuilder<TOwner, T> b, string table, string foreignKey) where TOwner : class where T : class
    {
        b.ToTable(table);
        b.WithOwner().HasForeignKey(foreignKey);
        b.Property<int>("Id").ValueGeneratedOnAdd();
        b.HasKey("Id");
    }
}

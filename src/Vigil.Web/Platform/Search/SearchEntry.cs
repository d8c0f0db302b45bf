using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigil.Web.Platform.Search;

/// <summary>
/// What a record says about itself to the one search: its title and text, the exact identifiers it holds
/// (a phone, a registration, a postcode, an e-mail: matched whatever their formatting), where it is shown,
/// the facets (date, grade; the unit is the owner of the protected record) and the protected record whose
/// label decides who may find it (the record itself, or the investigation an action belongs to). Null when
/// the record should not be found (a merged subject).
/// </summary>
public sealed record SearchDocument(
    string Title, string Text, IReadOnlyCollection<string> Identifiers, string Href,
    DateOnly? On, string? Grade, Type AccessRecordType, Guid AccessRecordId);

/// <summary>A record the one search finds. <see cref="VigilDb"/> writes its <see cref="SearchEntry"/> in
/// every save that adds, changes or deletes it (or a row it owns), in the same transaction, so a search never
/// finds what is gone nor misses what was just saved.</summary>
public interface ISearchable
{
    /// <summary>The record's type as the search names it ("subject", "intelligence-report").</summary>
    string SearchType { get; }
    Guid Id { get; }
    SearchDocument? SearchDocument();
}

/// <summary>
/// One row per searchable record: the text the full-text index reads (SQLite FTS5 over this table,
/// PostgreSQL a generated tsvector column with a GIN index, both made by the migrations' hand-written block)
/// and the label the access decision is taken on, inside the index query (<see cref="SearchEngine"/>).
/// </summary>
public sealed class SearchEntry
{
    /// <summary>Also the full-text index's row id on SQLite, and the order records arrived in (saved searches).</summary>
    public long Id { get; set; }
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public required string Title { get; set; }
    public string Body { get; set; } = "";
    /// <summary>The exact identifiers, each reduced to its letters and digits (<see cref="SearchTerms.Identifier"/>).</summary>
    public string Terms { get; set; } = "";
    public required string Href { get; set; }
    public Guid UnitId { get; set; }
    public DateOnly? On { get; set; }
    public string? Grade { get; set; }
    /// <summary>The protected record whose label this entry carries (itself, or its parent).</summary>
    public Guid AccessRecordId { get; set; }
    public Guid AccessLabelId { get; set; }
    /// <summary>The label as the word the full-text index holds for it ("l" and its 32 hex digits).</summary>
    public string LabelWord { get; set; } = "";

    public static string WordOf(Guid label) => "l" + label.ToString("N");
}

internal sealed class SearchEntryConfiguration : IEntityTypeConfiguration<SearchEntry>
{
    public void Configure(EntityTypeBuilder<SearchEntry> b)
    {
        b.ToTable("SearchEntries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.Property(e => e.RecordType).HasMaxLength(64);
        b.Property(e => e.Title).HasMaxLength(400);
        b.Property(e => e.Body).HasMaxLength(20_000);
        b.Property(e => e.Terms).HasMaxLength(4000);
        b.Property(e => e.Href).HasMaxLength(400);
        b.Property(e => e.Grade).HasMaxLength(8);
        b.Property(e => e.LabelWord).HasMaxLength(40);
        b.HasIndex(e => new { e.RecordId, e.RecordType }).IsUnique();
        b.HasIndex(e => e.AccessRecordId);
    }
}

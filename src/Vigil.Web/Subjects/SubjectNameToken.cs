using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Matching.Text;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Subjects;

/// <summary>
/// One word of a name a subject is known by (their own or another name), normalised as the matcher reads
/// names: what a search by name finds subjects through, by an index on the word, so that it costs what it
/// finds and not the network's size. Derived from the subject alone and replaced whenever the subject is
/// saved (<see cref="Subject.RefreshDerivedRowsAsync"/>); a child of the subject, so it is read only where
/// the subject may be.
/// </summary>
public sealed class SubjectNameToken : IProtectedChild<SubjectNameToken, Subject>
{
    public Guid SubjectId { get; set; }
    public required string Token { get; set; }

    public static Expression<Func<SubjectNameToken, Guid>> Parent => x => x.SubjectId;

    /// <summary>Subjects with a name word starting with each of the query's words ("marco carn" finds Marco
    /// Carnovale), through the word index; everything when the query has no words.</summary>
    public static IQueryable<Subject> Matching(IQueryable<Subject> subjects, IQueryable<SubjectNameToken> tokens, string? query)
    {
        foreach (var word in NameWords.OfQuery(query))
        {
            var upper = NameWords.UpperBound(word);
            // Compared by the database (binary on SQLite; the words hold letters and digits, which every collation orders alike).
#pragma warning disable CA1309
            var ids = tokens.Where(t => string.Compare(t.Token, word) >= 0 && string.Compare(t.Token, upper) < 0).Select(t => t.SubjectId);
#pragma warning restore CA1309
            subjects = subjects.Where(s => ids.Contains(s.Id));
        }
        return subjects;
    }
}

internal sealed class SubjectNameTokenConfiguration : IEntityTypeConfiguration<SubjectNameToken>
{
    public void Configure(EntityTypeBuilder<SubjectNameToken> b)
    {
        b.ToTable("SubjectNameTokens");
        b.HasKey(t => new { t.SubjectId, t.Token });
        b.Property(t => t.Token).HasMaxLength(64);
        b.HasOne<Subject>().WithMany().HasForeignKey(t => t.SubjectId).OnDelete(DeleteBehavior.Cascade);
        // Word first: a prefix range finds its subjects from the index alone.
        b.HasIndex(t => new { t.Token, t.SubjectId });
    }
}

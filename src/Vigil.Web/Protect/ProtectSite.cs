using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Places;
using Vigil.Web.Platform.Search;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Protect;

/// <summary>A site is premises (a building or place people are in) or an event (for a time).</summary>
public enum SiteKind
{
    Premises,
    Event,
}

/// <summary>Where a site falls under the Terrorism (Protection of Premises) Act 2025 (Martyn's Law).</summary>
public enum MartynsLawTier
{
    NotInScope,
    Standard,
    Enhanced,
}

public enum RecommendationPriority
{
    High,
    Medium,
    Low,
}

public enum RecommendationStatus
{
    Open,
    InProgress,
    Done,
    NotAccepted,
}

/// <summary>A CTSA's visit: the date, the adviser, what they found under deter, detect, delay and respond, and when to visit again.</summary>
public sealed class SiteAssessment
{
    public int Number { get; set; }
    public DateOnly VisitedOn { get; set; }
    public string Adviser { get; set; } = "";
    public string Deter { get; set; } = "";
    public string Detect { get; set; } = "";
    public string Delay { get; set; } = "";
    public string Respond { get; set; } = "";
    public DateOnly? NextVisitDue { get; set; }
}

/// <summary>A recommendation from an assessment: its priority, who at the site owns it, when it is due, where it
/// stands, and once done the evidence of completion.</summary>
public sealed class Recommendation
{
    public int Number { get; set; }
    public int AssessmentNumber { get; set; }
    public string Text { get; set; } = "";
    public RecommendationPriority Priority { get; set; }
    public string OwnerAtSite { get; set; } = "";
    public DateOnly DueOn { get; set; }
    public RecommendationStatus Status { get; set; }
    public string Evidence { get; set; } = "";
    public DateOnly? CompletedOn { get; set; }
    public string CompletedBy { get; set; } = "";

    public bool IsOverdue(DateOnly today) => Status is RecommendationStatus.Open or RecommendationStatus.InProgress && DueOn < today;
}

/// <summary>
/// A site or crowded place in the Protect register: where it is, its sector and capacity (and so its Martyn's Law
/// tier), who is responsible, the evidence the Act asks of it, and the CTSAs' assessments and recommendations.
/// Labelled like every protected record (most sites OFFICIAL, owned by the unit whose CTSAs advise it). The rules
/// of the tier and of the evidence live here.
/// </summary>
public sealed class ProtectSite : IProtectedRecord, IAuditedRecord, ISearchable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string Postcode
    {
        get;
        set
        {
            field = value;
            District = value.Length == 0 ? "" : Postcodes.District(value);
        }
    } = "";

    /// <summary>The postcode's outward code ("SE1"): what a report from the public is near.</summary>
    public string District { get; private set; } = "";
    public string Sector { get; set; } = "";
    public SiteKind Kind { get; set; }
    public int Capacity { get; set; }
    /// <summary>An event where entry is checked (tickets, searches): with 800 or more people, a qualifying event.</summary>
    public bool EntryChecks { get; set; }
    public string OwnerName { get; set; } = "";
    public string ResponsiblePerson { get; set; } = "";
    public string ResponsibleContact { get; set; } = "";
    /// <summary>The designated senior individual an enhanced-tier company must name.</summary>
    public string DesignatedSeniorIndividual { get; set; } = "";
    public DateOnly? SiaNotifiedOn { get; set; }
    public string SecurityDocumentVersion { get; set; } = "";
    public DateOnly? SecurityDocumentDate { get; set; }
    public string RiskAssessmentVersion { get; set; } = "";
    public DateOnly? RiskAssessmentDate { get; set; }
    public Guid? AdviserId { get; set; }
    public string Adviser { get; set; } = "";
    public List<SiteAssessment> Assessments { get; set; } = [];
    public List<Recommendation> Recommendations { get; set; } = [];

    public Classification Classification { get; set; } = Classification.Official;
    public bool OfficialSensitive { get; set; }
    public Guid OwningUnitId { get; set; }
    public List<RecordGroup> NeedToKnow { get; set; } = [];
    public Guid AccessLabelId { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public string AuditRecordType => "protect-site";
    public string AuditRecordId => Id.ToString();
    public string SearchType => "protect-site";

    public SearchDocument? SearchDocument() => new($"Site: {Name}", string.Join(" ", Address, Postcode, ProtectReferenceData.SectorName(Sector), OwnerName),
        Postcode.Length > 0 ? [Postcode] : [], $"/protect/sites/{Id}", null, null, typeof(ProtectSite), Id);

    public MartynsLawTier Tier => TierOf(Kind, Capacity, EntryChecks);

    /// <summary>Martyn's Law: premises for 200 to 799 people are standard tier, 800 or more enhanced; an event counts
    /// (enhanced) when 800 or more attend and entry is checked. Written once, as an expression: the page's rule
    /// (<see cref="TierOf"/>) is it compiled, and the register's filter (<see cref="InTier"/>) is it in SQL.</summary>
    private static readonly Expression<Func<SiteKind, int, bool, MartynsLawTier>> Rule = (kind, capacity, entryChecks) =>
        kind == SiteKind.Premises
            ? (capacity >= 800 ? MartynsLawTier.Enhanced : capacity >= 200 ? MartynsLawTier.Standard : MartynsLawTier.NotInScope)
            : (capacity >= 800 && entryChecks ? MartynsLawTier.Enhanced : MartynsLawTier.NotInScope);

    private static readonly Func<SiteKind, int, bool, MartynsLawTier> CompiledRule = Rule.Compile();

    public static MartynsLawTier TierOf(SiteKind kind, int capacity, bool entryChecks) => CompiledRule(kind, capacity, entryChecks);

    /// <summary>The sites of a tier, as a filter the database runs.</summary>
    public static Expression<Func<ProtectSite, bool>> InTier(MartynsLawTier tier)
    {
        var site = Expression.Parameter(typeof(ProtectSite), "s");
        var body = new Substitute(new Dictionary<ParameterExpression, Expression>
        {
            [Rule.Parameters[0]] = Expression.Property(site, nameof(Kind)),
            [Rule.Parameters[1]] = Expression.Property(site, nameof(Capacity)),
            [Rule.Parameters[2]] = Expression.Property(site, nameof(EntryChecks)),
        }).Visit(Rule.Body);
        return Expression.Lambda<Func<ProtectSite, bool>>(Expression.Equal(body, Expression.Constant(tier)), site);
    }

    private sealed class Substitute(Dictionary<ParameterExpression, Expression> with) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => with.TryGetValue(node, out var replacement) ? replacement : node;
    }

    /// <summary>What the Act asks of the site that is not yet recorded, in plain words.</summary>
    public IReadOnlyList<string> MissingEvidence()
    {
        var missing = new List<string>();
        if (Tier == MartynsLawTier.NotInScope)
        {
            return missing;
        }
        if (SiaNotifiedOn is null)
        {
            missing.Add("The date the SIA was notified");
        }
        if (Tier == MartynsLawTier.Enhanced)
        {
            if (DesignatedSeniorIndividual.Length == 0)
            {
                missing.Add("The designated senior individual");
            }
            if (SecurityDocumentVersion.Length == 0 || SecurityDocumentDate is null)
            {
                missing.Add("The security document's version and date");
            }
            if (RiskAssessmentVersion.Length == 0 || RiskAssessmentDate is null)
            {
                missing.Add("The risk assessment's version and date");
            }
        }
        return missing;
    }

    public DateOnly? NextVisitDue => Assessments.OrderByDescending(a => a.Number).FirstOrDefault()?.NextVisitDue;

    /// <summary>Why the recommendation cannot be completed now, or null.</summary>
    public Refusal? WhyNotComplete(int number) => Recommendations.FirstOrDefault(r => r.Number == number) switch
    {
        null => Refusal.Invalid("Recommendation", "There is no such recommendation"),
        { Status: RecommendationStatus.Done } => Refusal.Conflict("The recommendation is already done"),
        { Status: RecommendationStatus.NotAccepted } => Refusal.Conflict("The site did not accept the recommendation"),
        _ => null,
    };
}

internal sealed class ProtectSiteConfiguration : IEntityTypeConfiguration<ProtectSite>
{
    public void Configure(EntityTypeBuilder<ProtectSite> b)
    {
        b.ToTable("ProtectSites");
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Address).HasMaxLength(500);
        b.Property(s => s.Postcode).HasMaxLength(16);
        b.Property(s => s.Sector).HasMaxLength(64);
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.OwnerName).HasMaxLength(200);
        b.Property(s => s.ResponsiblePerson).HasMaxLength(200);
        b.Property(s => s.ResponsibleContact).HasMaxLength(254);
        b.Property(s => s.DesignatedSeniorIndividual).HasMaxLength(200);
        b.Property(s => s.SecurityDocumentVersion).HasMaxLength(40);
        b.Property(s => s.RiskAssessmentVersion).HasMaxLength(40);
        b.Property(s => s.Adviser).HasMaxLength(200);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => new { s.OwningUnitId, s.Name });
        b.HasIndex(s => s.Postcode);
        b.Property(s => s.District).HasMaxLength(8);
        b.HasIndex(s => s.District);
        b.HasIndex(s => s.AdviserId);
        b.OwnsMany(s => s.Assessments, a =>
        {
            OwnedList.Configure(a, "ProtectAssessments", "SiteId");
            a.Property(x => x.Adviser).HasMaxLength(200);
            a.Property(x => x.Deter).HasMaxLength(4000);
            a.Property(x => x.Detect).HasMaxLength(4000);
            a.Property(x => x.Delay).HasMaxLength(4000);
            a.Property(x => x.Respond).HasMaxLength(4000);
        });
        b.OwnsMany(s => s.Recommendations, r =>
        {
            OwnedList.Configure(r, "ProtectRecommendations", "SiteId");
            r.Property(x => x.Text).HasMaxLength(2000);
            r.Property(x => x.Priority).HasConversion<string>().HasMaxLength(16);
            r.Property(x => x.OwnerAtSite).HasMaxLength(200);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            r.Property(x => x.Evidence).HasMaxLength(2000);
            r.Property(x => x.CompletedBy).HasMaxLength(200);
        });
    }
}

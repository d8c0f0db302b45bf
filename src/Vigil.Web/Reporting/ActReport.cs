using System.Globalization;
using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Search;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Reporting;

/// <summary>Where a report stands in its unit's triage queue.</summary>
public enum ActState
{
    /// <summary>Arrived; nobody holds it yet.</summary>
    New,
    /// <summary>A triage officer holds it (<see cref="ActReport.HeldBy"/>), so nobody else works it.</summary>
    InProgress,
    /// <summary>The officer asked the reporter a question and waits for the answer.</summary>
    AwaitingReporter,
    /// <summary>An outcome was recorded.</summary>
    Done,
}

/// <summary>What a triaged report came to.</summary>
public enum ActOutcome
{
    NoFurtherAction,
    LocalPolicing,
    IntelligenceReport,
    Investigation,
    Prevent,
}

/// <summary>What a triage officer may do to a report, for the rules and the pages.</summary>
public enum ActStep { Take, Release, Check, Ask, Reroute, Close, CreateIntelligence, LinkInvestigation, ReferToPrevent }

/// <summary>
/// A report from the public through ACT: what they saw or heard, when, where, who and which vehicles, and
/// anything else, as they told it. Labelled like every protected record: owned by the unit its place routes
/// it to (or the national queue), OFFICIAL-SENSITIVE. The reporter's contact details, if given, are a record
/// of their own under a stricter label (<see cref="ActReporterContact"/>); the reporter's address is never
/// stored. The rules of triage live here.
/// </summary>
public sealed class ActReport : IProtectedRecord, IAuditedRecord, ISearchable, Platform.Retention.IRetained
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>"ACT-7K3Q-X9MA-B2CD": random (60 bits), so it cannot be guessed and tells nobody how many reports exist.</summary>
    public required string Reference { get; set; }
    /// <summary>SHA-256 of the follow-up code (80 random bits) given to the reporter once.</summary>
    public required string FollowUpCodeHash { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The reporter said it was happening now (after being told to call 999): flagged to the operations centre at once.</summary>
    public bool ImmediateThreat { get; set; }
    public required string Behaviour { get; set; }
    public string BehaviourOther { get; set; } = "";
    public required string WhatHappened { get; set; }
    public DateOnly? SeenOn { get; set; }
    public TimeOnly? SeenAt { get; set; }
    public bool Online { get; set; }
    public string Postcode { get; set; } = "";
    public string Address { get; set; } = "";
    public string PlaceDescription { get; set; } = "";
    public string OnlineLink
    {
        get;
        set
        {
            field = value;
            OnlineLinkKey = LinkKey(value);
        }
    } = "";

    /// <summary>The link's SHA-256 (its first 16 bytes, in hex), "" for none: reports about one link are found
    /// through this short key's index (a link can be 2,000 characters, too long to index itself).</summary>
    public string OnlineLinkKey { get; private set; } = "";

    public static string LinkKey(string link) => link.Length == 0 ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(link))[..16]);

    public List<ActPerson> People { get; set; } = [];
    public List<ActVehicle> Vehicles { get; set; } = [];
    public string AnythingElse { get; set; } = "";
    public bool HasContact { get; set; }

    /// <summary>The force the place lies in (empty for an online report or a place the table does not know).</summary>
    public string Force { get; set; } = "";
    /// <summary>Why it is in this unit's queue ("postcode area M: Greater Manchester", "online: national queue", "re-routed by ... : reason").</summary>
    public string RoutedBecause { get; set; } = "";

    /// <summary>Set once the arrival work (clustering, the operations centre's flag) has run; until then a sweeper retries it.</summary>
    public bool Processed { get; set; }

    public ActState State { get; set; }
    public Guid? HeldById { get; set; }
    public string HeldBy { get; set; } = "";
    public DateTimeOffset? HeldAt { get; set; }
    public ActOutcome? Outcome { get; set; }
    public string OutcomeReason { get; set; } = "";
    public string OutcomeDetail { get; set; } = "";
    public DateTimeOffset? TriagedAt { get; set; }
    public string TriagedBy { get; set; } = "";
    public Guid? IntelligenceReportId { get; set; }
    public string IntelligenceReference { get; set; } = "";
    public Guid? InvestigationId { get; set; }
    public string OperationName { get; set; } = "";
    public string PreventReference { get; set; } = "";

    /// <summary>What happened to the report, in order: the trail it keeps wherever it goes.</summary>
    public List<ActTrailEntry> Trail { get; set; } = [];
    /// <summary>The triage officer's questions and the reporter's answers and additions.</summary>
    public List<ActMessage> Messages { get; set; } = [];
    /// <summary>What the deconfliction check found for each thing the report names (subjects by id, named to each reader as they may see them).</summary>
    public List<ActCheck> Checks { get; set; } = [];

    public Classification Classification { get; set; } = Classification.Official;
    public bool OfficialSensitive { get; set; } = true;
    public Guid OwningUnitId { get; set; }
    public List<RecordGroup> NeedToKnow { get; set; } = [];
    public Guid AccessLabelId { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public string BehaviourText => Behaviour == "other" && BehaviourOther.Length > 0 ? BehaviourOther : ActReferenceData.BehaviourName(Behaviour);

    public string PlaceText => Online ? (OnlineLink.Length > 0 ? $"Online: {OnlineLink}" : "Online")
        : string.Join(", ", new[] { Address, Postcode, PlaceDescription }.Where(s => s.Length > 0));

    /// <summary>The time by which triage should start: an hour for an immediate threat, a day otherwise.</summary>
    public DateTimeOffset TargetAt => ReceivedAt + (ImmediateThreat ? TimeSpan.FromHours(1) : TimeSpan.FromHours(24));

    // ---- References and codes ----

    public static string NewReference()
    {
        var s = Crockford.Draw(12);
        return $"ACT-{s[..4]}-{s[4..8]}-{s[8..]}";
    }

    public static string NewFollowUpCode()
    {
        var s = Crockford.Draw(16);
        return $"{s[..4]}-{s[4..8]}-{s[8..12]}-{s[12..]}";
    }

    /// <summary>A reference or code as typed ("act 7k3q x9ma b2cd", with O for 0 or I for 1) in its one form.</summary>
    public static string Canonical(string? typed) => Crockford.Canonical(typed);

    public static string HashCode(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("vigil-act-follow-up|" + Canonical(code))));

    /// <summary>The reference's canonical form stripped of the "ACT" prefix letters, for finding it as typed.</summary>
    public static string ReferenceKey(string? typed)
    {
        var canonical = Canonical(typed);
        return canonical.StartsWith("AC", StringComparison.Ordinal) && canonical.Length == 15 ? canonical[3..] : canonical;
    }

    public static string FromKey(string key) => key.Length == 12 ? $"ACT-{key[..4]}-{key[4..8]}-{key[8..]}" : key;

    // ---- The rules ----

    /// <summary>Why the officer may not take <paramref name="step"/> on this report now (null: they may).</summary>
    public Refusal? WhyNot(ActStep step, ActAsker asker) => step switch
    {
        _ when !asker.IsTriage => Refusal.Forbidden("Only an ACT triage officer of the unit whose queue holds the report may work on it."),
        ActStep.Take when State == ActState.Done => Refusal.Conflict("The report has been triaged: its outcome is recorded."),
        ActStep.Take when HeldById == asker.UserId => Refusal.Conflict("You already hold this report."),
        ActStep.Take when HeldById is not null => Refusal.Conflict($"{HeldBy} holds this report."),
        ActStep.Take => null,
        ActStep.Release when HeldById != asker.UserId => Refusal.Conflict("You do not hold this report."),
        ActStep.Release => null,
        ActStep.Reroute when State == ActState.Done => Refusal.Conflict("The report has been triaged: it stays with the unit that triaged it."),
        // An intelligence report made from it may then join an investigation: the path from contact to court.
        ActStep.LinkInvestigation when State == ActState.Done && Outcome == ActOutcome.IntelligenceReport && InvestigationId is null => null,
        _ when State == ActState.Done => Refusal.Conflict("The report has been triaged: its outcome is recorded."),
        _ when HeldById is null => Refusal.Conflict("Take the report first, so nobody else works on it at the same time."),
        _ when HeldById != asker.UserId => Refusal.Conflict($"{HeldBy} holds this report."),
        _ => null,
    };

    public void Touch() => Version = Guid.NewGuid();

    public void Note(DateTimeOffset at, string by, string what) =>
        Trail.Add(new ActTrailEntry { At = at, By = by, What = what.Length <= 1000 ? what : what[..997] + "..." });

    public void Take(Guid userId, string name, DateTimeOffset at)
    {
        (HeldById, HeldBy, HeldAt) = (userId, name, at);
        if (State == ActState.New)
        {
            State = ActState.InProgress;
        }
        Note(at, name, "Took the report");
        Touch();
    }

    public void Release(DateTimeOffset at, string by)
    {
        (HeldById, HeldBy, HeldAt) = (null, "", null);
        if (State == ActState.InProgress)
        {
            State = ActState.New;
        }
        Note(at, by, "Released the report to the queue");
        Touch();
    }

    public void Ask(string question, DateTimeOffset at, string by)
    {
        Messages.Add(new ActMessage { At = at, FromReporter = false, By = by, Text = question });
        State = ActState.AwaitingReporter;
        Note(at, by, "Asked the reporter a question");
        Touch();
    }

    /// <summary>The reporter adds information or answers (through the follow-up code): a report waiting for them goes back to its holder.</summary>
    public void Hear(string text, DateTimeOffset at)
    {
        Messages.Add(new ActMessage { At = at, FromReporter = true, By = "The reporter", Text = text });
        if (State == ActState.AwaitingReporter)
        {
            State = HeldById is null ? ActState.New : ActState.InProgress;
        }
        Note(at, "The reporter", "The reporter added information");
        Touch();
    }

    public void Decide(ActOutcome outcome, string reason, string detail, DateTimeOffset at, string by)
    {
        (Outcome, OutcomeReason, OutcomeDetail, TriagedAt, TriagedBy, State) = (outcome, reason, detail, at, by, ActState.Done);
        (HeldById, HeldBy, HeldAt) = (null, "", null);
        Note(at, by, $"Outcome: {ActReferenceData.OutcomeName(outcome)}{(detail.Length > 0 ? $" ({detail})" : "")}. {reason}");
        Touch();
    }

    public void Reroute(Guid unit, string unitName, string reason, DateTimeOffset at, string by)
    {
        OwningUnitId = unit;
        RoutedBecause = $"Re-routed to {unitName} by {by}: {reason}";
        (HeldById, HeldBy, HeldAt) = (null, "", null);
        if (State == ActState.InProgress)
        {
            State = ActState.New;
        }
        Note(at, by, RoutedBecause);
        Touch();
    }

    public string SearchType => "act-report";

    /// <summary>In the one search, for those who may see the report: what the reporter said, never their contact details.</summary>
    public SearchDocument SearchDocument() => new($"ACT report {Reference}: {BehaviourText}",
        string.Join(" ", new[] { WhatHappened, PlaceText, AnythingElse }.Concat(People.Select(p => $"{p.Name} {p.Description}")).Concat(Vehicles.Select(v => $"{v.Make} {v.Colour}"))),
        [Reference, .. Vehicles.Select(v => v.Registration).Where(r => r.Length > 0), .. Postcode.Length > 0 ? new[] { Postcode } : []],
        $"/act/triage/{Id}", DateOnly.FromDateTime(ReceivedAt.UtcDateTime), null, typeof(ActReport), Id);

    public string RetentionType => "act-report";

    /// <summary>Reviewed from the day its outcome was decided; not while it is being triaged.</summary>
    public Platform.Retention.RetentionClock? RetentionClock() => TriagedAt is { } decided ? new(DateOnly.FromDateTime(decided.UtcDateTime), "outcome decided") : null;

    public string AuditRecordType => "act-report";
    public string AuditRecordId => Id.ToString();
}

/// <summary>What a rule needs to know of the officer: whether they triage for the report's queue, who they are.</summary>
public sealed record ActAsker(bool IsTriage, Guid? UserId);

public sealed class ActPerson
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
}

public sealed class ActVehicle
{
    public string Registration { get; set; } = "";
    public string Make { get; set; } = "";
    public string Colour { get; set; } = "";
}

public sealed class ActTrailEntry
{
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
    public required string What { get; set; }
}

public sealed class ActMessage
{
    public DateTimeOffset At { get; set; }
    public bool FromReporter { get; set; }
    public required string By { get; set; }
    public required string Text { get; set; }
}

/// <summary>One thing the report names, as the deconfliction check answered it for the officer who ran it: visible
/// subjects by id (each reader sees the names they may see), hidden holders as the check masked them.</summary>
public sealed class ActCheck
{
    public required string What { get; set; }
    public string CheckReference { get; set; } = "";
    public string Subjects { get; set; } = "";
    public string Masked { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>Two reports about the same place, person, vehicle or link within the cluster window.</summary>
public sealed class ActClusterLink : IProtectedChild<ActClusterLink, ActReport>
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ReportId { get; set; }
    public Guid OtherId { get; set; }
    public required string Reason { get; set; }

    public static Expression<Func<ActClusterLink, Guid>> Parent => x => x.ReportId;
}

/// <summary>A report near a Protect site (the same postcode district), found when the report was processed: the
/// site's page lists the reports near it that its reader may see, and the site's adviser was told.</summary>
public sealed class ActSiteLink : IProtectedChild<ActSiteLink, ActReport>
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ReportId { get; set; }
    public Guid SiteId { get; set; }
    public required string SiteName { get; set; }
    public bool EnhancedTier { get; set; }

    public static Expression<Func<ActSiteLink, Guid>> Parent => x => x.ReportId;
}

/// <summary>A photo or file the reporter sent: checked by its first bytes, image metadata stripped before it was stored.</summary>
public sealed class ActAttachment : IProtectedChild<ActAttachment, ActReport>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ReportId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }

    public static Expression<Func<ActAttachment, Guid>> Parent => x => x.ReportId;
    public string AuditRecordType => "act-attachment";
    public string AuditRecordId => Id.ToString();
}

/// <summary>How the reporter may be contacted, if they chose to say: a record of its own, restricted to the unit's
/// "ACT contact details" group, so the report can be read, searched and shared without it.</summary>
public sealed class ActReporterContact : IProtectedRecord, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ReportId { get; set; }
    public string Name { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";

    public Classification Classification { get; set; } = Classification.Official;
    public bool OfficialSensitive { get; set; } = true;
    public Guid OwningUnitId { get; set; }
    public List<RecordGroup> NeedToKnow { get; set; } = [];
    public Guid AccessLabelId { get; set; }

    public string AuditRecordType => "act-contact";
    public string AuditRecordId => Id.ToString();
}

internal sealed class ActConfiguration : IEntityTypeConfiguration<ActReport>, IEntityTypeConfiguration<ActAttachment>,
    IEntityTypeConfiguration<ActReporterContact>, IEntityTypeConfiguration<ActClusterLink>, IEntityTypeConfiguration<ActSiteLink>
{
    public void Configure(EntityTypeBuilder<ActReport> b)
    {
        b.ToTable("ActReports");
        b.Property(r => r.Reference).HasMaxLength(20);
        b.HasIndex(r => r.Reference).IsUnique();
        b.Property(r => r.FollowUpCodeHash).HasMaxLength(64);
        b.Property(r => r.Behaviour).HasMaxLength(64);
        b.Property(r => r.BehaviourOther).HasMaxLength(200);
        b.Property(r => r.WhatHappened).HasMaxLength(5000);
        b.Property(r => r.Postcode).HasMaxLength(16);
        b.Property(r => r.Address).HasMaxLength(500);
        b.Property(r => r.PlaceDescription).HasMaxLength(1000);
        b.Property(r => r.OnlineLink).HasMaxLength(2000);
        b.Property(r => r.OnlineLinkKey).HasMaxLength(32);
        b.Property(r => r.AnythingElse).HasMaxLength(5000);
        b.Property(r => r.Force).HasMaxLength(100);
        b.Property(r => r.RoutedBecause).HasMaxLength(1200);
        b.Property(r => r.HeldBy).HasMaxLength(200);
        b.Property(r => r.OutcomeReason).HasMaxLength(2000);
        b.Property(r => r.OutcomeDetail).HasMaxLength(400);
        b.Property(r => r.TriagedBy).HasMaxLength(200);
        b.Property(r => r.IntelligenceReference).HasMaxLength(32);
        b.Property(r => r.OperationName).HasMaxLength(200);
        b.Property(r => r.PreventReference).HasMaxLength(32);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.OwningUnitId, r.State, r.ReceivedAt });
        b.HasIndex(r => r.Processed);
        b.HasIndex(r => new { r.Postcode, r.ReceivedAt });
        b.HasIndex(r => new { r.OnlineLinkKey, r.ReceivedAt });
        b.HasIndex(r => r.InvestigationId);
        b.OwnsMany(r => r.People, p =>
        {
            p.ToTable("ActReportPeople");
            p.WithOwner().HasForeignKey("ReportId");
            p.Property<int>("Id");
            p.HasKey("Id");
            p.Property(x => x.Name).HasMaxLength(200);
            p.Property(x => x.Description).HasMaxLength(1000);
            // Newest first for one name: the clustering reads the latest reports naming someone straight off it.
            p.HasIndex(nameof(ActPerson.Name), "Id");
        });
        b.OwnsMany(r => r.Vehicles, v =>
        {
            v.ToTable("ActReportVehicles");
            v.WithOwner().HasForeignKey("ReportId");
            v.Property<int>("Id");
            v.HasKey("Id");
            v.Property(x => x.Registration).HasMaxLength(16);
            v.Property(x => x.Make).HasMaxLength(100);
            v.Property(x => x.Colour).HasMaxLength(50);
            v.HasIndex(nameof(ActVehicle.Registration), "Id");
        });
        b.OwnsMany(r => r.Trail, t =>
        {
            t.ToTable("ActReportTrail");
            t.WithOwner().HasForeignKey("ReportId");
            t.Property<int>("Id");
            t.HasKey("Id");
            t.Property(x => x.By).HasMaxLength(200);
            t.Property(x => x.What).HasMaxLength(1000);
        });
        b.OwnsMany(r => r.Messages, m =>
        {
            m.ToTable("ActReportMessages");
            m.WithOwner().HasForeignKey("ReportId");
            m.Property<int>("Id");
            m.HasKey("Id");
            m.Property(x => x.By).HasMaxLength(200);
            m.Property(x => x.Text).HasMaxLength(5000);
        });
        b.OwnsMany(r => r.Checks, c =>
        {
            c.ToTable("ActReportChecks");
            c.WithOwner().HasForeignKey("ReportId");
            c.Property<int>("Id");
            c.HasKey("Id");
            c.Property(x => x.What).HasMaxLength(300);
            c.Property(x => x.CheckReference).HasMaxLength(64);
            c.Property(x => x.Subjects).HasMaxLength(800);
            c.Property(x => x.Masked).HasMaxLength(2000);
        });
    }

    public void Configure(EntityTypeBuilder<ActAttachment> b)
    {
        b.ToTable("ActAttachments");
        b.HasOne<ActReport>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.Property(a => a.FileName).HasMaxLength(200);
        b.Property(a => a.ContentType).HasMaxLength(64);
        b.Property(a => a.Sha256).HasMaxLength(64);
        b.HasIndex(a => a.ReportId);
    }

    public void Configure(EntityTypeBuilder<ActReporterContact> b)
    {
        b.ToTable("ActReporterContacts");
        b.HasOne<ActReport>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.ReportId).IsUnique();
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Phone).HasMaxLength(40);
        b.Property(c => c.Email).HasMaxLength(254);
    }

    public void Configure(EntityTypeBuilder<ActClusterLink> b)
    {
        b.ToTable("ActClusterLinks");
        b.HasOne<ActReport>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.Property(c => c.Reason).HasMaxLength(300);
        b.HasIndex(c => new { c.ReportId, c.OtherId }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ActSiteLink> b)
    {
        b.ToTable("ActSiteLinks");
        b.HasOne<ActReport>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.Property(c => c.SiteName).HasMaxLength(200);
        b.HasIndex(c => new { c.ReportId, c.SiteId }).IsUnique();
        b.HasIndex(c => c.SiteId);
    }
}

internal static class ActText
{
    public static string Bound(string? text, int max) => (text ?? "").Trim() is var t && t.Length <= max ? t : t[..max];

    public static string Plural(int n, string one, string many) => n.ToString("N0", CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);
}

using Microsoft.AspNetCore.Identity;

namespace Vigil.Web.Platform.Security;

public sealed class VigilUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>The unit an officer belongs to (a regional unit, NCTPHQ or the National Operations Centre).</summary>
    public Guid? UnitId { get; set; }

    /// <summary>For a partner-agency member (e.g. a local authority on a Channel panel): the agency.
    /// Such a user owns no unit and sees only what is shared with their need-to-know groups.</summary>
    public Guid? PartnerAgencyId { get; set; }

    public Classification Clearance { get; set; }

    public bool IsDisabled { get; set; }

    /// <summary>True for the accounts seeded in demo mode; production start-up refuses to run with any.</summary>
    public bool IsDemo { get; set; }

    public List<GroupMembership> Groups { get; set; } = [];

    /// <summary>Changes whenever the account's roles or need-to-know groups change (VigilDb stamps it in the
    /// same save), so that what a request knows of the user can be kept between requests and still be
    /// refused the moment it is out of date.</summary>
    public Guid AccessVersion { get; set; } = Guid.NewGuid();

    /// <summary>The TOTP time step of the last authenticator code accepted: a code is accepted only for a
    /// later step, so each is used once (<see cref="OneTimeAuthenticator"/>).</summary>
    public long? LastTwoFactorStep { get; set; }

    /// <summary>Two-factor authentication is required for administrators and anyone cleared above OFFICIAL.</summary>
    public static bool RequiresTwoFactor(Classification clearance, IEnumerable<string> roles) =>
        clearance > Classification.Official || roles.Contains(Roles.Administrator);
}

/// <summary>A need-to-know group (a compartment): records restricted to it are seen only by its members.</summary>
public sealed class NeedToKnowGroup
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public Guid? OwningUnitId { get; set; }
    /// <summary>When set, the workflow that owns this group's membership ("the team of Operation KESTREL",
    /// "the Manchester City Council Channel panel"): members join and leave only through it, so that its
    /// own rules (clearance, accreditation, who may add) always hold. Administrators see it read-only.</summary>
    public string? ManagedBy { get; set; }
    public List<GroupMembership> Members { get; set; } = [];
}

public sealed class GroupMembership
{
    public Guid GroupId { get; set; }
    public NeedToKnowGroup? Group { get; set; }
    public Guid UserId { get; set; }
    public VigilUser? User { get; set; }
}

/// <summary>A personal access token for the API. Only the SHA-256 hash of the secret is kept.</summary>
public sealed class PersonalAccessToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public VigilUser? User { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    /// <summary>The first characters of the token, shown in lists so the owner can tell tokens apart.</summary>
    public required string Prefix { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}

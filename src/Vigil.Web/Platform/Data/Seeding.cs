namespace Vigil.Web.Platform.Data;

/// <summary>A module's contribution to setting up a database: reference data always, demo data only in
/// demo mode. Setup runs each seed in one transaction, so a seed is never half-written; it checks what is
/// there first (and adds only what is missing), so setup can run at every start.</summary>
public interface ISeed
{
    /// <summary>Lower runs first: reference data (10s), accounts (20s), demo records (30s and up).</summary>
    int Order { get; }

    Task SeedAsync(VigilDb db, bool demo, CancellationToken ct);
}

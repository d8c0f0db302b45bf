namespace Vigil.Web.Platform.Data;

/// <summary>
/// A record that keeps rows computed from it alone (a subject's name words, for searching by name through
/// an index): <see cref="VigilDb"/> asks it to replace them in every save that adds or changes it or one of
/// its owned rows, inside the same transaction, and the national-scale generator writes them beside it.
/// </summary>
public interface IHasDerivedRows
{
    /// <summary>The rows as they should be now.</summary>
    IEnumerable<object> DerivedRows();

    /// <summary>Replaces the stored rows with <see cref="DerivedRows"/> (tracked changes, saved by the caller's save).</summary>
    Task RefreshDerivedRowsAsync(VigilDb db, CancellationToken ct);
}

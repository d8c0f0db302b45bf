namespace Vigil.Web.Platform.Security;

/// <summary>A need-to-know group a protected record may be restricted to. Owned by the record.</summary>
public sealed class RecordGroup
{
    public Guid GroupId { get; set; }
}

/// <summary>Every protected record carries a classification, an owning unit and optional need-to-know
/// groups. <see cref="AccessPolicy"/> decides who may read and write it; VigilDb's query filters apply
/// that decision to every query.</summary>
public interface IProtectedRecord
{
    Guid Id { get; }
    Classification Classification { get; }
    bool OfficialSensitive { get; }
    Guid OwningUnitId { get; }
    List<RecordGroup> NeedToKnow { get; }
}

/// <summary>The label of a record as plain values, for decisions made outside a query.</summary>
public sealed record ProtectiveLabel(Classification Classification, bool OfficialSensitive, Guid OwningUnitId, IReadOnlyCollection<Guid> Groups)
{
    public static ProtectiveLabel Of(IProtectedRecord record) =>
        new(record.Classification, record.OfficialSensitive, record.OwningUnitId, record.NeedToKnow.Select(g => g.GroupId).ToArray());
}

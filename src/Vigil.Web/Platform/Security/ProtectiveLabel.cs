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

    /// <summary>The <see cref="AccessLabel"/> these three make: set by VigilDb on every save, and what the
    /// query filter finds the record by.</summary>
    Guid AccessLabelId { get; set; }
}

/// <summary>The label of a record as plain values, for decisions made outside a query.</summary>
public sealed record ProtectiveLabel(Classification Classification, bool OfficialSensitive, Guid OwningUnitId, IReadOnlyCollection<Guid> Groups)
{
    public static ProtectiveLabel Of(IProtectedRecord record) =>
        new(record.Classification, record.OfficialSensitive, record.OwningUnitId, record.NeedToKnow.Select(g => g.GroupId).ToArray());
}

/// <summary>A record that lives inside a protected record (an investigation's action, exhibit or policy
/// entry) and is visible exactly when its parent is. VigilDb turns this into a query filter, so a
/// child can never be reached around its parent's access decision.</summary>
public interface IProtectedChild<TSelf, TParent> where TParent : class, IProtectedRecord where TSelf : IProtectedChild<TSelf, TParent>
{
    /// <summary>The child's foreign key to its parent, as an expression the filter can use.</summary>
    static abstract System.Linq.Expressions.Expression<Func<TSelf, Guid>> Parent { get; }
}

/// <summary>A partner agency a record has been shared with (for example, an ELG meeting shared with the
/// local authority). Owned by the record.</summary>
public sealed class PartnerShare
{
    public Guid AgencyId { get; set; }
}

/// <summary>A child record that may also be shared, deliberately and one by one, with members of named
/// partner agencies who cannot see its parent. They still need the clearance for its classification.</summary>
public interface IPartnerShared
{
    Classification Classification { get; }
    List<PartnerShare> SharedWith { get; }
}

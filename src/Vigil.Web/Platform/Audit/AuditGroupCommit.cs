using Vigil.Web.Platform.Data;

namespace Vigil.Web.Platform.Audit;

/// <summary>
/// Group commit for saves that write nothing but audit entries (a read, a search, a refusal): the entries of
/// every such request that arrives while one group is being written are appended to the chain together, so
/// "no read without its entry" holds while concurrent readers share a commit instead of queueing for one each.
/// A save that changes records does not come here: its entries commit with its change, as always.
/// </summary>
public sealed class AuditGroupCommit() : GroupCommit<List<AuditEntry>>(MaxGroup, entries => entries.Count)
{
    /// <summary>The most entries one group writes (a bound on one transaction's size).</summary>
    public const int MaxGroup = 2000;
}

using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Data;

/// <summary>
/// The one DbContext. Modules contribute their <see cref="IEntityTypeConfiguration{T}"/>s from this
/// assembly. Two things happen here for every module: the access policy becomes a query filter on every
/// protected record, and every save appends the audit entries it produced to the hash chain in the same
/// transaction (if the audit write fails, the change fails).
/// </summary>
public abstract class VigilDb(DbContextOptions options, AccessContext access, TimeProvider clock, RecordChangeHub changes, AuditGroupCommit group, WriteGate gate)
    : IdentityDbContext<VigilUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<NeedToKnowGroup> NeedToKnowGroups => Set<NeedToKnowGroup>();
    public DbSet<GroupMembership> GroupMemberships => Set<GroupMembership>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public AccessContext Access => access;

    // Audit entries of this unit of work, chained and added by the next save (not tracked before: their
    // key, the chain position, is only known inside the save's transaction).
    private readonly List<AuditEntry> pendingAudit = [];
    public TimeProvider Clock => clock;

    // Read by the query filters; EF Core turns them into parameters of each query.
    internal bool AccessBypass => access.IsSystem;
    internal bool AccessAuthenticated => access.IsAuthenticated;
    internal Classification AccessClearance => access.Clearance;
    internal Guid? AccessUnitId => access.UnitId;
    internal List<Guid> AccessGroupIds => access.GroupIds;
    internal Guid? AccessPartnerAgencyId => access.PartnerAgencyId;

    protected abstract bool IsPostgres { get; }

    /// <summary>A context on the read replica (<see cref="ReadReplica"/>): it reads and never saves.</summary>
    public bool IsReplica { get; init; }

    private readonly List<RecordChange> uncommitted = [];

    /// <summary>This unit of work has committed a change to a protected record (what users send: not a token's last use
    /// or an audit entry), or a commit of it whose answer was lost. A request that then fails for want of the database cannot say that nothing of it was saved
    /// (the error handler says it may have been).</summary>
    public bool MayHaveSaved { get; private set; }

    // A change saved inside a transaction that has not committed yet.
    private bool changedInTransaction;

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) => optionsBuilder.AddInterceptors(PublishOnCommit.Instance);

    private async Task PublishCommittedAsync()
    {
        MayHaveSaved |= changedInTransaction;
        changedInTransaction = false;
        var committed = uncommitted.ToList();
        uncommitted.Clear();
        await changes.PublishAsync(committed);
    }

    /// <summary>Publishes the changes saved inside a transaction once it commits; drops them if it does not.</summary>
    private sealed class PublishOnCommit : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
    {
        public static readonly PublishOnCommit Instance = new();

        public override async Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is VigilDb db)
            {
                // The next writer may begin before subscribers hear of it: one that writes would otherwise wait for us.
                db.PassTurn();
                // Committed: told to subscribers whatever happens to the request now (its client may be gone).
                await db.PublishCommittedAsync();
            }
        }

        public override ValueTask<System.Data.Common.DbTransaction> TransactionStartedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, System.Data.Common.DbTransaction result, CancellationToken cancellationToken = default)
        {
            // Changes left from a transaction disposed without commit were never saved.
            if (eventData.Context is VigilDb db)
            {
                db.uncommitted.Clear();
                db.changedInTransaction = false;
            }
            return ValueTask.FromResult(result);
        }

        public override Task TransactionFailedAsync(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            TransactionFailed(transaction, eventData);
            return Task.CompletedTask;
        }

        // A commit whose answer was lost may have taken effect: the error handler must not say that nothing was saved.
        public override void TransactionFailed(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionErrorEventData eventData)
        {
            if (eventData.Action == "Commit")
            {
                DbErrors.CommitFailed(eventData.Exception);
                if (eventData.Context is VigilDb db && DbErrors.IsCommitOutcomeUnknown(eventData.Exception))
                {
                    db.MayHaveSaved = true;
                }
            }
        }

        public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is VigilDb db)
            {
                db.PassTurn();
                db.uncommitted.Clear();
            }
            return Task.CompletedTask;
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(VigilDb).Assembly);

        foreach (var type in builder.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => typeof(IProtectedRecord).IsAssignableFrom(t)).ToList())
        {
            typeof(VigilDb).GetMethod(nameof(ConfigureProtected), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(type).Invoke(this, [builder]);
        }
        foreach (var type in builder.Model.GetEntityTypes().Select(t => t.ClrType).ToList())
        {
            var child = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IProtectedChild<,>));
            if (child is not null)
            {
                typeof(VigilDb).GetMethod(nameof(ConfigureProtectedChild), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                    .MakeGenericMethod(type, child.GetGenericArguments()[1]).Invoke(this, [builder]);
            }
        }
    }

    // A child is visible when its parent is (the parent's own filter applies inside the subquery), or,
    // for a record shared with partners, to a member of a named agency cleared for it.
    private void ConfigureProtectedChild<TChild, TParent>(ModelBuilder builder)
        where TChild : class, IProtectedChild<TChild, TParent> where TParent : class, IProtectedRecord
    {
        var child = Expression.Parameter(typeof(TChild), "child");
        var parent = TChild.Parent;
        var parentKey = new ParameterReplacer(parent.Parameters[0], child).Visit(parent.Body);
        Expression<Func<Guid, bool>> parentVisible = key => AccessBypass || Set<TParent>().Any(p => p.Id == key);
        Expression body = new ParameterReplacer(parentVisible.Parameters[0], parentKey).Visit(parentVisible.Body);
        if (typeof(IPartnerShared).IsAssignableFrom(typeof(TChild)))
        {
            builder.Entity<TChild>().OwnsMany<PartnerShare>(nameof(IPartnerShared.SharedWith), s =>
            {
                s.ToTable(typeof(TChild).Name + "Shares");
                s.WithOwner().HasForeignKey("RecordId");
                s.Property<int>("Id");
                s.HasKey("Id");
            });
            Expression<Func<TChild, bool>> shared = r => AccessAuthenticated && AccessPartnerAgencyId != null
                && EF.Property<Classification>(r, nameof(IPartnerShared.Classification)) <= AccessClearance
                && EF.Property<List<PartnerShare>>(r, nameof(IPartnerShared.SharedWith)).Any(s => s.AgencyId == AccessPartnerAgencyId);
            body = Expression.OrElse(body, new ParameterReplacer(shared.Parameters[0], child).Visit(shared.Body));
        }
        builder.Entity<TChild>().HasQueryFilter(Expression.Lambda<Func<TChild, bool>>(body, child));
    }

    private sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    private void ConfigureProtected<T>(ModelBuilder builder) where T : class, IProtectedRecord
    {
        builder.Entity<T>().OwnsMany(r => r.NeedToKnow, g =>
        {
            g.ToTable(typeof(T).Name + "Groups");
            g.WithOwner().HasForeignKey("RecordId");
            g.Property<int>("Id");
            g.HasKey("Id");
            g.HasIndex("RecordId", nameof(RecordGroup.GroupId)).IsUnique();
        });
        builder.Entity<T>().HasIndex(r => r.OwningUnitId);
        builder.Entity<T>().HasOne<AccessLabel>().WithMany().HasForeignKey(r => r.AccessLabelId).OnDelete(DeleteBehavior.Restrict);
        builder.Entity<T>().HasIndex(r => r.AccessLabelId);
        builder.Entity<T>().HasQueryFilter(AccessPolicy.ReadFilter<T>(this));
    }

    /// <summary>A role or need-to-know group given or taken away changes the account's access version in the
    /// same save: a request that kept what it knew of the user sees the new version at once and reloads.</summary>
    private async Task StampAccessChangesAsync(CancellationToken ct)
    {
        var changed = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified)
            .Select(e => e.Entity switch
            {
                GroupMembership m => (Guid?)m.UserId,
                IdentityUserRole<Guid> r => r.UserId,
                _ => null,
            })
            .OfType<Guid>().Distinct().ToList();
        if (changed.Count == 0)
        {
            return;
        }
        var tracked = ChangeTracker.Entries<VigilUser>().Where(e => changed.Contains(e.Entity.Id)).Select(e => e.Entity).ToList();
        var missing = changed.Except(tracked.Select(u => u.Id)).ToList();
        if (missing.Count > 0)
        {
            tracked.AddRange(await Users.IgnoreQueryFilters().Where(u => missing.Contains(u.Id)).ToListAsync(ct));
        }
        foreach (var user in tracked.Where(u => Entry(u).State != EntityState.Deleted))
        {
            user.AccessVersion = Guid.NewGuid();
        }
    }

    /// <summary>The records that keep rows derived from them (<see cref="IHasDerivedRows"/>), the searchable ones
    /// (<see cref="Search.ISearchable"/>) and the reviewable ones (<see cref="Retention.IRetained"/>) that this unit
    /// of work adds or changes, directly or through a row they own (a subject's other names), and those it deletes:
    /// one pass over the change tracker (each pass costs a scan of every tracked entity, and a seed's unit of work
    /// can hold thousands).</summary>
    private (List<IHasDerivedRows> Derived, List<Search.ISearchable> Searchable, List<Search.ISearchable> Unsearchable,
        (List<Retention.IRetained> Changed, List<Retention.IRetained> Deleted) Retained) ChangedRecords()
    {
        var changed = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var deleted = new List<object>();
        var entries = ChangeTracker.Entries().ToList();
        // The records that keep derived rows, are searchable or reviewable, by type and key, to find the owner of a changed owned row at once.
        var owners = entries.Where(e => e.Entity is IHasDerivedRows or Search.ISearchable or Retention.IRetained)
            .ToLookup(e => (e.Metadata, e.Property(e.Metadata.FindPrimaryKey()!.Properties[0].Name).CurrentValue));
        foreach (var entry in entries.Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            if (entry.Entity is IHasDerivedRows or Search.ISearchable or Retention.IRetained)
            {
                if (entry.State != EntityState.Deleted)
                {
                    changed.Add(entry.Entity);
                }
                else
                {
                    deleted.Add(entry.Entity);
                }
            }
            else if (owners.Count > 0 && entry.Metadata.FindOwnership() is { } owned)
            {
                var key = entry.Property(owned.Properties[0].Name).CurrentValue ?? entry.Property(owned.Properties[0].Name).OriginalValue;
                if (owners[(owned.PrincipalEntityType, key)].FirstOrDefault() is { State: not EntityState.Deleted } owner)
                {
                    changed.Add(owner.Entity);
                }
            }
        }
        return ([.. changed.OfType<IHasDerivedRows>()], [.. changed.OfType<Search.ISearchable>()], [.. deleted.OfType<Search.ISearchable>()],
            ([.. changed.OfType<Retention.IRetained>()], [.. deleted.OfType<Retention.IRetained>()]));
    }

    /// <summary>Labels first (the search entries carry them), then the search entries, in the save's transaction.</summary>
    private async Task LabelAndIndexAsync((List<Search.ISearchable> Changed, List<Search.ISearchable> Deleted, bool Relabels) searchable,
        (List<Retention.IRetained> Changed, List<Retention.IRetained> Deleted) retained, CancellationToken ct)
    {
        await AccessLabels.AssignAsync(this, ct);
        if (searchable.Changed.Count > 0 || searchable.Deleted.Count > 0 || searchable.Relabels)
        {
            await Search.SearchIndexing.WriteAsync(this, searchable.Changed, searchable.Deleted, ct);
        }
        await Retention.RetentionIndexing.WriteAsync(this, retained.Changed, retained.Deleted, ct);
    }

    private void RefuseOnReplica()
    {
        if (IsReplica)
        {
            throw new InvalidOperationException("The read replica's context only reads: save through ReadReplica.Primary.");
        }
    }

    /// <summary>Only for framework writes that carry no audit (data-protection keys); anything that would be
    /// audited must use <see cref="SaveChangesAsync(bool, CancellationToken)"/>.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseOnReplica();
        if (pendingAudit.Count > 0 || ChangeTracker.Entries<IAuditedRecord>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Use SaveChangesAsync: every audited save appends to the audit chain.");
        }
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseOnReplica();
        await StampAccessChangesAsync(cancellationToken);
        var (derived, searchableChanged, searchableDeleted, retained) = ChangedRecords();
        foreach (var record in derived)
        {
            await record.RefreshDerivedRowsAsync(this, cancellationToken);
        }
        var touched = RecordChangeHub.Collect(this);
        var searchable = (searchableChanged, searchableDeleted, Relabels: touched.Count > 0);
        var (written, sequenced) = await SaveAndAuditAsync(touched, searchable, retained, acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is null)
        {
            MayHaveSaved |= sequenced.Count > 0;
            await changes.PublishAsync(sequenced);
        }
        else
        {
            changedInTransaction |= sequenced.Count > 0;
            // Subscribers read the records back on their own connections: tell them only once they can.
            uncommitted.AddRange(sequenced);
        }
        return written;
    }

    private async Task<(int Written, List<RecordChange> Sequenced)> SaveAndAuditAsync(
        List<(Type Type, Guid Id, RecordChangeKind Kind)> touched, (List<Search.ISearchable>, List<Search.ISearchable>, bool) searchable,
        (List<Retention.IRetained> Changed, List<Retention.IRetained> Deleted) retained, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        AuditTrackedChanges();
        if (pendingAudit.Count == 0 && touched.Count == 0)
        {
            await LabelAndIndexAsync(searchable, retained, cancellationToken);
            return (await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), []);
        }
        var pending = pendingAudit.ToList();
        pendingAudit.Clear();
        if (touched.Count == 0 && Database.CurrentTransaction is null && !ChangeTracker.HasChanges())
        {
            // Nothing but audit entries (a read, a search, a refusal): committed with other requests' in one group.
            await group.CommitAsync(pending, entries => AppendGroupAsync([.. entries.SelectMany(e => e)]));
            return (0, []);
        }
        var logged = new List<RecordChangeEntry>();
        try
        {
            if (Database.CurrentTransaction is not null)
            {
                var sequenced = await ChainAsync(pending, touched, logged, cancellationToken);
                // Labels are found or made while the chain's lock is held: two writers never make the same one.
                await LabelAndIndexAsync(searchable, retained, cancellationToken);
                return (await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), sequenced);
            }
            // On SQLite EF begins "BEGIN IMMEDIATE", which takes the write lock before we read the chain head;
            // on PostgreSQL an advisory lock does the same. Either way two writers cannot fork the chain, and
            // the change sequence is numbered in commit order.
            await using var transaction = await BeginWriteAsync(cancellationToken);
            var ours = await ChainAsync(pending, touched, logged, cancellationToken);
            await LabelAndIndexAsync(searchable, retained, cancellationToken);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (written, ours);
        }
        catch
        {
            // The change, its audit entries and its place in the change sequence fail together; forget the
            // entries so that a retry numbers them again.
            foreach (var entry in pending.Cast<object>().Concat(logged))
            {
                if (Entry(entry).State != EntityState.Detached)
                {
                    Entry(entry).State = EntityState.Detached;
                }
            }
            throw;
        }
    }

    /// <summary>Writes one group of audit entries (<see cref="AuditGroupCommit"/>) on this unit of work's
    /// connection: chained under the write lock, in one transaction. Whatever fails, the entries are left
    /// untracked, so that a unit of work that goes on is not left holding another request's.</summary>
    private async Task AppendGroupAsync(List<AuditEntry> entries)
    {
        try
        {
            await using var transaction = await BeginWriteAsync(CancellationToken.None);
            await ChainAsync(entries, [], [], CancellationToken.None);
            await base.SaveChangesAsync(true, CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        finally
        {
            foreach (var entry in entries)
            {
                Entry(entry).State = EntityState.Detached;
            }
        }
    }

    /// <summary>Begins a transaction that will write: on SQLite after this process's writers before it
    /// (<see cref="WriteGate"/>), so that it does not sleep in SQLite's busy handler. Every write transaction
    /// begins here.</summary>
    public async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginWriteAsync(CancellationToken ct)
    {
        if (IsPostgres)
        {
            return await Database.BeginTransactionAsync(ct);
        }
        var began = await gate.BeginAsync(Database.BeginTransactionAsync, ct);
        turn = began as WriteGate.Turn;
        return began;
    }

    // This unit of work's turn to write (SQLite), passed on as soon as its transaction ends.
    private WriteGate.Turn? turn;

    private void PassTurn()
    {
        turn?.Pass();
        turn = null;
    }

    /// <summary>Saves a new record whose unique key (a number within its investigation, say) may be taken
    /// by another writer at the same moment. False when it was: nothing is saved, and the record is
    /// forgotten so that this unit of work can go on (to answer, and audit, the conflict).</summary>
    public async Task<bool> SaveNewAsync(object record, CancellationToken ct)
    {
        try
        {
            await SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            Entry(record).State = EntityState.Detached;
            return false;
        }
    }

    /// <summary>Saves a new record numbered within its parent (an action within its investigation, say).
    /// The number is chosen from what is committed, so two writers at the same moment can choose the same
    /// one: the unique key lets only one of them have it, and the other chooses again (with
    /// <paramref name="renumber"/>) and saves again, a few times with a short random pause, so that
    /// concurrent writers all succeed. False only when it still collides after that, or when the save is
    /// part of a wider transaction that a failed statement has spoiled (the caller answers a conflict).</summary>
    public async Task<bool> SaveNumberedAsync<T>(T record, Func<T, CancellationToken, Task> renumber, CancellationToken ct) where T : class
    {
        const int attempts = 25;
        for (var attempt = 1; ; attempt++)
        {
            var explicitAudit = pendingAudit.ToList();
            if (await SaveNewAsync(record, ct))
            {
                return true;
            }
            if (attempt == attempts || Database.CurrentTransaction is not null)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(100, 5 * attempt))), ct);
            pendingAudit.AddRange(explicitAudit);
            await renumber(record, ct);
            Add(record);
        }
    }

    /// <summary>A protected record by id, through the access filter. One the user may not see answers
    /// exactly as a missing one, after its refusal is audited.</summary>
    public async Task<T?> FindVisibleAsync<T>(Guid id, string recordType, bool track, CancellationToken ct) where T : class, IProtectedRecord
    {
        var query = Set<T>().AsQueryable();
        var found = await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (found is null)
        {
            await RecordMissAsync<T>(r => r.Id == id, recordType, id.ToString(), ct: ct);
        }
        return found;
    }

    /// <summary>Records that a record asked for was not given: refused (audited as denied) when it exists
    /// but is hidden from the user, not found otherwise. Both do the same work, the same existence query,
    /// one audit entry and one save, so neither the answer nor its timing tells a hidden record from a
    /// missing one. The unit of work is cleared first: nothing of the request is saved with the entry.</summary>
    public async Task RecordMissAsync<T>(Expression<Func<T, bool>> identifies, string recordType, string? id, string? detail = null, CancellationToken ct = default) where T : class
    {
        var exists = await Set<T>().IgnoreQueryFilters().AnyAsync(identifies, ct);
        ChangeTracker.Clear();
        Audit(exists ? AuditActions.Refused : AuditActions.NotFound, exists ? AuditOutcomes.Denied : AuditOutcomes.Failure, recordType, id, detail: detail);
        await SaveChangesAsync(ct);
    }

    /// <summary>Adds an audit entry to this unit of work; it is chained and written by the next save.</summary>
    public AuditEntry Audit(string action, string outcome, string? recordType = null, string? recordId = null, string? purpose = null, string? detail = null)
    {
        RefuseOnReplica();
        var entry = new AuditEntry
        {
            At = AuditChain.Normalise(clock.GetUtcNow()),
            UserId = access.UserId,
            UserName = access.UserName,
            UnitId = access.UnitId,
            Action = action,
            RecordType = recordType,
            RecordId = recordId,
            Outcome = outcome,
            // A purpose can come from a query string, unchecked: kept as given, but bounded and with nothing hidden.
            Purpose = purpose is null ? null : Api.ApiValidation.Visible(purpose is { Length: > 1000 } ? purpose[..1000] : purpose),
            Detail = detail is { Length: > 2000 } ? detail[..2000] : detail,
        };
        pendingAudit.Add(entry);
        return entry;
    }

    private void AuditTrackedChanges()
    {
        foreach (var entry in ChangeTracker.Entries<IAuditedRecord>().ToList())
        {
            var action = entry.State switch
            {
                EntityState.Added => AuditActions.Create,
                EntityState.Modified => AuditActions.Update,
                EntityState.Deleted => AuditActions.Delete,
                _ => null,
            };
            if (action is null)
            {
                continue;
            }
            Audit(action, AuditOutcomes.Success, entry.Entity.AuditRecordType, entry.Entity.AuditRecordId, detail: ChangedFields(entry));
        }
    }

    private static string? ChangedFields(EntityEntry entry) => entry.State == EntityState.Modified
        ? "changed: " + string.Join(", ", entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name))
        : null;

    /// <summary>Inside the save's transaction, under the write lock that is held until it commits: appends
    /// the audit entries to the chain and numbers the touched records in the change sequence.</summary>
    private async Task<List<RecordChange>> ChainAsync(List<AuditEntry> pending, List<(Type Type, Guid Id, RecordChangeKind Kind)> touched,
        List<RecordChangeEntry> logged, CancellationToken ct)
    {
        if (IsPostgres)
        {
            await Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7419001)", ct);
        }
        if (pending.Count > 0)
        {
            var head = await AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
            var sequence = head?.Sequence ?? 0;
            var previous = head?.Hash ?? AuditChain.Genesis;
            foreach (var entry in pending)
            {
                entry.Sequence = ++sequence;
                entry.PreviousHash = previous;
                entry.Hash = AuditChain.ComputeHash(entry);
                previous = entry.Hash;
            }
            AuditEntries.AddRange(pending);
        }
        var sequenced = new List<RecordChange>(touched.Count);
        if (touched.Count > 0)
        {
            var next = await RecordChangeHub.HighAsync(this, ct);
            var at = clock.GetUtcNow();
            foreach (var (type, id, kind) in touched)
            {
                var entry = new RecordChangeEntry { Sequence = ++next, RecordType = RecordChangeEntry.TypeName(type), RecordId = id, At = at };
                logged.Add(entry);
                sequenced.Add(new RecordChange(type, id, kind, entry.Sequence));
            }
            Set<RecordChangeEntry>().AddRange(logged);
        }
        return sequenced;
    }
}

public sealed class SqliteVigilDb(DbContextOptions<SqliteVigilDb> options, AccessContext access, TimeProvider clock, RecordChangeHub changes, AuditGroupCommit group, WriteGate gate)
    : VigilDb(options, access, clock, changes, group, gate)
{
    protected override bool IsPostgres => false;

    // SQLite has no date type: store instants as UTC ticks, exact (the audit chain hashes them) and
    // sortable, so that queries can compare and order them.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}

public sealed class PostgresVigilDb(DbContextOptions<PostgresVigilDb> options, AccessContext access, TimeProvider clock, RecordChangeHub changes, AuditGroupCommit group, WriteGate gate)
    : VigilDb(options, access, clock, changes, group, gate)
{
    protected override bool IsPostgres => true;
}

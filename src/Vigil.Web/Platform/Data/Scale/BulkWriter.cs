using System.Collections;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Vigil.Web.Platform.Data.Scale;

/// <summary>
/// Writes entities in bulk, straight to their tables, for the national-scale generator: millions of rows in
/// minutes where SaveChanges would take hours. It reads the tables, columns, keys and value conversions from
/// the EF model (so it follows every migration by itself), writes an entity with its owned rows (a subject's
/// names, identifiers, groups...), and on PostgreSQL uses COPY. It bypasses the change tracker, the audit
/// chain and the change sequence: the generator writes its own audit entry, and the app is stopped while it
/// runs (the matching index is built from the tables at the next start).
/// </summary>
public sealed class BulkWriter(VigilDb db)
{
    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping, bool OwnerKey);

    private sealed record Table(string Name, IReadOnlyList<Column> Columns)
    {
        public List<object?[]> Rows { get; } = [];
    }

    // Tables in the order their first row arrived: a parent's before its children's, for the foreign keys.
    private readonly List<Table> order = [];
    private readonly Dictionary<IEntityType, Table> tables = [];

    public int Pending => order.Sum(t => t.Rows.Count);

    /// <summary>Queues an entity and its owned rows.</summary>
    public void Add(object entity) => Collect(db.Model.FindEntityType(entity.GetType())
        ?? throw new InvalidOperationException($"{entity.GetType().Name} is not in the model"), entity, null);

    private void Collect(IEntityType type, object entity, object? ownerKey)
    {
        var table = TableFor(type);
        var row = new object?[table.Columns.Count];
        for (var i = 0; i < row.Length; i++)
        {
            var column = table.Columns[i];
            var value = column.OwnerKey ? ownerKey : column.Property.GetGetter().GetClrValue(entity);
            row[i] = value is null ? null : column.Mapping.Converter?.ConvertToProvider(value) ?? value;
        }
        table.Rows.Add(row);
        object? key = null;
        foreach (var navigation in type.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && !n.IsOnDependent))
        {
            // Owned rows point at their owner by its key (an owner whose own key the database numbers has none).
            key ??= type.FindPrimaryKey()!.Properties[0].GetGetter().GetClrValue(entity);
            var value = navigation.GetGetter().GetClrValue(entity);
            foreach (var child in navigation.IsCollection ? ((IEnumerable?)value)?.Cast<object>() ?? [] : value is null ? [] : [value])
            {
                Collect(navigation.TargetEntityType, child, key);
            }
        }
    }

    private Table TableFor(IEntityType type)
    {
        if (tables.TryGetValue(type, out var table))
        {
            return table;
        }
        var name = type.GetTableName()!;
        var store = StoreObjectIdentifier.Table(name, type.GetSchema());
        var columns = type.GetProperties()
            // A key the database numbers itself (an owned row's int id, often a shadow property) is left to it;
            // the only other shadow property is an owned row's key to its owner, given by the owner.
            .Where(p => !(p.IsPrimaryKey() && (p.ClrType == typeof(int) || p.ClrType == typeof(long)) && p.ValueGenerated != ValueGenerated.Never))
            .Where(p => !p.IsShadowProperty() || (p.IsForeignKey() && type.IsOwned()))
            .Select(p => new Column(p, p.GetColumnName(store)!, (RelationalTypeMapping)p.GetTypeMapping(),
                p.IsShadowProperty() && p.IsForeignKey() && type.IsOwned()))
            .ToList();
        table = new Table(name, columns);
        tables[type] = table;
        order.Add(table);
        return table;
    }

    /// <summary>Writes everything queued in one transaction, then forgets it.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (Pending == 0)
        {
            return;
        }
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await WriteAsync(transaction, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Writes everything queued inside <paramref name="transaction"/> (the caller's, open on the unit of
    /// work's connection), then forgets it: rows many at a time without the change tracker, for a save that adds
    /// hundreds of plain rows (ACT's cluster links).</summary>
    public async Task WriteAsync(DbTransaction transaction, CancellationToken ct)
    {
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has ended.");
        foreach (var table in order.Where(t => t.Rows.Count > 0))
        {
            if (connection is Npgsql.NpgsqlConnection postgres)
            {
                await CopyAsync(postgres, table, ct);
            }
            else
            {
                await InsertAsync(connection, transaction, table, ct);
            }
            table.Rows.Clear();
        }
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, Table table, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) "
            + $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"@p{i}"))})";
        var parameters = table.Columns.Select((c, i) => c.Mapping.CreateParameter(command, $"@p{i}", null, nullable: true)).ToArray();
        command.Parameters.AddRange(parameters);
        await command.PrepareAsync(ct);
        foreach (var row in table.Rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i] ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task CopyAsync(Npgsql.NpgsqlConnection connection, Table table, CancellationToken ct)
    {
        var types = table.Columns.Select(c => StoreType(c.Mapping.StoreType)).ToArray();
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in table.Rows)
        {
            await importer.StartRowAsync(ct);
            for (var i = 0; i < row.Length; i++)
            {
                if (row[i] is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(row[i], types[i], ct);
                }
            }
        }
        await importer.CompleteAsync(ct);
    }

    /// <summary>"character varying(200)" is "character varying" to COPY.</summary>
    private static string StoreType(string storeType) => storeType.Split('(')[0].Trim();
}

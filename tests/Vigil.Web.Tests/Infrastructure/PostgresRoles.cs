using Npgsql;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Tests.Infrastructure;

/// <summary>
/// The two PostgreSQL roles of docs/operations.md ("PostgreSQL roles"): the owner, who migrates, and the
/// application's role, which owns nothing and may not change or remove audit entries. Every PostgreSQL test
/// app runs as the application's role with exactly the grants that section prescribes, read from it here,
/// so that the documented grants are the ones the whole suite proves sufficient.
/// </summary>
public static class PostgresRoles
{
    public const string Owner = "vigil_owner";
    public const string App = "vigil_app";

    /// <summary>The line in the documentation's SQL after which come the grants the owner runs after migrating.</summary>
    private const string GrantsStart = "-- after the first migrate, as vigil_owner:";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool ensured;

    public static string ConnectionString(string server, string database, string role) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database, Username = role, Password = null }.ConnectionString;

    /// <summary>The statements of docs/operations.md that grant the application's role its rights.</summary>
    public static IReadOnlyList<string> DocumentedGrants()
    {
        var root = SourceLayout.RepositoryRoot() ?? throw new InvalidOperationException("The repository (Vigil.slnx) was not found above the tests.");
        var lines = File.ReadAllLines(Path.Combine(root, "docs", "operations.md"));
        var start = Array.FindIndex(lines, l => l.Trim() == GrantsStart);
        if (start < 0)
        {
            throw new InvalidOperationException($"docs/operations.md has no line '{GrantsStart}' in its PostgreSQL roles section.");
        }
        var grants = lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("```", StringComparison.Ordinal))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal)).ToList();
        return grants.Count > 0 ? grants : throw new InvalidOperationException("docs/operations.md lists no grants after " + GrantsStart);
    }

    /// <summary>Creates the two roles on the test server when they are not there yet (scripts/test.sh creates them;
    /// a developer's own server may not have them). Login without a password: the test server trusts local callers.</summary>
    public static async Task EnsureAsync(string server)
    {
        await Gate.WaitAsync();
        try
        {
            if (ensured)
            {
                return;
            }
            foreach (var role in new[] { Owner, App })
            {
                try
                {
                    await ExecuteAsync(server, $"""
                        DO $$ BEGIN
                            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} LOGIN; END IF;
                        END $$;
                        """, []);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    // Another test run created it at the same moment.
                }
            }
            ensured = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>What the owner does to a new database: migrate (`dotnet Vigil.Web.dll migrate`), then grant.</summary>
    public static async Task MigrateAndGrantAsync(string ownerConnectionString)
    {
        await using (var db = new PostgresVigilDb(new DbContextOptionsBuilder<PostgresVigilDb>().UseNpgsql(ownerConnectionString).Options,
            AccessContext.System("system:migrate"), TimeProvider.System, new RecordChangeHub(), new AuditGroupCommit(), new WriteGate()))
        {
            await db.Database.MigrateAsync();
        }
        foreach (var grant in DocumentedGrants())
        {
            await ExecuteAsync(ownerConnectionString, grant, []);
        }
    }

    public static async Task ExecuteAsync(string connectionString, string sql, object?[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue($"p{i}", parameters[i] ?? DBNull.Value);
        }
        await command.ExecuteNonQueryAsync();
    }
}

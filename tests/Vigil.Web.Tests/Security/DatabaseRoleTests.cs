using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Tests.Security;

/// <summary>
/// PostgreSQL: the application runs as a role that owns nothing, with the grants of docs/operations.md
/// ("PostgreSQL roles"; every PostgreSQL test app runs so, <see cref="PostgresRoles"/>). As that role the
/// audit table cannot be changed, emptied or unprotected, and the app's normal work (a write with its audit
/// entry) succeeds. On SQLite there are no roles: these tests do not apply there.
/// </summary>
public sealed class DatabaseRoleTests(VigilApp app) : IClassFixture<VigilApp>
{
    private static void OnPostgresOnly() => Assert.SkipUnless(VigilApp.OnPostgres, "roles and grants are PostgreSQL's; SQLite has one user, the file's");

    /// <summary>Runs a statement on a connection of the app's own role (the one its connection string names).</summary>
    private async Task<PostgresException?> AsAppRoleAsync(string sql)
    {
        try
        {
            await PostgresRoles.ExecuteAsync(app.ConnectionString, sql, []);
            return null;
        }
        catch (PostgresException e)
        {
            return e;
        }
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task TheApp_RunsAsTheApplicationRole_WhichOwnsNoTable()
    {
        OnPostgresOnly();
        var user = await app.AsSystemAsync(db => db.Database.SqlQueryRaw<string>("SELECT current_user::text AS \"Value\"").SingleAsync());
        Assert.Equal(PostgresRoles.App, user);
        Assert.Equal(0L, await ScalarAsync<long>(app.ConnectionString, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> 'vigil_owner'"));
        Assert.Equal(PostgresRoles.Owner, await ScalarAsync<string>(app.ConnectionString, "SELECT tableowner::text FROM pg_tables WHERE tablename = 'AuditEntries'"));
        Assert.False(await ScalarAsync<bool>(app.ConnectionString, "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls FROM pg_roles WHERE rolname = current_user"));
    }

    [Theory]
    [InlineData("""UPDATE "AuditEntries" SET "Outcome" = 'success' WHERE "Sequence" = 1""")]
    [InlineData("""DELETE FROM "AuditEntries" WHERE "Sequence" = 1""")]
    [InlineData("""TRUNCATE "AuditEntries" """)]
    public async Task AsTheAppRole_ChangingOrEmptyingTheAuditTable_IsRefusedByItsGrants(string sql)
    {
        OnPostgresOnly();
        var refused = await AsAppRoleAsync(sql);
        Assert.NotNull(refused);
        // Refused for want of the right, before any trigger is reached.
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Contains("permission denied for table AuditEntries", refused.MessageText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""DROP TRIGGER audit_entries_no_update_delete ON "AuditEntries" """, "must be owner of relation AuditEntries")]
    [InlineData("""DROP TRIGGER audit_entries_no_truncate ON "AuditEntries" """, "must be owner of relation AuditEntries")]
    [InlineData("""ALTER TABLE "AuditEntries" DISABLE TRIGGER USER""", "must be owner of table AuditEntries")]
    [InlineData("""ALTER TABLE "AuditEntries" ALTER COLUMN "UserId" TYPE text""", "must be owner of table AuditEntries")]
    [InlineData("""ALTER TABLE "AuditEntries" OWNER TO vigil_app""", "must be owner of table AuditEntries")]
    [InlineData("""DROP TABLE "AuditEntries" """, "must be owner of table AuditEntries")]
    [InlineData("""DROP FUNCTION audit_entries_append_only()""", "must be owner of function audit_entries_append_only")]
    // Replacing the function the triggers call: refused before ownership is even asked (no CREATE in the schema).
    [InlineData("""CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$""", "permission denied for schema public")]
    public async Task AsTheAppRole_UnprotectingTheAuditTable_IsRefused_NotTheOwner(string sql, string reason)
    {
        OnPostgresOnly();
        var refused = await AsAppRoleAsync(sql);
        Assert.NotNull(refused);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Contains(reason, refused.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsTheAppRole_CreatingObjects_IsRefused()
    {
        OnPostgresOnly();
        // No table, function or trigger of its own either (PostgreSQL 15's public schema gives PUBLIC no CREATE).
        var table = await AsAppRoleAsync("""CREATE TABLE "Mine" ("Id" integer)""");
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, table?.SqlState);
        var function = await AsAppRoleAsync("CREATE FUNCTION mine() RETURNS integer LANGUAGE sql AS 'SELECT 1'");
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, function?.SqlState);
    }

    [Fact]
    public async Task TheAppRole_HasExactlyTheDocumentedRights_OnEveryTable()
    {
        OnPostgresOnly();
        Assert.Contains("""REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEntries" FROM vigil_app;""", PostgresRoles.DocumentedGrants());
        var rights = await app.AsSystemAsync(db => db.Database.SqlQueryRaw<string>("""
            SELECT tablename || ':' || concat_ws(',',
                CASE WHEN has_table_privilege('vigil_app', quote_ident(tablename), 'SELECT') THEN 'SELECT' END,
                CASE WHEN has_table_privilege('vigil_app', quote_ident(tablename), 'INSERT') THEN 'INSERT' END,
                CASE WHEN has_table_privilege('vigil_app', quote_ident(tablename), 'UPDATE') THEN 'UPDATE' END,
                CASE WHEN has_table_privilege('vigil_app', quote_ident(tablename), 'DELETE') THEN 'DELETE' END,
                CASE WHEN has_table_privilege('vigil_app', quote_ident(tablename), 'TRUNCATE') THEN 'TRUNCATE' END,
                CASE WHEN has_table_privilege('vigil_app', quote_ident(tablename), 'REFERENCES') THEN 'REFERENCES' END,
                CASE WHEN has_table_privilege('vigil_app', quote_ident(tablename), 'TRIGGER') THEN 'TRIGGER' END) AS "Value"
            FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename
            """).ToListAsync());
        Assert.True(rights.Count > 50, $"only {rights.Count} tables");
        Assert.Contains("AuditEntries:SELECT,INSERT", rights);
        var others = rights.Where(r => !r.StartsWith("AuditEntries:", StringComparison.Ordinal)).ToList();
        Assert.All(others, r => Assert.EndsWith(":SELECT,INSERT,UPDATE,DELETE", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AsTheAppRole_AWrite_IsSavedWithItsAuditEntry_AndTheChainIsIntact()
    {
        OnPostgresOnly();
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var since = await app.AsSystemAsync(db => db.AuditEntries.MaxAsync(e => e.Sequence));
        var response = await api.PostAsJsonAsync("/api/v1/subjects", new { givenName = "Granted", surname = "Rolewright", classification = "Official", acknowledgedCandidates = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.Sequence > since && e.Action == AuditActions.Create && e.RecordId == id.ToString())));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/subjects/{id}")).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem("system:test");
        var chain = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        Assert.True(chain.Ok, chain.Message);
    }

    [Fact]
    public async Task AStart_AsTheAppRole_RunsOnAMigratedDatabase_AndNamesTheFixForAnUnmigratedOne()
    {
        OnPostgresOnly();
        var name = "vigil_t_roles_" + Guid.NewGuid().ToString("N")[..8];
        await PostgresRoles.ExecuteAsync(VigilApp.PostgresServer!, $"CREATE DATABASE {name} OWNER {PostgresRoles.Owner}", []);
        try
        {
            // Not migrated: the app's role may not, and the start says what to run instead of "permission denied".
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SetUpAsAppRoleAsync(name));
            Assert.Contains("run `dotnet Vigil.Web.dll migrate` with the owner's connection string", refused.Message, StringComparison.Ordinal);
            // Migrated by the owner and granted: the app's start (migrations found done, seeds run) succeeds as the app's role.
            await PostgresRoles.MigrateAndGrantAsync(PostgresRoles.ConnectionString(VigilApp.PostgresServer!, name, PostgresRoles.Owner));
            await SetUpAsAppRoleAsync(name);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await PostgresRoles.ExecuteAsync(VigilApp.PostgresServer!, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)", []);
        }
    }

    private async Task SetUpAsAppRoleAsync(string database)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Vigil"] = PostgresRoles.ConnectionString(VigilApp.PostgresServer!, database, PostgresRoles.App),
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddVigilData(config, app.DataFolder).BuildServiceProvider();
        await new DatabaseSetup(services, Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseSetup>.Instance).RunAsync(demo: false, CancellationToken.None);
    }

    [Fact]
    public async Task AsTheOwner_TheTriggersStillRefuse_ChangingAuditEntries()
    {
        OnPostgresOnly();
        // The owner has the rights, but the migration's triggers stand in the way of every role.
        var update = await Record.ExceptionAsync(() => app.OwnerSqlRawAsync("""UPDATE "AuditEntries" SET "Outcome" = 'success' WHERE "Sequence" = 1"""));
        var truncate = await Record.ExceptionAsync(() => app.OwnerSqlRawAsync("""TRUNCATE "AuditEntries" """));
        Assert.Contains("append-only: UPDATE refused", update?.Message, StringComparison.Ordinal);
        Assert.Contains("append-only: TRUNCATE refused", truncate?.Message, StringComparison.Ordinal);
    }
}

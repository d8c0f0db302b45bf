using System.Data.Common;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Vigil.Web.Tests.Platform;

/// <summary>On SQLite, fills the disk for real: every connection opened while it is on may not grow the
/// database beyond the pages it has (SQLite then answers SQLITE_FULL, as on a full disk). Connections are
/// pooled and keep the limit, so once it has been on, every open sets the limit again, or lifts it: the
/// disk has room again as soon as it is off.</summary>
public sealed class DiskFullSwitch : DbConnectionInterceptor
{
    private bool on, used;

    public bool On
    {
        get => on;
        set
        {
            on = value;
            used |= value;
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (used && connection is Microsoft.Data.Sqlite.SqliteConnection)
        {
            var count = 1_073_741_823L; // SQLite's own ceiling: no limit but the disk's
            if (on)
            {
                await using var pages = connection.CreateCommand();
                pages.CommandText = "PRAGMA page_count";
                count = Convert.ToInt64(await pages.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }
            await using var limit = connection.CreateCommand();
            limit.CommandText = $"PRAGMA max_page_count = {count}";
            await limit.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

public sealed class FailureApp : VigilApp
{
    public DiskFullSwitch DiskFull { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(DiskFull));
    }
}

/// <summary>
/// When the database cannot take a request (its disk is full, the audit store refuses writes, it is away),
/// the answer is an honest 503 that says nothing was recorded (ProblemDetails for the API, the GOV.UK
/// "service unavailable" page for people), never an unexplained 500; a bad token is still refused (401)
/// or answered 503; readiness says so; and once the database is back, everything works and nothing
/// half-written was left. The failures are the databases' own: a trigger that refuses (as an operator's
/// block or a revoked grant does), a page limit (SQLite's full disk), a database that refuses connections.
/// </summary>
public sealed class HonestFailureTests(FailureApp app) : IClassFixture<FailureApp>
{
    private const string Title = "The service cannot record the request right now";

    // An operator's block is the owner's doing: the app's own role may not add triggers.
    private Task BlockAuditAsync(string sqlState) => app.OwnerSqlRawAsync(VigilApp.OnPostgres
        ? $"""
           CREATE OR REPLACE FUNCTION vigil_test_block() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit store blocked' USING ERRCODE = '{sqlState}'; END $$ LANGUAGE plpgsql;
           CREATE TRIGGER vigil_test_block BEFORE INSERT ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION vigil_test_block();
           """
        : """CREATE TRIGGER vigil_test_block BEFORE INSERT ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'audit store blocked'); END;""");

    private Task UnblockAuditAsync() => app.OwnerSqlRawAsync(VigilApp.OnPostgres
        ? """DROP TRIGGER vigil_test_block ON "AuditEntries"; DROP FUNCTION vigil_test_block();"""
        : "DROP TRIGGER vigil_test_block");

    private static object Person(string surname) => new
    {
        givenName = "Outage", surname, classification = "Official", acknowledgedCandidates = true,
        summary = new string('x', 3900), // more than a page: a database that cannot grow cannot take it
    };

    private async Task<HttpResponseMessage> ReadyAsync()
    {
        using var anonymous = app.CreateClient();
        return await anonymous.GetAsync("/health/ready");
    }

    private static async Task ExpectUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Title, problem.GetProperty("title").GetString());
        Assert.Contains("Nothing of this request was saved", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    private async Task ExpectRecoveredAsync(HttpClient api, string surname)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(31)); // past the half-minute that readiness holds off after a failure
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync()).StatusCode);
        Assert.Equal(0, await app.AsSystemAsync(db => db.Set<Vigil.Web.Subjects.Subject>().CountAsync(s => s.Surname == surname)));
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/subjects", Person(surname))).StatusCode);
        var chain = await app.AsSystemAsync(async db =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Vigil.Web.Platform.Security.AccessContext>().RunAsSystem("system:test");
            return await scope.ServiceProvider.GetRequiredService<Vigil.Web.Platform.Audit.AuditVerifier>().VerifyAsync(CancellationToken.None);
        });
        Assert.True(chain.Ok, chain.Message);
    }

    [Fact]
    public async Task AuditStoreRefusingWrites_Answers503_ReadinessOff_BadTokenStill401_ThenRecovers()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var page = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync()).StatusCode);

        await BlockAuditAsync("42501"); // what PostgreSQL answers once INSERT on the audit table is revoked
        try
        {
            await ExpectUnavailableAsync(await api.PostAsJsonAsync("/api/v1/subjects", Person("Blockedaudit")));
            await ExpectUnavailableAsync(await api.GetAsync("/api/v1/subjects?name=Blockedaudit"));

            var (response, document) = await page.GetAsync("/subjects");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("Sorry, the service is unavailable", document.QuerySelector("h1")!.TextContent.Trim());
            Assert.Contains("has not been saved", document.Body!.TextContent, StringComparison.Ordinal);

            using var forged = app.CreateClient();
            forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "vgl_" + new string('z', 40));
            Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/subjects")).StatusCode);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await ReadyAsync()).StatusCode);
        }
        finally
        {
            await UnblockAuditAsync();
        }
        await ExpectRecoveredAsync(api, "Blockedaudit");
    }

    [Fact]
    public async Task DiskFull_Answers503_AndReadinessOff_ThenRecovers()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        if (VigilApp.OnPostgres)
        {
            await BlockAuditAsync("53100"); // disk_full: what PostgreSQL answers when it cannot extend a file
        }
        else
        {
            app.DiskFull.On = true;
        }
        try
        {
            await ExpectUnavailableAsync(await api.PostAsJsonAsync("/api/v1/subjects", Person("Fulldisk")));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await ReadyAsync()).StatusCode);
        }
        finally
        {
            app.DiskFull.On = false;
            if (VigilApp.OnPostgres)
            {
                await UnblockAuditAsync();
            }
        }
        await ExpectRecoveredAsync(api, "Fulldisk");
    }

    [Fact]
    public async Task DatabaseAway_Answers503_EvenForABadToken_ThenRecovers()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var restore = await TakeDatabaseAwayAsync();
        try
        {
            await ExpectUnavailableAsync(await api.GetAsync("/api/v1/subjects"));
            using var forged = app.CreateClient();
            forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "vgl_" + new string('y', 40));
            var refused = await forged.GetAsync("/api/v1/subjects");
            Assert.Contains(refused.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.ServiceUnavailable });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await ReadyAsync()).StatusCode);
        }
        finally
        {
            await restore();
        }
        await ExpectRecoveredAsync(api, "Awaydb");
    }

    /// <summary>PostgreSQL: the database stops taking connections and its sessions are ended. SQLite: its
    /// folder is moved away and a file put in its place, so the database cannot be opened.</summary>
    private async Task<Func<Task>> TakeDatabaseAwayAsync()
    {
        if (VigilApp.OnPostgres)
        {
            var name = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
            await AdminAsync($"ALTER DATABASE {name} ALLOW_CONNECTIONS false");
            await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
            return () => AdminAsync($"ALTER DATABASE {name} ALLOW_CONNECTIONS true");
        }
        var folder = app.DataFolder;
        var away = folder + ".away";
        Directory.Move(folder, away);
        await File.WriteAllTextAsync(folder, "not a folder");
        // A database that goes away takes its open connections with it (the app pools them; an open file
        // would otherwise outlive its move).
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return () =>
        {
            File.Delete(folder);
            Directory.Move(away, folder);
            return Task.CompletedTask;
        };
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(VigilApp.PostgresServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

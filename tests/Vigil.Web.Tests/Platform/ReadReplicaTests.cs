using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using static Vigil.Web.Tests.Prevent.PreventApi;

namespace Vigil.Web.Tests.Platform;

/// <summary>The app with a read replica: scripts/test.sh starts a streaming standby of its throwaway PostgreSQL
/// (pg_basebackup -R) and names it in VIGIL_TEST_POSTGRES_REPLICA; this app's database reaches it by replication.</summary>
public sealed class ReplicaApp : VigilApp
{
    public static string? ReplicaServer => Environment.GetEnvironmentVariable("VIGIL_TEST_POSTGRES_REPLICA") is { Length: > 0 } s ? s : null;

    public static bool HasReplica => OnPostgres && ReplicaServer is not null;

    /// <summary>This app's database on the replica.</summary>
    public string ReplicaConnectionString => new NpgsqlConnectionStringBuilder(ReplicaServer) { Database = new NpgsqlConnectionStringBuilder(ConnectionString).Database }.ConnectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (HasReplica)
        {
            builder.UseSetting("ConnectionStrings:VigilReplica", ReplicaConnectionString);
        }
    }

    /// <summary>Without a replica every test here is skipped: no app is started.</summary>
    public override async ValueTask InitializeAsync()
    {
        if (HasReplica)
        {
            await base.InitializeAsync();
            await CaughtUpAsync();
        }
    }

    /// <summary>Stops the replica applying the primary's changes (they still arrive; they wait).</summary>
    public static Task PauseReplayAsync() => OnReplicaAsync("SELECT pg_wal_replay_pause()");

    public static Task ResumeReplayAsync() => OnReplicaAsync("SELECT pg_wal_replay_resume()");

    /// <summary>Waits until the replica has applied everything the primary has written so far.</summary>
    public static async Task CaughtUpAsync()
    {
        await using var primary = new NpgsqlConnection(PostgresServer);
        await primary.OpenAsync();
        await using var written = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()", primary);
        var target = (NpgsqlTypes.NpgsqlLogSequenceNumber)(await written.ExecuteScalarAsync())!;
        await using var replica = new NpgsqlConnection(ReplicaServer);
        await replica.OpenAsync();
        await using var applied = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn()", replica);
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if ((NpgsqlTypes.NpgsqlLogSequenceNumber)(await applied.ExecuteScalarAsync())! >= target)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"The replica did not apply the primary's WAL up to {target} within 30 seconds.");
    }

    private static async Task OnReplicaAsync(string sql)
    {
        await using var replica = new NpgsqlConnection(ReplicaServer);
        await replica.OpenAsync();
        await using var command = new NpgsqlCommand(sql, replica);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// The read-heavy answers (the one search, the statistics tables) read their rows on the read replica, through the
/// same access filters, and write their audit entries on the primary. The replica's replay is paused to tell the two
/// apart: a record saved on the primary then is not found until the replica applies it.
/// </summary>
public sealed class ReadReplicaTests(ReplicaApp app) : IClassFixture<ReplicaApp>
{
    private static void NeedsReplica()
    {
        if (!ReplicaApp.HasReplica)
        {
            Assert.Skip("Needs PostgreSQL with a streaming replica (VIGIL_TEST_POSTGRES and VIGIL_TEST_POSTGRES_REPLICA; scripts/test.sh sets both).");
        }
    }

    private static async Task<JsonElement> SearchAsync(HttpClient api, string word)
    {
        var response = await api.GetAsync($"/api/v1/search?q={word}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<Guid> Ids(JsonElement answer) => [.. answer.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetGuid())];

    [Fact]
    public async Task Search_ReadsTheReplica_WithTheSameAccessFilter_AndAuditsOnThePrimary()
    {
        NeedsReplica();
        var word = "Replicant" + Guid.NewGuid().ToString("N")[..8];
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        using var london = await app.ApiClientAsync(DemoUsers.InvestigatorLondon);
        await ReplicaApp.CaughtUpAsync();

        Guid subject;
        await ReplicaApp.PauseReplayAsync();
        try
        {
            var created = await northWest.PostAsJsonAsync("/api/v1/subjects", new
            {
                givenName = "Harriet", surname = "Standbury", classification = "Official", acknowledgedCandidates = true, summary = $"Seen with {word} at the market.",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            subject = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            // Saved on the primary, not yet applied on the replica: the search does not find it, and its audit entry
            // (written while the replica is paused, so not there) is on the primary.
            Assert.Equal(0, (await SearchAsync(northWest, word)).GetProperty("total").GetInt32());
            var audited = await app.AsSystemAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.Search && e.Detail!.Contains(word)));
            Assert.Equal(1, audited);
        }
        finally
        {
            await ReplicaApp.ResumeReplayAsync();
        }

        await ReplicaApp.CaughtUpAsync();
        Assert.Equal([subject], Ids(await SearchAsync(northWest, word)));
        // Another unit's officer is refused it on the replica as on the primary: the filter is the same.
        Assert.Empty(Ids(await SearchAsync(london, word)));
    }

    [Fact]
    public async Task PreventStatistics_CountOnTheReplica_AndAuditOnThePrimary()
    {
        NeedsReplica();
        using var prevent = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        await ReplicaApp.CaughtUpAsync();
        async Task<int> TotalAsync()
        {
            var response = await prevent.GetAsync("/api/v1/prevent/statistics?scope=Unit");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32();
        }
        Task<int> AuditedAsync() => app.AsSystemAsync(db => db.AuditEntries.CountAsync(e => e.RecordType == "prevent-statistics" && e.UserName == DemoUsers.PreventNorthWest));
        var auditedBefore = await AuditedAsync();
        var before = await TotalAsync();

        await ReplicaApp.PauseReplayAsync();
        try
        {
            await ReferAsync(prevent);
            Assert.Equal(before, await TotalAsync());
        }
        finally
        {
            await ReplicaApp.ResumeReplayAsync();
        }
        await ReplicaApp.CaughtUpAsync();
        Assert.Equal(before + 1, await TotalAsync());
        // Each of the three readings was audited on the primary (one of them while the replica stood still).
        Assert.Equal(auditedBefore + 3, await AuditedAsync());
    }
}

/// <summary>The replica's setting, read from configuration.</summary>
public sealed class ReplicaSettingTests
{
    [Fact]
    public void ReplicaSetting_IsReadOnly_AndForPostgresOnly()
    {
        static IConfiguration Config(string provider, string? replica) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider, ["ConnectionStrings:VigilReplica"] = replica,
        }).Build();

        Assert.Null(ReplicaConnection.From(Config("Postgres", null)));
        var replica = ReplicaConnection.From(Config("Postgres", "Host=standby;Database=vigil;Target Session Attributes=prefer-standby"));
        Assert.Contains("default_transaction_read_only=on", new NpgsqlConnectionStringBuilder(replica).Options, StringComparison.Ordinal);
        Assert.Equal("standby", new NpgsqlConnectionStringBuilder(replica).Host);
        var refused = Assert.Throws<InvalidOperationException>(() => ReplicaConnection.From(Config("Sqlite", "Host=standby")));
        Assert.Contains("SQLite has no read replicas", refused.Message, StringComparison.Ordinal);
    }
}

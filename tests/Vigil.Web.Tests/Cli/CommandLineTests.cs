using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Data;
using System.Diagnostics;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Tests.Cli;

/// <summary>The executable's verbs, run as a separate process on the fixture's database exactly as
/// `dotnet run --project src/Vigil.Web -- VERB` runs them.</summary>
public sealed class CommandLineTests(VigilApp app) : IClassFixture<VigilApp>
{
    private Task<(int Exit, string Out, string Err)> RunAsync(string arguments, Dictionary<string, string>? extra = null) =>
        VigilCli.RunAsync(app, arguments, extra);

    [Fact]
    public async Task Migrate_AfterAStartKilledWhileMigrating_ClearsTheStaleLockAndCompletes()
    {
        Assert.SkipWhen(VigilApp.OnPostgres, "PostgreSQL's migration lock is an advisory lock, which dies with its connection");
        // What a start killed with -9 in the middle of migrating leaves: EF Core's lock row.
        await app.AsSystemAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL PRIMARY KEY, \"Timestamp\" TEXT NOT NULL); "
            + "INSERT OR REPLACE INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-12-02 03:04:05');"));
        var result = await RunAsync("migrate");
        Assert.True(result.Exit == 0, result.Err + result.Out);
        Assert.Contains("left its migration lock behind", result.Err, StringComparison.Ordinal);
        Assert.Equal(0, await app.AsSystemAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"__EFMigrationsLock\"").SingleAsync()));
    }

    [Fact]
    public async Task AuditVerify_WithNoDatabase_ExitsTwoSayingWhy_AndCreatesNothing()
    {
        var missing = Path.Combine(app.DataFolder, "no-such-folder", "vigil.db");
        var result = await RunAsync("audit verify", VigilApp.OnPostgres
            ? new() { ["ConnectionStrings__Vigil"] = new Npgsql.NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = "vigil_no_such_database" }.ConnectionString }
            : new() { ["Database__Path"] = missing });
        Assert.True(result.Exit == 2, $"exit {result.Exit}: {result.Err}{result.Out}");
        Assert.Contains("Could not check the audit log", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task AuditVerify_OpensTheDatabaseReadOnly_SoItCannotChangeWhatItChecks()
    {
        var result = await RunAsync("audit verify");
        Assert.True(result.Exit is 0 or 1, result.Err + result.Out);
        Assert.Contains("opened read-only", result.Err, StringComparison.Ordinal);

        // The setting verify runs with: reads work, and the database itself refuses any write.
        var settings = new Dictionary<string, string?> { ["Database:ReadOnly"] = "true" };
        if (VigilApp.OnPostgres)
        {
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Vigil"] = app.ConnectionString;
        }
        else
        {
            settings["Database:Path"] = Path.Combine(app.DataFolder, "vigil.db");
        }
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection().AddLogging().AddVigilData(config, app.DataFolder).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VigilDb>();
        scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem("test:read-only");
        Assert.True(await db.AuditEntries.AnyAsync());
        var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            db.Database.ExecuteSqlRawAsync("""CREATE TABLE "ReadOnlyProbe" ("Id" INTEGER)"""));
        Assert.Contains(VigilApp.OnPostgres ? "read-only transaction" : "readonly", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditCheckpoint_ThenVerifyAgainstIt_Passes()
    {
        var file = Path.Combine(app.DataFolder, "checkpoint.json");
        var written = await RunAsync($"audit checkpoint --out \"{file}\"");
        Assert.True(written.Exit == 0, written.Err);
        var checkpoint = AuditVerifier.Deserialise(await File.ReadAllTextAsync(file));
        Assert.True(checkpoint.Sequence > 0);
        var verified = await RunAsync($"audit verify --checkpoint \"{file}\"");
        Assert.True(verified.Exit == 0, verified.Err);
        Assert.Contains("consistent with checkpoint", verified.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokensCreate_PrintsAWorkingTokenOnceAndAuditsIt()
    {
        var result = await RunAsync($"tokens create --user {DemoUsers.AnalystWales} --name \"nightly import\"");
        Assert.True(result.Exit == 0, result.Err);
        var token = result.Out.Trim();
        Assert.StartsWith(PersonalAccessTokens.TokenPrefix, token, StringComparison.Ordinal);
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.TokenCreated && e.UserName == "system:tokens-create" && e.Detail!.Contains("nightly import"))));
    }

    [Fact]
    public async Task TokensCreate_UnknownUser_FailsClearly()
    {
        var result = await RunAsync("tokens create --user nobody@vigil.example --name x");
        Assert.Equal(2, result.Exit);
        Assert.Contains("No active user", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersCreateAdmin_BootstrapsAnAdministrator()
    {
        var result = await RunAsync("users create-admin --email first.admin@force.vigil.example --name \"First Admin\"",
            new() { ["VIGIL_ADMIN_PASSWORD"] = "Bootstrap-Password-2026" });
        Assert.True(result.Exit == 0, result.Err);
        var roles = await app.AsSystemAsync(db => db.UserRoles.Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { r.RoleId, u.Email })
            .Where(x => x.Email == "first.admin@force.vigil.example").Join(db.Roles, x => x.RoleId, r => r.Id, (x, r) => r.Name).ToListAsync());
        Assert.Equal([Roles.Administrator], roles);
        Assert.Equal(Classification.Official, await app.AsSystemAsync(db => db.Users.Where(u => u.Email == "first.admin@force.vigil.example").Select(u => u.Clearance).SingleAsync()));

        // The bootstrap is the one clearance no second administrator approves: it is audited as such.
        var vetted = await RunAsync("users create-admin --email vetted.admin@force.vigil.example --clearance Secret",
            new() { ["VIGIL_ADMIN_PASSWORD"] = "Bootstrap-Password-2026" });
        Assert.True(vetted.Exit == 0, vetted.Err);
        var id = await app.AsSystemAsync(db => db.Users.Where(u => u.Email == "vetted.admin@force.vigil.example").Select(u => new { u.Id, u.Clearance }).SingleAsync());
        Assert.Equal(Classification.Secret, id.Clearance);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.RecordId == id.Id.ToString() && e.Detail!.Contains("bootstrapped from the command line, cleared SECRET"))));

        var weak = await RunAsync("users create-admin --email second.admin@force.vigil.example", new() { ["VIGIL_ADMIN_PASSWORD"] = "short" });
        Assert.Equal(2, weak.Exit);
        Assert.Contains("at least 12 characters", weak.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedScale_SmallPlan_AddsEveryModulesRecords_InAValidChain_AndRefusesTheSameSeedTwice()
    {
        var before = await app.AsSystemAsync(async db => new
        {
            People = await db.Set<Vigil.Web.Subjects.Subject>().IgnoreQueryFilters().CountAsync(),
            Investigations = await db.Set<Vigil.Web.Pursue.Investigation>().IgnoreQueryFilters().CountAsync(),
            Cases = await db.Set<Vigil.Web.Prevent.PreventCase>().IgnoreQueryFilters().CountAsync(),
            Audit = await db.AuditEntries.CountAsync(),
        });
        var refused = await RunAsync("seed-scale --people 15000 --audit 1500 --seed 41");
        Assert.Equal(2, refused.Exit); // not in demo mode
        var run = await RunAsync("seed-scale --demo --people 15000 --audit 1500 --seed 41");
        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("people: 15,000 of 15,000", run.Out, StringComparison.Ordinal);

        // 15,000 people, and the Prevent referrals' own people (105 a year for ten years at this size); at least one
        // investigation for each of the eleven regional units; the audit entries asked for, and the run's own.
        var after = await app.AsSystemAsync(async db => new
        {
            People = await db.Set<Vigil.Web.Subjects.Subject>().IgnoreQueryFilters().CountAsync(),
            Investigations = await db.Set<Vigil.Web.Pursue.Investigation>().IgnoreQueryFilters().CountAsync(),
            Cases = await db.Set<Vigil.Web.Prevent.PreventCase>().IgnoreQueryFilters().CountAsync(),
            Audit = await db.AuditEntries.CountAsync(),
        });
        Assert.Equal(before.People + 15000 + 1050, after.People);
        Assert.Equal(before.Investigations + 11, after.Investigations);
        Assert.Equal(before.Cases + 1050, after.Cases);
        Assert.True(after.Audit >= before.Audit + 1501, $"{after.Audit} audit entries after {before.Audit}");
        var verify = await RunAsync("audit verify");
        Assert.True(verify.Exit == 0, verify.Out + verify.Err);

        // What was written in bulk reads back through EF and the access filter like any record.
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var scaled = await app.AsSystemAsync(db => db.Set<Vigil.Web.Subjects.Subject>().IgnoreQueryFilters()
            .Where(s => s.Summary.StartsWith("Fictional person in the national-scale") && s.Classification == Classification.Official && !s.NeedToKnow.Any()
                && s.OwningUnitId == db.Set<Vigil.Web.Network.Unit>().Where(u => u.Code == "london").Select(u => u.Id).First())
            .Select(s => new { s.Id, s.Surname }).FirstAsync());
        var read = await sio.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/subjects/{scaled.Id}");
        Assert.Equal(scaled.Surname, read.GetProperty("surname").GetString());
        Assert.NotEmpty(read.GetProperty("details").GetProperty("addresses").EnumerateArray());

        // London's share is more than a list counts: the list says so, and its pages beyond the first are the
        // query filter's own order.
        var page = await sio.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/subjects?pageSize=200&page=2");
        Assert.True(page.GetProperty("moreThanTotal").GetBoolean());
        Assert.Equal(1000, page.GetProperty("total").GetInt32());
        var listed = page.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("surname").GetString(), i.GetProperty("givenName").GetString())).ToList();
        var user = await app.AsSystemAsync(db => db.Users.Where(u => u.Email == DemoUsers.SioLondon)
            .Select(u => new { u.Id, u.UnitId, u.Clearance, Groups = db.GroupMemberships.Where(m => m.UserId == u.Id).Select(m => m.GroupId).ToList() }).SingleAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AccessContext>().SignedIn(user.Id, DemoUsers.SioLondon, "SIO", user.UnitId, "London", null, user.Clearance, [Roles.Analyst], user.Groups);
            var db = scope.ServiceProvider.GetRequiredService<VigilDb>();
            var sorted = await db.Set<Vigil.Web.Subjects.Subject>().Where(s => s.MergedIntoId == null).OrderBy(s => s.Surname).ThenBy(s => s.GivenName)
                .Skip(200).Take(200).Select(s => new { s.Surname, s.GivenName }).ToListAsync();
            Assert.Equal(sorted.Select(s => ((string?)s.Surname, (string?)s.GivenName)), listed);
        }

        var again = await RunAsync("seed-scale --demo --people 2000 --seed 41");
        Assert.Equal(2, again.Exit);
        Assert.Contains("seed 41", again.Err, StringComparison.Ordinal);
    }

    private static string Linkage()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "linkage");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("The labelled linkage data (../shared/data/linkage) was not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task MatchLink_Febrl4_WritesThePairsFile()
    {
        var data = Path.Combine(Linkage(), "febrl");
        var output = Path.Combine(app.DataFolder, "pairs.csv");
        var result = await RunAsync($"match link --left \"{Path.Combine(data, "dataset4a.csv")}\" --right \"{Path.Combine(data, "dataset4b.csv")}\" --out \"{output}\"");
        Assert.True(result.Exit == 0, result.Err);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal("left_id,right_id,probability", lines[0]);
        var pairs = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.InRange(pairs.Count, 4950, 5050);
        Assert.All(pairs, p => Assert.InRange(double.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture), 0.5, 1.0));
        // The truth rule: rec-N-org in 4a is rec-N-dup-0 in 4b.
        var correct = pairs.Count(p => p[0].Replace("-org", "", StringComparison.Ordinal) == p[1].Replace("-dup-0", "", StringComparison.Ordinal));
        Assert.True(correct >= pairs.Count * 0.99, $"{correct} of {pairs.Count} pairs are true");
    }

    [Fact]
    public async Task MatchLink_Best_GivesEachRecordItsVerdictRunnerUpAndMargin()
    {
        var data = Path.Combine(Linkage(), "febrl");
        var left = Path.Combine(app.DataFolder, "best-left.csv");
        var right = Path.Combine(app.DataFolder, "best-right.csv");
        // febrl4 with one record more on each side's story: a name only, whose name two known people share.
        await File.WriteAllLinesAsync(left, [.. await File.ReadAllLinesAsync(Path.Combine(data, "dataset4a.csv")),
            "query-name-only, zebulon, quarrington, , , , , , , , "]);
        await File.WriteAllLinesAsync(right, [.. await File.ReadAllLinesAsync(Path.Combine(data, "dataset4b.csv")),
            "known-1, zebulon, quarrington, 4, mill road, , kellyville, 2155, nsw, 19610402, 1234567",
            "known-2, zebulon, quarrington, 17, park avenue, , bundaberg, 4670, qld, 19930708, 7654321"]);
        var output = Path.Combine(app.DataFolder, "best.csv");

        var result = await RunAsync($"match link --left \"{left}\" --right \"{right}\" --out \"{output}\" --best");

        Assert.True(result.Exit == 0, result.Err);
        Assert.Contains("1 records with several possible matches", result.Err, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal("left_id,verdict,right_id,probability,runner_up_id,runner_up_probability,margin_bits,possible", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(r => r[0]);
        Assert.Equal(5001, rows.Count);
        var query = rows["query-name-only"];
        Assert.Equal("several possible matches: more details needed", query[1]);
        Assert.Equal(["known-1", "known-2"], new[] { query[2], query[4] }.Order());
        Assert.Equal("2", query[7]);
        Assert.InRange(double.Parse(query[3], System.Globalization.CultureInfo.InvariantCulture), 0, 0.5);
        var matched = rows.Values.Count(r => r[1] == "match" && r[0].Replace("-org", "", StringComparison.Ordinal) == r[2].Replace("-dup-0", "", StringComparison.Ordinal));
        Assert.True(matched >= 4950, $"{matched} of 5000 febrl records have their true match as a clear best");
    }

    [Fact]
    public async Task MatchDedupe_WithColumnMap_ClustersEveryRecord()
    {
        var input = Path.Combine(app.DataFolder, "people.csv");
        await File.WriteAllTextAsync(input, """
            ref , forename , family_name , born
            a1, Mohammed, Rahman, 1990-03-27
            a2, Muhammad, Rahman, 27/03/1990
            a3, Orla, Fenwick, 1985-11-02
            a4, Bartholomew, Quayle, 1972-06-15
            """);
        var output = Path.Combine(app.DataFolder, "clusters.csv");
        var result = await RunAsync($"match dedupe --input \"{input}\" --out \"{output}\" --map ref=id --map forename=given_name --map family_name=surname --map born=date_of_birth --threshold 0.5");
        Assert.True(result.Exit == 0, result.Err);
        var rows = (await File.ReadAllLinesAsync(output)).Skip(1).Select(l => l.Split(',')).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal(["a1", "a2", "a3", "a4"], rows.Keys.Order());
    }

    [Fact]
    public async Task MatchDedupe_MalformedCsv_NamesTheLineAndWritesNothing()
    {
        var input = Path.Combine(app.DataFolder, "bad.csv");
        await File.WriteAllTextAsync(input, "id,given_name,surname\nx1,Ann,Lee\nx2,\"unterminated,Lee\n");
        var output = Path.Combine(app.DataFolder, "never.csv");
        var result = await RunAsync($"match dedupe --input \"{input}\" --out \"{output}\"");
        Assert.Equal(2, result.Exit);
        Assert.Contains("line 3", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".part"));
    }

    [Fact]
    public async Task MatchDedupe_DuplicateIds_FailsClearly()
    {
        var input = Path.Combine(app.DataFolder, "twice.csv");
        await File.WriteAllTextAsync(input, "id,given_name,surname\nd1,Ann,Lee\nd1,Bo,Lee\n");
        var output = Path.Combine(app.DataFolder, "twice-out.csv");
        var result = await RunAsync($"match dedupe --input \"{input}\" --out \"{output}\"");
        Assert.Equal(2, result.Exit);
        Assert.Contains("d1", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task SeedDemo_OutsideDemoMode_IsRefused()
    {
        var result = await RunAsync("seed-demo");
        Assert.Equal(2, result.Exit);
        Assert.Contains("only in demo mode", result.Err, StringComparison.Ordinal);
    }
}

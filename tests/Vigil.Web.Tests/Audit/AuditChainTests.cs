using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Subjects;

namespace Vigil.Web.Tests.Audit;

/// <summary>The hash chain and the database's refusal to change it. Tampering needs the append-only
/// triggers out of the way first (as an attacker with database access would do); each test puts back
/// what it changed.</summary>
public sealed class AuditChainTests(VigilApp app) : IClassFixture<VigilApp>
{
    private Task<VerificationResult> VerifyAsync(AuditCheckpoint? checkpoint = null) => AuditTamper.VerifyAsync(app, checkpoint);

    private Task SqlAsync(string sql) => app.OwnerSqlRawAsync(sql);

    private Task TamperAsync(Func<Task> tamper) => AuditTamper.TamperAsync(app, tamper);

    private Task<long> SomeActivityAsync() => AuditTamper.SomeActivityAsync(app);

    [Fact]
    public async Task Verify_AfterActivity_IsIntact()
    {
        var head = await SomeActivityAsync();
        var result = await VerifyAsync();
        Assert.True(result.Ok, result.Message);
        Assert.True(result.EntriesChecked >= head);
    }

    [Fact]
    public async Task ConcurrentReads_EachReturnAfterItsOwnEntry_InOneValidChain()
    {
        using var api = await app.ApiClientAsync(DemoUsers.SioLondon);
        var id = await app.AsSystemAsync(db => db.Set<Subject>().Where(s => s.MergedIntoId == null && s.Classification == Vigil.Web.Platform.Security.Classification.Official && !s.NeedToKnow.Any()
            && db.Set<Vigil.Web.Network.Unit>().Any(u => u.Id == s.OwningUnitId && u.Code == "london")).Select(s => s.Id).FirstAsync());
        var since = await app.AsSystemAsync(db => db.AuditEntries.MaxAsync(e => e.Sequence));
        // Reads that arrive together are committed in groups; each answer comes only once its entry is written.
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            var response = await api.GetAsync($"/api/v1/subjects/{id}");
            var entries = await app.AsSystemAsync(db => db.AuditEntries.CountAsync(e => e.Sequence > since && e.Action == AuditActions.Read && e.RecordId == id.ToString()));
            return (response.StatusCode, Entries: entries);
        }));
        Assert.All(answers, a => Assert.Equal(System.Net.HttpStatusCode.OK, a.StatusCode));
        Assert.All(answers, a => Assert.True(a.Entries >= 1));
        Assert.Equal(40, await app.AsSystemAsync(db => db.AuditEntries.CountAsync(e => e.Sequence > since && e.Action == AuditActions.Read && e.RecordId == id.ToString())));
        Assert.True((await VerifyAsync()).Ok);
    }

    [Fact]
    public async Task UpdateOrDelete_OnAuditTable_IsRefusedByTheDatabase()
    {
        await SomeActivityAsync();
        var update = await Record.ExceptionAsync(() => SqlAsync("""UPDATE "AuditEntries" SET "Outcome" = 'success' WHERE "Sequence" = 1"""));
        var delete = await Record.ExceptionAsync(() => SqlAsync("""DELETE FROM "AuditEntries" WHERE "Sequence" = 1"""));
        Assert.NotNull(update);
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.NotNull(delete);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.True((await VerifyAsync()).Ok);
    }

    [Fact]
    public async Task Verify_AlteredRow_NamesItAndPassesOnceRestored()
    {
        var head = await SomeActivityAsync();
        var target = head - 2;
        var original = await app.AsSystemAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == target));
        // On PostgreSQL the column's new type makes every entry with a user id unreadable, not only the target:
        // the first of them is the first bad entry.
        var firstBad = VigilApp.OnPostgres
            ? await app.AsSystemAsync(db => db.AuditEntries.Where(e => e.UserId != null).MinAsync(e => e.Sequence))
            : target;
        await TamperAsync(() => SqlAsync($"""UPDATE "AuditEntries" SET "UserName" = 'someone.else@vigil.example' WHERE "Sequence" = {target}"""));
        var broken = await VerifyAsync();
        Assert.False(broken.Ok);
        Assert.Equal(target, broken.FirstBadSequence);
        Assert.Contains($"entry {target}", broken.Message, StringComparison.Ordinal);

        await TamperAsync(() => app.OwnerSqlAsync($"""UPDATE "AuditEntries" SET "UserName" = {original.UserName} WHERE "Sequence" = {target}"""));
        Assert.True((await VerifyAsync()).Ok);
    }

    [Fact]
    public async Task Verify_DeletedRow_NamesTheGap()
    {
        var head = await SomeActivityAsync();
        var target = head - 1;
        var original = await app.AsSystemAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == target));
        // On PostgreSQL the column's new type makes every entry with a user id unreadable, not only the target:
        // the first of them is the first bad entry.
        var firstBad = VigilApp.OnPostgres
            ? await app.AsSystemAsync(db => db.AuditEntries.Where(e => e.UserId != null).MinAsync(e => e.Sequence))
            : target;
        await TamperAsync(() => SqlAsync($"""DELETE FROM "AuditEntries" WHERE "Sequence" = {target}"""));
        var broken = await VerifyAsync();
        Assert.False(broken.Ok);
        Assert.Equal(target, broken.FirstBadSequence);

        await RestoreAsync(original);
        Assert.True((await VerifyAsync()).Ok);
    }

    [Fact]
    public async Task Verify_ReorderedRows_NamesTheFirst()
    {
        var head = await SomeActivityAsync();
        var (a, b) = (head - 3, head - 2);
        var first = await app.AsSystemAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == a));
        var second = await app.AsSystemAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == b));
        // Swap the two entries' positions.
        await TamperAsync(async () =>
        {
            await app.OwnerSqlAsync($"""UPDATE "AuditEntries" SET "Sequence" = -1 WHERE "Sequence" = {a}""");
            await app.OwnerSqlAsync($"""UPDATE "AuditEntries" SET "Sequence" = {a} WHERE "Sequence" = {b}""");
            await app.OwnerSqlAsync($"""UPDATE "AuditEntries" SET "Sequence" = {b} WHERE "Sequence" = -1""");
        });
        var broken = await VerifyAsync();
        Assert.False(broken.Ok);
        Assert.Equal(a, broken.FirstBadSequence);

        await TamperAsync(() => SqlAsync($"""DELETE FROM "AuditEntries" WHERE "Sequence" IN ({a}, {b})"""));
        await RestoreAsync(first);
        await RestoreAsync(second);
        Assert.True((await VerifyAsync()).Ok);
    }

    [Fact]
    public async Task FailedAuditWrite_FailsTheChange()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var before = await app.AsSystemAsync(db => db.Set<Subject>().CountAsync());
        var (block, unblock) = VigilApp.OnPostgres
            ? ("""
               CREATE FUNCTION test_block_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$;
               CREATE TRIGGER test_block_audit BEFORE INSERT ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION test_block_audit();
               """, "DROP TRIGGER test_block_audit ON \"AuditEntries\"; DROP FUNCTION test_block_audit();")
            : ("""CREATE TRIGGER test_block_audit BEFORE INSERT ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END;""",
               "DROP TRIGGER test_block_audit;");
        await SqlAsync(block);
        HttpResponseMessage response;
        try
        {
            response = await api.PostAsJsonAsync("/api/v1/subjects", new { givenName = "Fail", surname = "Closed", classification = "Official" });
        }
        finally
        {
            await SqlAsync(unblock);
        }
        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal(before, await app.AsSystemAsync(db => db.Set<Subject>().CountAsync()));
        Assert.False(await app.AsSystemAsync(db => db.Set<Subject>().AnyAsync(s => s.Surname == "Closed")));
    }

    [Fact]
    public async Task FailedAuditWrite_OnARead_ShowsTheErrorPageNotTheRecord()
    {
        var page = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        var id = await app.AsSystemAsync(db => db.Set<Subject>().Where(s => s.Classification == Vigil.Web.Platform.Security.Classification.Official
            && !s.NeedToKnow.Any() && s.OwningUnitId == db.Set<Vigil.Web.Network.Unit>().Single(u => u.Code == "north-west").Id).Select(s => new { s.Id, s.Surname }).FirstAsync());
        var (block, unblock) = VigilApp.OnPostgres
            ? ("CREATE FUNCTION test_block_reads() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$; CREATE TRIGGER test_block_reads BEFORE INSERT ON \"AuditEntries\" FOR EACH ROW EXECUTE FUNCTION test_block_reads();",
               "DROP TRIGGER test_block_reads ON \"AuditEntries\"; DROP FUNCTION test_block_reads();")
            : ("CREATE TRIGGER test_block_reads BEFORE INSERT ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, 'audit store unavailable'); END;", "DROP TRIGGER test_block_reads;");
        await SqlAsync(block);
        (HttpResponseMessage Response, AngleSharp.Html.Dom.IHtmlDocument Document) view;
        try
        {
            view = await page.GetAsync($"/subjects/{id.Id}");
        }
        finally
        {
            await SqlAsync(unblock);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, view.Response.StatusCode);
        Assert.Equal("Sorry, the service is unavailable", view.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.DoesNotContain(id.Surname, view.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", view.Document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentWriters_KeepOneUnbrokenChain()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        // The writers' people are set aside from the check at the door (acknowledgedCandidates): whether one
        // writer's check sees another's person depends on who commits first, and this test is about the chain.
        var writes = Enumerable.Range(0, 20).Select(i =>
            api.PostAsJsonAsync("/api/v1/subjects", new { givenName = "Parallel", surname = $"Writer{i}", classification = "Official", acknowledgedCandidates = true }));
        var responses = await Task.WhenAll(writes);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var result = await VerifyAsync();
        Assert.True(result.Ok, result.Message);
    }

    [Fact]
    public async Task Writer_WhileAnotherHoldsTheChainLock_WaitsAndSucceeds()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        // Another writer (another node, the command line) holds the lock that orders the chain for a while:
        // on SQLite the database's write lock, on PostgreSQL the chain's advisory lock.
        var locked = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var holder = Task.Run(() => app.AsSystemAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            if (VigilApp.OnPostgres)
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7419001)");
            }
            locked.SetResult();
            await release.Task;
            await transaction.RollbackAsync();
        }));
        await locked.Task;
        var write = api.PostAsJsonAsync("/api/v1/subjects", new { givenName = "Patient", surname = "Queuer", classification = "Official", acknowledgedCandidates = true });
        // The write cannot finish while the lock is held; give it time to be refused if it were going to be.
        var finishedEarly = await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(2))) == write;
        release.SetResult();
        await holder;
        var response = await write;
        Assert.False(finishedEarly, $"the write finished while the lock was held: {(int)response.StatusCode}");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True((await VerifyAsync()).Ok);
    }

    [Fact]
    public async Task Verify_RowWhoseValueNoLongerParses_IsReportedNotCrashed()
    {
        var head = await SomeActivityAsync();
        var target = head - 1;
        var original = await app.AsSystemAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == target));
        // On PostgreSQL the column's new type makes every entry with a user id unreadable, not only the target:
        // the first of them is the first bad entry.
        var firstBad = VigilApp.OnPostgres
            ? await app.AsSystemAsync(db => db.AuditEntries.Where(e => e.UserId != null).MinAsync(e => e.Sequence))
            : target;
        // The attacker writes a user id that is not a GUID. PostgreSQL's uuid column cannot hold one, so
        // there the attacker first changes the column's type, as someone with the database's keys could.
        await TamperAsync(() => SqlAsync(VigilApp.OnPostgres
            ? $"""ALTER TABLE "AuditEntries" ALTER COLUMN "UserId" TYPE text; UPDATE "AuditEntries" SET "UserId" = 'not-a-guid' WHERE "Sequence" = {target}"""
            : $"""UPDATE "AuditEntries" SET "UserId" = 'not-a-guid' WHERE "Sequence" = {target}"""));
        try
        {
            var broken = await VerifyAsync();
            Assert.False(broken.Ok);
            Assert.Equal(firstBad, broken.FirstBadSequence);
            Assert.Contains($"entry {firstBad} is unreadable or altered", broken.Message, StringComparison.Ordinal);
        }
        finally
        {
            var value = original.UserId is { } id ? $"'{(VigilApp.OnPostgres ? id.ToString() : id.ToString().ToUpperInvariant())}'" : "NULL";
            await TamperAsync(() => SqlAsync(VigilApp.OnPostgres
                ? $"""UPDATE "AuditEntries" SET "UserId" = {value} WHERE "Sequence" = {target}; ALTER TABLE "AuditEntries" ALTER COLUMN "UserId" TYPE uuid USING "UserId"::uuid"""
                : $"""UPDATE "AuditEntries" SET "UserId" = {value} WHERE "Sequence" = {target}"""));
        }
        Assert.True((await VerifyAsync()).Ok, "the chain verifies again once the value is put back");
    }

    private Task RestoreAsync(AuditEntry e) => TamperAsync(() => app.OwnerSqlAsync($"""
        INSERT INTO "AuditEntries" ("Sequence", "At", "UserId", "UserName", "UnitId", "Action", "RecordType", "RecordId", "Outcome", "Purpose", "Detail", "PreviousHash", "Hash")
        VALUES ({e.Sequence}, {(VigilApp.OnPostgres ? e.At : (object)e.At.ToBinaryForSqlite())}, {e.UserId}, {e.UserName}, {e.UnitId}, {e.Action}, {e.RecordType}, {e.RecordId}, {e.Outcome}, {e.Purpose}, {e.Detail}, {e.PreviousHash}, {e.Hash})
        """));
}

internal static class SqliteTime
{
    /// <summary>The stored form of an instant on SQLite (see SqliteVigilDb's DateTimeOffset conversion).</summary>
    public static long ToBinaryForSqlite(this DateTimeOffset value) => value.UtcTicks;
}

/// <summary>Tampering the audit table as an attacker with database access would; each test puts back what it changed.</summary>
internal static class AuditTamper
{
    public static async Task<VerificationResult> VerifyAsync(VigilApp app, AuditCheckpoint? checkpoint = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Vigil.Web.Platform.Security.AccessContext>().RunAsSystem("system:test");
        var verifier = scope.ServiceProvider.GetRequiredService<AuditVerifier>();
        // Small batches, so that every check here crosses batch boundaries (the next batch is read while one is hashed).
        verifier.BatchSize = 97;
        return checkpoint is null ? await verifier.VerifyAsync(default) : await verifier.VerifyAgainstAsync(checkpoint, default);
    }

    /// <summary>As the database's owner: the app's own role may not touch the audit table's triggers or rows at all
    /// (DatabaseRoleTests), so tampering, and the triggers' refusal of even the owner, are shown as the owner.</summary>
    private static Task SqlAsync(VigilApp app, string sql) => app.OwnerSqlRawAsync(sql);

    public static async Task TamperAsync(VigilApp app, Func<Task> tamper)
    {
        var (off, on) = VigilApp.OnPostgres
            ? ("""ALTER TABLE "AuditEntries" DISABLE TRIGGER USER""", """ALTER TABLE "AuditEntries" ENABLE TRIGGER USER""")
            : ("DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;",
                """
                CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'audit log is append-only: UPDATE refused'); END;
                CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'audit log is append-only: DELETE refused'); END;
                """);
        await SqlAsync(app, off);
        try
        {
            await tamper();
        }
        finally
        {
            await SqlAsync(app, on);
        }
    }

    public static async Task<long> SomeActivityAsync(VigilApp app)
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var page = await api.GetFromJsonAsync<JsonElement>("/api/v1/subjects");
        foreach (var item in page.GetProperty("items").EnumerateArray().Take(3))
        {
            await api.GetAsync($"/api/v1/subjects/{item.GetProperty("id").GetGuid()}");
        }
        return await app.AsSystemAsync(db => db.AuditEntries.MaxAsync(e => e.Sequence));
    }
}

/// <summary>A truncated tail is found by a checkpoint alone, whether or not the app has written past the cut since (it
/// does while it runs: background work writes entries too). On an app and database of its own: the log is left cut.</summary>
public sealed class AuditTruncationTests(VigilApp app) : IClassFixture<VigilApp>
{
    [Fact]
    public async Task VerifyAgainstCheckpoint_TruncatedTail_IsDetected_BeforeAndAfterTheLogGrowsAgain()
    {
        await AuditTamper.SomeActivityAsync(app);
        var checkpoint = await app.AsSystemAsync(async db =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().CreateCheckpointAsync(default);
        });
        Assert.True((await AuditTamper.VerifyAsync(app, checkpoint)).Ok);

        await AuditTamper.TamperAsync(app, () => app.OwnerSqlRawAsync($"""DELETE FROM "AuditEntries" WHERE "Sequence" > {checkpoint.Sequence - 2}"""));
        Assert.True((await AuditTamper.VerifyAsync(app)).Ok, "a truncated chain is still a consistent chain: only the checkpoint can tell");
        var truncated = await AuditTamper.VerifyAsync(app, checkpoint);
        Assert.False(truncated.Ok);
        Assert.Equal(checkpoint.Sequence, truncated.FirstBadSequence);
        Assert.Contains("truncated", truncated.Message, StringComparison.Ordinal);

        // The app goes on writing: the entry the checkpoint names exists again, but was written after it was made.
        await AuditTamper.SomeActivityAsync(app);
        Assert.True((await AuditTamper.VerifyAsync(app)).Ok);
        var grown = await AuditTamper.VerifyAsync(app, checkpoint);
        Assert.False(grown.Ok);
        Assert.Contains("truncated before it and has grown again", grown.Message, StringComparison.Ordinal);

        var forged = checkpoint with { Hash = new string('a', 64) };
        Assert.False((await AuditTamper.VerifyAsync(app, forged)).Ok, "a checkpoint whose content was changed has an invalid signature");
    }
}

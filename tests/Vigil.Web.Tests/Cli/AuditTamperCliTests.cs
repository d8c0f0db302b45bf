using Microsoft.EntityFrameworkCore;
using Vigil.Web.Tests.Infrastructure;

namespace Vigil.Web.Tests.Cli;

/// <summary>Tampering breaks the chain for good, so it has a database of its own: the other verbs' tests
/// (a checkpoint, the national-scale generator) verify the chain of theirs, in whatever order they run.</summary>
public sealed class AuditTamperCliTests(VigilApp app) : IClassFixture<VigilApp>
{
    private Task<(int Exit, string Out, string Err)> RunAsync(string arguments) => VigilCli.RunAsync(app, arguments);

    [Fact]
    public async Task AuditVerify_IntactThenTampered_ExitsZeroThenOneNamingTheEntry_AlsoFromACheckpoint()
    {
        var ok = await RunAsync("audit verify");
        Assert.True(ok.Exit == 0, ok.Err + ok.Out);
        Assert.Contains("audit chain intact", ok.Out, StringComparison.Ordinal);

        // A checkpoint, then more entries (reads through the API): the incremental check covers only those.
        var file = Path.Combine(app.DataFolder, "tamper-checkpoint.json");
        Assert.Equal(0, (await RunAsync($"audit checkpoint --out \"{file}\"")).Exit);
        var checkpoint = Vigil.Web.Platform.Audit.AuditVerifier.Deserialise(await File.ReadAllTextAsync(file));
        using (var api = await app.ApiClientAsync(DemoUsers.SioLondon))
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.True((await api.GetAsync("/api/v1/subjects?name=a")).IsSuccessStatusCode);
            }
        }
        var head = await app.AsSystemAsync(db => db.AuditEntries.MaxAsync(e => e.Sequence));
        var since = await RunAsync($"audit verify --from-checkpoint \"{file}\"");
        Assert.True(since.Exit == 0, since.Err + since.Out);
        // The running app's background work may append entries while the verb runs: it checks at least those written
        // before it started, and no more than exist after it.
        var headAfter = await app.AsSystemAsync(db => db.AuditEntries.MaxAsync(e => e.Sequence));
        var counted = System.Text.RegularExpressions.Regex.Match(since.Out, $@"intact after the checkpoint at entry {checkpoint.Sequence}: (\d+) entries");
        Assert.True(counted.Success, since.Out);
        Assert.InRange(long.Parse(counted.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), head - checkpoint.Sequence, headAfter - checkpoint.Sequence);

        var target = await app.AsSystemAsync(db => db.AuditEntries.MaxAsync(e => e.Sequence)) - 1;
        var disable = VigilApp.OnPostgres ? """ALTER TABLE "AuditEntries" DISABLE TRIGGER USER""" : "DROP TRIGGER audit_entries_no_update";
        // The attacker holds the database owner's keys: the app's own role may do neither.
        await app.OwnerSqlRawAsync(disable);
        await app.OwnerSqlAsync($"""UPDATE "AuditEntries" SET "Outcome" = 'tampered' WHERE "Sequence" = {target}""");
        var bad = await RunAsync("audit verify");
        Assert.Equal(1, bad.Exit);
        Assert.Contains($"entry {target}", bad.Err, StringComparison.Ordinal);
        Assert.True(target > checkpoint.Sequence);
        var badSince = await RunAsync($"audit verify --from-checkpoint \"{file}\"");
        Assert.Equal(1, badSince.Exit);
        Assert.Contains($"entry {target} has been altered", badSince.Err, StringComparison.Ordinal);

        // The checkpoint's own entry is checked against it: rewriting it is found too.
        await app.OwnerSqlAsync($"""UPDATE "AuditEntries" SET "Outcome" = 'tampered' WHERE "Sequence" = {checkpoint.Sequence}""");
        var rewritten = await RunAsync($"audit verify --from-checkpoint \"{file}\"");
        Assert.Equal(1, rewritten.Exit);
        Assert.Contains($"entry {checkpoint.Sequence} differs from the checkpoint", rewritten.Err, StringComparison.Ordinal);
    }
}

using Microsoft.EntityFrameworkCore;

namespace Vigil.Web.Tests.Cli;

/// <summary>Tampering breaks the chain for good, so it has a database of its own: the other verbs' tests
/// (a checkpoint, the national-scale generator) verify the chain of theirs, in whatever order they run.</summary>
public sealed class AuditTamperCliTests(VigilApp app) : IClassFixture<VigilApp>
{
    private Task<(int Exit, string Out, string Err)> RunAsync(string arguments) => VigilCli.RunAsync(app, arguments);

    [Fact]
    public async Task AuditVerify_IntactThenTampered_ExitsZeroThenOneNamingTheEntry()
    {
        var ok = await RunAsync("audit verify");
        Assert.True(ok.Exit == 0, ok.Err + ok.Out);
        Assert.Contains("audit chain intact", ok.Out, StringComparison.Ordinal);

        var target = await app.AsSystemAsync(db => db.AuditEntries.MaxAsync(e => e.Sequence)) - 1;
        var disable = VigilApp.OnPostgres ? """ALTER TABLE "AuditEntries" DISABLE TRIGGER USER""" : "DROP TRIGGER audit_entries_no_update";
        await app.AsSystemAsync(db => db.Database.ExecuteSqlRawAsync(disable));
        await app.AsSystemAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "AuditEntries" SET "Outcome" = 'tampered' WHERE "Sequence" = {target}"""));
        var bad = await RunAsync("audit verify");
        Assert.Equal(1, bad.Exit);
        Assert.Contains($"entry {target}", bad.Err, StringComparison.Ordinal);
    }
}

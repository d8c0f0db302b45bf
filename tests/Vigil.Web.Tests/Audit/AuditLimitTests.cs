using System.Text.Json;
using Vigil.Web.Platform.Audit;

namespace Vigil.Web.Tests.Audit;

/// <summary>A filter matching more entries than are counted or exported: the count stops, the pages say so
/// and lead on to the older entries, and the export is refused with a message (and audited).</summary>
public sealed class AuditLimitTests(VigilApp app) : IClassFixture<VigilApp>
{
    private const string Many = "limit-test";

    private Task WriteManyAsync() => app.AsSystemAsync(async db =>
    {
        if (await db.AuditEntries.AnyAsync(e => e.RecordType == Many))
        {
            return;
        }
        for (var i = 0; i < AuditQueries.CountLimit + 30; i++)
        {
            db.Audit(AuditActions.Read, AuditOutcomes.Success, Many, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Search_MoreThanTheLimit_CountsToItAndLeadsOn()
    {
        await WriteManyAsync();
        using var api = await app.ApiClientAsync(DemoUsers.Auditor);
        var first = await api.GetFromJsonAsync<JsonElement>($"/api/v1/audit?recordType={Many}&pageSize=200");
        Assert.True(first.GetProperty("capped").GetBoolean());
        Assert.Equal(AuditQueries.CountLimit, first.GetProperty("total").GetInt32());
        var older = first.GetProperty("older").GetInt64();

        var rest = await api.GetFromJsonAsync<JsonElement>($"/api/v1/audit?recordType={Many}&pageSize=200&upTo={older}");
        Assert.False(rest.GetProperty("capped").GetBoolean());
        Assert.Equal(30, rest.GetProperty("total").GetInt32());
        Assert.Equal("29", rest.GetProperty("items")[0].GetProperty("recordId").GetString());

        var page = await app.SignInAsync(DemoUsers.Auditor);
        var (_, document) = await page.GetAsync($"/audit?recordType={Many}");
        Assert.NotNull(document.QuerySelector("[data-testid=audit-capped]"));
        Assert.Null(document.QuerySelector("[data-testid=audit-export]"));
        Assert.StartsWith("More than 10000 results", document.QuerySelector("[data-testid=result-count]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains($"upTo={older}", document.QuerySelector("[data-testid=audit-capped] a")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_MoreThanTheLimit_IsRefusedWithAMessageAndAudited()
    {
        await WriteManyAsync();
        using var api = await app.ApiClientAsync(DemoUsers.Auditor);
        var response = await api.GetAsync($"/api/v1/audit/export?recordType={Many}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("narrow the filter", problem.GetProperty("errors").GetProperty("from")[0].GetString(), StringComparison.Ordinal);
        var audited = await app.AsSystemAsync(db => db.AuditEntries
            .Where(e => e.Action == AuditActions.Export && e.UserName == DemoUsers.Auditor).OrderByDescending(e => e.Sequence).FirstAsync());
        Assert.Equal(AuditOutcomes.Failure, audited.Outcome);
        Assert.Contains("nothing exported", audited.Detail, StringComparison.Ordinal);

        // From the page, a refused export goes back to the page, which says why.
        var page = await app.SignInAsync(DemoUsers.Auditor);
        var download = await page.Http.GetAsync($"/audit/export.csv?recordType={Many}");
        Assert.Equal(HttpStatusCode.Redirect, download.StatusCode);
        Assert.Equal($"/audit?recordType={Many}", PageClient.PathOf(download));
    }

    /// <summary>A queue's count (the intelligence and ACT panels and tabs) stops one past the limit and reads as
    /// "more than 1,000" (the soak, issue 18, found whole queues of a national-size unit counted on every view).</summary>
    [Fact]
    public async Task QueueCount_StopsOnePastTheLimit()
    {
        await WriteManyAsync();
        var counted = await app.AsSystemAsync(db => Vigil.Web.Platform.Api.Paging.CountPastLimitAsync(db.AuditEntries.Where(e => e.RecordType == Many), CancellationToken.None));
        Assert.Equal(Vigil.Web.Platform.Api.Paging.CountLimit + 1, counted);
        Assert.Equal("more than 1,000", Vigil.Web.Platform.Api.Paging.Shown(counted));
        Assert.Equal("1,000", Vigil.Web.Platform.Api.Paging.Shown(1000));
        Assert.Equal("7", Vigil.Web.Platform.Api.Paging.Shown(7));
    }
}

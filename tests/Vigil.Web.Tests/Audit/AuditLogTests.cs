using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AngleSharp.Html.Dom;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Audit;

namespace Vigil.Web.Tests.Audit;

/// <summary>The auditors' page and API: the log in words, filters that are checked, paging that holds still,
/// and the CSV export, itself audited.</summary>
public sealed class AuditLogTests(VigilApp app) : IClassFixture<VigilApp>
{
    private const string Day = "2026-11-28";

    [Fact]
    public void Catalogue_EveryAuditedRecordType_HasWords()
    {
        var catalogue = app.Services.GetRequiredService<AuditCatalogue>();
        // The entities' own types, read from the code (each is a constant of its class).
        var types = typeof(AuditEntry).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAuditedRecord).IsAssignableFrom(t))
            .Select(t => ((IAuditedRecord)RuntimeHelpers.GetUninitializedObject(t)).AuditRecordType)
            .ToList();
        Assert.NotEmpty(types);
        Assert.Equal([], types.Where(t => !catalogue.Knows(t)));
        Assert.Equal("Investigation action", catalogue.Words("action"));
    }

    [Theory]
    [InlineData("from=2026-11-28&to=2026-11-01", "to")]
    [InlineData("from=not-a-date", "from")]
    [InlineData("to=2026-02-30", "to")]
    [InlineData("from=0001-01-01", "from")]
    [InlineData("to=9999-12-31", "to")]
    public async Task Api_BadDateRange_Is400NamingTheField(string query, string field)
    {
        using var api = await app.ApiClientAsync(DemoUsers.Auditor);
        foreach (var url in new[] { $"/api/v1/audit?{query}", $"/api/v1/audit/export?{query}" })
        {
            var response = await api.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{url}: {problem}");
        }
    }

    [Theory]
    [InlineData("from.Day=28&from.Month=11&from.Year=2026&to.Day=1&to.Month=11&to.Year=2026", "audit-to", "To must be the same as or after From")]
    [InlineData("from.Day=31&from.Month=2&from.Year=2026", "audit-from", "From must be a real date")]
    [InlineData("to.Day=3&to.Year=2026", "audit-to", "To must include a month")]
    [InlineData("from=2026-13-01", "audit-from", "From must be a real date")]
    public async Task Page_BadDateRange_ShowsErrorSummaryLinkedToTheField(string query, string id, string message)
    {
        var page = await app.SignInAsync(DemoUsers.Auditor);
        var (response, document) = await page.GetAsync($"/audit?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = document.QuerySelector($".govuk-error-summary a[href='#{id}']");
        Assert.NotNull(link);
        Assert.Contains(message, link.TextContent, StringComparison.Ordinal);
        Assert.NotNull(document.GetElementById(id));
        Assert.NotNull(document.QuerySelector($"#{id}-error"));
        Assert.StartsWith("Error:", document.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_GoodDateRange_KeepsTheDaysAndFilters()
    {
        var page = await app.SignInAsync(DemoUsers.Auditor);
        var (_, document) = await page.GetAsync("/audit?from.Day=28&from.Month=11&from.Year=2026&to.Day=28&to.Month=11&to.Year=2026&action=sign-in");
        Assert.Null(document.QuerySelector(".govuk-error-summary"));
        Assert.Equal("28", ((IHtmlInputElement)document.GetElementById("audit-from-day")!).Value);
        Assert.Equal("2026", ((IHtmlInputElement)document.GetElementById("audit-to-year")!).Value);
        var rows = document.QuerySelectorAll("[data-testid=audit-entries] tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("Signed in", r.TextContent, StringComparison.Ordinal));
        // The day before the clock's holds nothing.
        var (_, before) = await page.GetAsync("/audit?to.Day=27&to.Month=11&to.Year=2026");
        Assert.Null(before.QuerySelector("[data-testid=audit-entries]"));
        Assert.Contains("No entries match", before.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_UserPicker_ListsEveryAccountByNameAndEmail()
    {
        var page = await app.SignInAsync(DemoUsers.Auditor);
        var (_, document) = await page.GetAsync("/audit");
        var picker = (IHtmlSelectElement)document.GetElementById("audit-user")!;
        Assert.Equal("user", picker.Name);
        var accounts = await app.AsSystemAsync(db => db.Users.Select(u => new { u.DisplayName, u.Email }).ToListAsync());
        Assert.True(accounts.Count > 5);
        var options = picker.Options.Select(o => (o.Value, o.Text.Trim())).ToList();
        foreach (var account in accounts)
        {
            Assert.Contains((account.Email!, $"{account.DisplayName} ({account.Email})"), options);
        }
        Assert.Equal("", options[0].Value);
    }

    [Fact]
    public async Task Page_Entries_ReadInWordsWithNamesNotIds()
    {
        var page = await app.SignInAsync(DemoUsers.Auditor);
        var (account, unit) = await app.AsSystemAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == DemoUsers.Auditor);
            var unit = await db.Set<Vigil.Web.Network.Unit>().SingleAsync(u => u.Id == user.UnitId);
            return (user, unit.Name);
        });
        var (_, document) = await page.GetAsync($"/audit?user={Uri.EscapeDataString(DemoUsers.Auditor)}&action=sign-in");
        Assert.Equal(DemoUsers.Auditor, ((IHtmlSelectElement)document.GetElementById("audit-user")!).Value);
        var row = document.QuerySelector("[data-testid=audit-entries] tbody tr")!;
        var cells = row.QuerySelectorAll("td");
        Assert.Contains(account.DisplayName, cells[1].TextContent, StringComparison.Ordinal);
        Assert.Contains(DemoUsers.Auditor, cells[1].TextContent, StringComparison.Ordinal);
        Assert.Contains(unit, cells[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(account.Id.ToString(), cells[1].TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Signed in", cells[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("Succeeded", cells[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("User account", cells[2].TextContent, StringComparison.Ordinal);
        // The page writes nothing it did not read: the id of the record is shown as stored.
        Assert.Contains(account.Id.ToString(), cells[2].TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Api_UserByEmail_ReturnsOnlyTheirEntriesInWords()
    {
        using (var investigator = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest))
        {
            await investigator.GetAsync("/api/v1/subjects");
        }
        using var api = await app.ApiClientAsync(DemoUsers.Auditor);
        var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/audit?user={Uri.EscapeDataString(DemoUsers.InvestigatorNorthWest)}&pageSize=50");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal(DemoUsers.InvestigatorNorthWest, i.GetProperty("userName").GetString()));
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.GetProperty("userDisplayName").GetString())));
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.GetProperty("unitName").GetString())));
        Assert.Contains(items, i => i.GetProperty("actionInWords").GetString() == "Searched");
    }

    [Fact]
    public async Task Api_PagingWithUpTo_HoldsStillWhileTheLogGrows()
    {
        // Two full pages of reads of their own, whatever else the class's other tests have read.
        await ReadSubjectsAsync(6);
        using var api = await app.ApiClientAsync(DemoUsers.Auditor);
        foreach (var query in new[] { "", "&action=read" })
        {
            var first = await api.GetFromJsonAsync<JsonElement>($"/api/v1/audit?pageSize=3{query}");
            var upTo = first.GetProperty("upTo").GetInt64();
            var firstPage = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sequence").GetInt64()).ToList();
            // Each search is audited, so the log has grown; the view's second page starts where its first ended.
            var second = await api.GetFromJsonAsync<JsonElement>($"/api/v1/audit?pageSize=3&page=2&upTo={upTo}{query}");
            var secondPage = second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sequence").GetInt64()).ToList();
            Assert.Equal(upTo, second.GetProperty("upTo").GetInt64());
            Assert.Equal(first.GetProperty("total").GetInt32(), second.GetProperty("total").GetInt32());
            Assert.Equal(3, secondPage.Count);
            Assert.True(secondPage.Max() < firstPage.Min(), $"{string.Join(",", firstPage)} then {string.Join(",", secondPage)}");
            Assert.Equal(firstPage.OrderDescending(), firstPage);
        }
        var unfiltered = await api.GetFromJsonAsync<JsonElement>("/api/v1/audit?pageSize=3");
        var all = await app.AsSystemAsync(db => db.AuditEntries.CountAsync(e => e.Sequence <= unfiltered.GetProperty("upTo").GetInt64()));
        Assert.Equal(all, unfiltered.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Export_Filtered_ReturnsTheMatchingRowsAndIsAudited()
    {
        await ReadSubjectsAsync(2);
        using var api = await app.ApiClientAsync(DemoUsers.Auditor);
        var response = await api.GetAsync($"/api/v1/audit/export?user={Uri.EscapeDataString(DemoUsers.InvestigatorNorthWest)}&action=read&from={Day}&to={Day}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var rows = ReadCsv(await response.Content.ReadAsStringAsync());

        var expected = await app.AsSystemAsync(db => db.AuditEntries
            .Where(e => e.UserName == DemoUsers.InvestigatorNorthWest && e.Action == AuditActions.Read)
            .OrderByDescending(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        Assert.True(expected.Count >= 2);
        Assert.Equal(expected, rows.Select(r => long.Parse(r["Entry"], CultureInfo.InvariantCulture)));
        Assert.All(rows, r => Assert.Equal("Read a record", r["Action"]));
        Assert.All(rows, r => Assert.Equal(DemoUsers.InvestigatorNorthWest, r["E-mail"]));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r["User"])));

        var audited = await app.AsSystemAsync(db => db.AuditEntries
            .Where(e => e.Action == AuditActions.Export && e.RecordType == "audit-log" && e.UserName == DemoUsers.Auditor)
            .OrderByDescending(e => e.Sequence).FirstAsync());
        Assert.Equal(AuditOutcomes.Success, audited.Outcome);
        Assert.Contains($"user \"{DemoUsers.InvestigatorNorthWest}\"", audited.Detail, StringComparison.Ordinal);
        Assert.Contains("action \"read\"", audited.Detail, StringComparison.Ordinal);
        Assert.Contains($"{expected.Count} entries", audited.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportLink_OnThePage_CarriesTheFilterAndDownloads()
    {
        var page = await app.SignInAsync(DemoUsers.Auditor);
        var (_, document) = await page.GetAsync("/audit?action=sign-in&from.Day=28&from.Month=11&from.Year=2026");
        var link = document.QuerySelector("[data-testid=audit-export]")!.GetAttribute("href")!;
        Assert.StartsWith("/audit/export.csv?", link, StringComparison.Ordinal);
        Assert.Contains("action=sign-in", link, StringComparison.Ordinal);
        Assert.Contains($"from={Day}", link, StringComparison.Ordinal);
        Assert.Contains("upTo=", link, StringComparison.Ordinal);
        var response = await page.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = ReadCsv(await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(AuditActions.SignIn, r["Action code"]));
    }

    [Fact]
    public async Task Audit_NonAuditor_IsRefusedAsMissing()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/audit/export")).StatusCode);
        var page = await app.SignInAsync(DemoUsers.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync("/audit")).Response.StatusCode);
        var download = await page.Http.GetAsync("/audit/export.csv");
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.NotEqual("text/csv", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Page_LongLog_PagerJumpsToTheLastPage()
    {
        var page = await app.SignInAsync(DemoUsers.Auditor);
        var (_, document) = await page.GetAsync("/audit");
        var pages = document.QuerySelectorAll(".govuk-pagination__list a").Select(a => a.GetAttribute("aria-label")).ToList();
        var total = int.Parse(document.QuerySelector("[data-testid=result-count]")!.TextContent.Split(' ')[0], CultureInfo.InvariantCulture);
        var last = (total + 24) / 25;
        Assert.True(last > 3, $"{total} entries");
        Assert.Equal(["Page 1", "Page 2", $"Page {last}"], pages);
        Assert.NotNull(document.QuerySelector(".govuk-pagination__item--ellipses"));
        var lastHref = document.QuerySelector($".govuk-pagination__list a[aria-label='Page {last}']")!.GetAttribute("href")!;
        Assert.Contains("upTo=", lastHref, StringComparison.Ordinal);
        var (_, end) = await page.GetAsync(lastHref);
        Assert.Contains("Entry 1", end.QuerySelector("[data-testid=audit-entries]")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>An investigator lists the subjects and reads some of them: entries to find.</summary>
    private async Task ReadSubjectsAsync(int count)
    {
        using var investigator = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var subjects = await investigator.GetFromJsonAsync<JsonElement>("/api/v1/subjects");
        foreach (var item in subjects.GetProperty("items").EnumerateArray().Take(count))
        {
            Assert.Equal(HttpStatusCode.OK, (await investigator.GetAsync($"/api/v1/subjects/{item.GetProperty("id").GetGuid()}")).StatusCode);
        }
    }

    private static List<Dictionary<string, string>> ReadCsv(string text)
    {
        using var reader = new StringReader(text);
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = true }, leaveOpen: true);
        var headers = csv.Headers.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.FieldCount).ToDictionary(i => headers[i], i => csv.GetString(i)));
        }
        return rows;
    }
}

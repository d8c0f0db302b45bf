namespace Vigil.Browser.Tests.Pages;

/// <summary>/audit: the audit log, for auditors.</summary>
public sealed class AuditLogPage : AppPage
{
    public const string Path = "/audit";

    private AuditLogPage(BrowserSession session) : base(session)
    {
    }

    public ILocator Entries => Page.GetByTestId("audit-entries");

    /// <summary>The list of accounts to filter by.</summary>
    public ILocator User => Page.Locator("#audit-user");

    public ILocator Export => Page.GetByTestId("audit-export");

    public ILocator ErrorSummary => Page.Locator(".govuk-error-summary");

    public static async Task<AuditLogPage> OpenAsync(BrowserSession session)
    {
        await session.GotoAsync(Path);
        return await ArriveAsync(new AuditLogPage(session), "Audit log");
    }

    public Task<int> EntryCountAsync() => Entries.Locator("tbody tr").CountAsync();

    /// <summary>Chooses an account and the From and To days (day, month, year as typed), then filters.</summary>
    public async Task<AuditLogPage> FilterAsync(string? userEmail = null, (string Day, string Month, string Year)? from = null, (string Day, string Month, string Year)? to = null)
    {
        if (userEmail is not null)
        {
            await User.SelectOptionAsync(userEmail);
        }
        foreach (var (id, date) in new[] { ("audit-from", from), ("audit-to", to) })
        {
            if (date is { } d)
            {
                await Page.Locator($"#{id}-day").FillAsync(d.Day);
                await Page.Locator($"#{id}-month").FillAsync(d.Month);
                await Page.Locator($"#{id}-year").FillAsync(d.Year);
            }
        }
        await Session.SubmitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }));
        return await ArriveAsync(new AuditLogPage(Session), "Audit log");
    }

    /// <summary>Opens every entry's details, then how far the page runs past the viewport's width at
    /// <paramref name="width"/> pixels (0 or less: it fits).</summary>
    public async Task<int> OverflowAtAsync(int width)
    {
        await Page.SetViewportSizeAsync(width, 1024);
        await Page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        return await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
    }
}

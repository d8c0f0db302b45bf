namespace Vigil.Browser.Tests.Pages;

/// <summary>/audit: the audit log, for auditors.</summary>
public sealed class AuditLogPage : AppPage
{
    public const string Path = "/audit";

    private AuditLogPage(BrowserSession session) : base(session)
    {
    }

    public ILocator Entries => Page.GetByTestId("audit-entries");

    public static async Task<AuditLogPage> OpenAsync(BrowserSession session)
    {
        await session.GotoAsync(Path);
        return await ArriveAsync(new AuditLogPage(session), "Audit log");
    }

    public Task<int> EntryCountAsync() => Entries.Locator("tbody tr").CountAsync();
}

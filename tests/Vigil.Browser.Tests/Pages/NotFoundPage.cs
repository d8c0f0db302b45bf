namespace Vigil.Browser.Tests.Pages;

/// <summary>"Page not found": what a user sees for a page or record that does not exist or that they may not see.</summary>
public sealed class NotFoundPage : AppPage
{
    private NotFoundPage(BrowserSession session, int status) : base(session) => Status = status;

    /// <summary>The HTTP status the page came with.</summary>
    public int Status { get; }

    public static async Task<NotFoundPage> OpenAsync(BrowserSession session, string path)
    {
        var response = await session.GotoAsync(path);
        return await ArriveAsync(new NotFoundPage(session, response.Status), "Page not found");
    }
}

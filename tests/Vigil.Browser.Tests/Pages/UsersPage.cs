namespace Vigil.Browser.Tests.Pages;

/// <summary>/admin/users: user administration, for administrators.</summary>
public sealed class UsersPage : AppPage
{
    private UsersPage(BrowserSession session) : base(session)
    {
    }

    public ILocator Table => Page.GetByTestId("users");

    public static async Task<UsersPage> OpenAsync(BrowserSession session)
    {
        await session.GotoAsync("/admin/users");
        return await ArriveAsync(new UsersPage(session), "Users");
    }
}

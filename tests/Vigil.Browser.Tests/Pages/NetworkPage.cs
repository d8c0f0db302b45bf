namespace Vigil.Browser.Tests.Pages;

/// <summary>/network: the regional units, headquarters, the operations centre and partner agencies.</summary>
public sealed class NetworkPage : AppPage
{
    private NetworkPage(BrowserSession session) : base(session)
    {
    }

    public ILocator RegionalUnits => Page.GetByTestId("regional-units");

    public static async Task<NetworkPage> OpenAsync(BrowserSession session)
    {
        await session.GotoAsync("/network");
        return await ArriveAsync(new NetworkPage(session), "The network");
    }
}

namespace Vigil.Browser.Tests.Pages;

/// <summary>/deconfliction: run a check across the network.</summary>
public sealed class DeconflictionPage : AppPage
{
    public const string Path = "/deconfliction";

    private DeconflictionPage(BrowserSession session) : base(session)
    {
    }

    public ILocator MaskedHits => Page.GetByTestId("masked-hit");
    public ILocator VisibleHits => Page.GetByTestId("visible-hit");
    public ILocator ResultHeading => Page.GetByTestId("result-heading");
    /// <summary>The banner announcing the result, at the top of the page.</summary>
    public ILocator Result => Page.GetByTestId("result");
    public ILocator Reference => Page.GetByTestId("check-reference");
    public ILocator Bands => Page.GetByTestId("band");
    public ILocator ContactEmails => Page.GetByTestId("contact-email");
    public ILocator ErrorSummary => Page.Locator(".govuk-error-summary");

    public static async Task<DeconflictionPage> OpenAsync(BrowserSession session)
    {
        await session.GotoAsync(Path);
        return await ArriveAsync(new DeconflictionPage(session), "Run a deconfliction check");
    }

    public async Task<DeconflictionPage> CheckAsync(string purpose, string? phone = null, string? vehicle = null)
    {
        await Page.GetByLabel("Why are you running this check?").FillAsync(purpose);
        if (phone is not null)
        {
            await Page.GetByLabel("Phone number").FillAsync(phone);
        }
        if (vehicle is not null)
        {
            await Page.GetByLabel("Vehicle registration").FillAsync(vehicle);
        }
        await Session.SubmitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Run check" }));
        return await ArriveAsync(new DeconflictionPage(Session), "Run a deconfliction check");
    }
}

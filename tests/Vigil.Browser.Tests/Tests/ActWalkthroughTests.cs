using System.IO.Compression;
using static Microsoft.Playwright.Assertions;

namespace Vigil.Browser.Tests.Tests;

/// <summary>ACT from contact to court, in the browser: a member of the public, on a phone, reports a person photographing
/// a stadium and their car, with a photo, and gets a reference and a follow-up code; the North West triage officer finds
/// it with a masked deconfliction hit on the car (a London record) and a cluster with an earlier report of the stadium,
/// asks a question; the reporter answers with the code; the officer makes an intelligence report of it and links it to
/// Operation TAMARISK; the SIO finds it in the CPS case file. Every page checked by axe and for fit.</summary>
public sealed class ActWalkthroughTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static async Task ContinueAsync(BrowserSession session, string nextHeading)
    {
        await session.SubmitAsync(session.Page.GetByTestId("continue"));
        await session.ArriveAsync(nextHeading);
    }

    /// <summary>A tiny JPEG whose EXIF names a camera position (stripped before it is stored).</summary>
    private static byte[] Photo()
    {
        var exif = "Exif\0\0GPSLatitude 53.48"u8.ToArray();
        return [0xFF, 0xD8, 0xFF, 0xE1, 0x00, (byte)(exif.Length + 2), .. exif, 0xFF, 0xDB, 0x00, 0x04, 0x00, 0x01, 0xFF, 0xDA, 0x00, 0x02, 0x11, 0x22, 0xFF, 0xD9];
    }

    [Fact]
    public async Task APublicReport_IsTriaged_BecomesIntelligence_AndReachesTheCaseFile()
    {
        var person = $"Perrin Castellane-{Guid.NewGuid().ToString("N")[..5]}";
        var today = DateTime.UtcNow;

        // The public, on a phone.
        var reporter = await NewSessionAsync();
        await reporter.Page.SetViewportSizeAsync(Layout.Phone, 800);
        await reporter.GotoAsync("/act");
        await reporter.ArriveAsync("Report possible terrorist activity");
        await Expect(reporter.Page.GetByTestId("emergency-banner")).ToContainTextAsync("call 999");
        await reporter.SubmitAsync(reporter.Page.GetByTestId("start"));
        await reporter.ArriveAsync("Is it happening now?");
        await reporter.Page.Locator("#act-happeningnow-no").CheckAsync();
        await ContinueAsync(reporter, "What did you see or hear?");
        await reporter.Page.Locator("#act-behaviour-hostilereconnaissance").CheckAsync();
        await reporter.Page.Locator("#act-whathappened").FillAsync("A man was photographing the stadium's turnstiles and the stewards' gate for an hour, then drove off when a steward came over.");
        await ContinueAsync(reporter, "When was it?");
        await reporter.Page.Locator("#act-seenon-day").FillAsync(today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await reporter.Page.Locator("#act-seenon-month").FillAsync(today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await reporter.Page.Locator("#act-seenon-year").FillAsync(today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await reporter.Page.Locator("#act-seenat").FillAsync("14:30");
        await ContinueAsync(reporter, "Where was it?");
        await reporter.Page.Locator("#act-where-place").CheckAsync();
        await reporter.Page.Locator("#act-postcode").FillAsync("m11 3ff");
        await reporter.Page.Locator("#act-placedescription").FillAsync("By the north stand entrance of the stadium.");
        await ContinueAsync(reporter, "Who was involved?");
        await reporter.Page.Locator("#act-person1name").FillAsync(person);
        await reporter.Page.Locator("#act-person1description").FillAsync("About 40, grey coat, long-lens camera.");
        await ContinueAsync(reporter, "Were there any vehicles?");
        await reporter.Page.Locator("#act-vehicle1registration").FillAsync("DM24 ACT");
        await reporter.Page.Locator("#act-vehicle1make").FillAsync("Ford Focus");
        await reporter.Page.Locator("#act-vehicle1colour").FillAsync("grey");
        await ContinueAsync(reporter, "Anything else?");
        await ContinueAsync(reporter, "Photos or files");
        await reporter.Page.Locator("#act-files").SetInputFilesAsync(new FilePayload { Name = "stadium.jpg", MimeType = "image/jpeg", Buffer = Photo() });
        await ContinueAsync(reporter, "Your contact details");
        await ContinueAsync(reporter, "Check your answers");
        var answers = reporter.Page.GetByTestId("check-answers");
        await Expect(answers).ToContainTextAsync("DM24 ACT");
        await Expect(answers).ToContainTextAsync("stadium.jpg");
        await Expect(answers).ToContainTextAsync("Anonymous");
        await Screenshots.SaveAsync(reporter.Page, "act-check-answers.png");
        await reporter.SubmitAsync(reporter.Page.GetByTestId("send-report"));
        await reporter.ArriveAsync("Report sent");
        var reference = (await reporter.Page.GetByTestId("act-reference").InnerTextAsync()).Trim();
        var code = (await reporter.Page.GetByTestId("act-code").InnerTextAsync()).Trim();
        Assert.Matches("^ACT-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", reference);
        await Screenshots.SaveAsync(reporter.Page, "act-confirmation.png");

        // The North West triage officer.
        var home = await SignInAsync(DemoUsers.ActNorthWest);
        var officer = home.Session;
        await officer.GotoAsync("/act/triage");
        await officer.ArriveAsync("ACT reports from the public");
        await officer.SubmitAsync(officer.Page.GetByTestId("act-queue").GetByRole(AriaRole.Link, new() { Name = reference }));
        await officer.ArriveAsync(reference);
        await officer.SubmitAsync(officer.Page.GetByTestId("act-take"));
        await officer.ArriveAsync(reference);
        await Expect(officer.Page.GetByTestId("done")).ToBeVisibleAsync();
        var vehicleCheck = officer.Page.GetByTestId("act-checks").Locator("li").Filter(new() { HasText = "vehicle DM24 ACT" });
        await Expect(vehicleCheck.GetByTestId("act-masked")).ToContainTextAsync("London");
        // The cluster: the earlier report of the stadium (the processor runs just after the save).
        for (var i = 0; i < 20 && await officer.Page.GetByTestId("act-related").CountAsync() == 0; i++)
        {
            await Task.Delay(500);
            await officer.GotoAsync(new Uri(officer.Page.Url).PathAndQuery);
        }
        await Expect(officer.Page.GetByTestId("act-related")).ToContainTextAsync("the same place (M11 3FF)");
        // With JavaScript on, the cluster's places are drawn on a small map: both reports at one postcode, one dot.
        var map = officer.Page.GetByTestId("act-cluster-map");
        await Expect(map).ToBeVisibleAsync();
        await Expect(map.Locator("circle")).ToHaveCountAsync(1);
        await Expect(map.Locator("svg")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(@"M11 3FF \(\d+ reports\)"));
        Assert.True(await map.Locator("path.vigil-map__land").CountAsync() >= 1, "the coast is drawn under the places");
        await Expect(officer.Page.GetByTestId("act-files")).ToContainTextAsync("stadium.jpg");
        await officer.Page.GetByTestId("open-ask").ClickAsync();
        await officer.Page.Locator("#ask-question").FillAsync("Did you see which way the car went?");
        await officer.SubmitAsync(officer.Page.GetByTestId("ask-send"));
        await officer.ArriveAsync(reference);
        await Expect(officer.Page.GetByTestId("act-state")).ToHaveTextAsync("Awaiting the reporter");
        await Screenshots.SaveAsync(officer.Page, "act-triage.png");

        // The reporter answers with the reference and code.
        var again = await NewSessionAsync();
        await again.Page.SetViewportSizeAsync(Layout.Phone, 800);
        await again.GotoAsync("/act/follow-up");
        await again.ArriveAsync("Add to your report");
        await again.Page.Locator("#follow-up-reference").FillAsync(reference);
        await again.Page.Locator("#follow-up-code").FillAsync(code);
        await again.SubmitAsync(again.Page.GetByTestId("follow-up-send"));
        await again.ArriveAsync("Add to your report");
        await Expect(again.Page.GetByTestId("question-waiting")).ToBeVisibleAsync();
        await Expect(again.Page.GetByTestId("conversation")).ToContainTextAsync("Did you see which way the car went?");
        await again.Page.Locator("#follow-up-information").FillAsync("It went north towards the ring road.");
        await again.SubmitAsync(again.Page.GetByTestId("follow-up-send"));
        await again.ArriveAsync("Add to your report");
        await Expect(again.Page.GetByTestId("added")).ToBeVisibleAsync();

        // The officer reads the answer, makes an intelligence report and links it to TAMARISK.
        await officer.GotoAsync(new Uri(officer.Page.Url).AbsolutePath);
        await officer.ArriveAsync(reference);
        await Expect(officer.Page.GetByTestId("act-messages")).ToContainTextAsync("It went north towards the ring road.");
        await officer.Page.GetByTestId("open-intelligence").ClickAsync();
        await officer.Page.Locator("#intelligence-assessment-C").CheckAsync();
        await officer.Page.Locator("#intelligence-reason").FillAsync("Hostile reconnaissance of a crowded place by a person and car worth knowing about.");
        await officer.SubmitAsync(officer.Page.GetByTestId("intelligence-create"));
        await officer.ArriveAsync(reference);
        await Expect(officer.Page.GetByTestId("act-outcome")).ToContainTextAsync("Intelligence report created");
        await officer.Page.GetByTestId("open-investigation").ClickAsync();
        await officer.Page.Locator("#investigation-operationname").FillAsync("Operation TAMARISK");
        await officer.Page.Locator("#investigation-reason").FillAsync("The car is linked to a suspect in TAMARISK.");
        await officer.SubmitAsync(officer.Page.GetByTestId("investigation-link"));
        await officer.ArriveAsync(reference);
        var path = officer.Page.GetByTestId("act-path");
        await Expect(path).ToContainTextAsync("Intelligence report IR-");
        await Expect(path).ToContainTextAsync("Operation TAMARISK");
        var investigation = await path.GetByRole(AriaRole.Link, new() { Name = "Operation TAMARISK" }).GetAttributeAsync("href");

        // The SIO's case file lists it, and carries it with its hash.
        var sio = (await SignInAsync(DemoUsers.SioNorthWest)).Session;
        await sio.GotoAsync($"{investigation}/disclosure");
        await sio.ArriveAsync("Operation TAMARISK");
        await Expect(sio.Page.GetByTestId("case-file-others")).ToContainTextAsync(reference);
        var zip = await sio.Page.APIRequest.GetAsync($"{investigation}/cps-bundle.zip");
        Assert.Equal(200, zip.Status);
        using var archive = new ZipArchive(new MemoryStream(await zip.BodyAsync()));
        Assert.NotNull(archive.GetEntry($"act/{reference}.txt"));
        using var manifest = new StreamReader(archive.GetEntry("manifest.json")!.Open());
        Assert.Contains($"act/{reference}.txt", await manifest.ReadToEndAsync(), StringComparison.Ordinal);
    }
}

using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Tests.Security;

public sealed class SignInTests(VigilApp app) : IClassFixture<VigilApp>
{
    private PageClient Anonymous() => new(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorSummaryAndIsAudited()
    {
        var response = await Anonymous().SubmitAsync("/account/sign-in", "sign-in", new() { ["Input.Email"] = DemoUsers.CtsaWales, ["Input.Password"] = "not-the-password" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = (await Html.DocumentAsync(response)).QuerySelector(".govuk-error-summary");
        Assert.NotNull(summary);
        Assert.Contains("Enter a correct email address and password", summary.TextContent, StringComparison.Ordinal);
        // Counted per source and minute, then written as one entry naming the e-mails tried.
        await app.FlushRejectionsAsync();
        var entry = await app.AsSystemAsync(db => db.AuditEntries.OrderByDescending(e => e.Sequence)
            .FirstAsync(e => e.Action == AuditActions.SignIn && e.Outcome == AuditOutcomes.Failure && e.Detail!.Contains(DemoUsers.CtsaWales)));
        Assert.Equal("source", entry.RecordType);
        Assert.Contains("failed sign-ins", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_EmptyForm_NamesEachMissingField()
    {
        var response = await Anonymous().SubmitAsync("/account/sign-in", "sign-in", new() { ["Input.Email"] = "", ["Input.Password"] = "" });
        var summary = (await Html.DocumentAsync(response)).QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains("Enter your email address", summary, StringComparison.Ordinal);
        Assert.Contains("Enter your password", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccount()
    {
        var email = "lockout@test.vigil.example";
        await app.CreateUserAsync(email, Roles.Analyst, "wales", Classification.Official);
        for (var i = 0; i < 5; i++)
        {
            await Anonymous().SubmitAsync("/account/sign-in", "sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = "wrong-password-" + i });
        }
        // Locked now, so even the right password is refused, with the message a wrong password gets:
        // "locked" would tell a stranger that the account exists.
        var response = await Anonymous().SubmitAsync("/account/sign-in", "sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = VigilApp.TestPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = (await Html.DocumentAsync(response)).QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains(Vigil.Web.Platform.Security.Pages.SignIn.WrongDetails, message, StringComparison.Ordinal);
        Assert.DoesNotContain("locked", message, StringComparison.OrdinalIgnoreCase);
        Assert.True(await app.AsSystemAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd).SingleAsync()) > app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task SignIn_Successful_IsAudited()
    {
        await app.SignInAsync(DemoUsers.Auditor);
        var entry = await app.AsSystemAsync(db => db.AuditEntries.OrderByDescending(e => e.Sequence).FirstAsync(e => e.Action == AuditActions.SignIn && e.UserName == DemoUsers.Auditor));
        Assert.Equal(AuditOutcomes.Success, entry.Outcome);
    }

    [Fact]
    public async Task SignIn_ClearedAboveOfficial_NeedsTheSecondFactor()
    {
        var page = Anonymous();
        var response = await page.SubmitAsync("/account/sign-in", "sign-in", new() { ["Input.Email"] = DemoUsers.SioLondon, ["Input.Password"] = DemoData.Password });
        Assert.StartsWith("/account/sign-in/two-factor", PageClient.PathOf(response), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await page.Http.GetAsync("/")).StatusCode);
        var wrong = await page.SubmitAsync(PageClient.PathOf(response), "two-factor", new() { ["Input.Code"] = "000000" });
        Assert.Contains("not correct", (await Html.DocumentAsync(wrong)).QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_WithoutTwoFactor_MustEnrolBeforeAnythingElse()
    {
        var email = "new.admin@test.vigil.example";
        await app.AsSystemAsync(async db =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem("system:test");
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<VigilUser>>();
            var unit = await db.Set<Vigil.Web.Network.Unit>().SingleAsync(u => u.Code == "nctphq");
            var admin = new VigilUser { UserName = email, Email = email, DisplayName = "New Admin", UnitId = unit.Id, Clearance = Classification.Official };
            await users.CreateAsync(admin, VigilApp.TestPassword);
            await users.AddToRoleAsync(admin, Roles.Administrator);
        });
        var page = Anonymous();
        var signIn = await page.SubmitAsync("/account/sign-in", "sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = VigilApp.TestPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var users = await page.Http.GetAsync("/admin/users");
        Assert.Equal("/account/two-factor", PageClient.PathOf(users));

        var (_, enrolment) = await page.GetAsync("/account/two-factor");
        var key = enrolment.QuerySelector("[data-testid=authenticator-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var code = app.NextCode(email, key);
        var enrolled = await page.SubmitAsync("/account/two-factor", "enrol", new() { ["Input.Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await page.Http.GetAsync("/admin/users")).StatusCode);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.TwoFactorEnabled && e.UserName == email)));
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var page = await app.SignInAsync(DemoUsers.AnalystWales);
        var (_, home) = await page.GetAsync("/");
        var token = ((IHtmlInputElement)home.QuerySelector("form[action='/account/sign-out'] input[name=__RequestVerificationToken]")!).Value;
        var response = await page.PostFormAsync("/account/sign-out", [new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await page.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignIn_ForgedAntiforgeryToken_Is400AndAudited()
    {
        var response = await Anonymous().SubmitAsync("/account/sign-in", "sign-in",
            new() { ["Input.Email"] = DemoUsers.AnalystWales, ["Input.Password"] = DemoData.Password },
            values => values["__RequestVerificationToken"] = "CfDJ8forged" + new string('x', 80));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.BadRequest && e.Detail!.Contains("/account/sign-in"))));
    }
}

/// <summary>Production mode: no demo accounts, and none may sign in even if a database has them.</summary>
public sealed class ProductionApp : VigilApp
{
    protected override bool Demo => false;
}

public sealed class ProductionModeTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task Setup_InProduction_CreatesNoDemoAccountsOrData()
    {
        Assert.False(await app.AsSystemAsync(db => db.Users.AnyAsync()));
        Assert.False(await app.AsSystemAsync(db => db.Set<Vigil.Web.Subjects.Subject>().IgnoreQueryFilters().AnyAsync()));
        Assert.Equal(11, await app.AsSystemAsync(db => db.Set<Vigil.Web.Network.Unit>().CountAsync(u => u.Kind == Vigil.Web.Network.UnitKind.Ctu || u.Kind == Vigil.Web.Network.UnitKind.Ctiu)));
    }
}

/// <summary>Its own fixture (class fixtures are per class): this test copies demo accounts into the database.</summary>
public sealed class ProductionModeDemoCopyTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task DemoAccount_InProduction_CannotSignIn()
    {
        // A database that somehow holds demo accounts (copied from a demo install) still refuses them.
        await app.AsSystemAsync(async db =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var seed = scope.ServiceProvider.GetServices<ISeed>().OfType<DemoData>().Single();
            await seed.SeedAsync(scope.ServiceProvider.GetRequiredService<VigilDb>(), demo: true, default);
        });
        var page = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));
        var response = await page.SubmitAsync("/account/sign-in", "sign-in", new() { ["Input.Email"] = DemoUsers.AnalystWales, ["Input.Password"] = DemoData.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter a correct email address and password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var api = await app.ApiClientAsync(DemoUsers.AnalystWales);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
    }
}

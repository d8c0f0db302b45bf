using System.Text.Json;
using AngleSharp.Html.Dom;
using Vigil.Web.Platform.Security;
using Vigil.Web.Tests.Pursue;

namespace Vigil.Web.Tests.Security;

/// <summary>
/// Administrators cannot grant what they do not hold: no clearance above their own, nothing above
/// OFFICIAL without a second administrator, no way into a team's or a panel's group around its workflow,
/// and no knowledge of anyone's working password. And the team and panel see everyone their group holds.
/// </summary>
public sealed class AdministrationTests(VigilApp app) : IClassFixture<VigilApp>
{
    private static object Account(string email, string clearance, string role = Roles.Analyst, string unit = "wales", Guid[]? groups = null) => new
    {
        email,
        details = new { displayName = "Fictional " + email.Split('@')[0], unitCode = unit, clearance, roles = new[] { role }, groups = groups ?? [] },
    };

    private static object Change(string clearance, string role = Roles.Analyst, string unit = "wales", Guid[]? groups = null, string name = "Fictional Person") =>
        new { displayName = name, unitCode = unit, clearance, roles = new[] { role }, groups = groups ?? [] };

    /// <summary>The account's holder follows the set-up link and chooses the test password.</summary>
    private async Task SetUpAsync(string link)
    {
        var holder = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));
        var done = await holder.SubmitAsync(link, "set-up", new() { ["Input.Password"] = VigilApp.TestPassword, ["Input.Confirm"] = VigilApp.TestPassword });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
    }

    private Task<Classification> ClearanceOfAsync(Guid id) => app.AsSystemAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Clearance).SingleAsync());

    [Fact]
    public async Task Administrator_CannotGrantAClearanceAboveTheirOwn()
    {
        using var official = await app.ApiClientAsync(DemoUsers.Admin);
        var response = await official.PostAsJsonAsync("/api/v1/admin/users", Account("too.high@test.vigil.example", "TopSecret"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("above your own", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.AsSystemAsync(db => db.Users.AnyAsync(u => u.Email == "too.high@test.vigil.example")));

        // Nor raise an account to it, nor manage an account cleared above them at all.
        var id = await app.CreateUserAsync("raise.me@test.vigil.example", Roles.Analyst, "wales", Classification.Official);
        Assert.Equal(HttpStatusCode.BadRequest, (await official.PutAsJsonAsync($"/api/v1/admin/users/{id}", Change("Secret"))).StatusCode);
        var secretId = await app.CreateUserAsync("cleared.above@test.vigil.example", Roles.Analyst, "wales", Classification.Secret);
        var demote = await official.PutAsJsonAsync($"/api/v1/admin/users/{secretId}", Change("Official"));
        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.Equal(Classification.Secret, await ClearanceOfAsync(secretId));
    }

    [Fact]
    public async Task ClearanceAboveOfficial_WaitsForASecondAdministrator()
    {
        using var asker = await app.ApiClientAsync(DemoUsers.SecurityAdmin);
        var created = await asker.PostAsJsonAsync("/api/v1/admin/users", Account("new.secret@test.vigil.example", "Secret", Roles.Investigator, "london"));
        var body = await PursueApi.ExpectAsync(created, HttpStatusCode.Created);
        var id = body.GetProperty("user").GetProperty("id").GetGuid();
        // Until a second administrator approves, the account is OFFICIAL.
        Assert.Equal("Official", body.GetProperty("user").GetProperty("clearance").GetString());
        Assert.Equal("Secret", body.GetProperty("user").GetProperty("pendingClearance").GetString());
        Assert.Equal(Classification.Official, await ClearanceOfAsync(id));

        var pending = await asker.GetFromJsonAsync<JsonElement>("/api/v1/admin/clearance-grants?status=Pending");
        var grant = pending.GetProperty("items").EnumerateArray().Single(g => g.GetProperty("userId").GetGuid() == id);
        var grantId = grant.GetProperty("id").GetGuid();

        // Not the one who asked; not an administrator cleared below it.
        var self = await asker.PostAsJsonAsync($"/api/v1/admin/clearance-grants/{grantId}/approve", new { });
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Contains("second administrator", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var official = await app.ApiClientAsync(DemoUsers.Admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await official.PostAsJsonAsync($"/api/v1/admin/clearance-grants/{grantId}/approve", new { })).StatusCode);
        Assert.Equal(Classification.Official, await ClearanceOfAsync(id));

        // Nor before its holder has set the account up: whoever holds the link could still take it.
        using var second = await app.ApiClientAsync(DemoUsers.VettingAdmin);
        var early = await second.PostAsJsonAsync($"/api/v1/admin/clearance-grants/{grantId}/approve", new { note = "Vetting confirmed" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("has not set up the account", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await SetUpAsync(body.GetProperty("setUpLink").GetString()!);
        using var holdersToken = await app.ApiClientAsync("new.secret@test.vigil.example");
        Assert.Equal(HttpStatusCode.OK, (await holdersToken.GetAsync("/api/v1/me")).StatusCode);

        var approved = await PursueApi.ExpectAsync(await second.PostAsJsonAsync($"/api/v1/admin/clearance-grants/{grantId}/approve", new { note = "Vetting confirmed" }), HttpStatusCode.OK);
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        Assert.Equal(Classification.Secret, await ClearanceOfAsync(id));
        // SECRET needs two-factor: the token made before does not carry the account past it until they enrol.
        Assert.Equal(HttpStatusCode.Unauthorized, (await holdersToken.GetAsync("/api/v1/me")).StatusCode);
        await app.AsSystemAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.TwoFactorEnabled, true)));
        Assert.Equal(HttpStatusCode.OK, (await holdersToken.GetAsync("/api/v1/me")).StatusCode);
        // Decided once.
        Assert.Equal(HttpStatusCode.Conflict, (await second.PostAsJsonAsync($"/api/v1/admin/clearance-grants/{grantId}/reject", new { note = "too late" })).StatusCode);
        var audit = await app.AsSystemAsync(db => db.AuditEntries.Where(e => e.RecordId == id.ToString()).Select(e => e.Action).ToListAsync());
        Assert.Contains("clearance-requested", audit);
        Assert.Contains("clearance-approved", audit);

        // Raising an existing account waits the same way; refusing needs a reason and leaves it as it was.
        var other = await app.CreateUserAsync("raise.later@test.vigil.example", Roles.Analyst, "wales", Classification.Official);
        Assert.Equal(HttpStatusCode.OK, (await asker.PutAsJsonAsync($"/api/v1/admin/users/{other}", Change("Secret"))).StatusCode);
        Assert.Equal(Classification.Official, await ClearanceOfAsync(other));
        var raise = (await asker.GetFromJsonAsync<JsonElement>("/api/v1/admin/clearance-grants?status=Pending")).GetProperty("items").EnumerateArray()
            .Single(g => g.GetProperty("userId").GetGuid() == other).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.BadRequest, (await second.PostAsJsonAsync($"/api/v1/admin/clearance-grants/{raise}/reject", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.PostAsJsonAsync($"/api/v1/admin/clearance-grants/{raise}/reject", new { note = "Vetting not complete" })).StatusCode);
        Assert.Equal(Classification.Official, await ClearanceOfAsync(other));
    }

    [Fact]
    public async Task AdministratorRole_WaitsForASecondAdministrator_SoNoOneMakesTheirOwnSecond()
    {
        using var asker = await app.ApiClientAsync(DemoUsers.SecurityAdmin);
        var created = await PursueApi.ExpectAsync(await asker.PostAsJsonAsync("/api/v1/admin/users",
            Account("second.self@test.vigil.example", "Official", Roles.Administrator, "nctphq")), HttpStatusCode.Created);
        var id = created.GetProperty("user").GetProperty("id").GetGuid();
        Assert.Empty(created.GetProperty("user").GetProperty("roles").EnumerateArray());
        Assert.Equal(Roles.Administrator, created.GetProperty("user").GetProperty("pendingRole").GetString());
        var grantId = (await asker.GetFromJsonAsync<JsonElement>("/api/v1/admin/clearance-grants?status=Pending")).GetProperty("items").EnumerateArray()
            .Single(g => g.GetProperty("userId").GetGuid() == id).GetProperty("id").GetGuid();

        // The asker holds the set-up link and could set the account up; they still cannot approve it.
        await SetUpAsync(created.GetProperty("setUpLink").GetString()!);
        Assert.Equal(HttpStatusCode.Forbidden, (await asker.PostAsJsonAsync($"/api/v1/admin/clearance-grants/{grantId}/approve", new { })).StatusCode);
        using var holder = await app.ApiClientAsync("second.self@test.vigil.example");
        Assert.Equal(HttpStatusCode.NotFound, (await holder.GetAsync("/api/v1/admin/users")).StatusCode);

        // Saving another change keeps the request (the role stays asked for) ...
        Assert.Equal(HttpStatusCode.OK, (await asker.PutAsJsonAsync($"/api/v1/admin/users/{id}",
            Change("Official", Roles.Administrator, "nctphq", name: "Second Self"))).StatusCode);
        using var second = await app.ApiClientAsync(DemoUsers.VettingAdmin);
        var approved = await PursueApi.ExpectAsync(await second.PostAsJsonAsync($"/api/v1/admin/clearance-grants/{grantId}/approve", new { note = "Known to me" }), HttpStatusCode.OK);
        Assert.Equal(Roles.Administrator, approved.GetProperty("role").GetString());
        var roles = await app.AsSystemAsync(db => db.UserRoles.Where(r => r.UserId == id).Join(db.Roles, r => r.RoleId, x => x.Id, (r, x) => x.Name).ToListAsync());
        Assert.Equal([Roles.Administrator], roles);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.RecordId == id.ToString() && e.Action == "role-approved")));

        // ... and taking the role away is at once.
        Assert.Equal(HttpStatusCode.OK, (await asker.PutAsJsonAsync($"/api/v1/admin/users/{id}", Change("Official", Roles.Analyst, "nctphq", name: "Second Self"))).StatusCode);
        Assert.Equal([Roles.Analyst], await app.AsSystemAsync(db => db.UserRoles.Where(r => r.UserId == id).Join(db.Roles, r => r.RoleId, x => x.Id, (r, x) => x.Name).ToListAsync()));
    }

    [Fact]
    public async Task ApprovalsPage_ShowsWhatWaits_AndTheSecondAdministratorDecides()
    {
        var id = await app.CreateUserAsync("page.raise@test.vigil.example", Roles.Analyst, "wales", Classification.Official);
        using var asker = await app.ApiClientAsync(DemoUsers.SecurityAdmin);
        Assert.Equal(HttpStatusCode.OK, (await asker.PutAsJsonAsync($"/api/v1/admin/users/{id}", Change("Secret", name: "Page Raise"))).StatusCode);

        var askerPage = await app.SignInAsync(DemoUsers.SecurityAdmin);
        var (_, own) = await askerPage.GetAsync("/admin/approvals");
        var card = own.QuerySelectorAll("[data-testid=grant]").Single(c => c.TextContent.Contains("page.raise@", StringComparison.Ordinal));
        Assert.Contains("you asked for this clearance", card.QuerySelector("[data-testid=cannot-decide]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(card.QuerySelector("form"));

        var secondPage = await app.SignInAsync(DemoUsers.VettingAdmin);
        var (_, list) = await secondPage.GetAsync("/admin/approvals");
        var form = list.QuerySelectorAll("[data-testid=grant]").Single(c => c.TextContent.Contains("page.raise@", StringComparison.Ordinal)).QuerySelector("form")!;
        var handler = ((IHtmlInputElement)form.QuerySelector("input[name=_handler]")!).Value;
        var response = await secondPage.SubmitAsync("/admin/approvals", handler, new() { ["Decision"] = "approve", ["Note"] = "Checked" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Classification.Secret, await ClearanceOfAsync(id));
        var (_, done) = await secondPage.GetAsync(PageClient.PathOf(response));
        Assert.NotNull(done.QuerySelector("[data-testid=decided]"));
    }

    [Fact]
    public async Task NewAccount_HasNoPasswordTheAdministratorKnows_ItsHolderSetsOneThroughTheLink()
    {
        using var admin = await app.ApiClientAsync(DemoUsers.Admin);
        var email = "set.up.myself@test.vigil.example";
        var created = await PursueApi.ExpectAsync(await admin.PostAsJsonAsync("/api/v1/admin/users", Account(email, "Official")), HttpStatusCode.Created);
        var link = created.GetProperty("setUpLink").GetString()!;
        Assert.StartsWith("/account/set-up?user=", link, StringComparison.Ordinal);
        Assert.False(created.GetProperty("user").GetProperty("setUp").GetBoolean());
        // A password in the request is not a field any more: nobody can give one.
        var withPassword = await admin.PostAsync("/api/v1/admin/users", JsonContent.Create(new { email = "x@test.vigil.example", password = "Chosen-By-Admin-1", details = new { displayName = "X", unitCode = "wales", clearance = "Official" } }));
        Assert.Equal(HttpStatusCode.BadRequest, withPassword.StatusCode);

        // Before set-up, no password signs in.
        var anonymous = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));
        var early = await anonymous.SubmitAsync("/account/sign-in", "sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = VigilApp.TestPassword });
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);

        var (_, form) = await anonymous.GetAsync(link);
        Assert.NotNull(form.QuerySelector("input#Password"));
        // The rules are there before the first try, in plain English, and a refusal uses the same words.
        var hint = form.QuerySelector("#" + form.QuerySelector("input#Password")!.GetAttribute("aria-describedby")!.Split(' ')[0])!;
        Assert.Equal("Your password must be at least 12 characters long and include a capital letter, a small letter and a number.", hint.TextContent.Trim());
        var weak = await anonymous.SubmitAsync(link, "set-up", new() { ["Input.Password"] = "no-digits-or-capitals", ["Input.Confirm"] = "no-digits-or-capitals" });
        var refused = await weak.Content.ReadAsStringAsync();
        Assert.Contains("Your password must include a capital letter", refused, StringComparison.Ordinal);
        Assert.Contains("Your password must include a number", refused, StringComparison.Ordinal);
        var mismatch = await anonymous.SubmitAsync(link, "set-up", new() { ["Input.Password"] = VigilApp.TestPassword, ["Input.Confirm"] = "Something-Else-2026" });
        Assert.Contains("do not match", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var done = await anonymous.SubmitAsync(link, "set-up", new() { ["Input.Password"] = VigilApp.TestPassword, ["Input.Confirm"] = VigilApp.TestPassword });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/account/sign-in?setUp=true", PageClient.PathOf(done));
        await app.SignInAsync(email, VigilApp.TestPassword);

        // The link works once; and an account that is set up gets no new link (an administrator cannot take it over).
        var (_, again) = await anonymous.GetAsync(link);
        Assert.NotNull(again.QuerySelector("[data-testid=set-up-invalid]"));
        Assert.Null(again.QuerySelector("input#Password"));
        var id = created.GetProperty("user").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/admin/users/{id}/set-up-link", null)).StatusCode);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "account-set-up" && e.RecordId == id.ToString())));

        // A made-up link looks exactly like a used one.
        var (_, forged) = await anonymous.GetAsync($"/account/set-up?user={id}&token=forged");
        Assert.NotNull(forged.QuerySelector("[data-testid=set-up-invalid]"));
        var (_, unknown) = await anonymous.GetAsync($"/account/set-up?user={Guid.NewGuid()}&token=forged");
        Assert.Equal(forged.QuerySelector("h1")!.TextContent, unknown.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task NewSetUpLink_EndsTheOldOne()
    {
        using var admin = await app.ApiClientAsync(DemoUsers.Admin);
        var created = await PursueApi.ExpectAsync(await admin.PostAsJsonAsync("/api/v1/admin/users", Account("lost.link@test.vigil.example", "Official")), HttpStatusCode.Created);
        var first = created.GetProperty("setUpLink").GetString()!;
        var id = created.GetProperty("user").GetProperty("id").GetGuid();
        var second = (await PursueApi.ExpectAsync(await admin.PostAsync($"/api/v1/admin/users/{id}/set-up-link", null), HttpStatusCode.OK)).GetProperty("link").GetString()!;
        var anonymous = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));
        Assert.NotNull((await anonymous.GetAsync(first)).Document.QuerySelector("[data-testid=set-up-invalid]"));
        Assert.NotNull((await anonymous.GetAsync(second)).Document.QuerySelector("input#Password"));
    }

    [Fact]
    public async Task TeamAndPanelGroups_AreOutOfTheAdministratorsReach()
    {
        var kestrel = await app.GroupIdAsync(Vigil.Web.Platform.Data.DemoData.KestrelGroup);
        var panel = await app.GroupIdAsync(Vigil.Web.Platform.Data.DemoData.ManchesterPanelGroup);
        using var admin = await app.ApiClientAsync(DemoUsers.SecurityAdmin);
        var joining = await admin.PostAsJsonAsync("/api/v1/admin/users", Account("sneak.in@test.vigil.example", "Official", Roles.Investigator, "london", [kestrel]));
        Assert.Equal(HttpStatusCode.BadRequest, joining.StatusCode);
        Assert.Contains("managed by the team of Operation KESTREL", await joining.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var id = await app.CreateUserAsync("in.a.team@test.vigil.example", Roles.Investigator, "london", Classification.Official, [kestrel]);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", Change("Official", Roles.Investigator, "london", [kestrel, panel]))).StatusCode);
        // Leaving the groups out of a change does not take the person out of the team's group either.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", Change("Official", Roles.Investigator, "london"))).StatusCode);
        Assert.True(await app.AsSystemAsync(db => db.GroupMemberships.AnyAsync(m => m.UserId == id && m.GroupId == kestrel)));

        var page = await app.SignInAsync(DemoUsers.SecurityAdmin);
        var (_, groups) = await page.GetAsync("/admin/groups");
        var row = groups.QuerySelectorAll("tr").Single(r => r.TextContent.Contains(Vigil.Web.Platform.Data.DemoData.KestrelGroup, StringComparison.Ordinal));
        Assert.Contains("Managed by the team of Operation KESTREL", row.QuerySelector("[data-testid=managed-by]")!.TextContent, StringComparison.Ordinal);
        var (_, user) = await page.GetAsync($"/admin/users/{id}");
        Assert.Null(user.QuerySelector($"input#group-{kestrel}"));
        Assert.Contains(Vigil.Web.Platform.Data.DemoData.KestrelGroup, user.QuerySelector("[data-testid=managed-groups]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamPage_ListsTheGroupsRealMembership_AndTheSioCanRemoveAnyone()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var opened = await PursueApi.OpenAsync(sio);
        var investigation = opened.GetProperty("id").GetGuid();
        var group = await app.AsSystemAsync(db => db.Set<Vigil.Web.Pursue.Investigation>().Where(i => i.Id == investigation).Select(i => i.GroupId).SingleAsync());
        // Someone put in the group around the team's workflow (as the red team's administrator did).
        var stranger = await app.CreateUserAsync("not.in.the.team@test.vigil.example", Roles.Investigator, "london", Classification.Secret, [group]);
        using var strangerApi = await app.ApiClientAsync("not.in.the.team@test.vigil.example");
        Assert.Equal(HttpStatusCode.OK, (await strangerApi.GetAsync($"/api/v1/investigations/{investigation}")).StatusCode);

        var read = await sio.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{investigation}");
        var listed = Assert.Single(read.GetProperty("inGroupOnly").EnumerateArray());
        Assert.Equal(stranger, listed.GetProperty("userId").GetGuid());
        var page = await app.SignInAsync(DemoUsers.SioLondon);
        var (_, html) = await page.GetAsync($"/investigations/{investigation}");
        Assert.Contains("not.in.the.team@", html.QuerySelector("[data-testid=group-only-members]")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await sio.DeleteAsync($"/api/v1/investigations/{investigation}/team/{stranger}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerApi.GetAsync($"/api/v1/investigations/{investigation}")).StatusCode);
        Assert.Empty((await sio.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{investigation}")).GetProperty("inGroupOnly").EnumerateArray());
    }

    [Fact]
    public async Task PanelPage_ListsTheGroupsRealMembership()
    {
        var panelGroup = await app.AsSystemAsync(db => db.Set<Vigil.Web.Prevent.ChannelPanel>().Where(p => p.Code == "bolton").Select(p => p.GroupId).SingleAsync());
        var extra = await app.CreateUserAsync("panel.stowaway@test.vigil.example", Roles.ChannelPanelMember, null, Classification.Official, [panelGroup], partnerCode: "la-manchester");
        using var officer = await app.ApiClientAsync(DemoUsers.PreventNorthWest);
        var panel = await officer.GetFromJsonAsync<JsonElement>("/api/v1/prevent/panels/bolton");
        var member = Assert.Single(panel.GetProperty("members").EnumerateArray(), m => m.GetProperty("userId").GetGuid() == extra);
        Assert.True(member.GetProperty("groupOnly").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await officer.DeleteAsync($"/api/v1/prevent/panels/bolton/members/{extra}")).StatusCode);
        Assert.False(await app.AsSystemAsync(db => db.GroupMemberships.AnyAsync(m => m.UserId == extra && m.GroupId == panelGroup)));
    }
}

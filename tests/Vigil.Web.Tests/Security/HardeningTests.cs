using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;

namespace Vigil.Web.Tests.Security;

/// <summary>The app with the limits low enough to reach, a named proxy, and instruments on the password
/// hasher and on the database commands, so that "the same work" can be checked as work, not as time.</summary>
public sealed class HardenedApp : VigilApp
{
    public const int SignInsPerMinute = 4;
    public const int RejectionsPerMinute = 5;
    public const string Proxy = "10.9.8.7";

    public CountingHasher Hasher { get; } = new();
    public CommandLog Commands { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Vigil:SignIn:PermitsPerMinute"] = SignInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Vigil:Rejections:PerMinute"] = RejectionsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Vigil:Deconfliction:ChecksPerWindow"] = "100000",
        ["Vigil:Deconfliction:ProbeHits"] = "100000",
        ["Vigil:ForwardedHeaders:KnownProxies"] = Proxy,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IPasswordHasher<VigilUser>>(Hasher);
            services.ConfigureDbContext<SqliteVigilDb>((sp, o) => o.AddInterceptors(Commands.For(sp)));
            services.ConfigureDbContext<PostgresVigilDb>((sp, o) => o.AddInterceptors(Commands.For(sp)));
        });
    }

    /// <summary>The app's hasher, counting the passwords it checks.</summary>
    public sealed class CountingHasher : IPasswordHasher<VigilUser>
    {
        private readonly PasswordHasher<VigilUser> inner = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 1000 }));
        private int verified;

        public int Verified => Volatile.Read(ref verified);

        public string HashPassword(VigilUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(VigilUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verified);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <summary>The text of every command the app sends for a request while recording is on. Work in the
    /// background (the matching index following the change sequence every few seconds) has no request
    /// and is left out, so two requests are compared on what they do, not on what ran beside them.</summary>
    public sealed class CommandLog : DbCommandInterceptor
    {
        private ConcurrentQueue<string>? recording;
        private Microsoft.AspNetCore.Http.IHttpContextAccessor? requests;

        public CommandLog For(IServiceProvider services)
        {
            requests ??= services.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>();
            return this;
        }

        public void Start() => recording = new();

        public List<string> Stop()
        {
            var taken = recording?.ToList() ?? [];
            recording = null;
            return taken;
        }

        private void Record(DbCommand command)
        {
            if (requests?.HttpContext is not null)
            {
                recording?.Enqueue(command.CommandText);
            }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

/// <summary>Sign-in, sessions, limits, headers and the small leaks the red team found: each test plays the
/// outsider (no account, or an ordinary one) trying to learn or break something.</summary>
public sealed class HardeningTests(HardenedApp app) : IClassFixture<HardenedApp>
{
    private PageClient Anonymous(string? address = null)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address ?? NewAddress());
        return new PageClient(client);
    }

    private static string NewAddress() => TestClientAddress.Next();

    private static async Task<string> ErrorSummaryAsync(HttpResponseMessage response) =>
        (await Html.DocumentAsync(response)).QuerySelector(".govuk-error-summary")?.TextContent ?? "";

    [Fact]
    public async Task AccessContext_ARepeatRequest_ReadsTheUserInOneQuery_AndAGroupGivenOrTakenCountsAtOnce()
    {
        var id = await app.CreateUserAsync("cached.access@test.vigil.example", Roles.Analyst, "wales", Classification.Official);
        using var api = await app.ApiClientAsync("cached.access@test.vigil.example");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode); // what is kept is now kept

        app.Commands.For(app.Services).Start();
        var me = await api.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var commands = app.Commands.Stop();
        Assert.Empty(me.GetProperty("groups").EnumerateArray());
        Assert.DoesNotContain(commands, c => c.Contains("AspNetUserRoles", StringComparison.Ordinal) || c.Contains("GroupMemberships", StringComparison.Ordinal));
        Assert.Single(commands, c => c.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal));

        // Joining and leaving a group change the account's access version in the same save: the next request knows.
        var group = await app.AsSystemAsync(db => db.NeedToKnowGroups.OrderBy(g => g.Name).Select(g => g.Id).FirstAsync());
        await app.AsSystemAsync(async db => { db.Add(new GroupMembership { GroupId = group, UserId = id }); await db.SaveChangesAsync(); });
        Assert.Equal([group], (await api.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("groups").EnumerateArray().Select(g => g.GetGuid()));
        await app.AsSystemAsync(async db => { db.Remove(await db.GroupMemberships.SingleAsync(m => m.UserId == id)); await db.SaveChangesAsync(); });
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("groups").EnumerateArray());
    }

    [Fact]
    public async Task SignIn_UnknownEmailWrongPasswordAndLockedAccount_AnswerAlike_WithOnePasswordHashedEach()
    {
        var email = "locks.out@test.vigil.example";
        await app.CreateUserAsync(email, Roles.Analyst, "wales", Classification.Official);
        async Task<(string Message, int Hashed)> TryAsync(string who, string password)
        {
            var before = app.Hasher.Verified;
            var response = await Anonymous().SubmitAsync("/account/sign-in", "sign-in", new() { ["Input.Email"] = who, ["Input.Password"] = password });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await ErrorSummaryAsync(response), app.Hasher.Verified - before);
        }
        var unknown = await TryAsync("nobody.here@test.vigil.example", "Wrong-Password-123");
        var wrong = await TryAsync(email, "Wrong-Password-123");
        for (var i = 0; i < 4; i++)
        {
            await TryAsync(email, "Wrong-Password-123");
        }
        var locked = await TryAsync(email, VigilApp.TestPassword);
        Assert.Equal(unknown.Message, wrong.Message);
        Assert.Equal(unknown.Message, locked.Message);
        Assert.Equal((1, 1, 1), (unknown.Hashed, wrong.Hashed, locked.Hashed));
        Assert.DoesNotContain("locked", locked.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignInPosts_BeyondTheLimit_Answer429_PerAddress()
    {
        var address = NewAddress();
        for (var i = 0; i < HardenedApp.SignInsPerMinute; i++)
        {
            var response = await Anonymous(address).SubmitAsync("/account/sign-in", "sign-in", new() { ["Input.Email"] = DemoUsers.CtsaWales, ["Input.Password"] = "Not-The-Password-1" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var refused = await Anonymous(address).SubmitAsync("/account/sign-in", "sign-in", new() { ["Input.Email"] = DemoUsers.CtsaWales, ["Input.Password"] = "Not-The-Password-1" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("Too many attempts", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Another address is not held up; nor is reading the form.
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().SubmitAsync("/account/sign-in", "sign-in", new() { ["Input.Email"] = DemoUsers.CtsaWales, ["Input.Password"] = "Not-The-Password-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous(address).GetAsync("/account/sign-in")).Response.StatusCode);
    }

    [Fact]
    public async Task AuthenticatorCode_IsAcceptedOncePerUser()
    {
        var email = "one.code@test.vigil.example";
        await app.CreateUserAsync(email, Roles.Investigator, "wales", Classification.Secret);
        var code = app.NextCode(email, VigilApp.TestAuthenticatorKey);
        async Task<HttpResponseMessage> SignInWithAsync(string totp)
        {
            var page = Anonymous();
            var first = await page.SubmitAsync("/account/sign-in", "sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = VigilApp.TestPassword });
            Assert.StartsWith("/account/sign-in/two-factor", PageClient.PathOf(first), StringComparison.Ordinal);
            return await page.SubmitAsync(PageClient.PathOf(first), "two-factor", new() { ["Input.Code"] = totp });
        }
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithAsync(code)).StatusCode);
        var replayed = await SignInWithAsync(code);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("not correct", await ErrorSummaryAsync(replayed), StringComparison.Ordinal);
        // The next step's code is fine.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithAsync(app.NextCode(email, VigilApp.TestAuthenticatorKey))).StatusCode);
    }

    [Fact]
    public async Task SignOut_ASavedCopyOfTheCookie_NoLongerOpensAPage()
    {
        var email = "signs.out@test.vigil.example";
        await app.CreateUserAsync(email, Roles.Analyst, "wales", Classification.Official);
        var page = Anonymous();
        var signIn = await page.SubmitAsync("/account/sign-in", "sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = VigilApp.TestPassword });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("vigil=", StringComparison.Ordinal)).Split(';')[0];
        using var copy = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/")).StatusCode);

        var (_, home) = await page.GetAsync("/");
        var token = ((AngleSharp.Html.Dom.IHtmlInputElement)home.QuerySelector("form[action='/account/sign-out'] input[name=__RequestVerificationToken]")!).Value;
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync("/account/sign-out", [new("__RequestVerificationToken", token)])).StatusCode);

        var after = await copy.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", PageClient.PathOf(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadTokens_AreCountedPerSourceAndMinute_AndAFloodIsRefusedBeforeAnyWork()
    {
        var flooder = NewAddress();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, flooder);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "vgl_not-a-real-token-at-all");
        await app.FlushRejectionsAsync();
        var before = await app.AsSystemAsync(db => db.AuditEntries.CountAsync());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await client.GetAsync("/api/v1/me")).StatusCode);
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, HardenedApp.RejectionsPerMinute), statuses.Take(HardenedApp.RejectionsPerMinute));
        Assert.All(statuses.Skip(HardenedApp.RejectionsPerMinute), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        var refused = await client.GetAsync("/api/v1/me");
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);

        // Another caller is not held up by the flood.
        using var other = app.CreateClient();
        other.DefaultRequestHeaders.Add(TestClientAddress.Header, NewAddress());
        other.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "vgl_not-a-real-token-either");
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/v1/me")).StatusCode);

        // Nothing was written while the flood lasted; then one entry per source and minute, with the count.
        Assert.Equal(before, await app.AsSystemAsync(db => db.AuditEntries.CountAsync()));
        await app.FlushRejectionsAsync();
        var entries = await app.AsSystemAsync(db => db.AuditEntries.Where(e => e.Sequence > 0 && e.Action == AuditActions.TokenRejected && e.RecordId == flooder).ToListAsync());
        var entry = Assert.Single(entries);
        Assert.StartsWith($"{HardenedApp.RejectionsPerMinute} API requests with a rejected token from {flooder}", entry.Detail, StringComparison.Ordinal);
        Assert.Equal(before + 2, await app.AsSystemAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task EveryAnswer_CarriesTheSecurityHeaders()
    {
        var page = await app.SignInAsync(DemoUsers.AnalystWales);
        using var api = await app.ApiClientAsync(DemoUsers.AnalystWales);
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var answers = new (string What, HttpResponseMessage Response, bool Personal)[]
        {
            ("page", (await page.GetAsync("/subjects")).Response, true),
            ("missing page", (await page.GetAsync("/no/such/page")).Response, true),
            ("the not-found page", (await page.GetAsync("/not-found")).Response, true),
            ("api", await api.GetAsync("/api/v1/me"), true),
            ("missing api", await api.GetAsync($"/api/v1/subjects/{Guid.NewGuid()}"), true),
            ("bad api request", await api.PostAsync("/api/v1/subjects", new StringContent("{", Encoding.UTF8, "application/json")), true),
            ("sign-in page", await anonymous.GetAsync("/account/sign-in"), true),
            ("stylesheet", await anonymous.GetAsync("/css/vigil.css"), false),
        };
        foreach (var (what, response, personal) in answers)
        {
            var headers = response.Headers;
            Assert.True(headers.TryGetValues("Content-Security-Policy", out var csp), $"{what}: no CSP");
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp!.Single());
            Assert.DoesNotContain("unsafe-inline", csp!.Single(), StringComparison.Ordinal);
            Assert.Equal("DENY", headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("camera=()", headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
            Assert.True(personal == (headers.CacheControl?.NoStore == true), $"{what}: Cache-Control {headers.CacheControl}");
            Assert.False(headers.Contains("Strict-Transport-Security"), $"{what}: HSTS over plain HTTP");
        }
        Assert.Equal(HttpStatusCode.NotFound, answers[1].Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, answers[2].Response.StatusCode);

        // Every page's scripts are files of Vigil's own: nothing inline for the policy to let through.
        var html = await (await page.Http.GetAsync("/subjects")).Content.ReadAsStringAsync();
        var scripts = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelectorAll("script");
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.True(s.HasAttribute("src") && s.TextContent.Trim().Length == 0, s.OuterHtml));
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);

        using var secure = app.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        Assert.Equal(SecurityHeaders.StrictTransportSecurity, (await secure.GetAsync("/account/sign-in")).Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task ForwardedHeaders_AreBelievedFromTheNamedProxyOnly()
    {
        async Task<HttpResponseMessage> ThroughAsync(string proxy, string client)
        {
            using var http = app.CreateClient(new() { AllowAutoRedirect = false });
            var page = new PageClient(http);
            http.DefaultRequestHeaders.Add(TestClientAddress.Header, proxy);
            http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
            http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            return await page.SubmitAsync("/account/sign-in", "sign-in", new() { ["Input.Email"] = DemoUsers.AnalystWales, ["Input.Password"] = DemoData.Password });
        }
        // Through the named TLS proxy: the request is HTTPS, so the session cookie is Secure and HSTS is sent.
        var named = await ThroughAsync(HardenedApp.Proxy, "203.0.113.10");
        Assert.Equal(HttpStatusCode.Redirect, named.StatusCode);
        Assert.Contains(named.Headers.GetValues("Set-Cookie"), c => c.StartsWith("vigil=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.True(named.Headers.Contains("Strict-Transport-Security"));
        // From anyone else the same headers are ignored.
        var unnamed = await ThroughAsync("10.9.8.6", "203.0.113.11");
        Assert.DoesNotContain(unnamed.Headers.GetValues("Set-Cookie"), c => c.StartsWith("vigil=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.False(unnamed.Headers.Contains("Strict-Transport-Security"));

        // The sign-in limit counts the caller behind the proxy, not the proxy.
        for (var i = 0; i < HardenedApp.SignInsPerMinute; i++)
        {
            await ThroughAsync(HardenedApp.Proxy, "203.0.113.20");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ThroughAsync(HardenedApp.Proxy, "203.0.113.20")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ThroughAsync(HardenedApp.Proxy, "203.0.113.21")).StatusCode);
    }

    [Theory]
    [InlineData("Production", "*", true)]
    [InlineData("Production", null, true)]
    [InlineData("Production", "vigil.police.example", false)]
    [InlineData("Development", "*", false)]
    public void Production_MustNameItsHosts(string environment, string? allowedHosts, bool refused)
    {
        var host = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment };
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AllowedHosts"] = allowedHosts }).Build();
        Assert.Equal(refused, SecurityHeaders.ProductionHostRefusal(host, config) is not null);
    }

    [Fact]
    public async Task HiddenAndMissingIds_DoTheSameQueriesAndTheSameAudit()
    {
        var hidden = await app.AsSystemAsync(db => db.Set<Subject>()
            .Where(s => s.OwningUnitId == db.Set<Vigil.Web.Network.Unit>().Single(u => u.Code == "london").Id && !s.NeedToKnow.Any() && s.Classification == Classification.Official)
            .Select(s => s.Id).FirstAsync());
        using var wales = await app.ApiClientAsync(DemoUsers.AnalystWales);
        Assert.Equal(HttpStatusCode.OK, (await wales.GetAsync("/api/v1/me")).StatusCode);

        async Task<(HttpResponseMessage Response, List<string> Commands)> AskAsync(Guid id)
        {
            app.Commands.Start();
            var response = await wales.GetAsync($"/api/v1/subjects/{id}");
            return (response, app.Commands.Stop());
        }
        var missing = Guid.CreateVersion7();
        var hiddenAnswer = await AskAsync(hidden);
        var missingAnswer = await AskAsync(missing);
        Assert.Equal(HttpStatusCode.NotFound, hiddenAnswer.Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingAnswer.Response.StatusCode);
        Assert.Equal(Problems.WithoutTrace(await missingAnswer.Response.Content.ReadAsStringAsync()), Problems.WithoutTrace(await hiddenAnswer.Response.Content.ReadAsStringAsync()));
        Assert.Equal(HeaderNames(missingAnswer.Response), HeaderNames(hiddenAnswer.Response));
        Assert.Equal(missingAnswer.Commands, hiddenAnswer.Commands);
        Assert.Contains(hiddenAnswer.Commands, c => c.Contains("INSERT INTO \"AuditEntries\"", StringComparison.Ordinal));
        var audited = await app.AsSystemAsync(db => db.AuditEntries.Where(e => e.RecordId == hidden.ToString() || e.RecordId == missing.ToString()).ToListAsync());
        Assert.Contains(audited, e => e.RecordId == hidden.ToString() && e.Action == AuditActions.Refused);
        Assert.Contains(audited, e => e.RecordId == missing.ToString() && e.Action == AuditActions.NotFound);
    }

    private static string[] HeaderNames(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers).Select(h => h.Key + ":" + (h.Key is "Date" or "Content-Length" ? "" : string.Join(",", h.Value))).Order()];

    [Theory]
    [InlineData("/api/v1/no-such-thing", "application/problem+json")]
    [InlineData("/api/v1/subjects/not-a-guid", "application/problem+json")]
    [InlineData("/no-such-page", "text/html")]
    [InlineData("/not-found", "text/html")]
    [InlineData("/subjects/not-a-guid/anything", "text/html")]
    public async Task UnknownPaths_AnswerNotFound_NeverAnError(string path, string mediaType)
    {
        using var api = await app.ApiClientAsync(DemoUsers.AnalystWales);
        var page = await app.SignInAsync(DemoUsers.AnalystWales);
        var response = path.StartsWith("/api", StringComparison.Ordinal) ? await api.GetAsync(path) : (await page.GetAsync(path)).Response;
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.True((int)(await anonymous.GetAsync(path)).StatusCode < 500, $"anonymous {path}");
    }

    [Theory]
    [InlineData("Ali\u0000ce")]
    [InlineData("\u202Eecila")]
    [InlineData("Al\u0007ice")]
    [InlineData("A\u2066lice")]
    [InlineData("Ali\u200Fce")]
    [InlineData("Al\u00ADice")]
    [InlineData("\uFEFFAlice")]
    [InlineData("Alice\U000E0041")]
    public async Task Names_WithHiddenCharacters_AreRefusedWithAMessage(string givenName)
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var response = await api.PostAsJsonAsync("/api/v1/subjects", new { givenName, surname = "Hiddenchar", classification = "Official", acknowledgedCandidates = true });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("hidden characters", errors.GetProperty("GivenName")[0].GetString(), StringComparison.Ordinal);
        // In a detail of the record too, and in free text.
        var nested = await api.PostAsJsonAsync("/api/v1/subjects", new
        {
            givenName = "Alice", surname = "Hiddenchar", classification = "Official", summary = $"note {givenName}", acknowledgedCandidates = true,
            otherNames = new[] { new { kind = "Alias", givenName, surname = "Other" } }
        });
        var nestedErrors = (await nested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(nestedErrors.TryGetProperty("Summary", out _));
        Assert.True(nestedErrors.TryGetProperty("OtherNames[0].GivenName", out _));
        Assert.False(await app.AsSystemAsync(db => db.Set<Subject>().AnyAsync(s => s.Surname == "Hiddenchar")));
    }

    // Fuzzing (bench/Vigil.Fuzz) found that half of a surrogate pair throws in the search's normalisation. No
    // request brings one there: System.Text.Json refuses "\ud800" alone, and that refusal must stay a 400.
    [Fact]
    public async Task Bodies_WithHalfASurrogatePair_AreRefusedAsBadRequests()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        using var search = new StringContent("""{"name":"Broken","q":"s@\ud800"}""", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/v1/search/saved", search)).StatusCode);
        using var subject = new StringContent("""{"givenName":"Ali\udc00ce","surname":"Brokenchar","classification":"Official","acknowledgedCandidates":true}""", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/v1/subjects", subject)).StatusCode);
        Assert.False(await app.AsSystemAsync(db => db.Set<Subject>().AnyAsync(s => s.Surname == "Brokenchar")));
    }

    [Fact]
    public async Task Names_WithHiddenCharacters_OnAPage_ShowTheErrorSummary_AndKeepTheRest()
    {
        var page = await app.SignInAsync(DemoUsers.InvestigatorNorthWest);
        var response = await page.SubmitAsync("/subjects/new", "subject", new()
        {
            ["Input.GivenName"] = "Bea\u202Etrice", ["Input.Surname"] = "Pagehidden", ["Input.Classification"] = "Official", ["Input.AcknowledgedCandidates"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Html.DocumentAsync(response);
        Assert.Contains("hidden characters", document.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Pagehidden", ((AngleSharp.Html.Dom.IHtmlInputElement)document.QuerySelector("#Surname")!).Value);
        Assert.False(await app.AsSystemAsync(db => db.Set<Subject>().AnyAsync(s => s.Surname == "Pagehidden")));
    }

    [Fact]
    public async Task Names_WithZeroWidthCharacters_AreAccepted_AndMatchedWithoutThem()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var created = await api.PostAsJsonAsync("/api/v1/subjects", new { givenName = "Jo\u200Bhanna", surname = "Zerowidth-Lake", dateOfBirth = "1975-05-05", classification = "Official", acknowledgedCandidates = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var hits = (await (await api.PostAsJsonAsync("/api/v1/deconfliction/checks", new { purpose = "zero-width check", person = new { givenName = "Johanna", surname = "Zerowidth-Lake", dateOfBirth = "1975-05-05" } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hits").EnumerateArray();
        Assert.Contains(hits, h => h.GetProperty("visible").GetBoolean() && h.GetProperty("subject").GetProperty("surname").GetString() == "Zerowidth-Lake");
    }
}

public sealed class CallerSourceTests
{
    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void Limits_CountAnIPv6CallerByIts64(string address, string source) =>
        Assert.Equal(source, AnonymousRejections.SourceOf(System.Net.IPAddress.Parse(address)));
}

using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OtpNet;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Tests.Infrastructure;

/// <summary>
/// The real application in-process, on its own fresh database: a SQLite file in a temporary folder, or,
/// when VIGIL_TEST_POSTGRES holds a server connection string (scripts/test.sh sets it), a new PostgreSQL
/// database created for it and dropped after. Intent methods sign in demo users and build data.
/// </summary>
public class VigilApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static string? PostgresServer => Environment.GetEnvironmentVariable("VIGIL_TEST_POSTGRES") is { Length: > 0 } s ? s : null;
    public static bool OnPostgres => PostgresServer is not null;

    public string DataFolder { get; }

    /// <summary>A new app on its own fresh database: a copy of one seeded demo database made once per test run
    /// (seeding the demo is most of a new app's cost).</summary>
    public VigilApp()
        : this(seedItself: false)
    {
    }

    /// <summary>A new app on its own fresh database, seeded by itself when <paramref name="seedItself"/>.</summary>
    protected VigilApp(bool seedItself)
    {
        DataFolder = Directory.CreateTempSubdirectory("vigil-test-").FullName;
        databaseName = "vigil_t_" + Guid.NewGuid().ToString("N")[..12];
        this.seedItself = seedItself;
    }

    private readonly bool seedItself;

    /// <summary>Whether this app starts from the run's seeded demo database. Its setup still runs (migrations and
    /// every seed, which find their work done), exactly as a restart of a real installation does.</summary>
    private bool FromTemplate => !seedItself && !secondNode && Demo && SetUpOnStart;

    /// <summary>The run's seeded demo database, and the clock's reading when its seeding ended (an app made from it
    /// starts its clock there, so that nothing it writes is dated before what the seed wrote).</summary>
    private sealed record Template(string DataFolder, string DatabaseName, DateTimeOffset SeededAt);

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static readonly SemaphoreSlim CopyLock = new(1, 1);
    private static Template? template;

    private sealed class TemplateApp : VigilApp
    {
        public TemplateApp()
            : base(seedItself: true) => keepDatabase = true;
    }

    private bool keepDatabase;

    private static async Task<Template> TemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (template is null)
            {
                var seeded = new TemplateApp();
                await seeded.InitializeAsync();
                var at = seeded.Clock.GetUtcNow();
                await seeded.DisposeAsync();
                template = new Template(seeded.DataFolder, seeded.databaseName, at);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => DropTemplate(template);
            }
            return template;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static void DropTemplate(Template made)
    {
        try
        {
            if (OnPostgres)
            {
                using var connection = new NpgsqlConnection(PostgresServer);
                connection.Open();
                using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {made.DatabaseName} WITH (FORCE)", connection);
                command.ExecuteNonQuery();
            }
            Directory.Delete(made.DataFolder, recursive: true);
        }
        catch (Exception e) when (e is IOException or NpgsqlException)
        {
            // The run is ending: what cannot be removed now is a temporary folder or a throwaway server's database.
        }
    }

    /// <summary>For <see cref="SecondNode"/>.</summary>
    protected VigilApp(VigilApp sameDatabaseAs)
    {
        DataFolder = sameDatabaseAs.DataFolder;
        databaseName = sameDatabaseAs.databaseName;
        secondNode = true;
        firstNodeSettings = sameDatabaseAs.Settings;
    }

    private readonly IReadOnlyDictionary<string, string>? firstNodeSettings;

    private readonly bool secondNode;
    /// <summary>Starts at an instant with sub-microsecond ticks and moves a little on every reading, as a
    /// real clock does, so that storage that loses precision (and so breaks the audit hashes) is caught.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_567)) { AutoAdvanceAmount = TimeSpan.FromTicks(12_345) };
    protected virtual bool Demo => true;

    /// <summary>Configuration for this app; a test class that checks a limit overrides it. A second node
    /// runs with the first node's.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => firstNodeSettings ?? DefaultSettings;

    /// <summary>The limits raised for tests; a subclass adds to them.</summary>
    protected static IReadOnlyDictionary<string, string> DefaultSettings { get; } = new Dictionary<string, string>
    {
        ["Vigil:SignIn:PermitsPerMinute"] = "100000",
        ["Vigil:SignIn:FailureFloorMilliseconds"] = "0",
        ["Vigil:Rejections:PerMinute"] = "100000",
        ["Vigil:Deconfliction:ChecksPerWindow"] = "100000",
        ["Vigil:Deconfliction:ProbeHits"] = "100000",
    };
    private readonly string databaseName;

    /// <summary>What the app connects with: on PostgreSQL the application's role, which owns nothing
    /// (docs/operations.md, "PostgreSQL roles"; <see cref="PostgresRoles"/>).</summary>
    public string ConnectionString => OnPostgres
        ? PostgresRoles.ConnectionString(PostgresServer!, databaseName, PostgresRoles.App)
        : $"Data Source={Path.Combine(DataFolder, "vigil.db")};Pooling=False";

    /// <summary>The database's owner (who migrates, and who could tamper): on SQLite the file's one user.</summary>
    public string OwnerConnectionString => OnPostgres
        ? PostgresRoles.ConnectionString(PostgresServer!, databaseName, PostgresRoles.Owner)
        : ConnectionString;

    /// <summary>Runs SQL as the database's owner, as someone holding the database's keys would: the app's own
    /// role may not change the audit table's triggers or rows.</summary>
    public Task OwnerSqlRawAsync(string sql) => OnPostgres
        ? PostgresRoles.ExecuteAsync(OwnerConnectionString, sql, [])
        : AsSystemAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    /// <summary><see cref="OwnerSqlRawAsync"/> with the interpolated values as parameters.</summary>
    public Task OwnerSqlAsync(FormattableString sql) => OnPostgres
        ? PostgresRoles.ExecuteAsync(OwnerConnectionString, string.Format(System.Globalization.CultureInfo.InvariantCulture, sql.Format,
            Enumerable.Range(0, sql.ArgumentCount).Select(i => (object)$"@p{i}").ToArray()), sql.GetArguments())
        : AsSystemAsync(db => db.Database.ExecuteSqlAsync(sql));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // The app runs from its build here, not a publish: its compressed assets are in obj/, found through
        // the build's static web assets (which only Development switches on by itself).
        builder.UseStaticWebAssets();
        builder.UseSetting("Vigil:DataFolder", DataFolder);
        builder.UseSetting("Vigil:Demo", Demo ? "true" : "false");
        // Every test client shares one address and one demo account signs in many times: the limits that
        // protect the service are raised here, and the tests of the limits set their own (LimitsTests).
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (OnPostgres)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Vigil", ConnectionString);
        }
        else
        {
            builder.UseSetting("Database:Path", Path.Combine(DataFolder, "vigil.db"));
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>();
            // Hashing strength is not under test; the default (100,000 rounds) would dominate the suite's time.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
        });
    }

    public virtual async ValueTask InitializeAsync()
    {
        var from = FromTemplate ? await TemplateAsync() : null;
        if (OnPostgres && !secondNode)
        {
            await PostgresRoles.EnsureAsync(PostgresServer!);
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            // Copies from one template at a time: PostgreSQL refuses a copy while the template has other users. (Not the
            // template's own lock: the template app is made while that is held.)
            await CopyLock.WaitAsync();
            try
            {
                await using var command = new NpgsqlCommand($"CREATE DATABASE {databaseName}{(from is null ? "" : " TEMPLATE " + from.DatabaseName)} OWNER {PostgresRoles.Owner}", connection);
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                CopyLock.Release();
            }
            if (from is null)
            {
                // As in production: the owner migrates and grants the application's role its rights; the app (which
                // owns nothing) then starts, and its setup finds the migrations done and runs the seeds. A copy of the
                // template has the template's tables and grants.
                await PostgresRoles.MigrateAndGrantAsync(OwnerConnectionString);
            }
        }
        if (from is not null)
        {
            if (!OnPostgres)
            {
                foreach (var file in Directory.GetFiles(from.DataFolder).Where(f => !f.EndsWith(".setup-lock", StringComparison.Ordinal)))
                {
                    File.Copy(file, Path.Combine(DataFolder, Path.GetFileName(file)));
                }
            }
            Clock.SetUtcNow(from.SeededAt);
        }
        if (SetUpOnStart)
        {
            await SetUpAsync();
        }
    }

    /// <summary>False for a test that runs setup itself (to interrupt it, say).</summary>
    protected virtual bool SetUpOnStart => true;

    /// <summary>Migrates and seeds, as every start does.</summary>
    public async Task SetUpAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseSetup>().RunAsync(Demo, CancellationToken.None);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (keepDatabase)
        {
            NpgsqlConnection.ClearAllPools();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            GC.SuppressFinalize(this);
            return;
        }
        if (secondNode)
        {
            GC.SuppressFinalize(this);
            return;
        }
        if (OnPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        // The app pools its SQLite connections: let go of the files before deleting them.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing request is left for the OS to clean.
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs work against the database as the system (no access filter), e.g. to check what was stored.</summary>
    public async Task<T> AsSystemAsync<T>(Func<VigilDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem("system:test");
        return await work(scope.ServiceProvider.GetRequiredService<VigilDb>());
    }

    /// <summary>Writes the counted rejections (bad tokens, failed sign-ins) to the audit log now, as the
    /// app does once each minute is over.</summary>
    public Task FlushRejectionsAsync() => Services.GetRequiredService<AnonymousRejections>().FlushAsync(all: true, CancellationToken.None);

    public Task AsSystemAsync(Func<VigilDb, Task> work) => AsSystemAsync(async db => { await work(db); return 0; });

    /// <summary>An API client carrying a fresh personal access token for the user.</summary>
    public async Task<HttpClient> ApiClientAsync(string email)
    {
        var secret = await TokenForAsync(email);
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public Task<string> TokenForAsync(string email, string name = "test") => AsSystemAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var (_, secret) = await PersonalAccessTokens.CreateAsync(db, user.Id, name, TimeSpan.FromDays(30), CancellationToken.None);
        return secret;
    });

    public const string TestPassword = "Test-Password-2026";
    public const string TestAuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    /// <summary>Creates an account directly (as an administrator would), with the test password and, when
    /// two-factor is required, the test authenticator key already enrolled.</summary>
    public Task<Guid> CreateUserAsync(string email, string role, string? unitCode, Classification clearance, IEnumerable<Guid>? groups = null, string? partnerCode = null) =>
        AsSystemAsync(async db =>
        {
            await using var scope = Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem("system:test");
            var users = scope.ServiceProvider.GetRequiredService<UserManager<VigilUser>>();
            var scopedDb = scope.ServiceProvider.GetRequiredService<VigilDb>();
            var user = new VigilUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = email.Split('@')[0],
                Clearance = clearance,
                UnitId = unitCode is null ? null : await scopedDb.Set<Vigil.Web.Network.Unit>().Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync(),
                PartnerAgencyId = partnerCode is null ? null : await scopedDb.Set<Vigil.Web.Network.PartnerAgency>().Where(p => p.Code == partnerCode).Select(p => p.Id).SingleAsync(),
            };
            Check(await users.CreateAsync(user, TestPassword));
            Check(await users.AddToRoleAsync(user, role));
            if (VigilUser.RequiresTwoFactor(clearance, [role]))
            {
                Check(await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", TestAuthenticatorKey));
                Check(await users.SetTwoFactorEnabledAsync(user, true));
            }
            foreach (var group in groups ?? [])
            {
                scopedDb.GroupMemberships.Add(new GroupMembership { GroupId = group, UserId = user.Id });
            }
            await scopedDb.SaveChangesAsync();
            return user.Id;
        });

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private readonly Dictionary<string, long> lastStep = [];
    private readonly Lock stepGate = new();

    /// <summary>An authenticator code for the account that the app has not accepted yet: each code is
    /// accepted once, so a second sign-in takes the next 30-second step, moving the app's clock on when
    /// the step is beyond the one step of drift the app allows.</summary>
    public string NextCode(string email, string key)
    {
        lock (stepGate)
        {
            var now = Clock.GetUtcNow();
            var step = now.ToUnixTimeSeconds() / 30;
            var next = Math.Max(step, lastStep.GetValueOrDefault(email, long.MinValue) + 1);
            if (next > step + 1)
            {
                Clock.Advance(TimeSpan.FromSeconds(30 * (next - step - 1)));
            }
            lastStep[email] = next;
            return new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(next * 30).UtcDateTime);
        }
    }

    public Task<Guid> GroupIdAsync(string name) => AsSystemAsync(db => db.NeedToKnowGroups.Where(g => g.Name == name).Select(g => g.Id).SingleAsync());

    /// <summary>A browser-like client (cookies, no automatic redirects) signed in through the real
    /// sign-in pages, including the two-factor step with the demo account's authenticator key.</summary>
    public async Task<PageClient> SignInAsync(string email, string password = DemoData.Password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, TestClientAddress.Next());
        var page = new PageClient(client);
        var response = await page.SubmitAsync("/account/sign-in", "sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode == HttpStatusCode.Redirect && PageClient.PathOf(response).StartsWith("/account/sign-in/two-factor", StringComparison.Ordinal))
        {
            var key = DemoData.Accounts.SingleOrDefault(a => a.Email == email)?.AuthenticatorKey ?? TestAuthenticatorKey;
            response = await page.SubmitAsync(PageClient.PathOf(response), "two-factor", new() { ["Input.Code"] = NextCode(email, key) });
        }
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return page;
    }
}

/// <summary>Drives the server-rendered pages as a browser without JavaScript would.</summary>
public sealed class PageClient(HttpClient http)
{
    public HttpClient Http => http;

    /// <summary>The path and query a redirect points to, whether the Location is absolute or not.</summary>
    public static string PathOf(HttpResponseMessage response) =>
        response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : "";

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetAsync(string url)
    {
        var response = await http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return (response, new HtmlParser().ParseDocument(html));
    }

    /// <summary>Loads the page, takes the form's antiforgery token, and posts the fields as that form.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, string formName, Dictionary<string, string> fields, Action<Dictionary<string, string>>? tamper = null)
    {
        var (_, document) = await GetAsync(url);
        var form = document.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .FirstOrDefault(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null)
            ?? throw new InvalidOperationException($"No form '{formName}' on {url}");
        var values = new Dictionary<string, string>
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value,
        };
        foreach (var (k, v) in fields)
        {
            values[k] = v;
        }
        tamper?.Invoke(values);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await http.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public async Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> values) =>
        await http.PostAsync(url, new FormUrlEncodedContent(values));
}

/// <summary>Lets a test client say which address it calls from (header X-Test-Client-Address), as clients
/// behind different addresses would, for the limits that count per address.</summary>
internal sealed class TestClientAddress : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    private static int addresses;

    /// <summary>A caller address of its own (from the benchmarking range 198.18.0.0/15), so that one
    /// test's sign-ins do not use up another's allowance.</summary>
    public static string Next()
    {
        var n = Interlocked.Increment(ref addresses);
        return $"198.{18 + n / 65_000 % 2}.{n / 250 % 256}.{n % 250 + 1}";
    }

    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        Microsoft.AspNetCore.Builder.UseExtensions.Use(app, async (Microsoft.AspNetCore.Http.HttpContext http, Func<Task> nextMiddleware) =>
        {
            if (http.Request.Headers.TryGetValue(Header, out var address) && IPAddress.TryParse(address.ToString(), out var ip))
            {
                http.Connection.RemoteIpAddress = ip;
            }
            await nextMiddleware();
        });
        next(app);
    };
}

/// <summary>A second node: another app (its own process state, its own matching index) on the first one's
/// database, which the first one owns and removes.</summary>
public sealed class SecondNode(VigilApp first) : VigilApp(first);

/// <summary>An app that seeds its own demo data rather than starting from the run's copy (to compare two seedings).</summary>
public sealed class SelfSeededApp() : VigilApp(seedItself: true);

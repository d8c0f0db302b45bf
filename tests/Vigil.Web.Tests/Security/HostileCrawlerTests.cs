using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Tests.Security;

/// <summary>
/// A hostile crawler: every endpoint and page the app maps (read from its own EndpointDataSource, so a new
/// route is crawled without anyone listing it), requested anonymously and as one demo account of each role,
/// with route values, query strings and bodies chosen to break things (random and real ids, not-ids, huge
/// numbers, long strings, '../', NUL, unicode; malformed JSON, the wrong shape and types, huge strings, deep
/// nesting, the wrong content type; page forms posted with junk, with and without the antiforgery token).
/// The inputs are drawn from a fixed seed, a bounded number per route and caller. Nothing may answer 5xx, no
/// page form may be accepted without its antiforgery token, and the audit chain must verify afterwards.
/// The crawler's findings are kept below it as regression cases.
/// </summary>
public sealed class HostileCrawlerTests(VigilApp app) : IClassFixture<VigilApp>
{
    private const int Seed = 20261218;

    private sealed record Route(string Pattern, string Method, RoutePattern Parsed, bool IsPage, bool TakesForm, Type? BodyType, IReadOnlyList<(string Name, Type Type)> Query);

    private sealed class Caller(string name, string? email)
    {
        public string Name => name;
        public string? Email => email;
        public HttpClient Api { get; set; } = null!;
        public PageClient Page { get; set; } = null!;
        public int Renewed { get; set; }
    }

    private sealed record Outcome(string Method, string Url, string Caller, string Input, int Status, string Body);

    [Fact]
    public async Task EveryRoute_AnonymousAndAsEveryRole_WithHostileInput_NeverAnswers5xx_AndTheChainIsIntact()
    {
        var routes = Routes();
        Assert.True(routes.Count > 300, $"only {routes.Count} routes found");
        var ids = await RealIdsAsync();
        var callers = new List<Caller> { new("anonymous", null) };
        callers.AddRange(Roles.All.Select(role => DemoData.Accounts.First(a => a.Role == role)).Select(a => new Caller(a.Role, a.Email)));
        foreach (var caller in callers)
        {
            await SignInAsync(caller);
        }

        var outcomes = new ConcurrentBag<Outcome>();
        var crawl = System.Diagnostics.Stopwatch.StartNew(); // reported, not asserted: the suite's time is watched in docs/operations.md
        await Parallel.ForEachAsync(callers, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (caller, _) =>
        {
            foreach (var group in routes.GroupBy(r => r.Pattern))
            {
                await CrawlAsync(caller, group.ToList(), ids, outcomes);
            }
        });

        var failures = outcomes.Where(o => o.Status >= 500).ToList();
        var accepted = outcomes.Where(o => o.Input.StartsWith("form without antiforgery", StringComparison.Ordinal) && o.Caller != "anonymous"
            && o.Status is >= 200 and < 300).ToList();
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{routes.Count} routes (method and pattern) x {callers.Count} callers: {outcomes.Count} requests; "
            + string.Join(", ", outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"))
            + $"; sessions renewed: {callers.Sum(c => c.Renewed)}; {crawl.Elapsed.TotalSeconds:0} s");
        Assert.True(failures.Count == 0 && accepted.Count == 0,
            $"{failures.Count} answers 5xx and {accepted.Count} forms accepted without antiforgery, of {outcomes.Count} requests:\n"
            + string.Join("\n", failures.Concat(accepted).OrderBy(f => f.Url, StringComparer.Ordinal).Select(f =>
                $"{f.Status} {f.Method} {Shorten(f.Url)} as {f.Caller} [{f.Input}]: {Shorten(f.Body)}")));

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem("system:test");
        var chain = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        Assert.True(chain.Ok, chain.Message);
    }

    // ---- what the crawler found (each was a 500), kept as regression cases -------------------------------------------

    /// <summary>Blazor bound these while rendering and threw: a 500 page for "?page=NaN".</summary>
    [Theory]
    [InlineData("/account/sign-in?signedOut=1", null, "&#x27;1&#x27; is not valid for signedOut in the address: it takes true or false")]
    [InlineData("/subjects?page=NaN", DemoUsers.SioLondon, "&#x27;NaN&#x27; is not valid for page in the address: it takes a whole number")]
    [InlineData("/search?q=kestrel&year=2026&page=2147483648", DemoUsers.SioLondon, "&#x27;2147483648&#x27; is not valid for page in the address: it takes a whole number")]
    [InlineData("/search?q=kestrel&unit=london", DemoUsers.SioLondon, "&#x27;london&#x27; is not valid for unit in the address: it takes an id like")]
    [InlineData("/operations/board?lines=%20", DemoUsers.CoordinatorNoc, "&#x27; &#x27; is not valid for lines in the address: it takes a whole number")]
    [InlineData("/act/statistics?weeks=%25%25", DemoUsers.ActLondon, "&#x27;%%&#x27; is not valid for weeks in the address: it takes a whole number")]
    public async Task Page_QueryValueOfTheWrongType_Is400NamingIt_NotA500(string url, string? user, string message)
    {
        var client = user is null ? app.CreateClient(new() { AllowAutoRedirect = false }) : (await app.SignInAsync(user)).Http;
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
        Assert.Contains("<h1 class=\"govuk-heading-l\">The request could not be accepted</h1>", html, StringComparison.Ordinal);
        Assert.Contains(message, html, StringComparison.Ordinal);
        // The same page with a value it takes still opens.
        var fine = await client.GetAsync(url[..url.IndexOf('?', StringComparison.Ordinal)]);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    /// <summary>The framework's JSON reader threw an InvalidOperationException for a charset it does not know.</summary>
    [Fact]
    public async Task Api_BodyInAnUnknownCharset_Is415ProblemDetails()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var body = new ByteArrayContent("""{"givenName":"A","surname":"B","classification":"Official"}"""u8.ToArray());
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=nonsense");
        var response = await api.PostAsync("/api/v1/subjects", body);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The character set 'nonsense' is not known: send UTF-8.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A charset .NET knows is read as it says.
        var latin = new ByteArrayContent(Encoding.Latin1.GetBytes("""{"givenName":"Zoë","surname":"Crawlerfound","classification":"Official","acknowledgedCandidates":true}"""));
        latin.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=iso-8859-1");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/v1/subjects", latin)).StatusCode);
    }

    /// <summary>"details": null passed the required check (the property was there) and reached the validator as null.</summary>
    [Fact]
    public async Task Api_NewUserWithNullDetails_Is400NamingDetails()
    {
        using var api = await app.ApiClientAsync(DemoUsers.Admin);
        var response = await api.PostAsync("/api/v1/admin/users", Json("""{"email":"crawler.found@vigil.example","details":null}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("Give the account's details", errors.EnumerateObject().Single(p => string.Equals(p.Name, "details", StringComparison.OrdinalIgnoreCase)).Value[0].GetString(), StringComparison.Ordinal);
    }

    /// <summary>PostgreSQL holds no NUL in text: a NUL in a search, or in a field written to the audit log, failed the
    /// request with the database's error. It is the request's fault: 400, saying so. (SQLite keeps the NUL: 200 there.)</summary>
    [Fact]
    public async Task Nul_InASearchOrAField_IsNeverA500()
    {
        var page = await app.SignInAsync(DemoUsers.SioLondon);
        var search = await page.Http.GetAsync("/protect?q=%00");
        Assert.True(search.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)search.StatusCode}");
        using var api = await app.ApiClientAsync(DemoUsers.Admin);
        var capacity = await api.PostAsync("/api/v1/operations/capacity", Json("""{"capability":"investigators","unit":"\u0000"}"""));
        Assert.True(capacity.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{(int)capacity.StatusCode}");
        if (VigilApp.OnPostgres)
        {
            Assert.Equal(HttpStatusCode.BadRequest, search.StatusCode);
            Assert.Contains("cannot be stored (a NUL", await capacity.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static string Shorten(string s) => s.Length > 300 ? s[..300] + $"...({s.Length} chars)" : s;

    // ---- what the app maps ---------------------------------------------------------------------------------------

    private List<Route> Routes()
    {
        var routes = new List<Route>();
        foreach (var e in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null
                || e.RoutePattern.RawText!.Contains("/_framework", StringComparison.Ordinal))
            {
                continue;
            }
            var component = e.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type;
            var accepts = e.Metadata.GetMetadata<IAcceptsMetadata>();
            var takesForm = accepts?.ContentTypes.Any(c => c.Contains("form", StringComparison.Ordinal)) == true;
            var query = component is not null ? PageQuery(component) : ApiQuery(e);
            foreach (var method in e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                routes.Add(new Route(e.RoutePattern.RawText!, method, e.RoutePattern, component is not null, takesForm,
                    accepts?.RequestType is { } t && t != typeof(IFormFile) && t != typeof(IFormCollection) ? t : null, query));
            }
        }
        return routes.OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method == "GET" ? 0 : 1).ThenBy(r => r.Method, StringComparer.Ordinal).ToList();
    }

    private static List<(string, Type)> PageQuery(Type component) =>
        component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (p, a: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(x => x.a is not null).Select(x => (x.a!.Name ?? x.p.Name, x.p.PropertyType)).ToList();

    private static List<(string, Type)> ApiQuery(RouteEndpoint e)
    {
        var found = new List<(string, Type)>();
        if (e.Metadata.GetMetadata<MethodInfo>() is not { } handler)
        {
            return found;
        }
        var routeNames = e.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        void Add(string name, Type type, ICustomAttributeProvider attributes)
        {
            if (attributes.GetCustomAttributes(typeof(FromQueryAttribute), true).FirstOrDefault() is FromQueryAttribute q)
            {
                found.Add((q.Name ?? name, type));
            }
            else if (IsSimple(type) && !routeNames.Contains(name) && attributes.GetCustomAttributes(true).All(a => a is not FromBodyAttribute and not FromServicesAttribute and not FromFormAttribute and not FromHeaderAttribute and not FromRouteAttribute))
            {
                found.Add((name, type));
            }
        }
        foreach (var parameter in handler.GetParameters())
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var property in parameter.ParameterType.GetProperties())
                {
                    Add(property.Name, property.PropertyType, property);
                }
            }
            else if (parameter.Name is { } name)
            {
                Add(name, parameter.ParameterType, parameter);
            }
        }
        return found;
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray)
        {
            return IsSimple(t.GetElementType()!);
        }
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(Guid) || t == typeof(decimal) || t == typeof(DateOnly)
            || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(TimeOnly) || t == typeof(TimeSpan);
    }

    /// <summary>A few real ids of every kind of record, so that some requests get past "not found" to the work.</summary>
    private Task<Dictionary<string, List<Guid>>> RealIdsAsync() => app.AsSystemAsync(async db =>
    {
        var ids = new Dictionary<string, List<Guid>>(StringComparer.OrdinalIgnoreCase);
        foreach (var entity in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.FindPrimaryKey() is { Properties: [{ ClrType: var k }] } && k == typeof(Guid)))
        {
            var key = entity.FindPrimaryKey()!.Properties[0].Name;
            var table = entity.GetTableName();
            if (table is null || entity.GetViewName() is not null)
            {
                continue;
            }
            // Names from the model, not from input.
            var sql = $"SELECT \"{key}\" AS \"Value\" FROM \"{table}\" ORDER BY \"{key}\" LIMIT 3";
            var list = await db.Database.SqlQueryRaw<Guid>(sql).ToListAsync();
            if (list.Count > 0)
            {
                ids[entity.ClrType.Name] = list;
            }
        }
        return ids;
    });

    // ---- the callers ------------------------------------------------------------------------------------------------

    private async Task SignInAsync(Caller caller)
    {
        if (caller.Email is null)
        {
            caller.Api = app.CreateClient(new() { AllowAutoRedirect = false });
            var anonymous = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
            caller.Page = new PageClient(anonymous);
            return;
        }
        caller.Api = await app.ApiClientAsync(caller.Email);
        caller.Page = await app.SignInAsync(caller.Email);
    }

    /// <summary>A caller whose junk signed itself out (the sign-out form, a revoked token) signs in again.</summary>
    private async Task RenewIfSignedOutAsync(Caller caller, HttpResponseMessage response, bool api)
    {
        if (caller.Email is null)
        {
            return;
        }
        var signedOut = api
            ? response.StatusCode == HttpStatusCode.Unauthorized
            : response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && PageClient.PathOf(response).StartsWith("/account/sign-in", StringComparison.Ordinal);
        if (!signedOut)
        {
            return;
        }
        caller.Renewed++;
        if (api)
        {
            caller.Api = await app.ApiClientAsync(caller.Email);
        }
        else
        {
            caller.Page = await app.SignInAsync(caller.Email);
        }
    }

    // ---- the crawl ----------------------------------------------------------------------------------------------------

    private async Task CrawlAsync(Caller caller, List<Route> sameRoute, Dictionary<string, List<Guid>> ids, ConcurrentBag<Outcome> outcomes)
    {
        var random = new Random(Seed ^ StableHash(caller.Name + " " + sameRoute[0].Pattern));
        var path = FillRoute(sameRoute[0].Parsed, random, ids, out var pathInput);
        IHtmlDocument? page = null;
        foreach (var route in sameRoute)
        {
            // The API with the caller's token; pages, downloads and form posts as a browser does, with its cookie.
            var isApi = route.Pattern.StartsWith("/api", StringComparison.Ordinal);
            if (route.IsPage && route.Method == "POST")
            {
                await PostFormsAsync(caller, route, path, pathInput, page, random, outcomes);
                continue;
            }
            var (query, queryInput) = Query(route, random);
            var url = path + query;
            var bodies = route.Method is "GET" or "HEAD" ? [("no body", (HttpContent?)null)] : Bodies(route, random);
            foreach (var (bodyInput, content) in bodies)
            {
                var response = await SendAsync(isApi ? caller.Api : caller.Page.Http, route.Method, url, content);
                var text = await response.Content.ReadAsStringAsync();
                outcomes.Add(new Outcome(route.Method, url, caller.Name, $"{pathInput}; {queryInput}; {bodyInput}", (int)response.StatusCode, text));
                if (route.IsPage && route.Method == "GET" && response.StatusCode == HttpStatusCode.OK)
                {
                    page = new HtmlParser().ParseDocument(text);
                }
                await RenewIfSignedOutAsync(caller, response, api: isApi);
            }
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url, HttpContent? content)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
        try
        {
            return await client.SendAsync(request);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // What the app threw after its answer had begun (the test server passes it on): a broken answer, as bad as a 500.
            return new HttpResponseMessage((HttpStatusCode)599) { Content = new StringContent("exception: " + e) };
        }
    }

    /// <summary>A page's form post: once without the antiforgery token (refused, 400), and, when the caller could
    /// open the page, one of its forms with the token and junk in every field.</summary>
    private async Task PostFormsAsync(Caller caller, Route route, string path, string pathInput, IHtmlDocument? page, Random random, ConcurrentBag<Outcome> outcomes)
    {
        var junk = new List<KeyValuePair<string, string>> { new("_handler", Pick(random, ["", "x", "no-such-form", new string('h', 3000)])), new("Input.Anything", Junk(random)) };
        var response = await SendAsync(caller.Page.Http, "POST", path, new FormUrlEncodedContent(junk));
        outcomes.Add(new Outcome("POST", path, caller.Name, $"{pathInput}; form without antiforgery", (int)response.StatusCode, await response.Content.ReadAsStringAsync()));
        await RenewIfSignedOutAsync(caller, response, api: false);

        var forms = page?.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Where(f => f.QuerySelector("input[name=__RequestVerificationToken]") is not null && string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase))
            .ToList() ?? [];
        if (forms.Count == 0)
        {
            return;
        }
        var form = forms[random.Next(forms.Count)];
        var fields = new List<KeyValuePair<string, string>>();
        var named = form.Elements.OfType<IHtmlElement>().Select(e => (Name: e.GetAttribute("name"), Type: e.GetAttribute("type") ?? e.LocalName, Value: e.GetAttribute("value")))
            .Where(e => !string.IsNullOrEmpty(e.Name)).DistinctBy(e => e.Name).ToList();
        foreach (var (name, type, value) in named)
        {
            fields.Add(new(name!, name is "__RequestVerificationToken" or "_handler" ? value ?? "" : JunkFor(type, random)));
        }
        // And a field the form does not have, and one field twice.
        fields.Add(new("Input.NotAField", Junk(random)));
        if (named.FirstOrDefault(n => n.Name!.StartsWith("Input.", StringComparison.Ordinal)).Name is { } twice)
        {
            fields.Add(new(twice, Junk(random)));
        }
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? path : form.GetAttribute("action")!;
        if (action == "/account/sign-out")
        {
            return; // signing the crawler out teaches nothing; its junk post is the one above.
        }
        var posted = await SendAsync(caller.Page.Http, "POST", action, new FormUrlEncodedContent(fields));
        outcomes.Add(new Outcome("POST", action, caller.Name, $"{pathInput}; form '{named.FirstOrDefault(n => n.Name == "_handler").Value}' with junk fields", (int)posted.StatusCode, await posted.Content.ReadAsStringAsync()));
        await RenewIfSignedOutAsync(caller, posted, api: false);
    }

    // ---- hostile values ---------------------------------------------------------------------------------------------

    private static T Pick<T>(Random random, IReadOnlyList<T> from) => from[random.Next(from.Count)];

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var c in s)
            {
                h = (h ^ c) * 16777619;
            }
            return h;
        }
    }

    private static readonly string[] Strings =
    [
        "", " ", "x", "-1", "0", "2147483648", "-9223372036854775809", "99999999999999999999999999", "1e309", "NaN", "true", "null", "[]", "{}",
        "2026-02-30", "0001-01-01", "9999-12-31T23:59:59+14:00", "../../../etc/passwd", "..\\..\\windows", "\0", "a\0b", "' OR '1'='1' --",
        "<script>alert(1)</script>", "\u202Eevil", "Zoë Ωμέγα 测试 😀", "\uFFFE", "%", "%%", "%00", "\r\nX-Injected: 1", new string('A', 5000),
        string.Concat(Enumerable.Repeat("😀", 2000)), "00000000-0000-0000-0000-000000000000",
    ];

    private static string Junk(Random random) => Pick(random, Strings);

    private static string JunkFor(string? inputType, Random random) => inputType switch
    {
        "number" => Pick(random, ["-1", "1e309", "99999999999999999999", "NaN", "x", ""]),
        "date" => Pick(random, ["2026-02-30", "0001-01-01", "9999-12-31", "yesterday", ""]),
        "datetime-local" or "time" => Pick(random, ["2026-13-01T25:61", "24:00", "x", ""]),
        "checkbox" or "radio" => Pick(random, ["on", "true", "Nonsense", "99", ""]),
        _ => Junk(random),
    };

    private static string FillRoute(RoutePattern pattern, Random random, Dictionary<string, List<Guid>> ids, out string input)
    {
        var path = new StringBuilder();
        var used = new List<string>();
        string? previousLiteral = null;
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        path.Append(literal.Content);
                        previousLiteral = literal.Content;
                        break;
                    case RoutePatternSeparatorPart separator:
                        path.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter:
                        var value = RouteValue(parameter, previousLiteral, pattern.PathSegments[0].Parts.OfType<RoutePatternLiteralPart>().FirstOrDefault()?.Content, random, ids);
                        used.Add($"{parameter.Name}={Shorten(value)}");
                        path.Append(value);
                        break;
                }
            }
        }
        input = used.Count == 0 ? "no route values" : string.Join(" ", used);
        return path.Length == 0 ? "/" : path.ToString();
    }

    private static string RouteValue(RoutePatternParameterPart parameter, string? previousLiteral, string? module, Random random, Dictionary<string, List<Guid>> ids)
    {
        var constraint = parameter.ParameterPolicies.Select(p => p.Content).FirstOrDefault();
        var hostile = new[]
        {
            // (No NUL in a path: Kestrel refuses such a request line with 400 before the app sees it; queries and bodies carry NULs.)
            "not-a-guid", "-1", "99999999999999999999", new string('9', 400), new string('z', 2000), "..%2F..%2Fetc%2Fpasswd", "%2500",
            "%E2%80%AE", Uri.EscapeDataString("Zoë😀测试"), "%FF%FE", "%25", "'%20OR%201=1", ".", "..",
        };
        var roll = random.NextDouble();
        if (constraint == "guid" || parameter.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase))
        {
            if (roll < 0.55 && RealId(previousLiteral, module, parameter.Name, ids) is { } real)
            {
                return real.ToString();
            }
            if (roll < 0.8)
            {
                var bytes = new byte[16];
                random.NextBytes(bytes);
                return new Guid(bytes).ToString();
            }
            return Pick(random, hostile);
        }
        if (constraint == "int")
        {
            return roll < 0.5 ? Pick(random, ["0", "1", "2", "999999"]) : Pick(random, ["-1", "2147483648", "99999999999999999999", "x"]);
        }
        if (parameter.IsCatchAll)
        {
            return Pick(random, ["a/b/c", "..%2F..%2F", "%2500", new string('x', 3000)]);
        }
        return roll < 0.4 ? Pick(random, ["london", "north-west", "MG6C", "csv", "xlsx", "v1", "1", "result"]) : Pick(random, hostile);
    }

    /// <summary>A real id of the kind the route names ("investigations/{id}" an investigation's, "prevent/cases/{id}" a Prevent case's), if any.</summary>
    private static Guid? RealId(string? previousLiteral, string? module, string parameter, Dictionary<string, List<Guid>> ids)
    {
        var noun = parameter.Length > 2 && parameter.EndsWith("id", StringComparison.OrdinalIgnoreCase)
            ? parameter[..^2]
            : (previousLiteral ?? "").Replace("-", "", StringComparison.Ordinal).TrimEnd('s');
        var candidates = ids.Where(kv => kv.Key.EndsWith(noun, StringComparison.OrdinalIgnoreCase)).ToList();
        var best = candidates.FirstOrDefault(kv => module is not null && kv.Key.StartsWith(module.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
        var chosen = best.Value ?? candidates.FirstOrDefault().Value;
        return chosen?[0];
    }

    private static (string Query, string Input) Query(Route route, Random random)
    {
        var parts = new List<string>();
        foreach (var (name, _) in route.Query.Where(_ => random.NextDouble() < 0.7))
        {
            parts.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(Junk(random))}");
        }
        // Some junk the endpoint does not declare, and a declared one twice.
        parts.Add($"{Uri.EscapeDataString(Pick(random, ["page", "pageSize", "sort", "__proto__", "x[]", "q", "returnUrl"]))}={Uri.EscapeDataString(Pick(random, ["-5", "1000000", "//evil.example", "javascript:alert(1)", Junk(random)]))}");
        if (route.Query.Count > 0)
        {
            var twice = route.Query[random.Next(route.Query.Count)].Name;
            parts.Add($"{twice}=1&{twice}=2");
        }
        var query = "?" + string.Join("&", parts);
        return (query, "query " + Shorten(query));
    }

    private static StringContent Json(string body, string contentType = "application/json") => new(body, Encoding.UTF8, contentType);

    private static IReadOnlyList<(string Input, HttpContent? Content)> Bodies(Route route, Random random)
    {
        var kinds = new List<Func<(string, HttpContent?)>>
        {
            () => ("no body", null),
            () => ("empty JSON body", new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }),
            () => ("invalid JSON", Json(Pick(random, ["{", "{\"a\":", "{'a':1}", "[1,2,", "nul", "{\"a\":1}}", "\u0000"]))),
            () => ("JSON of the wrong shape", Json(Pick(random, ["null", "[]", "[1,2,3]", "\"text\"", "12345", "1e999", "true", "{}"]))),
            () => ("deeply nested JSON", Json(random.Next(2) == 0 ? new string('[', 5000) + new string(']', 5000) : string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2000))),
            () => ("JSON of the wrong types", Json(Shaped(route.BodyType, random, wrongTypes: true))),
            () => ("JSON with hostile values", Json(Shaped(route.BodyType, random, wrongTypes: false))),
            () => ("JSON as text/plain", Json(Shaped(route.BodyType, random, wrongTypes: false), "text/plain")),
            () => ("JSON as XML", Json("<a>1</a>", "application/xml")),
            () => ("a form instead of JSON", new FormUrlEncodedContent([new("a", Junk(random)), new("_handler", "x")])),
            () => ("multipart junk", new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(Junk(random))), Pick(random, ["file", "x", "files"]), Pick(random, ["../../x.exe", "a.pdf", "no-extension", "😀.png"]) } }),
            () => ("invalid UTF-8 in JSON", new ByteArrayContent([(byte)'{', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}']) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }),
            () => ("JSON with a bad charset", new ByteArrayContent("{}"u8.ToArray()) { Headers = { ContentType = MediaTypeHeaderValue.Parse("application/json; charset=nonsense") } }),
        };
        // One body per route and caller, of a kind drawn for that pair: over the fifteen callers a write route meets most
        // kinds (the two made from its own body type among them), at half the cost of two each.
        return [kinds[random.Next(kinds.Count)]()];
    }

    /// <summary>A JSON object with the body type's properties: each of a wrong type, or of the right type with a hostile value.</summary>
    private static string Shaped(Type? type, Random random, bool wrongTypes)
    {
        if (type is null)
        {
            return "{\"a\":1}";
        }
        var values = new Dictionary<string, object?>();
        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            values[name] = wrongTypes ? WrongValue(property.PropertyType, random) : HostileValue(property.PropertyType, random);
        }
        return JsonSerializer.Serialize(values);
    }

    private static object? WrongValue(Type type, Random random)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) ? Pick<object?>(random, [12345, true, new[] { 1 }, new { a = 1 }])
            : t.IsPrimitive || t == typeof(decimal) ? Pick<object?>(random, ["twelve", "1e999", new { }, new[] { "x" }, "99999999999999999999999"])
            : t.IsEnum ? Pick<object?>(random, [99, "NotAValue", "", -1])
            : t == typeof(Guid) ? Pick<object?>(random, ["not-a-guid", 1, ""])
            : t == typeof(DateOnly) || t == typeof(DateTimeOffset) || t == typeof(DateTime) ? Pick<object?>(random, ["2026-02-30", "yesterday", 20260101, "0000-00-00"])
            : Pick<object?>(random, ["x", 1, true]);
    }

    private static object? HostileValue(Type type, Random random)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return Pick<object?>(random, [null, "", new string('x', 100_000), "\0", "<script>alert(1)</script>", "Zoë 😀 \u202E", " "]);
        }
        if (t == typeof(int) || t == typeof(long) || t == typeof(short))
        {
            return Pick<object?>(random, [-1, 0, int.MaxValue, int.MinValue]);
        }
        if (t == typeof(decimal) || t == typeof(double) || t == typeof(float))
        {
            return Pick<object?>(random, [-1, 0, 79228162514264337593543950335m, 1e-28m]);
        }
        if (t == typeof(Guid))
        {
            return Pick<object?>(random, [Guid.Empty, Guid.NewGuid()]);
        }
        if (t == typeof(DateOnly))
        {
            return Pick<object?>(random, [DateOnly.MinValue, DateOnly.MaxValue]);
        }
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime))
        {
            return Pick<object?>(random, [DateTimeOffset.MinValue, DateTimeOffset.MaxValue, "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-14:00"]);
        }
        if (t.IsEnum)
        {
            var names = Enum.GetNames(t);
            return names.Length > 0 ? names[random.Next(names.Length)] : null;
        }
        if (t == typeof(bool))
        {
            return random.Next(2) == 0;
        }
        if (t.IsArray || (t.IsGenericType && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))))
        {
            return Pick<object?>(random, [Array.Empty<object>(), Enumerable.Repeat<object?>(null, 3).ToArray(), Enumerable.Range(0, 5000).Select(i => new string('y', 20)).ToArray()]);
        }
        return Pick<object?>(random, [null, new { }]);
    }
}

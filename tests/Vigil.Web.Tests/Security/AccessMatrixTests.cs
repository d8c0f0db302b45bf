using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;
using static Vigil.Web.Tests.Security.AccessOracle;

namespace Vigil.Web.Tests.Security;

/// <summary>
/// Builds people across unit x clearance x need-to-know groups (each with one of the roles, so every
/// role appears) and records across classification x owning unit x groups, then asks every endpoint
/// about every record as every person and compares the answer with <see cref="AccessOracle"/>.
/// A record a person may not see must answer exactly like a missing one.
/// </summary>
public sealed class AccessMatrix : VigilApp
{
    public static readonly string[] Units = ["london", "north-west", "wales"];
    public List<Person> People { get; } = [];
    public List<Label> Records { get; } = [];
    public List<Label> Organisations { get; } = [];
    public Dictionary<string, string> Tokens { get; } = [];
    public Dictionary<string, Guid> GroupIds { get; } = [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        GroupIds["kestrel"] = await GroupIdAsync(DemoData.KestrelGroup);
        GroupIds["panel"] = await GroupIdAsync(DemoData.ManchesterPanelGroup);
        string[][] groupSets = [[], ["kestrel"], ["kestrel", "panel"]];
        string?[] homes = ["london", "north-west", "nctphq", null];
        var roleIndex = 0;
        foreach (var home in homes)
        {
            foreach (var clearance in Enum.GetValues<Classification>())
            {
                foreach (var groups in groupSets)
                {
                    var role = Roles.All[roleIndex++ % Roles.All.Count];
                    var email = $"m{People.Count}.{role.ToLowerInvariant()}@matrix.vigil.example";
                    await CreateUserAsync(email, role, home, clearance, groups.Select(g => GroupIds[g]), home is null ? "la-manchester" : null);
                    People.Add(new Person(email, role, home, clearance, groups.ToHashSet()));
                    Tokens[email] = await TokenForAsync(email);
                }
            }
        }
        await AsSystemAsync(async db =>
        {
            var unitIds = await db.Set<Vigil.Web.Network.Unit>().ToDictionaryAsync(u => u.Code, u => u.Id);
            foreach (var classification in Enum.GetValues<Classification>())
            {
                foreach (var unit in Units)
                {
                    foreach (var groups in groupSets)
                    {
                        var subject = new Subject
                        {
                            GivenName = "Matrix",
                            Surname = $"Record{Records.Count:D2}",
                            Classification = classification,
                            OwningUnitId = unitIds[unit],
                            NeedToKnow = groups.Select(g => new RecordGroup { GroupId = GroupIds[g] }).ToList(),
                        };
                        db.Add(subject);
                        Records.Add(new Label(subject.Id, classification, unit, groups.ToHashSet()));
                        var organisation = new Organisation
                        {
                            Name = $"Matrix Organisation {Organisations.Count:D2}",
                            Classification = classification,
                            OwningUnitId = unitIds[unit],
                            NeedToKnow = groups.Select(g => new RecordGroup { GroupId = GroupIds[g] }).ToList(),
                        };
                        db.Add(organisation);
                        Organisations.Add(new Label(organisation.Id, classification, unit, groups.ToHashSet()));
                    }
                }
            }
            await db.SaveChangesAsync();
        });
    }

    public HttpClient Api(Person p)
    {
        var client = CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", Tokens[p.Email]);
        return client;
    }
}

public sealed class AccessMatrixTests(AccessMatrix matrix) : IClassFixture<AccessMatrix>
{
    [Fact]
    public async Task ApiRead_EveryPersonEveryRecord_MatchesOracle()
    {
        var wrong = new List<string>();
        foreach (var person in matrix.People)
        {
            using var api = matrix.Api(person);
            foreach (var record in matrix.Records)
            {
                var response = await api.GetAsync($"/api/v1/subjects/{record.Id}");
                var expected = MayRead(person, record) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                if (response.StatusCode != expected)
                {
                    wrong.Add($"{person} GET {record}: {(int)response.StatusCode}, expected {(int)expected}");
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(30)));
    }

    [Fact]
    public async Task ApiReadOrganisations_EveryPersonEveryRecord_MatchesOracle()
    {
        var wrong = new List<string>();
        foreach (var person in matrix.People)
        {
            using var api = matrix.Api(person);
            foreach (var record in matrix.Organisations)
            {
                var response = await api.GetAsync($"/api/v1/organisations/{record.Id}");
                var expected = MayRead(person, record) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                if (response.StatusCode != expected)
                {
                    wrong.Add($"{person} GET organisation {record}: {(int)response.StatusCode}, expected {(int)expected}");
                }
            }
            var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/organisations/?name=Matrix%20Organisation&pageSize=200");
            var seen = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToHashSet();
            if (!seen.SetEquals(matrix.Organisations.Where(r => MayRead(person, r)).Select(r => r.Id)))
            {
                wrong.Add($"{person}: organisation search saw {seen.Count}");
            }
            var create = await api.PostAsJsonAsync("/api/v1/organisations/", new { });
            var expectedCreate = SubjectWriterRoles.Contains(person.Role) ? HttpStatusCode.BadRequest : HttpStatusCode.NotFound;
            if (create.StatusCode != expectedCreate)
            {
                wrong.Add($"{person.Email} POST /api/v1/organisations: {(int)create.StatusCode}, expected {(int)expectedCreate}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(30)));
    }

    [Fact]
    public async Task ApiWrite_EveryPersonEveryRecord_MatchesOracle()
    {
        var wrong = new List<string>();
        // A body that is valid JSON but fails validation: a writer is told what is wrong (400), anyone else
        // learns nothing (404). Nothing is changed either way.
        var invalid = JsonContent.Create(new { givenName = "", surname = "", classification = "Official" });
        foreach (var person in matrix.People)
        {
            using var api = matrix.Api(person);
            foreach (var record in matrix.Records)
            {
                var put = await api.PutAsync($"/api/v1/subjects/{record.Id}", invalid);
                var expected = MayWrite(person, record) ? HttpStatusCode.BadRequest : HttpStatusCode.NotFound;
                if (put.StatusCode != expected)
                {
                    wrong.Add($"{person} PUT {record}: {(int)put.StatusCode}, expected {(int)expected}");
                }
                var expectedWrite = MayWrite(person, record) ? HttpStatusCode.BadRequest : HttpStatusCode.NotFound;
                foreach (var (url, body) in new (string, object)[]
                {
                    ($"/api/v1/subjects/{record.Id}/warning-markers", new { notes = "no kind given" }),
                    ($"/api/v1/subjects/{record.Id}/merge", new { duplicate = record.Id, purpose = "into itself" }),
                    ($"/api/v1/subjects/{record.Id}/unmerge", new { duplicate = record.Id, purpose = "never merged" }),
                })
                {
                    var post = await api.PostAsJsonAsync(url, body);
                    if (post.StatusCode != expectedWrite)
                    {
                        wrong.Add($"{person} POST {url}: {(int)post.StatusCode}, expected {(int)expectedWrite}");
                    }
                }
                var tier = await api.PutAsJsonAsync($"/api/v1/subjects/{record.Id}/tier", new { tier = "no-such-tier" });
                if (tier.StatusCode != expectedWrite)
                {
                    wrong.Add($"{person} PUT tier {record}: {(int)tier.StatusCode}, expected {(int)expectedWrite}");
                }
                if (!MayWrite(person, record))
                {
                    var delete = await api.DeleteAsync($"/api/v1/subjects/{record.Id}");
                    if (delete.StatusCode != HttpStatusCode.NotFound)
                    {
                        wrong.Add($"{person} DELETE {record}: {(int)delete.StatusCode}, expected 404");
                    }
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(30)));
        var remaining = await matrix.AsSystemAsync(db => db.Set<Subject>().CountAsync(s => s.GivenName == "Matrix"));
        Assert.Equal(matrix.Records.Count, remaining);
    }

    [Fact]
    public async Task ApiSearchAndCount_EveryPerson_ListsExactlyWhatOracleAllows()
    {
        var wrong = new List<string>();
        foreach (var person in matrix.People)
        {
            using var api = matrix.Api(person);
            var page = await api.GetFromJsonAsync<JsonElement>("/api/v1/subjects?name=Matrix&pageSize=200");
            var seen = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToHashSet();
            var allowed = matrix.Records.Where(r => MayRead(person, r)).Select(r => r.Id).ToHashSet();
            if (!seen.SetEquals(allowed) || page.GetProperty("total").GetInt32() != allowed.Count)
            {
                wrong.Add($"{person}: saw {seen.Count} (total {page.GetProperty("total")}), oracle allows {allowed.Count}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(30)));
    }

    [Fact]
    public async Task Pages_EveryPersonEveryRecord_MatchOracle()
    {
        var wrong = new List<string>();
        foreach (var person in matrix.People)
        {
            var page = await matrix.SignInAsync(person.Email, VigilApp.TestPassword);
            foreach (var record in matrix.Records)
            {
                var (view, document) = await page.GetAsync($"/subjects/{record.Id}");
                var expected = MayRead(person, record) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                if (view.StatusCode != expected)
                {
                    wrong.Add($"{person} page {record}: {(int)view.StatusCode}, expected {(int)expected}");
                }
                if (expected == HttpStatusCode.NotFound && !document.Body!.TextContent.Contains("Page not found", StringComparison.Ordinal))
                {
                    wrong.Add($"{person} page {record}: not the not-found page");
                }
                var (edit, _) = await page.GetAsync($"/subjects/{record.Id}/edit");
                var expectedEdit = MayWrite(person, record) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                if (edit.StatusCode != expectedEdit)
                {
                    wrong.Add($"{person} edit page {record}: {(int)edit.StatusCode}, expected {(int)expectedEdit}");
                }
            }
            foreach (var organisation in matrix.Organisations)
            {
                var (view, _) = await page.GetAsync($"/organisations/{organisation.Id}");
                var expected = MayRead(person, organisation) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                if (view.StatusCode != expected)
                {
                    wrong.Add($"{person} organisation page {organisation}: {(int)view.StatusCode}, expected {(int)expected}");
                }
            }
            var (list, listDocument) = await page.GetAsync("/subjects?name=Matrix");
            var listed = listDocument.QuerySelectorAll("[data-testid=subjects] a").Select(a => Guid.Parse(a.GetAttribute("href")!.Split('/').Last())).ToHashSet();
            if (!listed.SetEquals(matrix.Records.Where(r => MayRead(person, r)).Select(r => r.Id)))
            {
                wrong.Add($"{person} list page shows {listed.Count}, oracle allows {matrix.Records.Count(r => MayRead(person, r))}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(30)));
    }

    /// <summary>Endpoints gated by role, with the role that opens them and a request to try.</summary>
    public static readonly (string Method, string Url, string Role, HttpStatusCode Allowed)[] RoleGatedApi =
    [
        ("GET", "/api/v1/audit", Roles.Auditor, HttpStatusCode.OK),
        ("GET", "/api/v1/audit/export?action=export", Roles.Auditor, HttpStatusCode.OK),
        ("GET", "/api/v1/admin/users", Roles.Administrator, HttpStatusCode.OK),
        ("GET", "/api/v1/admin/groups", Roles.Administrator, HttpStatusCode.OK),
        ("GET", "/api/v1/admin/users/00000000-0000-0000-0000-000000000001", Roles.Administrator, HttpStatusCode.NotFound),
        ("POST", "/api/v1/admin/users", Roles.Administrator, HttpStatusCode.BadRequest),
        ("PUT", "/api/v1/admin/users/00000000-0000-0000-0000-000000000001", Roles.Administrator, HttpStatusCode.NotFound),
        ("PUT", "/api/v1/network/units/london", Roles.Administrator, HttpStatusCode.BadRequest),
        ("PUT", "/api/v1/network/partners/cps", Roles.Administrator, HttpStatusCode.BadRequest),
        ("GET", "/api/v1/admin/clearance-grants", Roles.Administrator, HttpStatusCode.OK),
        ("POST", "/api/v1/admin/clearance-grants/00000000-0000-0000-0000-000000000001/approve", Roles.Administrator, HttpStatusCode.NotFound),
        ("POST", "/api/v1/admin/clearance-grants/00000000-0000-0000-0000-000000000001/reject", Roles.Administrator, HttpStatusCode.BadRequest),
        ("POST", "/api/v1/admin/users/00000000-0000-0000-0000-000000000001/set-up-link", Roles.Administrator, HttpStatusCode.NotFound),
    ];

    public static readonly (string Url, string Role)[] RoleGatedPages =
    [
        ("/audit", Roles.Auditor),
        ("/audit/export.csv?action=export", Roles.Auditor),
        ("/admin/users", Roles.Administrator),
        ("/admin/users/new", Roles.Administrator),
        ("/admin/groups", Roles.Administrator),
        ("/admin/approvals", Roles.Administrator),
        ("/network/units/london/edit", Roles.Administrator),
        ("/network/partners/cps/edit", Roles.Administrator),
    ];

    [Fact]
    public async Task RoleGatedEndpoints_EveryPerson_OpenOnlyForTheRole()
    {
        var wrong = new List<string>();
        foreach (var person in matrix.People)
        {
            using var api = matrix.Api(person);
            foreach (var (method, url, role, allowed) in RoleGatedApi)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT")
                {
                    request.Content = JsonContent.Create(new { });
                }
                var response = await api.SendAsync(request);
                var expected = person.Role == role ? allowed : HttpStatusCode.NotFound;
                if (response.StatusCode != expected)
                {
                    wrong.Add($"{person.Email} {method} {url}: {(int)response.StatusCode}, expected {(int)expected}");
                }
            }
            var create = await api.PostAsJsonAsync("/api/v1/subjects", new { });
            var expectedCreate = SubjectWriterRoles.Contains(person.Role) ? HttpStatusCode.BadRequest : HttpStatusCode.NotFound;
            if (create.StatusCode != expectedCreate)
            {
                wrong.Add($"{person.Email} POST /api/v1/subjects: {(int)create.StatusCode}, expected {(int)expectedCreate}");
            }
        }
        foreach (var person in matrix.People.Where((_, i) => i % 3 == 0).Concat(matrix.People.Where(p => p.Role is Roles.Auditor or Roles.Administrator)).Distinct())
        {
            var page = await matrix.SignInAsync(person.Email, VigilApp.TestPassword);
            foreach (var (url, role) in RoleGatedPages)
            {
                var (response, _) = await page.GetAsync(url);
                var expected = person.Role == role ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                if (response.StatusCode != expected)
                {
                    wrong.Add($"{person.Email} page {url}: {(int)response.StatusCode}, expected {(int)expected}");
                }
            }
            var (newSubject, _) = await page.GetAsync("/subjects/new");
            var expectedNew = SubjectWriterRoles.Contains(person.Role) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            if (newSubject.StatusCode != expectedNew)
            {
                wrong.Add($"{person.Email} page /subjects/new: {(int)newSubject.StatusCode}, expected {(int)expectedNew}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(30)));
    }

    /// <summary>Every endpoint the application maps, and how the matrix above covers it. A new endpoint
    /// fails this test until it is added here and to the matrix.</summary>
    public static readonly Dictionary<string, string> Catalogue = new()
    {
        ["GET /health/live"] = "public",
        ["GET /not-found"] = "public",
        ["POST /not-found"] = "public",
        ["GET /health/ready"] = "public",
        ["GET /openapi/{documentName}.json"] = "public",
        ["GET /account/sign-in"] = "public",
        ["POST /account/sign-in"] = "public",
        ["GET /account/sign-in/two-factor"] = "public",
        ["POST /account/sign-in/two-factor"] = "public",
        ["POST /account/sign-out"] = "public",
        ["GET /account/set-up"] = "public: a one-time set-up link (AdministrationTests)",
        ["POST /account/set-up"] = "public: a one-time set-up link (AdministrationTests)",
        ["GET /admin/approvals"] = "role: RoleGatedEndpoints",
        ["POST /admin/approvals"] = "role: RoleGatedEndpoints; two-person rule (AdministrationTests)",
        ["GET /api/v1/admin/clearance-grants"] = "role: RoleGatedEndpoints",
        ["POST /api/v1/admin/clearance-grants/{id:guid}/approve"] = "role: RoleGatedEndpoints; two-person rule (AdministrationTests)",
        ["POST /api/v1/admin/clearance-grants/{id:guid}/reject"] = "role: RoleGatedEndpoints; two-person rule (AdministrationTests)",
        ["POST /api/v1/admin/users/{id:guid}/set-up-link"] = "role: RoleGatedEndpoints (AdministrationTests)",
        ["GET /"] = "signed-in",
        ["POST /"] = "signed-in",
        ["GET /search"] = "signed-in: the index query carries the user's readable labels (SearchTests, IntelligenceTests)",
        ["POST /search"] = "signed-in: saves the user's own search (SearchTests)",
        ["GET /api/v1/search"] = "signed-in: the index query carries the user's readable labels; hits, totals and facets (SearchTests, IntelligenceTests)",
        ["GET /api/v1/search/saved/"] = "own: the user's saved searches only (SearchTests)",
        ["POST /api/v1/search/saved/"] = "own: saved for the user (SearchTests)",
        ["DELETE /api/v1/search/saved/{id:guid}"] = "own: another's saved search answers 404 (SearchTests)",
        ["GET /search/saved"] = "own: the user's saved searches only (SearchTests)",
        ["POST /search/saved"] = "own: deletes only the user's own (SearchTests)",
        ["GET /api/v1/graph/"] = "record: nodes only where their module finds them visible; a hidden start answers 404 as a missing one (LinkChartTests)",
        ["GET /api/v1/graph/path"] = "record: through visible nodes only (LinkChartTests)",
        ["POST /api/v1/graph/ask"] = "record: both ends visible or 404; the holders told (LinkChartTests)",
        ["GET /graph"] = "record: as GET /api/v1/graph (LinkChartTests, IntelligenceWalkthroughTests)",
        ["POST /graph"] = "record: asking about a restricted link, as POST /api/v1/graph/ask (LinkChartTests)",
        ["GET /graph/data"] = "record: as GET /api/v1/graph (LinkChartTests)",
        ["GET /graph/path-data"] = "record: as GET /api/v1/graph/path (LinkChartTests)",
        ["GET /subjects/{Id:guid}/timeline"] = "record: as GET /api/v1/subjects/{id}/timeline (IntelligenceTests)",
        ["POST /subjects/{Id:guid}/timeline"] = "record: as its GET (IntelligenceTests)",
        ["GET /api/v1/subjects/{id:guid}/timeline"] = "record: the subject read first (hidden answers 404); each module's facts through its filter (IntelligenceTests)",
        ["GET /api/v1/intelligence/reports"] = "record: through the filter (IntelligenceTests)",
        ["POST /api/v1/intelligence/reports"] = "role and label: writers of a unit; the label checked (IntelligenceTests)",
        ["GET /api/v1/intelligence/queue"] = "own unit: counts through the filter (IntelligenceTests)",
        ["GET /api/v1/intelligence/reports/{id:guid}"] = "record: hidden answers as missing (IntelligenceAccessTests)",
        ["GET /api/v1/intelligence/reports/{id:guid}/entities"] = "record: hidden answers as missing (IntelligenceAccessTests)",
        ["POST /api/v1/intelligence/reports/{id:guid}/entities"] = "record: hidden answers as missing (IntelligenceAccessTests)",
        ["POST /api/v1/intelligence/reports/{id:guid}/entities/{entityId:guid}/link"] = "record: hidden answers as missing (IntelligenceAccessTests)",
        ["GET /api/v1/intelligence/reports/{id:guid}/disseminations"] = "record: hidden answers as missing (IntelligenceAccessTests)",
        ["POST /api/v1/intelligence/reports/{id:guid}/disseminations"] = "record and desk: hidden answers as missing (IntelligenceAccessTests)",
        ["POST /api/v1/intelligence/reports/{id:guid}/acknowledgement"] = "record: hidden answers as missing (IntelligenceAccessTests)",
        ["POST /api/v1/intelligence/reports/{id:guid}/grading"] = "record and desk: hidden answers as missing (IntelligenceAccessTests)",
        ["POST /api/v1/intelligence/reports/{id:guid}/grading/accept"] = "record and desk: hidden answers as missing (IntelligenceAccessTests)",
        ["POST /api/v1/intelligence/reports/{id:guid}/reviews"] = "record and desk: hidden answers as missing (IntelligenceAccessTests)",
        ["POST /api/v1/intelligence/reports/{id:guid}/investigations"] = "record: hidden answers as missing; the investigation through its own finder (IntelligenceTests)",
        ["GET /api/v1/intelligence/reports/{id:guid}/export"] = "record: hidden answers as missing; recorded as taken (IntelligenceAccessTests)",
        ["GET /intelligence/reports/{id:guid}/export"] = "record: as the API's export (IntelligenceAccessTests)",
        ["GET /intelligence"] = "record: the lists through the filter (IntelligenceTests)",
        ["POST /intelligence"] = "record: the lists through the filter (IntelligenceTests)",
        ["GET /intelligence/reports/new"] = "role: writers of a unit; others see not found (IntelligenceAccessTests)",
        ["POST /intelligence/reports/new"] = "role and label: as POST /api/v1/intelligence/reports (IntelligenceTests)",
        ["GET /intelligence/reports/{Id:guid}"] = "record: hidden answers as missing (IntelligenceAccessTests)",
        ["POST /intelligence/reports/{Id:guid}"] = "record: every form through the use cases (IntelligenceAccessTests)",
        ["GET /intelligence/reports/{Id:guid}/print"] = "record: hidden answers as missing; recorded as taken (IntelligenceTests)",
        ["POST /intelligence/reports/{Id:guid}/print"] = "record: as its GET (IntelligenceTests)",
        ["GET /account/two-factor"] = "signed-in: own account",
        ["POST /account/two-factor"] = "signed-in: own account",
        ["GET /account/tokens"] = "signed-in: own tokens",
        ["POST /account/tokens"] = "signed-in: own tokens",
        ["GET /api/v1/me"] = "signed-in: own account",
        ["GET /api/v1/tokens"] = "signed-in: own tokens",
        ["DELETE /api/v1/tokens/{id:guid}"] = "signed-in: own tokens (TokenTests)",
        ["GET /network"] = "signed-in: reference data",
        ["POST /network"] = "signed-in: reference data",
        ["GET /network/units/{Code}"] = "signed-in: reference data",
        ["POST /network/units/{Code}"] = "signed-in: reference data",
        ["GET /api/v1/network/units"] = "signed-in: reference data",
        ["GET /api/v1/network/units/{code}"] = "signed-in: reference data",
        ["GET /api/v1/network/partners"] = "signed-in: reference data",
        ["GET /subjects"] = "record: Pages_EveryPersonEveryRecord_MatchOracle",
        ["POST /subjects"] = "record: Pages_EveryPersonEveryRecord_MatchOracle",
        ["GET /subjects/{Id:guid}"] = "record: Pages_EveryPersonEveryRecord_MatchOracle",
        ["POST /subjects/{Id:guid}"] = "record: Pages_EveryPersonEveryRecord_MatchOracle",
        ["GET /subjects/{Id:guid}/edit"] = "record: Pages_EveryPersonEveryRecord_MatchOracle",
        ["POST /subjects/{Id:guid}/edit"] = "record: SubjectPageTests",
        ["GET /subjects/new"] = "role: RoleGatedEndpoints",
        ["GET /subjects/reviews-due"] = "record: filtered list (SubjectCaseworkTests)",
        ["POST /subjects/reviews-due"] = "record: filtered list (SubjectCaseworkTests)",
        ["POST /subjects/new"] = "role: SubjectPageTests",
        ["GET /api/v1/subjects/"] = "record: ApiSearchAndCount",
        ["POST /api/v1/subjects/"] = "role: RoleGatedEndpoints",
        ["GET /api/v1/subjects/{id:guid}"] = "record: ApiRead",
        ["PUT /api/v1/subjects/{id:guid}"] = "record: ApiWrite",
        ["DELETE /api/v1/subjects/{id:guid}"] = "record: ApiWrite",
        ["POST /api/v1/subjects/{id:guid}/warning-markers"] = "record: ApiWrite",
        ["PUT /api/v1/subjects/{id:guid}/tier"] = "record: ApiWrite",
        ["POST /api/v1/subjects/{id:guid}/merge"] = "record: ApiWrite",
        ["POST /api/v1/subjects/{id:guid}/unmerge"] = "record: ApiWrite",
        ["GET /api/v1/organisations/"] = "record: ApiReadOrganisations",
        ["GET /organisations"] = "record: filtered list",
        ["POST /organisations"] = "role: writers only (the form is shown to writers)",
        ["GET /organisations/{Id:guid}"] = "record: Pages_EveryPersonEveryRecord_MatchOracle",
        ["POST /organisations/{Id:guid}"] = "record: Pages_EveryPersonEveryRecord_MatchOracle",
        ["GET /api/v1/organisations/{id:guid}"] = "record: ApiReadOrganisations",
        ["POST /api/v1/organisations/"] = "role: ApiReadOrganisations",
        ["POST /api/v1/deconfliction/checks"] = "masked by policy: DeconflictionTests",
        ["GET /deconfliction"] = "masked by policy: DeconflictionTests",
        ["POST /deconfliction"] = "masked by policy: DeconflictionTests",
        ["GET /api/v1/inbox/"] = "own unit: DeconflictionTests",
        ["POST /api/v1/inbox/{id:guid}/read"] = "own unit: DeconflictionTests",
        ["GET /inbox"] = "own unit: DeconflictionTests",
        ["POST /inbox"] = "own unit: DeconflictionTests",
        ["GET /api/v1/subjects/reviews-due"] = "record: filtered list (SubjectCaseworkTests)",
        ["GET /api/v1/audit"] = "role: RoleGatedEndpoints",
        ["GET /audit"] = "role: RoleGatedEndpoints",
        ["POST /audit"] = "role: RoleGatedEndpoints",
        ["GET /api/v1/audit/export"] = "role: RoleGatedEndpoints",
        ["GET /audit/export.csv"] = "role: RoleGatedEndpoints",
        ["GET /api/v1/admin/users"] = "role: RoleGatedEndpoints",
        ["POST /api/v1/admin/users"] = "role: RoleGatedEndpoints",
        ["GET /api/v1/admin/users/{id:guid}"] = "role: RoleGatedEndpoints",
        ["PUT /api/v1/admin/users/{id:guid}"] = "role: RoleGatedEndpoints",
        ["GET /api/v1/admin/groups"] = "role: RoleGatedEndpoints",
        ["PUT /api/v1/network/units/{code}"] = "role: RoleGatedEndpoints",
        ["PUT /api/v1/network/partners/{code}"] = "role: RoleGatedEndpoints",
        ["GET /admin/users"] = "role: RoleGatedEndpoints",
        ["POST /admin/users"] = "role: RoleGatedEndpoints",
        ["GET /admin/users/new"] = "role: RoleGatedEndpoints",
        ["POST /admin/users/new"] = "role: RoleGatedEndpoints",
        ["GET /admin/users/{Id:guid}"] = "role: RoleGatedEndpoints",
        ["POST /admin/users/{Id:guid}"] = "role: RoleGatedEndpoints",
        ["GET /admin/groups"] = "role: RoleGatedEndpoints",
        ["POST /admin/groups"] = "role: RoleGatedEndpoints",
        ["GET /network/units/{Code}/edit"] = "role: RoleGatedEndpoints",
        ["POST /network/units/{Code}/edit"] = "role: RoleGatedEndpoints",
        ["GET /api/v1/investigations/"] = "record: filtered caseload (InvestigationAccessTests)",
        ["POST /api/v1/investigations/"] = "role: InvestigationAccessTests",
        ["GET /api/v1/investigations/threat-types"] = "signed-in: reference data",
        ["GET /api/v1/investigations/activity-types"] = "signed-in: reference data",
        ["GET /api/v1/investigations/actions"] = "record: filtered queue (InvestigationAccessTests)",
        ["GET /api/v1/partner/elg-meetings"] = "partner shares: InvestigationLifecycleTests",
        ["GET /api/v1/investigations/{id:guid}"] = "investigation team: InvestigationAccessTests",
        ["POST /api/v1/investigations/{id:guid}/transitions"] = "investigation team: InvestigationAccessTests",
        ["POST /api/v1/investigations/{id:guid}/team"] = "investigation team: InvestigationAccessTests",
        ["DELETE /api/v1/investigations/{id:guid}/team/{userId:guid}"] = "investigation team: InvestigationAccessTests",
        ["GET /api/v1/investigations/{id:guid}/lines-of-enquiry"] = "investigation team: InvestigationAccessTests",
        ["POST /api/v1/investigations/{id:guid}/lines-of-enquiry"] = "investigation team: InvestigationAccessTests",
        ["GET /api/v1/investigations/{id:guid}/actions"] = "investigation team: InvestigationAccessTests",
        ["POST /api/v1/investigations/{id:guid}/actions"] = "investigation team: InvestigationAccessTests",
        ["GET /api/v1/investigations/{id:guid}/actions/{actionId:guid}"] = "investigation team: InvestigationAccessTests",
        ["POST /api/v1/investigations/{id:guid}/actions/{actionId:guid}/{step}"] = "investigation team: InvestigationAccessTests",
        ["GET /api/v1/investigations/{id:guid}/policy-file"] = "investigation team: InvestigationAccessTests",
        ["POST /api/v1/investigations/{id:guid}/policy-file"] = "investigation team: InvestigationAccessTests",
        ["PUT /api/v1/investigations/{id:guid}/policy-file/{number:int}"] = "investigation team: InvestigationAccessTests",
        ["PATCH /api/v1/investigations/{id:guid}/policy-file/{number:int}"] = "investigation team: InvestigationAccessTests",
        ["DELETE /api/v1/investigations/{id:guid}/policy-file/{number:int}"] = "investigation team: InvestigationAccessTests",
        ["GET /api/v1/investigations/{id:guid}/subjects"] = "investigation team: InvestigationAccessTests",
        ["POST /api/v1/investigations/{id:guid}/subjects"] = "investigation team: InvestigationAccessTests",
        ["GET /api/v1/investigations/{id:guid}/timeline"] = "investigation team: InvestigationAccessTests",
        ["POST /api/v1/investigations/{id:guid}/timeline"] = "investigation team: InvestigationAccessTests",
        ["GET /api/v1/investigations/{id:guid}/elg-meetings"] = "investigation team: InvestigationAccessTests",
        ["POST /api/v1/investigations/{id:guid}/elg-meetings"] = "investigation team: InvestigationAccessTests",
        ["GET /api/v1/investigations/{id:guid}/statements"] = "investigation team: InvestigationAccessTests",
        ["POST /api/v1/investigations/{id:guid}/statements"] = "investigation team: InvestigationAccessTests",
        ["GET /api/v1/investigations/{id:guid}/exhibits"] = "investigation team: InvestigationAccessTests",
        ["POST /api/v1/investigations/{id:guid}/exhibits"] = "investigation team: InvestigationAccessTests",
        ["POST /api/v1/investigations/{id:guid}/exhibits/{exhibitId:guid}/handovers"] = "investigation team: InvestigationAccessTests",
        ["PUT /api/v1/investigations/{id:guid}/exhibits/{exhibitId:guid}/file"] = "investigation team: InvestigationAccessTests",
        ["GET /api/v1/investigations/{id:guid}/exhibits/{exhibitId:guid}/file"] = "investigation team: InvestigationAccessTests",
        ["GET /api/v1/investigations/{id:guid}/disclosure"] = "investigation team: InvestigationAccessTests",
        ["POST /api/v1/investigations/{id:guid}/disclosure/items"] = "investigation team: InvestigationAccessTests",
        ["POST /api/v1/investigations/{id:guid}/disclosure/{form}/sign-off"] = "investigation team: InvestigationAccessTests",
        ["GET /api/v1/investigations/{id:guid}/disclosure/{form}.csv"] = "investigation team: InvestigationAccessTests",
        ["POST /api/v1/investigations/{id:guid}/cps-bundle"] = "investigation team: InvestigationAccessTests",
        ["GET /investigations/{id:guid}/exhibits/{exhibitId:guid}/file"] = "investigation team: InvestigationAccessTests",
        ["GET /investigations/{id:guid}/disclosure/{form}.csv"] = "investigation team: InvestigationAccessTests",
        ["GET /investigations/{id:guid}/cps-bundle.zip"] = "investigation team: InvestigationAccessTests",
        ["GET /investigations"] = "record: filtered caseload (InvestigationAccessTests)",
        ["POST /investigations"] = "record: filtered caseload (InvestigationAccessTests)",
        ["GET /investigations/new"] = "role: InvestigationAccessTests",
        ["POST /investigations/new"] = "role: InvestigationAccessTests",
        ["GET /investigations/actions"] = "record: filtered queue (InvestigationAccessTests)",
        ["POST /investigations/actions"] = "record: filtered queue (InvestigationAccessTests)",
        ["GET /partner/elg"] = "partner shares: InvestigationLifecycleTests",
        ["POST /partner/elg"] = "partner shares: InvestigationLifecycleTests",
        ["GET /investigations/{Id:guid}"] = "investigation team: InvestigationAccessTests",
        ["POST /investigations/{Id:guid}"] = "investigation team: InvestigationAccessTests",
        ["GET /investigations/{Id:guid}/actions"] = "investigation team: InvestigationAccessTests",
        ["POST /investigations/{Id:guid}/actions"] = "investigation team: InvestigationAccessTests",
        ["GET /investigations/{Id:guid}/actions/{ActionId:guid}"] = "investigation team: InvestigationAccessTests",
        ["POST /investigations/{Id:guid}/actions/{ActionId:guid}"] = "investigation team: InvestigationAccessTests",
        ["GET /investigations/{Id:guid}/policy-file"] = "investigation team: InvestigationAccessTests",
        ["POST /investigations/{Id:guid}/policy-file"] = "investigation team: InvestigationAccessTests",
        ["GET /investigations/{Id:guid}/subjects"] = "investigation team: InvestigationAccessTests",
        ["POST /investigations/{Id:guid}/subjects"] = "investigation team: InvestigationAccessTests",
        ["GET /investigations/{Id:guid}/timeline"] = "investigation team: InvestigationAccessTests",
        ["POST /investigations/{Id:guid}/timeline"] = "investigation team: InvestigationAccessTests",
        ["GET /investigations/{Id:guid}/elg"] = "investigation team: InvestigationAccessTests",
        ["POST /investigations/{Id:guid}/elg"] = "investigation team: InvestigationAccessTests",
        ["GET /investigations/{Id:guid}/exhibits"] = "investigation team: InvestigationAccessTests",
        ["POST /investigations/{Id:guid}/exhibits"] = "investigation team: InvestigationAccessTests",
        ["GET /investigations/{Id:guid}/disclosure"] = "investigation team: InvestigationAccessTests",
        ["POST /investigations/{Id:guid}/disclosure"] = "investigation team: InvestigationAccessTests",
        ["GET /network/partners/{Code}/edit"] = "role: RoleGatedEndpoints",
        ["POST /network/partners/{Code}/edit"] = "role: RoleGatedEndpoints",
        ["POST /api/v1/prevent/public-referrals"] = "anonymous by design: the public referral form (PreventReferralTests)",
        ["GET /api/v1/prevent/areas"] = "anonymous by design: areas for the public form",
        ["GET /api/v1/prevent/concern-types"] = "anonymous by design: concern types for the public form",
        ["POST /api/v1/prevent/referrals"] = "role + team group: PreventReferralTests",
        ["GET /api/v1/prevent/submissions"] = "record: filtered queue (PreventAccessTests)",
        ["GET /api/v1/prevent/submissions/{id:guid}"] = "record: PreventAccessTests",
        ["POST /api/v1/prevent/submissions/{id:guid}/accept"] = "record: PreventAccessTests",
        ["POST /api/v1/prevent/submissions/{id:guid}/decline"] = "record: PreventAccessTests",
        ["GET /api/v1/prevent/cases"] = "record: filtered list (PreventAccessTests)",
        ["GET /api/v1/prevent/queues/assessments-due"] = "record: filtered queue (PreventAccessTests)",
        ["GET /api/v1/prevent/queues/reviews-due"] = "record: filtered queue (PreventAccessTests)",
        ["GET /api/v1/prevent/panels"] = "panel membership: PreventAccessTests",
        ["POST /api/v1/prevent/panels"] = "role: PreventAccessTests",
        ["GET /api/v1/prevent/panels/{code}"] = "panel membership: PreventAccessTests",
        ["GET /api/v1/prevent/panels/{code}/agenda"] = "panel membership: PreventAccessTests",
        ["POST /api/v1/prevent/panels/{code}/members"] = "panel membership: PreventAccessTests",
        ["DELETE /api/v1/prevent/panels/{code}/members/{userId:guid}"] = "panel membership: PreventAccessTests",
        ["GET /api/v1/prevent/panels/{code}/meetings"] = "panel membership: PreventAccessTests",
        ["POST /api/v1/prevent/panels/{code}/meetings"] = "panel membership: PreventAccessTests",
        ["GET /api/v1/prevent/panels/{code}/meetings/{id:guid}"] = "panel membership: PreventAccessTests",
        ["GET /api/v1/prevent/statistics"] = "role: aggregate figures only (PreventStatisticsTests)",
        ["GET /api/v1/prevent/cases/{id:guid}"] = "record: PreventAccessTests",
        ["POST /api/v1/prevent/cases/{id:guid}/deconfliction"] = "record: PreventAccessTests",
        ["POST /api/v1/prevent/cases/{id:guid}/gateway"] = "record: PreventAccessTests",
        ["POST /api/v1/prevent/cases/{id:guid}/information"] = "record: PreventAccessTests",
        ["POST /api/v1/prevent/cases/{id:guid}/assessments"] = "record: PreventAccessTests",
        ["POST /api/v1/prevent/cases/{id:guid}/consent"] = "record: PreventAccessTests",
        ["POST /api/v1/prevent/cases/{id:guid}/decisions"] = "record: PreventAccessTests",
        ["POST /api/v1/prevent/cases/{id:guid}/interventions"] = "record: PreventAccessTests",
        ["POST /api/v1/prevent/cases/{id:guid}/review-interval"] = "record: PreventAccessTests",
        ["POST /api/v1/prevent/cases/{id:guid}/reviews/{reviewId:guid}"] = "record: PreventAccessTests",
        ["POST /api/v1/prevent/cases/{id:guid}/exit"] = "record: PreventAccessTests",
        ["POST /api/v1/prevent/cases/{id:guid}/reopen"] = "record: PreventAccessTests",
        ["POST /api/v1/prevent/cases/{id:guid}/withdraw"] = "record: PreventAccessTests",
        ["GET /prevent"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["POST /prevent"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["GET /prevent/cases"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["POST /prevent/cases"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["GET /prevent/cases/{Id:guid}"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["POST /prevent/cases/{Id:guid}"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["GET /prevent/cases/{Id:guid}/vaf"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["POST /prevent/cases/{Id:guid}/vaf"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["GET /prevent/referrals/new"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["POST /prevent/referrals/new"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["GET /prevent/submissions"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["POST /prevent/submissions"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["GET /prevent/submissions/{Id:guid}"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["POST /prevent/submissions/{Id:guid}"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["GET /prevent/assessments-due"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["POST /prevent/assessments-due"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["GET /prevent/reviews-due"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["POST /prevent/reviews-due"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["GET /prevent/panels"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["POST /prevent/panels"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["GET /prevent/panels/{Code}"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["POST /prevent/panels/{Code}"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["GET /prevent/panels/{Code}/meetings/{Id:guid}"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["POST /prevent/panels/{Code}/meetings/{Id:guid}"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["GET /prevent/statistics"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["POST /prevent/statistics"] = "prevent page: PreventAccessTests (pages answer as the API does)",
        ["POST /api/v1/act/reports"] = "anonymous by design: the public's ACT report (ActIntakeTests); nothing readable back",
        ["POST /api/v1/act/follow-up"] = "anonymous by design: the reporter's reference and code together, a wrong pair answers alike (ActIntakeTests)",
        ["GET /api/v1/act/behaviours"] = "anonymous by design: reference data for the public form",
        ["GET /api/v1/act/reports"] = "role and own unit: the triage queue through the filter (ActTriageTests)",
        ["GET /api/v1/act/reports/{id:guid}"] = "record: hidden answers as missing (ActTriageTests)",
        ["POST /api/v1/act/reports/{id:guid}/take"] = "record and triage role: hidden answers as missing (ActTriageTests)",
        ["POST /api/v1/act/reports/{id:guid}/release"] = "record and triage role: hidden answers as missing (ActTriageTests)",
        ["POST /api/v1/act/reports/{id:guid}/check"] = "record and triage role: hidden answers as missing (ActTriageTests)",
        ["POST /api/v1/act/reports/{id:guid}/questions"] = "record and triage role: hidden answers as missing (ActTriageTests)",
        ["POST /api/v1/act/reports/{id:guid}/route"] = "record and triage role: hidden answers as missing (ActTriageTests)",
        ["POST /api/v1/act/reports/{id:guid}/outcome"] = "record and triage role: hidden answers as missing (ActTriageTests)",
        ["POST /api/v1/act/reports/{id:guid}/intelligence"] = "record and triage role; the intelligence report under its own rules (ActTriageTests)",
        ["POST /api/v1/act/reports/{id:guid}/investigation"] = "record and triage role; the investigation through its own finder (ActTriageTests)",
        ["POST /api/v1/act/reports/{id:guid}/prevent"] = "record and triage role; the referral as the public form's (ActTriageTests)",
        ["POST /api/v1/act/reports/bulk"] = "record and triage role per report: hidden ones named as not found (ActTriageTests)",
        ["GET /api/v1/act/reports/{id:guid}/files/{fileId:guid}"] = "record: hidden answers as missing (ActTriageTests)",
        ["GET /act/triage/{id:guid}/files/{fileId:guid}"] = "record: as the API's file (ActTriageTests)",
        ["GET /api/v1/act/statistics"] = "aggregate rule: own unit live, the network for finished weeks suppressed (ActTriageTests)",
        ["GET /act/statistics.{format}"] = "aggregate rule: as the API's statistics (ActTriageTests)",
        ["GET /act"] = "anonymous by design: ACT's start page",
        ["POST /act"] = "anonymous by design: ACT's start page",
        ["GET /act/call-999"] = "anonymous by design: ACT's emergency page",
        ["POST /act/call-999"] = "anonymous by design: ACT's emergency page",
        ["GET /act/report/{Step}"] = "anonymous by design: ACT's question pages, the reporter's own draft (ActIntakeTests)",
        ["POST /act/report/{Step}"] = "anonymous by design: ACT's question pages, the reporter's own draft (ActIntakeTests)",
        ["GET /act/confirmation"] = "anonymous by design: the reporter's own reference, shown once (ActIntakeTests)",
        ["POST /act/confirmation"] = "anonymous by design: the reporter's own reference, shown once (ActIntakeTests)",
        ["GET /act/follow-up"] = "anonymous by design: reference and code together (ActIntakeTests)",
        ["POST /act/follow-up"] = "anonymous by design: reference and code together (ActIntakeTests)",
        ["GET /act/triage"] = "role and own unit: the queue through the filter (ActTriageTests)",
        ["POST /act/triage"] = "role and own unit: bulk through the use case (ActTriageTests)",
        ["GET /act/triage/{Id:guid}"] = "record: hidden answers as missing (ActTriageTests)",
        ["POST /act/triage/{Id:guid}"] = "record: every form through the use cases (ActTriageTests)",
        ["GET /act/statistics"] = "aggregate rule (ActTriageTests)",
        ["POST /act/statistics"] = "aggregate rule (ActTriageTests)",
        ["GET /prevent/refer"] = "anonymous by design: the public referral form",
        ["POST /prevent/refer"] = "anonymous by design: the public referral form",
        ["GET /privacy"] = "anonymous by design: the public form's privacy notice page (no personal data): PreventIntakePagesTests",
        ["POST /privacy"] = "anonymous by design: the public form's privacy notice page (no personal data): PreventIntakePagesTests",
        ["GET /accessibility"] = "anonymous by design: the public form's accessibility statement page (no personal data): PreventIntakePagesTests",
        ["POST /accessibility"] = "anonymous by design: the public form's accessibility statement page (no personal data): PreventIntakePagesTests",
        ["GET /cookies"] = "anonymous by design: the public form's cookies page (no personal data): PreventIntakePagesTests",
        ["POST /cookies"] = "anonymous by design: the public form's cookies page (no personal data): PreventIntakePagesTests",
        ["GET /prevent/statistics.csv"] = "role: aggregate figures only (PreventStatisticsTests)",
        ["GET /prevent/statistics.xlsx"] = "role: aggregate figures only (PreventStatisticsTests)",
        ["GET /api/v1/protect/sites"] = "record: the register through the filter (ProtectTests)",
        ["GET /api/v1/protect/sites/{id:guid}"] = "record: hidden answers as missing (ProtectTests)",
        ["POST /api/v1/protect/sites"] = "role: a CTSA records a site for their own unit (ProtectTests)",
        ["PUT /api/v1/protect/sites/{id:guid}"] = "record and role: a CTSA of the site's unit; hidden answers as missing (ProtectTests)",
        ["POST /api/v1/protect/sites/{id:guid}/assessments"] = "record and role: a CTSA of the site's unit (ProtectTests)",
        ["POST /api/v1/protect/sites/{id:guid}/recommendations/{number:int}/complete"] = "record and role: a CTSA of the site's unit (ProtectTests)",
        ["GET /api/v1/protect/awareness"] = "own unit: counts of sessions (no personal data), by unit for the national roles (ProtectTests)",
        ["POST /api/v1/protect/awareness"] = "role: a CTSA records a session for their own unit (ProtectTests)",
        ["GET /protect/awareness"] = "protect page: through the use cases, which answer as the API does (ProtectTests, the walkthrough)",
        ["POST /protect/awareness"] = "protect page: through the use cases, which answer as the API does (ProtectTests, the walkthrough)",
        ["GET /api/v1/protect/queue"] = "own work: the caller's own sites through the filter (ProtectTests)",
        ["GET /api/v1/prepare/threat-levels"] = "every signed-in user: the levels are public knowledge (PrepareTests)",
        ["GET /api/v1/prepare/threat-levels/history"] = "every signed-in user: the levels are public knowledge (PrepareTests)",
        ["GET /api/v1/prepare/threat-levels/definitions"] = "every signed-in user: reference data",
        ["POST /api/v1/prepare/threat-levels"] = "role: the national duty officer alone (PrepareTests)",
        ["GET /api/v1/prepare/board"] = "role: the national roles alone (PrepareTests)",
        ["GET /api/v1/prepare/activations"] = "own unit: the caller's unit's activations (PrepareTests)",
        ["GET /api/v1/prepare/my-steps"] = "own unit and role: steps the caller's role owns (PrepareTests)",
        ["GET /api/v1/prepare/activations/{id:guid}"] = "own unit or national role: another unit's answers as missing (PrepareTests)",
        ["POST /api/v1/prepare/activations/{id:guid}/acknowledge"] = "own unit: another unit's answers as missing (PrepareTests)",
        ["POST /api/v1/prepare/activations/{id:guid}/steps/{step:int}"] = "own unit and the step's owner role (PrepareTests)",
        ["GET /api/v1/prepare/military-support"] = "role: the national roles alone (PrepareTests)",
        ["POST /api/v1/prepare/military-support"] = "role: the national duty officer or the operations centre",
        ["POST /api/v1/prepare/military-support/{id:guid}/deployments"] = "role: the national duty officer or the operations centre",
        ["POST /api/v1/prepare/military-support/{id:guid}/end"] = "role: the national duty officer or the operations centre",
        ["GET /protect"] = "protect page: through the use cases, which answer as the API does (ProtectTests, the walkthrough)",
        ["POST /protect"] = "protect page: through the use cases, which answer as the API does (ProtectTests, the walkthrough)",
        ["GET /protect/sites/new"] = "protect page: through the use cases, which answer as the API does (ProtectTests, the walkthrough)",
        ["POST /protect/sites/new"] = "protect page: through the use cases, which answer as the API does (ProtectTests, the walkthrough)",
        ["GET /protect/sites/{Id:guid}"] = "protect page: through the use cases, which answer as the API does (ProtectTests, the walkthrough)",
        ["POST /protect/sites/{Id:guid}"] = "protect page: through the use cases, which answer as the API does (ProtectTests, the walkthrough)",
        ["GET /protect/sites/{Id:guid}/edit"] = "protect page: through the use cases, which answer as the API does (ProtectTests, the walkthrough)",
        ["POST /protect/sites/{Id:guid}/edit"] = "protect page: through the use cases, which answer as the API does (ProtectTests, the walkthrough)",
        ["GET /protect/sites/{Id:guid}/assessments/new"] = "protect page: through the use cases, which answer as the API does (ProtectTests, the walkthrough)",
        ["POST /protect/sites/{Id:guid}/assessments/new"] = "protect page: through the use cases, which answer as the API does (ProtectTests, the walkthrough)",
        ["GET /protect/sites/{Id:guid}/recommendations/{Number:int}"] = "protect page: through the use cases, which answer as the API does (ProtectTests, the walkthrough)",
        ["POST /protect/sites/{Id:guid}/recommendations/{Number:int}"] = "protect page: through the use cases, which answer as the API does (ProtectTests, the walkthrough)",
        ["GET /api/v1/retention/policy"] = "officers: reference data, no record (RetentionPolicyTests)",
        ["PUT /api/v1/retention/policy/groups/{code}"] = "role: administrators (RetentionPolicyTests)",
        ["GET /api/v1/retention/queue"] = "role: records review officers; their unit through the label filter (RetentionTests)",
        ["GET /api/v1/retention/awaiting"] = "role: records review officers; their unit through the label filter (RetentionTests)",
        ["GET /api/v1/retention/records/{type}/{id:guid}"] = "role, own unit and the label filter: others as missing (RetentionTests)",
        ["POST /api/v1/retention/records/{type}/{id:guid}/reviews"] = "role, own unit and the label filter: others as missing (RetentionTests)",
        ["POST /api/v1/retention/reviews/{reviewId:guid}/confirm"] = "role, own unit, the label filter, not the proposer (RetentionTests)",
        ["POST /api/v1/retention/reviews/{reviewId:guid}/decline"] = "role, own unit, the label filter, not the proposer",
        ["GET /api/v1/retention/disposals"] = "role: records review officers (their unit) and auditors (the network); tombstones hold no personal data (RetentionTests)",
        ["GET /retention"] = "retention page: through the use cases, which answer as the API does (RetentionTests, the walkthrough)",
        ["GET /retention/records/{Type}/{Id:guid}"] = "retention page: through the use cases, which answer as the API does (RetentionTests, the walkthrough)",
        ["POST /retention/records/{Type}/{Id:guid}"] = "retention page: through the use cases, which answer as the API does (RetentionTests, the walkthrough)",
        ["POST /retention"] = "retention page: Blazor's form endpoint; the page has no form of its own (the queue's filter is a GET)",
        ["POST /retention/disposals"] = "retention page: Blazor's form endpoint; the page has no form of its own",
        ["GET /retention/disposals"] = "retention page: through the use cases, which answer as the API does (RetentionTests, the walkthrough)",
        ["GET /retention/policy"] = "retention page: reference data; changes by administrators only (RetentionPolicyTests)",
        ["POST /retention/policy"] = "retention page: reference data; changes by administrators only (RetentionPolicyTests)",
        ["GET /api/v1/national/picture"] = "own unit through the record filter; the network by role, finished months only, suppressed (NationalPictureTests)",
        ["GET /api/v1/national/budget/scenarios"] = "role: HQ planners, auditors, administrators (NationalPictureTests)",
        ["POST /api/v1/national/budget/scenarios"] = "role: HQ planners (NationalPictureTests)",
        ["GET /api/v1/national/budget/scenarios/{id:guid}"] = "role: HQ planners, auditors, administrators; others as missing (NationalPictureTests)",
        ["GET /api/v1/national/budget/compare"] = "role: HQ planners, auditors, administrators; others as missing",
        ["GET /national/picture.{format}"] = "as the picture: aggregate figures only (NationalPictureTests)",
        ["GET /national/budget/{id:guid}/scenario.{format}"] = "as the scenario: role, others as missing (NationalPictureTests)",
        ["GET /national"] = "national page: through the use cases, which answer as the API does (NationalPictureTests, the walkthrough)",
        ["POST /national"] = "national page: through the use cases, which answer as the API does (NationalPictureTests, the walkthrough)",
        ["GET /national/budget"] = "national page: through the use cases, which answer as the API does (NationalPictureTests, the walkthrough)",
        ["POST /national/budget"] = "national page: through the use cases, which answer as the API does (NationalPictureTests, the walkthrough)",
        ["GET /national/budget/{Id:guid}"] = "national page: through the use cases, which answer as the API does (NationalPictureTests, the walkthrough)",
        ["POST /national/budget/{Id:guid}"] = "national page: through the use cases, which answer as the API does (NationalPictureTests, the walkthrough)",
        ["GET /national/budget/compare"] = "national page: through the use cases, which answer as the API does (NationalPictureTests, the walkthrough)",
        ["POST /national/budget/compare"] = "national page: through the use cases, which answer as the API does (NationalPictureTests, the walkthrough)",
        ["GET /api/v1/operations/incidents"] = "the record filter: the incidents the caller is briefed on (their need-to-know group) (SurgeTests)",
        ["POST /api/v1/operations/incidents"] = "role: the operations centre (SurgeTests)",
        ["GET /api/v1/operations/incidents/{id:guid}"] = "the record filter: not briefed answers as missing (SurgeTests)",
        ["POST /api/v1/operations/incidents/{id:guid}/briefed"] = "the record filter, then role: the operations centre (SurgeTests)",
        ["POST /api/v1/operations/incidents/{id:guid}/end"] = "the record filter, then role: the operations centre",
        ["POST /api/v1/operations/incidents/{id:guid}/requests"] = "the record filter, then role: a regional unit's SIO or coordinator (SurgeTests)",
        ["POST /api/v1/operations/requests/{id:guid}/withdraw"] = "the record filter (the incident's group), then the requesting unit's SIO or coordinator, or the operations centre",
        ["GET /api/v1/operations/board"] = "role: the operations centre; requests through the record filter (SurgeTests)",
        ["POST /api/v1/operations/board/proposal"] = "role: the operations centre; requests through the record filter (SurgeTests)",
        ["POST /api/v1/operations/board/accept-all"] = "role: the operations centre; requests through the record filter (SurgeTests)",
        ["POST /api/v1/operations/lines/{id:guid}/decision"] = "the line's readers (briefed, or either unit), then role: the operations centre (SurgeTests)",
        ["POST /api/v1/operations/lines/{id:guid}/arrived"] = "the line's readers, then the receiving unit's SIO or coordinator or the operations centre (SurgeTests)",
        ["POST /api/v1/operations/lines/{id:guid}/stood-down"] = "the line's readers, then either unit's SIO or coordinator or the operations centre (SurgeTests)",
        ["POST /api/v1/operations/lines/{id:guid}/officers"] = "the line's readers, then the giving unit's SIO or coordinator or the operations centre; its own officers only (SurgeTests)",
        ["GET /api/v1/operations/my-deployments"] = "own: the deployments the caller is named on (SurgeTests)",
        ["GET /api/v1/operations/units/{code}"] = "own unit or the operations centre: another unit's answers as missing (SurgeTests)",
        ["POST /api/v1/operations/capacity"] = "own unit's SIO or coordinator, or the operations centre (SurgeTests)",
        ["GET /operations"] = "surge page: through the use cases, which answer as the API does (SurgeTests, the walkthrough)",
        ["POST /operations"] = "surge page: through the use cases, which answer as the API does (SurgeTests, the walkthrough)",
        ["GET /operations/incidents/new"] = "surge page: through the use cases, which answer as the API does (SurgeTests, the walkthrough)",
        ["POST /operations/incidents/new"] = "surge page: through the use cases, which answer as the API does (SurgeTests, the walkthrough)",
        ["GET /operations/incidents/{Id:guid}"] = "surge page: through the use cases, which answer as the API does (SurgeTests, the walkthrough)",
        ["POST /operations/incidents/{Id:guid}"] = "surge page: through the use cases, which answer as the API does (SurgeTests, the walkthrough)",
        ["GET /operations/incidents/{Id:guid}/requests/new"] = "surge page: through the use cases, which answer as the API does (SurgeTests, the walkthrough)",
        ["POST /operations/incidents/{Id:guid}/requests/new"] = "surge page: through the use cases, which answer as the API does (SurgeTests, the walkthrough)",
        ["GET /operations/board"] = "surge page: through the use cases, which answer as the API does (SurgeTests, the walkthrough)",
        ["POST /operations/board"] = "surge page: through the use cases, which answer as the API does (SurgeTests, the walkthrough)",
        ["GET /operations/lines/{Id:guid}"] = "surge page: through the use cases, which answer as the API does (SurgeTests, the walkthrough)",
        ["POST /operations/lines/{Id:guid}"] = "surge page: through the use cases, which answer as the API does (SurgeTests, the walkthrough)",
        ["GET /operations/units/{Code}"] = "surge page: through the use cases, which answer as the API does (SurgeTests, the walkthrough)",
        ["POST /operations/units/{Code}"] = "surge page: through the use cases, which answer as the API does (SurgeTests, the walkthrough)",
        ["GET /operations/units/{Code}/capacity"] = "surge page: through the use cases, which answer as the API does (SurgeTests, the walkthrough)",
        ["POST /operations/units/{Code}/capacity"] = "surge page: through the use cases, which answer as the API does (SurgeTests, the walkthrough)",
        ["GET /prepare"] = "prepare page: through the use cases, which answer as the API does (PrepareTests, the walkthrough)",
        ["POST /prepare"] = "prepare page: through the use cases, which answer as the API does (PrepareTests, the walkthrough)",
        ["GET /prepare/levels"] = "prepare page: through the use cases, which answer as the API does (PrepareTests, the walkthrough)",
        ["POST /prepare/levels"] = "prepare page: through the use cases, which answer as the API does (PrepareTests, the walkthrough)",
        ["GET /prepare/history"] = "prepare page: through the use cases, which answer as the API does (PrepareTests, the walkthrough)",
        ["POST /prepare/history"] = "prepare page: through the use cases, which answer as the API does (PrepareTests, the walkthrough)",
        ["GET /prepare/board"] = "prepare page: through the use cases, which answer as the API does (PrepareTests, the walkthrough)",
        ["POST /prepare/board"] = "prepare page: through the use cases, which answer as the API does (PrepareTests, the walkthrough)",
        ["GET /prepare/activations/{Id:guid}"] = "prepare page: through the use cases, which answer as the API does (PrepareTests, the walkthrough)",
        ["POST /prepare/activations/{Id:guid}"] = "prepare page: through the use cases, which answer as the API does (PrepareTests, the walkthrough)",
        ["GET /prepare/activations/{Id:guid}/steps/{Number:int}"] = "prepare page: through the use cases, which answer as the API does (PrepareTests, the walkthrough)",
        ["POST /prepare/activations/{Id:guid}/steps/{Number:int}"] = "prepare page: through the use cases, which answer as the API does (PrepareTests, the walkthrough)",
        ["GET /prepare/military-support"] = "prepare page: through the use cases, which answer as the API does (PrepareTests, the walkthrough)",
        ["POST /prepare/military-support"] = "prepare page: through the use cases, which answer as the API does (PrepareTests, the walkthrough)",
        ["GET /prepare/military-support/{Id:guid}"] = "prepare page: through the use cases, which answer as the API does (PrepareTests, the walkthrough)",
        ["POST /prepare/military-support/{Id:guid}"] = "prepare page: through the use cases, which answer as the API does (PrepareTests, the walkthrough)",
    };

    [Fact]
    public void EveryMappedEndpoint_IsInTheMatrixCatalogue()
    {
        // The static assets (the build's manifest: stylesheets, scripts, fonts, images) are public by design
        // and hold no data (StaticAssetsTests); every other endpoint must be catalogued.
        var mapped = matrix.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Where(e => !e.Contains("/_framework", StringComparison.Ordinal) && !e.Contains("{**", StringComparison.Ordinal))
            .ToHashSet();
        var uncovered = mapped.Where(e => !Catalogue.ContainsKey(e)).Order().ToList();
        Assert.True(uncovered.Count == 0, "Endpoints missing from the access matrix: " + string.Join(", ", uncovered));
    }
}

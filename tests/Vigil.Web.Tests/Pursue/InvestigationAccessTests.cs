using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Security;
using static Vigil.Web.Tests.Pursue.PursueApi;

namespace Vigil.Web.Tests.Pursue;

/// <summary>Need-to-know on investigations: only the team (its group) sees one. Everyone else, even in the
/// same unit and cleared for it, gets exactly what a missing investigation gets, on every endpoint.</summary>
public sealed class InvestigationAccessTests(VigilApp app) : IClassFixture<VigilApp>
{
    private sealed record Built(Guid Id, Guid ActionId, Guid ExhibitId, Guid SioId, string Operation);

    private async Task<Built> BuildAsync(HttpClient sio)
    {
        var opened = await OpenAsync(sio);
        var id = opened.GetProperty("id").GetGuid();
        var action = await PostAsync(sio, $"/api/v1/investigations/{id}/actions", new { title = "Trace the vehicle" }, HttpStatusCode.Created);
        await PostAsync(sio, $"/api/v1/investigations/{id}/policy-file", new { decision = "Open the investigation", rationale = "Credible intelligence" }, HttpStatusCode.Created);
        var exhibit = await PostAsync(sio, $"/api/v1/investigations/{id}/exhibits", new
        {
            reference = "ME/1", description = "Notebook", seizedBy = "DCI Morgan Ellery", seizedFrom = "Fictional address", seizedAt = app.Clock.GetUtcNow().AddHours(-1),
        }, HttpStatusCode.Created);
        using var form = new MultipartFormDataContent { { new ByteArrayContent("fictional notes"u8.ToArray()), "file", "notes.txt" } };
        await ExpectAsync(await sio.PutAsync($"/api/v1/investigations/{id}/exhibits/{exhibit.GetProperty("id").GetGuid()}/file", form), HttpStatusCode.OK);
        var sioId = opened.GetProperty("team")[0].GetProperty("userId").GetGuid();
        return new Built(id, action.GetProperty("id").GetGuid(), exhibit.GetProperty("id").GetGuid(), sioId, opened.GetProperty("operationName").GetString()!);
    }

    private IEnumerable<(string Method, string Route)> InvestigationEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.Contains("investigations/{id", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!)));

    private static string Fill(string route, Built b) => route
        .Replace("{id:guid}", b.Id.ToString(), StringComparison.OrdinalIgnoreCase)
        .Replace("{actionId:guid}", b.ActionId.ToString(), StringComparison.OrdinalIgnoreCase)
        .Replace("{exhibitId:guid}", b.ExhibitId.ToString(), StringComparison.OrdinalIgnoreCase)
        .Replace("{userId:guid}", b.SioId.ToString(), StringComparison.OrdinalIgnoreCase)
        .Replace("{step}", "result", StringComparison.Ordinal)
        .Replace("{number:int}", "1", StringComparison.Ordinal)
        .Replace("{form}", "MG6C", StringComparison.Ordinal);

    private static HttpRequestMessage Request(string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = url.EndsWith("/file", StringComparison.Ordinal)
                ? new MultipartFormDataContent { { new ByteArrayContent("x"u8.ToArray()), "file", "x.txt" } }
                : new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }
        return request;
    }

    [Fact]
    public async Task NonMemberOfTheSameUnit_Gets404_OnEveryInvestigationEndpointAndPage()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var built = await BuildAsync(sio);
        // Same unit, cleared to SECRET, an SIO even: but not in the team.
        const string outsider = "outsider.sio.london@vigil.example";
        await app.CreateUserAsync(outsider, Roles.Sio, "london", Classification.Secret);
        using var api = await app.ApiClientAsync(outsider);
        var page = await app.SignInAsync(outsider, VigilApp.TestPassword);
        var (_, home) = await page.GetAsync("/");
        var antiforgery = ((AngleSharp.Html.Dom.IHtmlInputElement)home.QuerySelector("input[name=__RequestVerificationToken]")!).Value;

        var endpoints = InvestigationEndpoints().ToList();
        Assert.True(endpoints.Count >= 54, $"only {endpoints.Count} investigation endpoints found");
        foreach (var (method, route) in endpoints)
        {
            var url = Fill(route, built);
            HttpResponseMessage response;
            if (url.StartsWith("/api/", StringComparison.Ordinal))
            {
                response = await api.SendAsync(Request(method, url));
            }
            else if (method == "GET")
            {
                response = await page.Http.GetAsync(url);
            }
            else
            {
                // A form post to a page of a hidden investigation answers exactly as one to a missing investigation.
                response = await page.PostFormAsync(url, [new("__RequestVerificationToken", antiforgery), new("_handler", "anything")]);
                var missing = await page.PostFormAsync(url.Replace(built.Id.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal),
                    [new("__RequestVerificationToken", antiforgery), new("_handler", "anything")]);
                Assert.True(missing.StatusCode == response.StatusCode && (int)response.StatusCode >= 400, $"{method} {route}: {(int)response.StatusCode} vs missing {(int)missing.StatusCode}");
                Assert.DoesNotContain(built.Operation, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
                continue;
            }
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {route}: {(int)response.StatusCode}");
            Assert.DoesNotContain(built.Operation, body, StringComparison.OrdinalIgnoreCase);
        }

        var caseload = await api.GetFromJsonAsync<JsonElement>("/api/v1/investigations?includeClosed=true&pageSize=200");
        Assert.DoesNotContain(caseload.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == built.Id);
        var queue = await api.GetFromJsonAsync<JsonElement>("/api/v1/investigations/actions?overdue=false&open=true&pageSize=200");
        Assert.DoesNotContain(queue.GetProperty("items").EnumerateArray(), a => a.GetProperty("investigationId").GetGuid() == built.Id);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Refused && e.RecordId == built.Id.ToString() && e.UserName == outsider)));
    }

    [Fact]
    public async Task HiddenInvestigation_AnswersExactlyLikeAMissingOne()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var built = await BuildAsync(sio);
        using var other = await app.ApiClientAsync(DemoUsers.InvestigatorLondon);
        foreach (var suffix in new[] { "", "/actions", "/policy-file", "/exhibits", $"/actions/{built.ActionId}" })
        {
            var hidden = await other.GetAsync($"/api/v1/investigations/{built.Id}{suffix}");
            var missing = await other.GetAsync($"/api/v1/investigations/{Guid.NewGuid()}{suffix.Replace(built.ActionId.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal)}");
            Assert.Equal(missing.StatusCode, hidden.StatusCode);
            Assert.Equal(Problems.WithoutTrace(await missing.Content.ReadAsStringAsync()), Problems.WithoutTrace(await hidden.Content.ReadAsStringAsync()));
            Assert.Equal(missing.Content.Headers.ContentType?.MediaType, hidden.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task AddingAndRemovingAMember_TakesEffectOnTheNextRequest()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var built = await BuildAsync(sio);
        using var investigator = await app.ApiClientAsync(DemoUsers.InvestigatorLondon);
        var investigatorId = await app.AsSystemAsync(db => db.Users.Where(u => u.Email == DemoUsers.InvestigatorLondon).Select(u => u.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync($"/api/v1/investigations/{built.Id}/actions/{built.ActionId}")).StatusCode);
        await AddMemberAsync(sio, built.Id, DemoUsers.InvestigatorLondon, "Officer");
        Assert.Equal(HttpStatusCode.OK, (await investigator.GetAsync($"/api/v1/investigations/{built.Id}/actions/{built.ActionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await investigator.GetAsync($"/api/v1/investigations/{built.Id}/exhibits/{built.ExhibitId}/file")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await sio.DeleteAsync($"/api/v1/investigations/{built.Id}/team/{investigatorId}")).StatusCode);
        // Same token, very next request: gone, from the record and from everything in it.
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync($"/api/v1/investigations/{built.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync($"/api/v1/investigations/{built.Id}/actions/{built.ActionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await investigator.GetAsync($"/api/v1/investigations/{built.Id}/exhibits/{built.ExhibitId}/file")).StatusCode);
        Assert.False(await app.AsSystemAsync(db => db.GroupMemberships.AnyAsync(m => m.UserId == investigatorId && db.Set<Vigil.Web.Pursue.Investigation>().Any(i => i.Id == built.Id && i.GroupId == m.GroupId))));
    }

    [Fact]
    public async Task TeamMembersWithoutCommand_CannotChangePhaseTeamOrPolicyFile()
    {
        using var sio = await app.ApiClientAsync(DemoUsers.SioLondon);
        var built = await BuildAsync(sio);
        await AddMemberAsync(sio, built.Id, DemoUsers.InvestigatorLondon, "Officer");
        using var officer = await app.ApiClientAsync(DemoUsers.InvestigatorLondon);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/investigations/{built.Id}/transitions", new { to = "Investigation", reason = "I think so" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/investigations/{built.Id}/team", new { email = DemoUsers.DisclosureLondon, role = "Officer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/investigations/{built.Id}/policy-file", new { decision = "Mine", rationale = "Because" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/investigations/{built.Id}/disclosure/MG6D/sign-off", new { })).StatusCode);
        // ...but may do the team's work.
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync($"/api/v1/investigations/{built.Id}/actions", new { title = "House-to-house enquiries" })).StatusCode);
        var read = await sio.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{built.Id}");
        Assert.Equal("IntelligenceDevelopment", read.GetProperty("phase").GetString());
    }

    [Theory]
    [InlineData(DemoUsers.PreventNorthWest)]
    [InlineData(DemoUsers.AnalystWales)]
    [InlineData(DemoUsers.Auditor)]
    public async Task Opening_NeedsAnSioOrInvestigatorOfAUnit(string email)
    {
        using var api = await app.ApiClientAsync(email);
        var response = await api.PostAsJsonAsync("/api/v1/investigations", new
        {
            operationName = UniqueOperation("REFUSED"), lead = "Joint", threatType = "extreme-right-wing", risk = "Low", classification = "Official",
        });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task APartnerAgencysMember_FindsNoInvestigationsApiAtAll()
    {
        using var api = await app.ApiClientAsync(DemoUsers.ChannelManchester);
        var open = await api.PostAsJsonAsync("/api/v1/investigations", new
        {
            operationName = UniqueOperation("REFUSED"), lead = "Joint", threatType = "extreme-right-wing", risk = "Low", classification = "Official",
        });
        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/investigations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/investigations/actions")).StatusCode);
    }

    [Fact]
    public async Task Opening_AboveYourClearance_IsRefused_AndAnInvestigatorCanAppointAnSio()
    {
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var above = await ExpectAsync(await northWest.PostAsJsonAsync("/api/v1/investigations", new
        {
            operationName = UniqueOperation("HIGH"), lead = "Joint", threatType = "extreme-right-wing", risk = "Low", classification = "Secret",
        }), HttpStatusCode.BadRequest);
        Assert.Contains("above your own clearance", Errors(above), StringComparison.Ordinal);

        var opened = await OpenAsync(northWest);
        Assert.Equal("Officer", opened.GetProperty("yourRole").GetString());
        Assert.False(opened.GetProperty("youCommand").GetBoolean());
        Assert.True(opened.GetProperty("youMayAppoint").GetBoolean());
        // Until an SIO or deputy is appointed, the team can do nothing else of command.
        Assert.Equal(HttpStatusCode.Forbidden, (await northWest.PostAsJsonAsync($"/api/v1/investigations/{opened.GetProperty("id").GetGuid()}/transitions", new { to = "Investigation", reason = "Not mine to decide" })).StatusCode);
        var id = opened.GetProperty("id").GetGuid();
        // Only an accredited SIO can lead it.
        var notSio = await ExpectAsync(await northWest.PostAsJsonAsync($"/api/v1/investigations/{id}/team", new { email = DemoUsers.PreventNorthWest, role = "Sio" }), HttpStatusCode.BadRequest);
        Assert.Contains("accredited as an SIO", Errors(notSio), StringComparison.Ordinal);
        const string sio = "sio.officialonly.northwest@vigil.example";
        await app.CreateUserAsync(sio, Roles.Sio, "north-west", Classification.Official);
        var withSio = await AddMemberAsync(northWest, id, sio, "Sio");
        Assert.False(withSio.GetProperty("youCommand").GetBoolean());
    }
}

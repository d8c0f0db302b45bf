using System.Text.Json;

namespace Vigil.Web.Tests.Platform;

/// <summary>The OpenAPI document is one an integrator can generate a client from.</summary>
public sealed class ApiDocumentTests(VigilApp app) : IClassFixture<VigilApp>
{
    private static readonly string[] Verbs = ["get", "put", "post", "delete", "patch"];

    private async Task<List<(string Path, string Verb, JsonElement Operation)>> OperationsAsync()
    {
        using var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        return [.. document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => Verbs.Contains(o.Name)).Select(o => (p.Name, o.Name, o.Value.Clone())))];
    }

    [Fact]
    public void OperationId_IsMadeFromTheMethodAndRoute()
    {
        Assert.Equal("postInvestigationsByIdActions", Vigil.Web.Platform.Api.ApiDocument.OperationId("POST", "api/v1/investigations/{id:guid}/actions"));
        Assert.Equal("getPreventCasesByIdReviewsDue", Vigil.Web.Platform.Api.ApiDocument.OperationId("GET", "api/v1/prevent/cases/{id}/reviews-due"));
    }

    [Fact]
    public async Task EveryOperation_HasAUniqueOperationId_AndATagInUsersWords()
    {
        var operations = await OperationsAsync();
        Assert.True(operations.Count > 80, $"only {operations.Count} operations documented");
        var ids = operations.Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();
        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        string[] words = ["Subjects", "Deconfliction", "Investigations", "Prevent", "Intelligence", "ACT", "Protect", "Prepare", "Surge", "National picture", "Retention", "Search", "Link chart", "Network", "Inbox", "Audit log", "Your account", "Administration"];
        Assert.All(operations, o => Assert.Contains(Assert.Single(o.Operation.GetProperty("tags").EnumerateArray()).GetString(), words));
    }

    [Fact]
    public async Task EveryOperation_HasASummaryInUsersWords()
    {
        var missing = (await OperationsAsync())
            .Where(o => !o.Operation.TryGetProperty("summary", out var summary) || summary.GetString() is not { Length: > 10 })
            .Select(o => $"{o.Verb.ToUpperInvariant()} {o.Path}").ToList();
        Assert.True(missing.Count == 0, "No summary: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task EveryOperationButTheAnonymousOnes_NeedsTheBearerToken_AndDocumentsItsRefusal()
    {
        using var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("PersonalAccessToken");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        var operations = await OperationsAsync();
        Assert.All(operations, o => Assert.StartsWith("/api/v1/", o.Path, StringComparison.Ordinal));
        var anonymous = operations.Where(o => !o.Operation.TryGetProperty("security", out _)).Select(o => $"{o.Verb} {o.Path}").ToList();
        // The public's forms alone are open to everyone (their posts are limited per address), with the lists they offer:
        // the Prevent referral, and ACT's report and the reporter's follow-up.
        Assert.Equal(["get /api/v1/act/behaviours", "get /api/v1/prevent/areas", "get /api/v1/prevent/concern-types", "post /api/v1/act/follow-up",
            "post /api/v1/act/reports", "post /api/v1/prevent/public-referrals"], anonymous.Order());
        Assert.All(operations.Where(o => o.Operation.TryGetProperty("security", out _)), o =>
        {
            Assert.Equal("PersonalAccessToken", Assert.Single(Assert.Single(o.Operation.GetProperty("security").EnumerateArray()).EnumerateObject()).Name);
            Assert.True(o.Operation.GetProperty("responses").TryGetProperty("401", out var refused), $"{o.Verb} {o.Path} documents no 401");
            Assert.True(refused.GetProperty("content").TryGetProperty("application/problem+json", out _));
        });
    }

    [Fact]
    public async Task UseCases_DocumentEveryOutcome_WithTheRealStatus()
    {
        var operations = await OperationsAsync();
        JsonElement Responses(string verb, string path) => operations.Single(o => o.Verb == verb && o.Path == path).Operation.GetProperty("responses");
        string[] Statuses(JsonElement responses) => [.. responses.EnumerateObject().Select(r => r.Name).Order()];

        // Raising an action creates it (201 with the action), or says why not: invalid, missing or hidden, not for the
        // user's part, or not as the investigation stands.
        var raise = Responses("post", "/api/v1/investigations/{id}/actions");
        Assert.Equal(["201", "400", "401", "403", "404", "409"], Statuses(raise));
        Assert.True(raise.GetProperty("201").GetProperty("content").GetProperty("application/json").TryGetProperty("schema", out _));
        Assert.True(raise.GetProperty("409").GetProperty("content").TryGetProperty("application/problem+json", out _));
        // A Prevent step answers with the case, or with the same refusals (a stale version is a 409).
        Assert.Equal(["200", "400", "401", "403", "404", "409"], Statuses(Responses("post", "/api/v1/prevent/cases/{id}/gateway")));
        // Subjects are on the same pipeline: a change on a stale copy is a documented 409.
        Assert.Contains("409", Statuses(Responses("put", "/api/v1/subjects/{id}")));
        // A throttled operation documents its 429.
        Assert.Contains("429", Statuses(Responses("post", "/api/v1/deconfliction/checks")));
        // The modules' operations say what they do.
        var modules = operations.Where(o => o.Path.StartsWith("/api/v1/investigations", StringComparison.Ordinal) || o.Path.StartsWith("/api/v1/prevent/cases", StringComparison.Ordinal)
            || o.Path.StartsWith("/api/v1/subjects", StringComparison.Ordinal)).ToList();
        Assert.All(modules, o => Assert.True(o.Operation.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 10, $"{o.Verb} {o.Path} has no summary"));
    }
}

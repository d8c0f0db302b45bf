using System.Text;
using System.Text.Json;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;

namespace Vigil.Web.Tests.Security;

/// <summary>Tokens, role and group changes taking effect at once, and labels in request bodies checked
/// against the user's own rights.</summary>
public sealed class ApiAccessTests(VigilApp app) : IClassFixture<VigilApp>
{
    [Fact]
    public async Task Token_Revoked_IsRefusedOnTheNextRequest()
    {
        using var api = await app.ApiClientAsync(DemoUsers.AnalystWales);
        var me = await api.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(DemoUsers.AnalystWales, me.GetProperty("email").GetString());
        var tokens = await api.GetFromJsonAsync<JsonElement>("/api/v1/tokens");
        var id = tokens.EnumerateArray().First(t => t.GetProperty("revokedAt").ValueKind == JsonValueKind.Null).GetProperty("id").GetGuid();
        // Revoke every active token of the user, including the one in use.
        foreach (var token in tokens.EnumerateArray())
        {
            await api.DeleteAsync($"/api/v1/tokens/{token.GetProperty("id").GetGuid()}");
        }
        var after = await api.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType!.MediaType);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.TokenRevoked && e.RecordId == id.ToString())));
        await app.FlushRejectionsAsync();
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.TokenRejected && e.Detail!.Contains("revoked token"))));
    }

    [Fact]
    public async Task Token_Expired_IsRefused()
    {
        using var api = await app.ApiClientAsync(DemoUsers.CtsaWales);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
        var now = app.Clock.GetUtcNow();
        await app.AsSystemAsync(db => db.PersonalAccessTokens.Where(t => t.User!.Email == DemoUsers.CtsaWales)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.ExpiresAt, now.AddMinutes(-1))));
        var response = await api.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await app.FlushRejectionsAsync();
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.TokenRejected && e.Detail!.Contains("expired token"))));
    }

    [Fact]
    public async Task Token_Unknown_IsRefused()
    {
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", "vgl_thisisnotatokenthatexists0000000000000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Token_StoredOnlyAsHash()
    {
        var secret = await app.TokenForAsync(DemoUsers.CoordinatorNoc, "hash check");
        var stored = await app.AsSystemAsync(db => db.PersonalAccessTokens.Where(t => t.Name == "hash check").Select(t => t.Hash).SingleAsync());
        Assert.NotEqual(secret, stored);
        Assert.Equal(PersonalAccessTokens.Hash(secret), stored);
    }

    [Fact]
    public async Task RoleRemoved_TakesEffectOnTheNextRequest()
    {
        var email = "auditor.temp@test.vigil.example";
        var id = await app.CreateUserAsync(email, Roles.Auditor, "nctphq", Classification.Official);
        using var auditor = await app.ApiClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/v1/audit")).StatusCode);

        using var admin = await app.ApiClientAsync(DemoUsers.Admin);
        var change = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { displayName = "Temp", unitCode = "nctphq", clearance = "Official", roles = new[] { Roles.Analyst }, groups = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync("/api/v1/audit")).StatusCode);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Update && e.RecordType == "user" && e.RecordId == id.ToString())));
    }

    [Fact]
    public async Task GroupMembershipRemoved_HidesItsRecordsAtOnce()
    {
        // A group administrators manage (not a team's or a panel's), and a record restricted to it.
        var (group, record) = await app.AsSystemAsync(async db =>
        {
            var london = await db.Set<Vigil.Web.Network.Unit>().Where(u => u.Code == "london").Select(u => u.Id).SingleAsync();
            var compartment = new NeedToKnowGroup { Name = "Test compartment " + Guid.NewGuid().ToString("N")[..8], OwningUnitId = london };
            var subject = new Subject
            {
                GivenName = "Isolde", Surname = "Marchetti-Quain", Classification = Classification.Official, OwningUnitId = london,
                NeedToKnow = [new RecordGroup { GroupId = compartment.Id }],
            };
            db.AddRange(compartment, subject);
            await db.SaveChangesAsync();
            return (compartment.Id, subject.Id);
        });
        var email = "compartment.temp@test.vigil.example";
        var id = await app.CreateUserAsync(email, Roles.Investigator, "london", Classification.Official, [group]);
        using var member = await app.ApiClientAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/v1/subjects/{record}")).StatusCode);

        using var admin = await app.ApiClientAsync(DemoUsers.Admin);
        var change = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { displayName = "Temp", unitCode = "london", clearance = "Official", roles = new[] { Roles.Investigator }, groups = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/v1/subjects/{record}")).StatusCode);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Refused && e.RecordId == record.ToString())));
    }

    [Fact]
    public async Task Administrator_CannotRaiseOwnClearance()
    {
        using var admin = await app.ApiClientAsync(DemoUsers.Admin);
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var id = me.GetProperty("id").GetGuid();
        var response = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { displayName = "Admin Robin Falk", unitCode = "nctphq", clearance = "TopSecret", roles = new[] { Roles.Administrator }, groups = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("above your own", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Classification.Official, await app.AsSystemAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Clearance).SingleAsync()));
    }

    [Theory]
    [InlineData("""{"givenName":"A","surname":"B","classification":"TopSecret"}""", "classification", "above your own clearance")]
    [InlineData("""{"givenName":"A","surname":"B","classification":"Official","owningUnit":"london"}""", "owningUnit", "your own unit")]
    [InlineData("""{"givenName":"A","surname":"B","classification":"Official","needToKnowGroups":["00000000-0000-0000-0000-000000000001"]}""", "needToKnowGroups", "groups you belong to")]
    [InlineData("""{"givenName":"A","surname":"B","classification":"Secret","officialSensitive":true}""", "classification", "OFFICIAL records only")]
    public async Task CreateSubject_LabelBeyondOwnRights_IsRefused(string body, string field, string message)
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var before = await app.AsSystemAsync(db => db.Set<Subject>().CountAsync());
        var response = await api.PostAsync("/api/v1/subjects", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        var key = errors.EnumerateObject().Single(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(message, key.Value[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.AsSystemAsync(db => db.Set<Subject>().CountAsync()));
    }

    [Fact]
    public async Task SubjectLifecycle_CreateReadUpdateDelete_AllAudited()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var created = await api.PostAsJsonAsync("/api/v1/subjects", new { givenName = "Ada", surname = "Quillfeather", dateOfBirth = "1991-04-02", classification = "Official", officialSensitive = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var subject = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = subject.GetProperty("id").GetGuid();
        Assert.Equal("north-west", subject.GetProperty("owningUnit").GetString());

        var read = await api.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{id}?purpose=case%20review");
        var updated = await api.PutAsJsonAsync($"/api/v1/subjects/{id}", new { givenName = "Ada", surname = "Quillfeather-Stone", classification = "Official", version = read.GetProperty("version").GetGuid() });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/subjects/{id}?purpose=duplicate")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/subjects/{id}")).StatusCode);

        var actions = await app.AsSystemAsync(db => db.AuditEntries.Where(e => e.RecordType == "subject" && e.RecordId == id.ToString()).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
        // The last GET, for a record that no longer exists, is audited too (as a refusal would be: same work).
        Assert.Equal([AuditActions.Create, AuditActions.Read, AuditActions.Update, AuditActions.Delete, AuditActions.Delete, AuditActions.NotFound], actions);
        var readEntry = await app.AsSystemAsync(db => db.AuditEntries.SingleAsync(e => e.RecordId == id.ToString() && e.Action == AuditActions.Read));
        Assert.Equal("case review", readEntry.Purpose);
        Assert.Equal(DemoUsers.InvestigatorNorthWest, readEntry.UserName);
        Assert.NotNull(readEntry.UnitId);
    }

    [Fact]
    public async Task Update_WithStaleVersion_IsAConflictAndOverwritesNothing()
    {
        using var api = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var created = await (await api.PostAsJsonAsync("/api/v1/subjects", new { givenName = "Conflict", surname = "Case", classification = "Official" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var version = created.GetProperty("version").GetGuid();
        var first = await api.PutAsJsonAsync($"/api/v1/subjects/{id}", new { givenName = "Conflict", surname = "First", classification = "Official", version });
        var second = await api.PutAsJsonAsync($"/api/v1/subjects/{id}", new { givenName = "Conflict", surname = "Second", classification = "Official", version });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType!.MediaType);
        Assert.Equal("First", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/subjects/{id}")).GetProperty("surname").GetString());
    }

    [Fact]
    public async Task AuditLog_AuditorsOwnSearch_IsAudited()
    {
        using var api = await app.ApiClientAsync(DemoUsers.Auditor);
        var page = await api.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=sign-in&pageSize=5");
        Assert.True(page.GetProperty("items").GetArrayLength() <= 5);
        Assert.True(await app.AsSystemAsync(db => db.AuditEntries.AnyAsync(e => e.RecordType == "audit-log" && e.UserName == DemoUsers.Auditor && e.Action == AuditActions.Search)));
    }
}

using System.Text.Json;

namespace Vigil.Web.Tests.Pursue;

/// <summary>Intents for the Pursue tests: open an investigation and build up its incident room through the API.</summary>
public static class PursueApi
{
    public static string UniqueOperation(string stem) => Unique.Operation(stem);

    public static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(body);
    }

    public static async Task<JsonElement> OpenAsync(HttpClient api, string? name = null, string risk = "Medium", string classification = "Official", bool officialSensitive = true) =>
        await ExpectAsync(await api.PostAsJsonAsync("/api/v1/investigations", new
        {
            operationName = name ?? UniqueOperation("TEST"),
            summary = "Fictional test investigation.",
            lead = "Joint",
            threatType = "extreme-right-wing",
            activities = new[] { "attack-planning", "online-radicalisation" },
            risk,
            classification,
            officialSensitive,
        }), HttpStatusCode.Created);

    public static async Task<JsonElement> PostAsync(HttpClient api, string url, object body, HttpStatusCode status = HttpStatusCode.OK) =>
        await ExpectAsync(await api.PostAsJsonAsync(url, body), status);

    public static async Task<JsonElement> AddMemberAsync(HttpClient api, Guid id, string email, string role) =>
        await PostAsync(api, $"/api/v1/investigations/{id}/team", new { email, role });

    public static async Task<JsonElement> MoveAsync(HttpClient api, Guid id, string to, string reason = "The evidence supports the next phase.", object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["to"] = to, ["reason"] = reason };
        foreach (var p in extra?.GetType().GetProperties() ?? [])
        {
            body[p.Name] = p.GetValue(extra);
        }
        return await PostAsync(api, $"/api/v1/investigations/{id}/transitions", body);
    }

    public static string Errors(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? string.Join(" | ", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(v => $"{e.Name}: {v.GetString()}"))) : problem.ToString();
}

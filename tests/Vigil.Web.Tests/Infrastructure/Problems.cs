namespace Vigil.Web.Tests.Infrastructure;

/// <summary>Comparing two API answers that must not differ (a hidden record and a missing one).</summary>
public static class Problems
{
    /// <summary>The body without its trace id: the only part that may differ between two such answers.</summary>
    public static string WithoutTrace(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "\"traceId\":\"\"");
}

/// <summary>An API answer that must have succeeded, read as JSON (the status and body in the failure when it did not).</summary>
public static class Answers
{
    public static async Task<System.Text.Json.JsonElement> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }
}

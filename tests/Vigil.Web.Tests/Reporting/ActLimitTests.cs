using Vigil.Web.Reporting;
using Vigil.Web.Tests.Prevent;

namespace Vigil.Web.Tests.Reporting;

/// <summary>The ACT API counts each post against its caller's limit in the transaction that saves the report (so a
/// post costs no write of its own under a surge): the limit holds exactly all the same, when the posts come one at a
/// time, together, or refused as invalid, and a post over the limit saves nothing.</summary>
public sealed class ActLimitTests(LowPublicFormLimitApp app) : IClassFixture<LowPublicFormLimitApp>
{
    private HttpClient From(string address)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return client;
    }

    private Task<int> SavedAsync(string marker) => app.AsSystemAsync(db => db.Set<ActReport>().CountAsync(r => r.WhatHappened.StartsWith(marker)));

    private static object Report(string marker) => ActIntakeTests.Report($"{marker} A fictional person photographed the gates.");

    [Fact]
    public async Task PostsTogether_FromOneAddress_SaveExactlyTheLimit_TheRestAre429WithRetryAfter()
    {
        var marker = $"[limit-{Guid.NewGuid():N}]";
        using var client = From(TestClientAddress.Next());
        var responses = await Task.WhenAll(Enumerable.Range(0, 3 * LowPublicFormLimitApp.Permits).Select(_ => client.PostAsJsonAsync("/api/v1/act/reports", Report(marker))));

        Assert.Equal(LowPublicFormLimitApp.Permits, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Accepted).ToList();
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.All(refused, r => Assert.InRange(r.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)));
        Assert.Equal(LowPublicFormLimitApp.Permits, await SavedAsync(marker));

        // Another caller is not held back.
        using var other = From(TestClientAddress.Next());
        Assert.Equal(HttpStatusCode.Accepted, (await other.PostAsJsonAsync("/api/v1/act/reports", Report(marker))).StatusCode);
        Assert.Equal(LowPublicFormLimitApp.Permits + 1, await SavedAsync(marker));
    }

    [Fact]
    public async Task InvalidPosts_CountToo_AndTheNextValidOneIsRefused_SavingNothing()
    {
        var marker = $"[invalid-{Guid.NewGuid():N}]";
        using var client = From(TestClientAddress.Next());
        for (var i = 0; i < LowPublicFormLimitApp.Permits; i++)
        {
            // Refused for what it lacks, not for the limit; counted all the same.
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/act/reports", new { })).StatusCode);
        }
        var refused = await client.PostAsJsonAsync("/api/v1/act/reports", Report(marker));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Equal(0, await SavedAsync(marker));
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Reporting;

namespace Vigil.Web.Tests.Reporting;

/// <summary>The app with the public forms' limit out of reach, so thousands of hostile requests reach the code behind it.</summary>
public sealed class UnlimitedPublicFormApp : VigilApp
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>(DefaultSettings)
    {
        ["Vigil:PublicForm:PermitsPerTenMinutes"] = "1000000",
    };
}

/// <summary>
/// Every anonymous ACT route, fed thousands of malformed, oversized and hostile bodies and files (generated from a
/// seed, printed on failure): no answer is a server error, and nothing is half-stored: every report accepted is
/// there whole (its people, vehicles, files and contact details as sent), nothing refused left a row behind, the
/// later processing copes with whatever was kept, and the audit chain is intact at the end.
/// </summary>
public sealed class ActFuzzTests(UnlimitedPublicFormApp app) : IClassFixture<UnlimitedPublicFormApp>
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("VIGIL_FUZZ_SEED"), out var s) ? s : 15_2026;

    private static readonly string[] Hostile =
    [
        "", " ", "\0", "\u202Eevil\u202C", "<script>alert(1)</script>", "'; DROP TABLE \"ActReports\"; --", "../../etc/passwd", "C:\\Windows\\win.ini",
        "\uD800", "\uDFFF", "😀😀😀", "e\u0301", new string('x', 10_001), new string('é', 70_000), "%00%0d%0a", "\r\nSet-Cookie: a=b", "null", "{}",
        "M11 3FF", "m113ff", "SW1A 1AA", "ZZ99 9ZZ", "BT1 1AA", "https://example.test/a?b=c", "javascript:alert(1)", "file:///etc/passwd", "DM24 ACT",
        "2026-02-30", "25:61", "14:30", "hostile-reconnaissance", "other", "online-content", "weapons",
    ];

    private static readonly string[] Behaviours = ["hostile-reconnaissance", "other", "online-content", "weapons", "no-such-behaviour", ""];

    /// <summary>A value for a field: usually a hostile string, sometimes the wrong JSON type altogether.</summary>
    private static JsonNode? Value(Random r) => r.Next(10) switch
    {
        0 => null,
        1 => JsonValue.Create(r.Next(int.MinValue, int.MaxValue)),
        2 => JsonValue.Create(r.NextDouble() * 1e300),
        3 => JsonValue.Create(r.Next(2) == 0),
        4 => new JsonArray(JsonValue.Create("a"), JsonValue.Create(1)),
        5 => new JsonObject { ["nested"] = JsonValue.Create("x") },
        _ => JsonValue.Create(Hostile[r.Next(Hostile.Length)]),
    };

    private static string Text(Random r) => Hostile[r.Next(Hostile.Length)];

    /// <summary>A file's bytes: a real image with metadata, or one cut short, lying about its chunks, or not an image at all.</summary>
    private static byte[] FileBytes(Random r)
    {
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x08, (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0, 0xFF, 0xDA, 0x00, 0x02, 0x11, 0x22, 0xFF, 0xD9 };
        var png = Png(r.Next(3) == 0 ? 0xFFFF_FFF0u : 13);
        byte[] junk = [.. Enumerable.Range(0, r.Next(0, 2000)).Select(_ => (byte)r.Next(256))];
        return r.Next(9) switch
        {
            0 => jpeg,
            1 => jpeg[..r.Next(3, jpeg.Length)],
            2 => [.. jpeg[..4], 0xFF, 0xFF, .. junk],
            3 => png,
            4 => png[..r.Next(8, png.Length)],
            5 => [.. "%PDF-1.7\n"u8.ToArray(), .. junk],
            6 => [0xFF, 0xD8, 0xFF, .. junk],
            7 => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. junk],
            _ => junk,
        };
    }

    /// <summary>A PNG with a header chunk of the given declared length, a text chunk and an end.</summary>
    private static byte[] Png(uint headerLength)
    {
        var bytes = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        void Chunk(string type, byte[] data, uint? declared = null)
        {
            var length = declared ?? (uint)data.Length;
            bytes.AddRange([(byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length]);
            bytes.AddRange(Encoding.ASCII.GetBytes(type));
            bytes.AddRange(data);
            bytes.AddRange([0, 0, 0, 0]);
        }
        Chunk("IHDR", new byte[13], headerLength);
        Chunk("tEXt", "Comment\0GPS 53.48 -2.2"u8.ToArray());
        Chunk("IEND", []);
        return [.. bytes];
    }

    private static JsonNode? Files(Random r)
    {
        if (r.Next(3) == 0)
        {
            return Value(r);
        }
        var files = new JsonArray();
        for (var i = r.Next(0, 6); i > 0; i--)
        {
            files.Add(new JsonObject
            {
                ["fileName"] = r.Next(4) == 0 ? Value(r) : JsonValue.Create(Text(r)),
                ["content"] = r.Next(6) switch
                {
                    0 => JsonValue.Create("not base64 at all!"),
                    1 => Value(r),
                    _ => JsonValue.Create(Convert.ToBase64String(FileBytes(r))),
                },
            });
        }
        return files;
    }

    /// <summary>A report body: a sound one with some fields replaced by hostile values or wrong types.</summary>
    private static JsonObject Body(Random r)
    {
        var body = new JsonObject
        {
            ["behaviour"] = r.Next(4) == 0 ? Behaviours[r.Next(Behaviours.Length)] : "hostile-reconnaissance",
            ["whatHappened"] = "A fictional person photographed the turnstiles.",
            ["postcode"] = "M11 3FF",
            ["seenOn"] = "2026-11-27",
        };
        var fields = new[] { "immediateThreat", "behaviour", "behaviourOther", "whatHappened", "seenOn", "seenAt", "online", "postcode", "address", "placeDescription", "onlineLink", "anythingElse", "website" };
        foreach (var field in fields.Where(_ => r.Next(10) == 0))
        {
            body[field] = Value(r);
        }
        if (r.Next(3) == 0)
        {
            var people = new JsonArray();
            for (var i = r.Next(0, 8); i > 0; i--)
            {
                people.Add(r.Next(5) == 0 ? Value(r) : new JsonObject { ["name"] = Value(r), ["description"] = Value(r) });
            }
            body["people"] = r.Next(6) == 0 ? Value(r) : people;
        }
        if (r.Next(3) == 0)
        {
            var vehicles = new JsonArray();
            for (var i = r.Next(0, 8); i > 0; i--)
            {
                vehicles.Add(new JsonObject { ["registration"] = Value(r), ["make"] = Value(r), ["colour"] = Value(r) });
            }
            body["vehicles"] = vehicles;
        }
        if (r.Next(3) == 0)
        {
            body["contact"] = r.Next(5) == 0 ? Value(r) : new JsonObject { ["name"] = Value(r), ["phone"] = Value(r), ["email"] = Value(r) };
        }
        if (r.Next(3) == 0)
        {
            body["files"] = Files(r);
        }
        return body;
    }

    /// <summary>Bytes that are not a report at all: broken JSON, other shapes, deep nesting, nothing.</summary>
    private static (byte[] Content, string Type) Malformed(Random r) => r.Next(8) switch
    {
        0 => ("{\"behaviour\": \"other\", "u8.ToArray(), "application/json"),
        1 => ([.. Enumerable.Range(0, r.Next(1, 500)).Select(_ => (byte)r.Next(256))], "application/json"),
        2 => (Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)), "application/json"),
        3 => ("null"u8.ToArray(), "application/json"),
        4 => ("[1,2,3]"u8.ToArray(), "application/json"),
        5 => ([], "application/json"),
        6 => ("behaviour=other&whatHappened=x"u8.ToArray(), "application/x-www-form-urlencoded"),
        _ => ("{\"whatHappened\": \"x\"}"u8.ToArray(), "text/plain"),
    };

    private sealed record Sent(string Reference, JsonObject Body);

    [Fact]
    public async Task AnonymousRoutes_ThousandsOfHostileBodies_NeverFail_AndNothingIsHalfStored()
    {
        var random = new Random(Seed);
        using var client = ActIntakeTests.Public(app);
        var before = await app.AsSystemAsync(async db => (Reports: await db.Set<ActReport>().CountAsync(), Files: await db.Set<ActAttachment>().CountAsync(),
            Contacts: await db.Set<ActReporterContact>().CountAsync()));
        var failures = new List<string>();
        var accepted = new List<Sent>();
        var statuses = new Dictionary<int, int>();
        void Record(HttpResponseMessage response, string what)
        {
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                failures.Add($"{status} for {what[..Math.Min(what.Length, 300)]}");
            }
        }

        for (var i = 0; i < 1500; i++)
        {
            var body = Body(random);
            var json = body.ToJsonString();
            using var response = await client.PostAsync("/api/v1/act/reports", new StringContent(json, Encoding.UTF8, "application/json"));
            Record(response, json);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
                accepted.Add(new Sent(receipt.GetProperty("reference").GetString()!, body));
            }
        }
        for (var i = 0; i < 300; i++)
        {
            var (content, type) = Malformed(random);
            using var request = new ByteArrayContent(content);
            request.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            using var response = await client.PostAsync("/api/v1/act/reports", request);
            Record(response, Encoding.UTF8.GetString(content));
            Assert.NotEqual(HttpStatusCode.Accepted, response.StatusCode);
        }
        // Bigger than any report may be: refused before it is read.
        using (var huge = await client.PostAsync("/api/v1/act/reports", new StringContent("{\"whatHappened\":\"" + new string('x', 17 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json")))
        {
            Record(huge, "a 17 MB body");
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        }
        for (var i = 0; i < 500; i++)
        {
            var real = accepted.Count > 0 && random.Next(3) == 0 ? accepted[random.Next(accepted.Count)].Reference : null;
            var body = new JsonObject { ["reference"] = real is null ? Value(random) : JsonValue.Create(real), ["code"] = Value(random), ["information"] = Value(random) };
            var json = body.ToJsonString();
            using var response = await client.PostAsync("/api/v1/act/follow-up", new StringContent(json, Encoding.UTF8, "application/json"));
            Record(response, json);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode); // no guessed pair opens a report
        }

        // Whatever was kept, the later work copes with it.
        var processor = app.Services.GetRequiredService<ActProcessor>();
        while (await processor.ProcessPendingAsync(CancellationToken.None) > 0)
        {
        }

        Assert.True(failures.Count == 0, $"seed {Seed}: {failures.Count} server errors; statuses {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key} x{p.Value}"))}\n"
            + string.Join("\n", failures.Take(10)));
        // Enough of the generated reports were sound to be kept, and enough were refused, for the test to mean something.
        Assert.True(accepted.Count > 100, $"only {accepted.Count} accepted");
        Assert.True(statuses.GetValueOrDefault(400) > 500, $"only {statuses.GetValueOrDefault(400)} refused");

        // Every accepted report is there whole, as sent; nothing refused left anything behind.
        var references = accepted.Select(a => a.Reference).ToList();
        var stored = await app.AsSystemAsync(async db => await db.Set<ActReport>().Where(r => references.Contains(r.Reference))
            .Select(r => new { r.Reference, r.Id, People = r.People.Count, Vehicles = r.Vehicles.Count }).ToListAsync());
        var files = await app.AsSystemAsync(async db => (await db.Set<ActAttachment>().GroupBy(a => a.ReportId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            .ToDictionary(g => g.Key, g => g.Count));
        var contacts = await app.AsSystemAsync(async db => (await db.Set<ActReporterContact>().Select(c => c.ReportId).ToListAsync()).ToHashSet());
        var honeypot = accepted.Where(a => a.Body["website"] is JsonValue v && v.TryGetValue<string>(out var w) && w.Length > 0).Select(a => a.Reference).ToHashSet();
        Assert.Equal(accepted.Count - honeypot.Count, stored.Count);
        foreach (var report in stored)
        {
            var sent = accepted.Single(a => a.Reference == report.Reference).Body;
            Assert.Equal(Count(sent["files"]), files.GetValueOrDefault(report.Id));
            Assert.Equal(sent["contact"] is JsonObject c && c.Any(p => p.Value is JsonValue v && v.TryGetValue<string>(out var t) && !string.IsNullOrWhiteSpace(t)), contacts.Contains(report.Id));
        }
        var after = await app.AsSystemAsync(async db => (Reports: await db.Set<ActReport>().CountAsync(), Files: await db.Set<ActAttachment>().CountAsync(),
            Contacts: await db.Set<ActReporterContact>().CountAsync()));
        Assert.Equal(before.Reports + stored.Count, after.Reports);
        Assert.Equal(before.Files + stored.Sum(r => files.GetValueOrDefault(r.Id)), after.Files);
        Assert.Equal(before.Contacts + stored.Count(r => contacts.Contains(r.Id)), after.Contacts);

        // The question pages, posted as the form (with its token) and as anything else: a report they send is kept whole too.
        var sentByPages = 0;
        var page = new PageClient(client);
        string[] steps = ["now", "what", "when", "where", "who", "vehicles", "more", "files", "contact", "check", "nope", "..%2F..%2Fadmin", "%2500", new string('a', 3000)];
        string[] inputs = ["HappeningNow", "Behaviour", "BehaviourOther", "WhatHappened", "SeenOn.Day", "SeenOn.Month", "SeenOn.Year", "SeenAt", "Where", "Postcode",
            "Address", "PlaceDescription", "OnlineLink", "Person1Name", "Person1Description", "Vehicle1Registration", "AnythingElse", "ContactEmail", "Website", "RemoveFile"];
        for (var i = 0; i < 300; i++)
        {
            var step = steps[random.Next(steps.Length)];
            using var get = await client.GetAsync($"/act/report/{step}");
            Record(get, $"GET /act/report/{step}");
            if (get.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }
            var fields = inputs.Where(_ => random.Next(3) == 0).ToDictionary(f => "Input." + f, _ => Text(random));
            if (random.Next(4) == 0)
            {
                using var forged = await page.PostFormAsync($"/act/report/{step}", fields.Append(new("_handler", "act")));
                Record(forged, $"POST /act/report/{step} without a token");
                continue;
            }
            using var posted = await page.SubmitAsync($"/act/report/{step}", "act", fields);
            sentByPages += PageClient.PathOf(posted) == "/act/confirmation" ? 1 : 0;
            Record(posted, $"POST /act/report/{step} {string.Join("&", fields.Select(f => f.Key + "=" + f.Value[..Math.Min(f.Value.Length, 40)]))}");
        }
        for (var i = 0; i < 40; i++)
        {
            // Files through the page's form: multipart with the token, any bytes, any name.
            var (_, document) = await page.GetAsync("/act/report/files");
            if (document.QuerySelector("input[name=__RequestVerificationToken]") is not AngleSharp.Html.Dom.IHtmlInputElement token)
            {
                continue;
            }
            using var form = new MultipartFormDataContent
            {
                { new StringContent("act"), "_handler" },
                { new StringContent(token.Value), "__RequestVerificationToken" },
            };
            for (var f = random.Next(1, 5); f > 0; f--)
            {
                var file = new ByteArrayContent(FileBytes(random));
                file.Headers.ContentType = MediaTypeHeaderValue.Parse(random.Next(2) == 0 ? "image/jpeg" : "application/octet-stream");
                form.Add(file, "Files", Text(random) is { Length: > 0 and < 200 } name && !string.IsNullOrWhiteSpace(name) && !name.Contains('"', StringComparison.Ordinal) && !name.Any(char.IsControl) ? name : "photo.jpg");
            }
            using var response = await client.PostAsync("/act/report/files", form);
            Record(response, "POST /act/report/files (multipart)");
        }

        Assert.True(failures.Count == 0, $"seed {Seed}: {failures.Count} server errors on the pages\n" + string.Join("\n", failures.Take(10)));
        Assert.Equal(after.Reports + sentByPages, await app.AsSystemAsync(db => db.Set<ActReport>().CountAsync()));

        await using var scope = app.Services.CreateAsyncScope();
        var chain = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        Assert.True(chain.Ok, chain.Message);
    }

    private static int Count(JsonNode? files) => files is JsonArray a ? a.Count : 0;
}

using System.Text.Json;
using Vigil.Web.Tests.Pursue;

namespace Vigil.Web.Tests.Prevent;

/// <summary>Intents for the Prevent tests: refer a person and take the case along the Channel process
/// through the API. Names are unique per call, since a test class shares one database.</summary>
public static class PreventApi
{
    public static string UniqueSurname(string stem = "Testperson") => Unique.Surname(stem);

    public static object Referral(string surname, string? givenName = "Robin", string dateOfBirth = "2009-03-01", string panel = "manchester",
        string concernType = "extreme-right-wing", string sector = "Education", string gender = "Male", object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["panel"] = panel, ["sector"] = sector, ["referrerName"] = "Fictional Teacher", ["referrerOrganisation"] = "Example Academy",
            ["referrerRole"] = "Designated safeguarding lead", ["referrerContact"] = "dsl@example.org",
            ["givenName"] = givenName, ["surname"] = surname, ["dateOfBirth"] = dateOfBirth, ["gender"] = gender,
            ["concernType"] = concernType, ["whatPrompted"] = "Shared extremist material with classmates and talked about it at length.",
        };
        foreach (var p in extra?.GetType().GetProperties() ?? [])
        {
            body[p.Name] = p.GetValue(extra);
        }
        return body;
    }

    /// <summary>A new case for a new person; returns the case.</summary>
    public static async Task<JsonElement> ReferAsync(HttpClient api, string? surname = null, string dateOfBirth = "2009-03-01", string panel = "manchester") =>
        (await PursueApi.ExpectAsync(await api.PostAsJsonAsync("/api/v1/prevent/referrals", Referral(surname ?? UniqueSurname(), dateOfBirth: dateOfBirth, panel: panel)), HttpStatusCode.Created))
            .GetProperty("case");

    public static Task<JsonElement> StepAsync(HttpClient api, Guid id, string step, object body, HttpStatusCode status = HttpStatusCode.OK) =>
        PursueApi.PostAsync(api, $"/api/v1/prevent/cases/{id}/{step}", body, status);

    public static async Task<JsonElement> ToPanelAsync(HttpClient api, Guid id)
    {
        await PursueApi.PostAsync(api, $"/api/v1/prevent/cases/{id}/deconfliction", new { });
        return await StepAsync(api, id, "gateway", new { finding = "ClearVulnerability", outcome = "ReferredToChannel", reason = "Clear vulnerability; the panel should consider support." });
    }

    public static async Task<Guid> MeetingAsync(HttpClient api, string panel = "manchester", string heldOn = "2026-11-28") =>
        (await PursueApi.ExpectAsync(await api.PostAsJsonAsync($"/api/v1/prevent/panels/{panel}/meetings", new { heldOn, location = "Town hall", attendees = "Fictional attendees" }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

    public static object Assessment(Guid? meetingId = null, string judgement = "Present", int skip = 0) => new
    {
        meetingId,
        assessedOn = "2026-11-28",
        judgements = Vigil.Web.Prevent.PreventReferenceSeed.VafFactors.Skip(skip).Select(f => new { factor = f.Code, judgement, notes = $"Notes on {f.Code}." }),
        engagementSummary = "Some engagement with an extremist group online.",
        intentSummary = "No intent to cause harm seen.",
        capabilitySummary = "No capability seen.",
    };

    public static object ParentConsent(string on = "2026-11-28") => new { given = true, givenBy = "ParentOrGuardian", name = "Fictional Parent", relationship = "Mother", on, method = "InPerson", hasCapacity = false };

    /// <summary>From referral to an adopted Channel case (a child, with a parent's consent).</summary>
    public static async Task<(Guid Case, Guid Meeting)> AdoptedAsync(HttpClient api, string panel = "manchester")
    {
        var made = await ReferAsync(api, panel: panel);
        var id = made.GetProperty("id").GetGuid();
        await ToPanelAsync(api, id);
        var meeting = await MeetingAsync(api, panel);
        await StepAsync(api, id, "assessments", Assessment(meeting));
        await StepAsync(api, id, "consent", ParentConsent());
        await StepAsync(api, id, "decisions", new { meetingId = meeting, decision = "Adopt", rationale = "Vulnerable and willing; support through a mentor." });
        return (id, meeting);
    }
}

using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;
using Vigil.Web.Subjects.Deconfliction;

namespace Vigil.Web.Pursue;

public sealed class LineOfEnquiry : IProtectedChild<LineOfEnquiry, Investigation>, IAuditedRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";

    public static Expression<Func<LineOfEnquiry, Guid>> Parent => x => x.InvestigationId;
    public string AuditRecordType => "line-of-enquiry";
    public string AuditRecordId => Id.ToString();
}

public sealed record AddLineOfEnquiry(
    [property: Required(ErrorMessage = "Enter the line of enquiry"), StringLength(200)] string? Title,
    [property: StringLength(2000)] string? Description);

public sealed record LineOfEnquiryDto(int Number, string Title, string Description, int OpenActions);

/// <summary>Lines of enquiry: the SIO's lines, each with its open actions.</summary>
public sealed partial class IncidentRoom
{

    public Task<WorkResult<LineOfEnquiryDto>> AddLineAsync(Guid id, AddLineOfEnquiry request, CancellationToken ct) =>
        TeamAsync<LineOfEnquiryDto>(id, command: true, "set lines of enquiry", async (standing, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            if (errors.Count > 0)
            {
                return WorkResult<LineOfEnquiryDto>.Invalid(errors);
            }
            var line = new LineOfEnquiry { InvestigationId = id, Number = await NextLineAsync(id, ct), Title = request.Title!.Trim(), Description = request.Description?.Trim() ?? "" };
            db.Add(line);
            if (!await db.SaveNumberedAsync(line, async (l, c) => l.Number = await NextLineAsync(id, c), ct))
            {
                return WorkResult<LineOfEnquiryDto>.Conflict("Another line of enquiry was added at the same moment; add this one again.");
            }
            return WorkResult<LineOfEnquiryDto>.Ok(new LineOfEnquiryDto(line.Number, line.Title, line.Description, 0));
        }, ct);

    private async Task<int> NextLineAsync(Guid id, CancellationToken ct) =>
        (await db.Set<LineOfEnquiry>().Where(l => l.InvestigationId == id).MaxAsync(l => (int?)l.Number, ct) ?? 0) + 1;

    public async Task<IReadOnlyList<LineOfEnquiryDto>?> LinesAsync(Guid id, CancellationToken ct)
    {
        if (await gate.EnterAsync(id, ct, track: false) is null)
        {
            return null;
        }
        var lines = await db.Set<LineOfEnquiry>().AsNoTracking().Where(l => l.InvestigationId == id).OrderBy(l => l.Number).ToListAsync(ct);
        var open = await db.Set<InvestigationAction>().AsNoTracking().Where(a => a.InvestigationId == id && a.State != ActionState.Filed && a.LineOfEnquiryId != null)
            .GroupBy(a => a.LineOfEnquiryId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "lines-of-enquiry", id.ToString(), detail: $"{lines.Count} lines");
        await db.SaveChangesAsync(ct);
        return lines.Select(l => new LineOfEnquiryDto(l.Number, l.Title, l.Description, open.FirstOrDefault(o => o.Key == l.Id)?.Count ?? 0)).ToList();
    }

    internal static void MapLines(RouteGroupBuilder api)
    {
        api.MapGet("/{id:guid}/lines-of-enquiry", (Guid id, IncidentRoom room, CancellationToken ct) => room.LinesAsync(id, ct).AsFound())
            .WithSummary("The lines of enquiry, each with its open actions");
        api.MapPost("/{id:guid}/lines-of-enquiry", (Guid id, AddLineOfEnquiry request, IncidentRoom room, CancellationToken ct) =>
            room.AddLineAsync(id, request, ct).AsCreated(_ => $"/api/v1/investigations/{id}/lines-of-enquiry"))
            .WithSummary("Set a line of enquiry (SIO or deputy)");
    }
}

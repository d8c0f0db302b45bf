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

/// <summary>A witness statement (MG11) taken in the investigation, for the CPS case file.</summary>
public sealed class WitnessStatement : IProtectedChild<WitnessStatement, Investigation>, IAuditedRecord, Platform.Search.ISearchable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InvestigationId { get; set; }
    public required string Witness { get; set; }
    public DateOnly TakenOn { get; set; }
    public required string TakenBy { get; set; }
    public required string Text { get; set; }

    public static Expression<Func<WitnessStatement, Guid>> Parent => x => x.InvestigationId;

    public string SearchType => "statement";

    public Platform.Search.SearchDocument SearchDocument() => new($"Witness statement of {Witness}", Text, [], $"/investigations/{InvestigationId}#statements",
        TakenOn, null, typeof(Investigation), InvestigationId);
    public string AuditRecordType => "statement";
    public string AuditRecordId => Id.ToString();
}

public sealed record AddStatement(
    [property: Required(ErrorMessage = "Enter the witness's name"), StringLength(200)] string? Witness,
    [property: Required(ErrorMessage = "Enter the date the statement was taken")] DateOnly? TakenOn,
    [property: Required(ErrorMessage = "Enter the statement"), StringLength(20000, ErrorMessage = "The statement must be 20000 characters or fewer")] string? Text);

public sealed record StatementDto(Guid Id, string Witness, DateOnly TakenOn, string TakenBy, string Text);

/// <summary>Witness statements (MG11) for the CPS case file.</summary>
public sealed partial class IncidentRoom
{

    public Task<WorkResult<StatementDto>> AddStatementAsync(Guid id, AddStatement request, CancellationToken ct) =>
        TeamAsync<StatementDto>(id, command: false, "record statements", async (standing, ct) =>
        {
            var errors = ApiValidation.Validate(request);
            if (request.TakenOn > Today)
            {
                ApiValidation.Add(errors, nameof(AddStatement.TakenOn), "The statement date cannot be in the future");
            }
            if (errors.Count > 0)
            {
                return WorkResult<StatementDto>.Invalid(errors);
            }
            var statement = new WitnessStatement { InvestigationId = id, Witness = request.Witness!.Trim(), TakenOn = request.TakenOn!.Value, TakenBy = access.DisplayName ?? access.UserName ?? "", Text = request.Text!.Trim() };
            db.Add(statement);
            await db.SaveChangesAsync(ct);
            return WorkResult<StatementDto>.Ok(new StatementDto(statement.Id, statement.Witness, statement.TakenOn, statement.TakenBy, statement.Text));
        }, ct);

    public async Task<IReadOnlyList<StatementDto>?> StatementsAsync(Guid id, CancellationToken ct)
    {
        if (await gate.EnterAsync(id, ct, track: false) is null)
        {
            return null;
        }
        var statements = await db.Set<WitnessStatement>().AsNoTracking().Where(s => s.InvestigationId == id).OrderBy(s => s.TakenOn).ToListAsync(ct);
        db.Audit(AuditActions.Read, AuditOutcomes.Success, "statements", id.ToString(), detail: $"{statements.Count} statements");
        await db.SaveChangesAsync(ct);
        return statements.Select(s => new StatementDto(s.Id, s.Witness, s.TakenOn, s.TakenBy, s.Text)).ToList();
    }

    internal static void MapStatements(RouteGroupBuilder api)
    {
        api.MapGet("/{id:guid}/statements", (Guid id, IncidentRoom room, CancellationToken ct) => room.StatementsAsync(id, ct).AsFound())
            .WithSummary("The witness statements (MG11) taken in the investigation");
        api.MapPost("/{id:guid}/statements", (Guid id, AddStatement request, IncidentRoom room, CancellationToken ct) =>
            room.AddStatementAsync(id, request, ct).AsCreated(_ => $"/api/v1/investigations/{id}/statements"))
            .WithSummary("Record a witness statement");
    }
}

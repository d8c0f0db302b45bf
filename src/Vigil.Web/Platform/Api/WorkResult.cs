using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Vigil.Web.Platform.Api;

public enum WorkStatus { Done, NotFound, Invalid, Forbidden, Conflict, TooMany }

/// <summary>Why a rule says no: not for the user's part in the record (<see cref="WorkStatus.Forbidden"/>), or
/// not as the record stands (<see cref="WorkStatus.Conflict"/>). Entities return one from their
/// <c>WhyNot...</c> methods (or null when the step is allowed); pages show <see cref="Message"/>.</summary>
public sealed record Refusal(WorkStatus Status, string Message, string? Field = null)
{
    public static Refusal Conflict(string message) => new(WorkStatus.Conflict, message);
    public static Refusal Forbidden(string message) => new(WorkStatus.Forbidden, message);

    /// <summary>Not with what was asked: a message for one field of the request (400 with the field named).</summary>
    public static Refusal Invalid(string field, string message) => new(WorkStatus.Invalid, message, field);
}

/// <summary>One step a user might take on a record and whether the rules let them take it now; when not,
/// why (the entity's <c>WhyNot...</c> answer). DTOs carry these so that pages offer exactly the steps the
/// use cases will accept, and say why the others are not open, without restating a rule.</summary>
public sealed record StepRule<TStep>(TStep Step, string? Refusal) where TStep : struct, Enum
{
    public bool Allowed => Refusal is null;

    public static IReadOnlyList<StepRule<TStep>> For(Func<TStep, Refusal?> whyNot) =>
        Enum.GetValues<TStep>().Select(step => new StepRule<TStep>(step, whyNot(step)?.Message)).ToList();
}

public static class StepRules
{
    public static bool Allows<TStep>(this IEnumerable<StepRule<TStep>> steps, TStep step) where TStep : struct, Enum =>
        steps.Any(s => EqualityComparer<TStep>.Default.Equals(s.Step, step) && s.Allowed);

    public static string? WhyNot<TStep>(this IEnumerable<StepRule<TStep>> steps, TStep step) where TStep : struct, Enum =>
        steps.FirstOrDefault(s => EqualityComparer<TStep>.Default.Equals(s.Step, step))?.Refusal;
}

/// <summary>What a use case came to: a value, or why not (missing or hidden, invalid with field messages,
/// not allowed for the user's part in the case, in conflict with the record's state or a newer edit, or
/// refused because the user has asked too often: <see cref="RetryAfter"/> says when they may ask again).
/// Modules return it from their use cases; pages show <see cref="Messages"/> (or build their FormErrors
/// from it); the API turns it into typed results with <see cref="Outcomes"/>.</summary>
public sealed record WorkResult<T>(WorkStatus Status, T? Value, Dictionary<string, string[]> Errors, string? Message)
{
    public static WorkResult<T> Ok(T value) => new(WorkStatus.Done, value, [], null);
    public static WorkResult<T> Missing() => new(WorkStatus.NotFound, default, [], null);
    public static WorkResult<T> Invalid(Dictionary<string, string[]> errors) => new(WorkStatus.Invalid, default, errors, null);
    public static WorkResult<T> Invalid(string field, string message) => new(WorkStatus.Invalid, default, new() { [field] = [message] }, null);
    public static WorkResult<T> Forbidden(string message) => new(WorkStatus.Forbidden, default, [], message);
    public static WorkResult<T> Conflict(string message) => new(WorkStatus.Conflict, default, [], message);
    public static WorkResult<T> Refused(Refusal refusal) => refusal.Status is WorkStatus.Invalid
        ? Invalid(refusal.Field ?? "", refusal.Message)
        : new(refusal.Status, default, [], refusal.Message);
    public static WorkResult<T> TooMany(string message, TimeSpan retryAfter) => new(WorkStatus.TooMany, default, [], message) { RetryAfter = retryAfter };

    /// <summary>For <see cref="WorkStatus.TooMany"/>: how long until the user may ask again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public bool IsDone => Status is WorkStatus.Done;

    public WorkResult<TOther> As<TOther>() => new(Status, default, Errors, Message) { RetryAfter = RetryAfter };

    /// <summary>Every message, for a page's error summary.</summary>
    public IEnumerable<string> Messages => Message is not null ? [Message] : Errors.SelectMany(e => e.Value);
}

/// <summary>
/// The one way a use case's outcome becomes HTTP: the success the endpoint names, 404 for missing or hidden
/// alike, 400 with the field messages, and ProblemDetails for a refusal (403, 409, or 429 with Retry-After).
/// Each is a typed result, so the OpenAPI document lists every outcome of every operation.
/// </summary>
public static class Outcomes
{
    public static Results<TOk, NotFound, ValidationProblem, Refused> Answer<T, TOk>(this WorkResult<T> result, Func<T, TOk> ok, Func<T, Refused?>? refuse = null)
        where TOk : IResult => result.Status switch
        {
            WorkStatus.Done => refuse?.Invoke(result.Value!) is { } refused ? refused : ok(result.Value!),
            WorkStatus.Invalid => TypedResults.ValidationProblem(result.Errors),
            WorkStatus.NotFound => TypedResults.NotFound(),
            _ => Refused.From(result),
        };

    public static async Task<Results<Ok<T>, NotFound, ValidationProblem, Refused>> AsOk<T>(this Task<WorkResult<T>> work) =>
        (await work).Answer(TypedResults.Ok);

    public static async Task<Results<Created<T>, NotFound, ValidationProblem, Refused>> AsCreated<T>(this Task<WorkResult<T>> work, Func<T, string> location) =>
        (await work).Answer(v => TypedResults.Created(location(v), v));

    public static async Task<Results<NoContent, NotFound, ValidationProblem, Refused>> AsNoContent<T>(this Task<WorkResult<T>> work) =>
        (await work).Answer(_ => TypedResults.NoContent());

    /// <summary>A read: the value, or 404 for missing and hidden alike.</summary>
    public static async Task<Results<Ok<T>, NotFound>> AsFound<T>(this Task<T?> read) where T : class =>
        await read is { } value ? TypedResults.Ok(value) : TypedResults.NotFound();

    /// <summary>Retry-After in whole seconds, rounded up.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}

/// <summary>A refusal as ProblemDetails: 403 (not for your part in this case), 409 (not as things stand, or
/// someone changed it first) or 429 (asked too often, with Retry-After). Documents 403 and 409 on every
/// operation that can return it; an operation that can also refuse with 429 adds <c>.ProducesProblem(429)</c>.</summary>
public sealed class Refused : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>, IEndpointMetadataProvider
{
    private readonly TimeSpan? retryAfter;

    private Refused(int status, string title, string? detail, TimeSpan? retryAfter, IDictionary<string, object?>? extensions)
    {
        Value = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            Value.Extensions[key] = value;
        }
        this.retryAfter = retryAfter;
    }

    public ProblemDetails Value { get; }
    object? IValueHttpResult.Value => Value;
    public int? StatusCode => Value.Status;

    public static Refused Forbidden(string? detail) => new(StatusCodes.Status403Forbidden, "Not for your part in this case", detail, null, null);

    public static Refused Conflict(string? detail, string title = "This cannot be done as things stand", IDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status409Conflict, title, detail, null, extensions);

    public static Refused TooMany(string? detail, TimeSpan retryAfter) => new(StatusCodes.Status429TooManyRequests, "Too many requests", detail, retryAfter, null);

    public static Refused From<T>(WorkResult<T> result) => result.Status switch
    {
        WorkStatus.Forbidden => Forbidden(result.Message),
        WorkStatus.TooMany => TooMany(result.Message, result.RetryAfter ?? TimeSpan.FromMinutes(1)),
        _ => Conflict(result.Message),
    };

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (retryAfter is { } wait)
        {
            httpContext.Response.Headers.RetryAfter = Outcomes.Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return TypedResults.Problem(Value).ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), ["application/problem+json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status409Conflict, typeof(ProblemDetails), ["application/problem+json"]));
    }
}

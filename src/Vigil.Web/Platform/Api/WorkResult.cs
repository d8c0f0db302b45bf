namespace Vigil.Web.Platform.Api;

public enum WorkStatus { Done, NotFound, Invalid, Forbidden, Conflict }

/// <summary>What a use case came to: a value, or why not (missing or hidden, invalid with field messages,
/// not allowed for the user's part in the case, or in conflict with the record's state or a newer edit).
/// Modules return it from their services; pages show <see cref="Messages"/>, the API answers with
/// <see cref="Answer{T}"/>.</summary>
public sealed record WorkResult<T>(WorkStatus Status, T? Value, Dictionary<string, string[]> Errors, string? Message)
{
    public static WorkResult<T> Ok(T value) => new(WorkStatus.Done, value, [], null);
    public static WorkResult<T> Missing() => new(WorkStatus.NotFound, default, [], null);
    public static WorkResult<T> Invalid(Dictionary<string, string[]> errors) => new(WorkStatus.Invalid, default, errors, null);
    public static WorkResult<T> Invalid(string field, string message) => new(WorkStatus.Invalid, default, new() { [field] = [message] }, null);
    public static WorkResult<T> Forbidden(string message) => new(WorkStatus.Forbidden, default, [], message);
    public static WorkResult<T> Conflict(string message) => new(WorkStatus.Conflict, default, [], message);

    public WorkResult<TOther> As<TOther>() => new(Status, default, Errors, Message);

    /// <summary>Every message, for a page's error summary.</summary>
    public IEnumerable<string> Messages => Message is not null ? [Message] : Errors.SelectMany(e => e.Value);
}

public static class WorkResults
{
    /// <summary>A read as HTTP: the value, or 404 for missing or hidden alike.</summary>
    public static IResult Found<T>(T? value) where T : class => value is null ? TypedResults.NotFound() : TypedResults.Ok(value);

    /// <summary>A use case's outcome as HTTP: 404 for missing or hidden, ProblemDetails for the rest.</summary>
    public static IResult Answer<T>(WorkResult<T> result, Func<T, IResult> ok) => result.Status switch
    {
        WorkStatus.Done => ok(result.Value!),
        WorkStatus.Invalid => TypedResults.ValidationProblem(result.Errors),
        WorkStatus.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not for your part in this case", detail: result.Message),
        WorkStatus.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This cannot be done as things stand", detail: result.Message),
        _ => TypedResults.NotFound(),
    };
}

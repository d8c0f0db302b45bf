using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigil.Web.Platform.Api;

public enum WorkStatus { Done, NotFound, Invalid, Forbidden, Conflict, TooMany }

/// <summary>What a use case came to: a value, or why not (missing or hidden, invalid with field messages,
/// not allowed for the user's part in the case, in conflict with the record's state or a newer edit, or
/// refused because the user has asked too often: <see cref="RetryAfter"/> says when they may ask again).
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
    public static WorkResult<T> TooMany(string message, TimeSpan retryAfter) => new(WorkStatus.TooMany, default, [], message) { RetryAfter = retryAfter };

    /// <summary>For <see cref="WorkStatus.TooMany"/>: how long until the user may ask again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public WorkResult<TOther> As<TOther>() => new(Status, default, Errors, Message) { RetryAfter = RetryAfter };

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
        WorkStatus.TooMany => TooMany(result.Message, result.RetryAfter ?? TimeSpan.FromMinutes(1)),
        _ => TypedResults.NotFound(),
    };

    /// <summary>429 with Retry-After (whole seconds, rounded up) and a ProblemDetails saying why.</summary>
    public static IResult TooMany(string? message, TimeSpan retryAfter) => new RetryAfterResult(TooManyProblem(message), retryAfter);

    /// <summary>The same for an endpoint whose signature names its outcomes: the header goes on the response now.</summary>
    public static ProblemHttpResult TooManyProblem<T>(HttpContext http, WorkResult<T> result)
    {
        http.Response.Headers.RetryAfter = Seconds(result.RetryAfter ?? TimeSpan.FromMinutes(1)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TooManyProblem(result.Message);
    }

    private static ProblemHttpResult TooManyProblem(string? message) =>
        TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: message);

    private sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status429TooManyRequests;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Seconds(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}

using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Vigil.Web.Tests.Infrastructure;

/// <summary>Reading a server-rendered page as a test does: its document, the error summary, a marked element.</summary>
public static class Html
{
    public static async Task<IHtmlDocument> DocumentAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>Each message of the GOV.UK error summary, in order.</summary>
    public static IReadOnlyList<string> ErrorSummary(IHtmlDocument document) =>
        document.QuerySelectorAll(".govuk-error-summary li").Select(li => li.TextContent.Trim()).ToList();

    /// <summary>The error summary's whole text ("" when there is none).</summary>
    public static string ErrorSummaryText(IHtmlDocument document) => document.QuerySelector(".govuk-error-summary")?.TextContent ?? "";

    /// <summary>Where each message of the error summary links to ("#field-id").</summary>
    public static IReadOnlyList<string> ErrorLinks(IHtmlDocument document) =>
        document.QuerySelectorAll(".govuk-error-summary li a").Select(a => a.GetAttribute("href")!).ToList();

    /// <summary>The trimmed text of the element marked data-testid, or "" when there is none.</summary>
    public static string Text(IHtmlDocument document, string testId) => document.QuerySelector($"[data-testid={testId}]")?.TextContent.Trim() ?? "";
}

/// <summary>Names no other test uses, so that a test class sharing one database (and deconfliction across it)
/// never depends on the order its tests run in.</summary>
public static class Unique
{
    private static int counter;

    public static string Surname(string stem = "Testperson") => $"{stem}{Interlocked.Increment(ref counter)}x{Guid.NewGuid().ToString("N")[..6]}";

    public static string Operation(string stem) => $"Operation {stem.ToUpperInvariant()}{Interlocked.Increment(ref counter)}";
}

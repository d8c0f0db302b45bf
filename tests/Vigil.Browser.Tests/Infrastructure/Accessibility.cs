using System.Text;
using Deque.AxeCore.Commons;

namespace Vigil.Browser.Tests.Infrastructure;

/// <summary>Runs axe-core (the version bundled with Deque.AxeCore) on the page as it is and fails on any serious or
/// critical violation.</summary>
/// <remarks>axe runs in the page itself and only the serious and critical violations come back. Deque's Playwright
/// runner (RunAxe) runs each frame apart and finishes in a page of its own, and brings every result back to .NET:
/// about 2.5 s a check here against 0.4 s for the same axe run in the page, which was most of the browser suite's time.
/// Our pages have no frames, so nothing is missed.</remarks>
public static class Accessibility
{
    private static readonly string Axe = new BundledAxeScriptProvider().GetScript();

    private const string Run = """
        async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html })) }))
        """;

    private sealed class Node
    {
        public string Target { get; set; } = "";
        public string Html { get; set; } = "";
    }

    private sealed class Violation
    {
        public string Id { get; set; } = "";
        public string Impact { get; set; } = "";
        public string Help { get; set; } = "";
        public string HelpUrl { get; set; } = "";
        public Node[] Nodes { get; set; } = [];
    }

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Axe);
        }
        var violations = await page.EvaluateAsync<Violation[]>(Run);
        if (violations.Length == 0)
        {
            return;
        }
        var report = new StringBuilder($"axe found {violations.Length} serious or critical violation(s) on {what} ({page.Url}):\n");
        foreach (var v in violations)
        {
            report.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"- {v.Id} ({v.Impact}): {v.Help} [{v.HelpUrl}]");
            foreach (var node in v.Nodes)
            {
                report.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"    target {node.Target}: {node.Html}");
            }
        }
        Assert.Fail(report.ToString());
    }
}

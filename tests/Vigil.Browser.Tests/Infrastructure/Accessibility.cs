using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Vigil.Browser.Tests.Infrastructure;

/// <summary>Runs axe-core on the page as it is and fails on any serious or critical violation.</summary>
public static class Accessibility
{
    private static readonly string[] Failing = ["serious", "critical"];

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var violations = result.Violations.Where(v => Failing.Contains(v.Impact)).ToList();
        if (violations.Count == 0)
        {
            return;
        }
        var report = new StringBuilder($"axe found {violations.Count} serious or critical violation(s) on {what} ({page.Url}):\n");
        foreach (var v in violations)
        {
            report.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"- {v.Id} ({v.Impact}): {v.Help} [{v.HelpUrl}]");
            foreach (var node in v.Nodes)
            {
                report.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"    target {string.Join(" ", node.Target)}: {node.Html}");
            }
        }
        Assert.Fail(report.ToString());
    }
}

namespace Vigil.Browser.Tests.Infrastructure;

/// <summary>Whether a page fits its viewport: nothing in it reaches past the right edge, so nobody on a
/// tablet (768 px) scrolls sideways to read a table's last column.</summary>
public static class Layout
{
    /// <summary>The widths every main page must fit: a tablet held upright and a common desktop.</summary>
    public static readonly int[] TabletAndDesktop = [768, 1366];

    public const int Phone = 375;

    // Every element of the page that is rendered and reaches past the viewport's right edge (by more than a
    // pixel, for rounding); visually hidden text is 1px wide and clipped, so it never does.
    private const string Overflowing = """
        () => {
            const width = document.documentElement.clientWidth;
            const over = [];
            for (const element of document.body.querySelectorAll('*')) {
                const box = element.getBoundingClientRect();
                if (box.width > 0 && box.height > 0 && box.right > width + 1) {
                    const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
                        + (element.dataset.testid ? '[data-testid=' + element.dataset.testid + ']' : '')
                        + (typeof element.className === 'string' && element.className ? '.' + element.className.trim().split(/\s+/).slice(0, 2).join('.') : '');
                    over.push(name + ' ends at ' + Math.round(box.right) + 'px');
                }
            }
            return { width, scroll: document.documentElement.scrollWidth, over: over.slice(0, 8) };
        }
        """;

    private sealed class Fit
    {
        public int Width { get; set; }
        public int Scroll { get; set; }
        public string[] Over { get; set; } = [];
    }

    public static async Task AssertFitsAsync(IPage page, string what)
    {
        var fit = await page.EvaluateAsync<Fit>(Overflowing);
        Assert.True(fit.Scroll <= fit.Width && fit.Over.Length == 0,
            $"{what} ({page.Url}) is wider than its {fit.Width}px viewport (scrolls to {fit.Scroll}px): {string.Join("; ", fit.Over)}");
    }
}

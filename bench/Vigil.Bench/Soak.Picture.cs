using ScottPlot;

namespace Vigil.Bench;

internal static partial class Soak
{
    /// <summary>The samples against time (ScottPlot, panels sharing the minute axis): memory, latency, requests
    /// and errors, what else could grow (threads, file descriptors, the WAL, the ACT backlog) with the machine's load
    /// average, and, where sampled, the collections of each generation a minute.</summary>
    private static void Draw(List<Sample> samples, string path, string title)
    {
        var x = samples.Select(s => (double)s.Minute).ToArray();
        var multiplot = new Multiplot();
        var withCollections = samples.Any(s => s.Gen0Collections is not null);
        multiplot.AddPlots(withCollections ? 5 : 4);
        var memory = multiplot.GetPlot(0);
        var latency = multiplot.GetPlot(1);
        var traffic = multiplot.GetPlot(2);
        var other = multiplot.GetPlot(3);

        void Line(Plot plot, double[] ys, string label, Color color, bool right = false, LinePattern? pattern = null)
        {
            var line = plot.Add.ScatterLine(x, ys, color);
            line.LegendText = label;
            line.LineWidth = 2;
            if (pattern is { } p)
            {
                line.LinePattern = p;
            }
            if (right)
            {
                line.Axes.YAxis = plot.Axes.Right;
            }
        }

        memory.Title(title);
        Line(memory, samples.Select(s => s.RssMiB).ToArray(), "RSS (MiB)", Colors.Blue);
        if (samples.All(s => s.GcHeapMiB is not null))
        {
            Line(memory, samples.Select(s => s.GcHeapMiB!.Value).ToArray(), "managed heap (MiB)", Colors.Green);
            Line(memory, samples.Select(s => s.GcCommittedMiB ?? 0).ToArray(), "GC committed (MiB)", Colors.Olive, pattern: LinePattern.Dashed);
            Line(memory, samples.Select(s => s.Gen2MiB ?? 0).ToArray(), "generation 2 (MiB)", Colors.Brown, pattern: LinePattern.Dotted);
        }
        if (samples.Any(s => s.Gen2SurvivedMiB is not null))
        {
            Line(memory, samples.Select(s => s.Gen2SurvivedMiB ?? double.NaN).ToArray(), "gen 2 survived, last full collection (MiB)", Colors.Brown);
        }
        memory.YLabel("MiB");
        memory.Axes.SetLimitsY(0, samples.Max(s => s.HwmMiB) * 1.15);
        memory.ShowLegend(Alignment.LowerCenter);

        Line(latency, samples.Select(s => s.OfficerP50).ToArray(), "officers p50", Colors.LightSkyBlue);
        Line(latency, samples.Select(s => s.OfficerP95).ToArray(), "officers p95", Colors.Blue);
        Line(latency, samples.Select(s => s.OfficerP99).ToArray(), "officers p99", Colors.Navy);
        Line(latency, samples.Select(s => s.PublicP50).ToArray(), "public ACT p50", Colors.Salmon, pattern: LinePattern.Dashed);
        Line(latency, samples.Select(s => s.PublicP95).ToArray(), "public ACT p95", Colors.Red, pattern: LinePattern.Dashed);
        Line(latency, samples.Select(s => s.PublicP99).ToArray(), "public ACT p99", Colors.DarkRed, pattern: LinePattern.Dashed);
        latency.YLabel("ms (per minute)");
        latency.Axes.SetLimitsY(0, Math.Max(10, samples.Max(s => Math.Max(s.OfficerP99, s.PublicP99)) * 1.1));
        latency.ShowLegend(Alignment.UpperRight);

        Line(traffic, samples.Select(s => (double)s.OfficerRequests).ToArray(), "officers' requests / min", Colors.Blue);
        Line(traffic, samples.Select(s => (double)s.PublicRequests).ToArray(), "public reports / min", Colors.Red);
        Line(traffic, samples.Select(s => (double)s.Errors).ToArray(), "errors / min (right)", Colors.Black, right: true);
        traffic.YLabel("requests / min");
        traffic.Axes.Right.Label.Text = "errors / min";
        traffic.Axes.SetLimitsY(0, samples.Max(s => Math.Max(s.OfficerRequests, s.PublicRequests)) * 1.2);
        traffic.Axes.SetLimitsY(0, Math.Max(5, samples.Max(s => s.Errors) * 1.2), traffic.Axes.Right);
        traffic.ShowLegend(Alignment.LowerRight);

        Line(other, samples.Select(s => s.Load1 * 10).ToArray(), "load average x10 (1 min)", Colors.Black, pattern: LinePattern.Dotted);
        Line(other, samples.Select(s => (double)s.Threads).ToArray(), "threads", Colors.Purple);
        Line(other, samples.Select(s => (double)s.Fds).ToArray(), "open fds", Colors.Orange);
        Line(other, samples.Select(s => s.WalMiB).ToArray(), "WAL (MiB)", Colors.Teal);
        Line(other, samples.Select(s => (double)Math.Max(0, s.ActBacklog)).ToArray(), "ACT backlog (right)", Colors.Gray, right: true);
        other.Axes.Right.Label.Text = "unprocessed reports";
        other.Axes.SetLimitsY(0, samples.Max(s => Math.Max(Math.Max(s.Threads, s.Fds), Math.Max(s.WalMiB, s.Load1 * 10))) * 1.2);
        other.Axes.SetLimitsY(0, Math.Max(10, samples.Max(s => s.ActBacklog) * 1.2), other.Axes.Right);
        other.XLabel("minute of the soak");
        other.ShowLegend(Alignment.UpperCenter);

        var plots = new List<Plot> { memory, latency, traffic, other };
        if (withCollections)
        {
            other.XLabel("");
            var gc = multiplot.GetPlot(4);
            Line(gc, samples.Select(s => s.Gen0Collections ?? 0).ToArray(), "collections / min, all (gen 0)", Colors.LightGreen);
            Line(gc, samples.Select(s => s.Gen1Collections ?? 0).ToArray(), "of gen 1 or 2", Colors.Green);
            Line(gc, samples.Select(s => s.Gen2Collections ?? 0).ToArray(), "of gen 2, full (right)", Colors.Brown, right: true);
            gc.YLabel("collections / min");
            gc.Axes.Right.Label.Text = "full collections / min";
            gc.Axes.SetLimitsY(0, Math.Max(10, samples.Max(s => s.Gen0Collections ?? 0) * 1.2));
            gc.Axes.SetLimitsY(0, Math.Max(3, samples.Max(s => s.Gen2Collections ?? 0) * 1.5), gc.Axes.Right);
            gc.XLabel("minute of the soak");
            gc.ShowLegend(Alignment.UpperRight);
            plots.Add(gc);
        }
        foreach (var plot in plots)
        {
            plot.Axes.SetLimitsX(0, x[^1] + 1);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        multiplot.SavePng(path, 1200, withCollections ? 1700 : 1400);
    }
}

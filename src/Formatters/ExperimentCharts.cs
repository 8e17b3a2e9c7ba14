using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace TricksKit.Formatters;

/// <summary>Charts of any experiment (names are HTML-escaped: plotly.js renders tags in trace names): smoothed training curves per arm, and a metric per arm with every seed's point. Each paper's own figures are in its study's folder (<c>src/Tricks.Lab/</c>).</summary>
public static class ExperimentCharts
{
    private static readonly string[] Palette = { "31,119,180", "255,127,14", "44,160,44", "214,39,40", "148,103,189", "140,86,75", "227,119,194", "127,127,127" };

    /// <summary>The colour of arm <paramref name="i"/>, with <paramref name="alpha"/>.</summary>
    public static Color ArmColor(int i, double alpha = 1) =>
        Color.fromString(FormattableString.Invariant($"rgba({Palette[i % Palette.Length]},{alpha})"));

    /// <summary>
    /// One curve per arm: the mean over seeds of the per-step training loss (or the learning rate, <paramref name="series"/>
    /// "lr"), smoothed by an exponential moving average, with the raw mean faint behind it; each arm once in the legend.
    /// </summary>
    public static GenericChart LearningCurves(ExperimentResult result, string series = "train_loss")
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = new List<GenericChart>();
        for (int a = 0; a < result.Arms.Count; a++) charts.AddRange(SmoothedStepCurve(result.Arms[a], ArmColor(a), series: series));
        if (charts.Count == 0) charts.Add(Chart.Line<int, double, string>(Array.Empty<int>(), Array.Empty<double>(), Name: "no history"));
        bool lr = series == "lr";
        return Chart.Combine(charts)
            .WithXAxisStyle<int, int, string>(TitleText: "training step")
            .WithYAxisStyle<double, double, string>(TitleText: lr ? "learning rate" : "training loss (nats)")
            .Titled(PlotlyHtml.Escape($"{result.Trick}: {(lr ? "learning rate" : "training loss")} per step (mean over {result.Seeds.Count} seeds{(lr ? "" : "; EMA, raw faint")})"));
    }

    /// <summary>
    /// The arm's per-step series (training loss, or "lr") averaged over its seeds: the raw mean faint and out of the
    /// legend, and (for the loss) its exponential moving average (<see cref="Smoothing.Ema"/>) named after the arm.
    /// Thinned to at most <paramref name="points"/> points.
    /// </summary>
    public static IEnumerable<GenericChart> SmoothedStepCurve(ArmResult arm, Color color, double width = 2, string series = "train_loss", int points = 600)
    {
        ArgumentNullException.ThrowIfNull(arm);
        var runs = arm.Runs.Where(r => r.History is not null).Select(r => series == "lr" ? r.History!.StepLr : r.History!.StepLoss).ToArray();
        if (runs.Length == 0) yield break;
        int n = runs.Min(r => r.Count);
        if (n == 0) yield break;
        var mean = Enumerable.Range(0, n).Select(i => runs.Average(r => r[i])).ToArray();
        int stride = Math.Max(1, (int)Math.Ceiling(n / (double)points));
        var idx = Enumerable.Range(0, n).Where(i => i % stride == 0 || i == n - 1).ToArray();
        var x = idx.Select(i => i + 1).ToArray();
        if (series == "lr")
        {
            yield return Chart.Line<int, double, string>(x, idx.Select(i => mean[i]), Name: PlotlyHtml.Escape(arm.Name), LineColor: color, LineWidth: width);
            yield break;
        }
        var smooth = Smoothing.Ema(mean, Smoothing.BetaFor(n));
        yield return Chart.Line<int, double, string>(x, idx.Select(i => mean[i]), Name: PlotlyHtml.Escape($"{arm.Name} (raw)"), LineColor: color,
            LineWidth: 1, Opacity: 0.2, ShowLegend: false);
        yield return Chart.Line<int, double, string>(x, idx.Select(i => smooth[i]), Name: PlotlyHtml.Escape(arm.Name), LineColor: color, LineWidth: width);
    }

    /// <summary>The final value of <paramref name="metric"/> per arm: every seed a point, and the mean as a bar.</summary>
    public static GenericChart FinalMetric(ExperimentResult result, string metric)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = new List<GenericChart>();
        var names = result.Arms.Select(a => PlotlyHtml.Escape(a.Name)).ToArray();
        charts.Add(Chart.Column<double, string, string>(result.Arms.Select(a => a.Mean(metric)), Keys: names, Name: "mean",
            MarkerColor: Color.fromString("rgba(120,120,120,0.35)")));
        for (int a = 0; a < result.Arms.Count; a++)
        {
            var arm = result.Arms[a];
            var values = arm.Values(metric);
            charts.Add(Chart.Point<string, double, string>(Enumerable.Repeat(PlotlyHtml.Escape(arm.Name), values.Count), values,
                Name: PlotlyHtml.Escape($"{arm.Name} (each seed)"), MarkerColor: ArmColor(a), MultiText: result.Seeds.Take(values.Count).Select(s => $"seed {s}").ToArray()));
        }
        // Bars start at zero: a range fitted to the points alone would hide small bars.
        var all = result.Arms.SelectMany(a => a.Values(metric)).Where(double.IsFinite).ToArray();
        double lo = Math.Min(0, all.DefaultIfEmpty(0).Min()), hi = Math.Max(0, all.DefaultIfEmpty(1).Max());
        double pad = (hi - lo) * 0.08 + 1e-12;
        return Chart.Combine(charts)
            .WithYAxisStyle<double, double, string>(TitleText: metric.Replace('_', ' '), MinMax: Tuple.Create(lo < 0 ? lo - pad : 0, hi + pad))
            .Titled(PlotlyHtml.Escape($"{result.Trick}: {metric.Replace('_', ' ')} per arm"));
    }

    /// <summary>The charts of any experiment without figures of its own: the training curves (when the runs have histories) and each claimed metric per arm.</summary>
    public static IReadOnlyList<GenericChart> Default(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = new List<GenericChart>();
        if (result.Arms.Any(a => a.Runs.Any(r => r.History is not null))) charts.Add(LearningCurves(result));
        charts.AddRange(ExperimentHtml.ChartedMetrics(result).Select(m => FinalMetric(result, m)));
        return charts;
    }

    /// <summary>For each arm, its per-epoch training and test loss (mean over seeds), dashed and solid.</summary>
    public static IEnumerable<GenericChart> EpochCurves(ExperimentResult result, IEnumerable<string> arms)
    {
        foreach (var name in arms)
        {
            var arm = result[name];
            var runs = arm.Runs.Where(r => r.History is { Epochs.Count: > 0 }).Select(r => r.History!.Epochs).ToArray();
            if (runs.Length == 0) continue;
            int n = runs.Min(r => r.Count);
            var epoch = runs[0].Take(n).Select(e => (double)e.Epoch).ToArray();
            var color = ExperimentCharts.ArmColor(Figure.Index(result, name));
            yield return Figure.Line(epoch, Enumerable.Range(0, n).Select(i => runs.Average(r => r[i].TrainLoss)), $"{name}: train", color, dash: StyleParam.DrawingStyle.Dash, markers: true);
            yield return Figure.Line(epoch, Enumerable.Range(0, n).Select(i => runs.Average(r => r[i].TestLoss)), $"{name}: test", color, markers: true);
        }
    }
}

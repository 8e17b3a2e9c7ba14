using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;
using static TricksKit.Formatters.Figure;

namespace Tricks.Lab.LabelSmoothing;

/// <summary>Mueller, Kornblith and Hinton 2019 (when does label smoothing help?): reliability diagrams and Fig. 1's projection.</summary>
public static class LabelSmoothingFigures
{
    /// <summary>Bins with fewer test images are left out of the diagram (their accuracy is noise; the ECE counts them by weight).</summary>
    public const int MinBinCount = 20;

    /// <summary>The reliability diagram of one arm (seed index <paramref name="seedIndex"/>): accuracy against confidence per bin, bars sized by count in the hover.</summary>
    public static GenericChart Reliability(ExperimentResult result, string arm, int seedIndex = 0) => Reliability(result, arm, seedIndex, diagonalInLegend: true);

    private static GenericChart Reliability(ExperimentResult result, string arm, int seedIndex, bool diagonalInLegend)
    {
        ArgumentNullException.ThrowIfNull(result);
        var a = result[arm];
        var conf = RunSeries(a, LabelSmoothingExperiment.ReliabilityConfidence, seedIndex);
        var acc = RunSeries(a, LabelSmoothingExperiment.ReliabilityAccuracy, seedIndex);
        var count = RunSeries(a, LabelSmoothingExperiment.ReliabilityCount, seedIndex);
        var keep = Enumerable.Range(0, conf.Count).Where(i => count.Count == 0 || count[i] >= MinBinCount).ToArray();
        double ece = a.Runs[seedIndex].MetricValues.TryGetValue(ClassifierMetrics.TestEce.Key, out var e) ? e : double.NaN;
        var charts = new[]
        {
            Line(keep.Select(i => conf[i]), keep.Select(i => acc[i]), F($"{arm} (ECE {ece:F3})"), ExperimentCharts.ArmColor(Index(result, arm)), markers: true),
            Line(new[] { 0.0, 1.0 }, new[] { 0.0, 1.0 }, "perfect calibration", Color.fromString("rgba(120,120,120,0.6)"), width: 1, dash: StyleParam.DrawingStyle.Dash, showLegend: diagonalInLegend),
        };
        return Titled(Axes(Chart.Combine(charts), "confidence (mean of the bin's top probability)", "accuracy in the bin (fraction)"),
            F($"{arm}: reliability, seed {result.Seeds[seedIndex]}"),
            F($"bins with >= {MinBinCount} test images; below the diagonal: over-confident (Mueller et al.: smoothing lowers ECE)"));
    }

    /// <summary>The reliability diagrams of the plain and the smoothed arm side by side (seed index <paramref name="seedIndex"/>).</summary>
    public static GenericChart ReliabilitySideBySide(ExperimentResult result, int seedIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        var panels = new[] { LabelSmoothingExperiment.Plain, LabelSmoothingExperiment.Smoothed }.Select((arm, i) => Reliability(result, arm, seedIndex, diagonalInLegend: i == 0)
            .WithXAxisStyle<double, double, string>(TitleText: "confidence").WithYAxisStyle<double, double, string>(TitleText: "accuracy in the bin")).ToArray();
        return Titled(Plotly.NET.CSharp.Chart.Grid(panels, 1, 2),
            F($"Reliability, seed {result.Seeds[seedIndex]}: {LabelSmoothingExperiment.Plain} (left) and {LabelSmoothingExperiment.Smoothed} (right)"),
            F($"bins with >= {MinBinCount} test images, ECE in the legend; below the dashed diagonal: over-confident (Mueller et al.: smoothing lowers ECE)"));
    }

    /// <summary>
    /// Mueller et al. Fig. 1: penultimate-layer activations of three classes projected onto the plane through those
    /// classes' templates (<see cref="LabelSmoothingExperiment.PenultimateProjection"/>), one arm, seed index <paramref name="seedIndex"/>.
    /// </summary>
    public static GenericChart Projection(ExperimentResult result, string arm, IReadOnlyList<string>? classNames = null, int seedIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        var a = result[arm];
        var x = RunSeries(a, LabelSmoothingExperiment.PenultimateX, seedIndex);
        var y = RunSeries(a, LabelSmoothingExperiment.PenultimateY, seedIndex);
        var label = RunSeries(a, LabelSmoothingExperiment.PenultimateClass, seedIndex);
        var classes = LabelSmoothingExperiment.ProjectedClasses;
        var charts = classes.Select((c, k) =>
        {
            var idx = Enumerable.Range(0, label.Count).Where(i => (int)label[i] == c).ToArray();
            var name = classNames is not null && c < classNames.Count ? classNames[c] : F($"class {c}");
            return Points(idx.Select(i => x[i]), idx.Select(i => y[i]), name, ExperimentCharts.ArmColor(k + 4, 0.6));
        }).ToArray();
        return Titled(Axes(Chart.Combine(charts), "projection on e1 (activation units)", "projection on e2 (activation units)"),
            F($"{arm}: penultimate activations of three classes, seed {result.Seeds[seedIndex]}"),
            "Mueller et al. Fig. 1: with smoothing each class forms a tight cluster, equidistant from the others");
    }

    /// <summary>The study's figures, the headline first: the reliability diagrams, the penultimate-layer projections without and with smoothing.</summary>
    public static IReadOnlyList<GenericChart> All(ExperimentResult result) => new[] { ReliabilitySideBySide(result), Projection(result, LabelSmoothingExperiment.Plain, FashionMnist.ClassNames), Projection(result, LabelSmoothingExperiment.Smoothed, FashionMnist.ClassNames) };
}

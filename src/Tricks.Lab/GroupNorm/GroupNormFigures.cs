using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;
using static TricksKit.Formatters.Figure;

namespace Tricks.Lab.GroupNorm;

/// <summary>Wu and He 2018 (group normalization), Fig. 1: error against batch size for BN and GN.</summary>
public static class GroupNormFigures
{
    /// <summary>The paper's ImageNet validation error (%) of ResNet-50 at batch 32, 16, 8, 4, 2 per GPU (Wu and He, Fig. 1 / Table 2).</summary>
    public static readonly IReadOnlyList<(int Batch, double Bn, double Gn)> Paper = new[]
    {
        (32, 23.6, 24.1), (16, 23.7, 24.2), (8, 24.8, 24.0), (4, 27.3, 24.1), (2, 34.7, 24.1),
    };

    /// <summary>Our test error (%) per batch size for each norm, every seed a point and the mean a line, beside the paper's BN and GN (dotted); the batch shrinks to the right, as in the paper.</summary>
    public static GenericChart ErrorVsBatchSize(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = new List<GenericChart>();
        var style = new[] { (Norm.BatchNorm, "BN", 3), (Norm.GroupNorm, "GN", 0) };
        // The paper's traces first: their batch sizes (32 .. 2, with 16) fix the order of the categories.
        foreach (var (norm, label, color) in style)
            charts.Add(Chart.Line<string, double, string>(Paper.Select(p => p.Batch.ToString(CultureInfo.InvariantCulture)), Paper.Select(p => norm == Norm.BatchNorm ? p.Bn : p.Gn),
                Name: F($"{label} (paper: ResNet-50, ImageNet)"), LineColor: ExperimentCharts.ArmColor(color, 0.6), LineWidth: 1.5, LineDash: StyleParam.DrawingStyle.Dot, ShowMarkers: true));
        var batches = GroupNormExperiment.BatchSizes.Select(b => b.ToString(CultureInfo.InvariantCulture)).ToArray();
        var ours = style.Concat(new[] { (Norm.LayerNorm, "LN", 1), (Norm.None, "no norm", 2) });
        foreach (var (norm, label, color) in ours)
        {
            var arms = GroupNormExperiment.BatchSizes.Select(b => result[GroupNormExperiment.ArmName(norm, b)]).ToArray();
            charts.Add(Chart.Line<string, double, string>(batches, arms.Select(a => 100 * (1 - a.Mean(ClassifierMetrics.TestAccuracy))),
                Name: F($"{label} (this run, mean)"), LineColor: ExperimentCharts.ArmColor(color), LineWidth: 3, ShowMarkers: true));
            charts.Add(Chart.Point<string, double, string>(arms.SelectMany((a, i) => a.Values(ClassifierMetrics.TestAccuracy).Select(_ => batches[i])),
                arms.SelectMany(a => a.Values(ClassifierMetrics.TestAccuracy).Select(v => 100 * (1 - v))), Name: F($"{label} (each seed)"), MarkerColor: ExperimentCharts.ArmColor(color, 0.5)));
        }
        return Titled(Chart.Combine(charts)
                .WithXAxisStyle<string, string, string>(TitleText: "batch size (images per batch)")
                .WithYAxisStyle<double, double, string>(TitleText: "error (%)"),
            F($"Test error against batch size in a small conv net: BN, LN, GN and no norm (Fashion-MNIST, seeds {Seeds(result)})"),
            "Wu & He Fig. 1 (dotted): at batch 2 BN 34.7% vs GN 24.1% error (ResNet-50, ImageNet); here BN's statistics over 28x28 positions hold up at batch 2");
    }

    /// <summary>The study's figures: error against batch size.</summary>
    public static IReadOnlyList<GenericChart> All(ExperimentResult result) => new[] { ErrorVsBatchSize(result) };
}

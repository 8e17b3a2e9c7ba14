using Plotly.NET;
using Plotly.NET.CSharp;
using TorchSharp;
using static TorchSharp.torch;
using Chart = Plotly.NET.CSharp.Chart;
using static TricksKit.Formatters.Figure;

namespace Tricks.Lab.FocalLoss;

/// <summary>Lin et al. 2017 (focal loss): Fig. 1, the precision-recall curves, and the learned decision boundary.</summary>
public static class FocalLossFigures
{
    /// <summary>The gammas of Lin et al.'s Fig. 1.</summary>
    public static readonly IReadOnlyList<double> Gammas = new[] { 0, 0.5, 1, 2, 5 };

    /// <summary>
    /// Lin et al. Fig. 1: the loss of one example against the probability of its true class, <c>FL(p_t) = -(1 - p_t)^gamma
    /// log p_t</c>, computed by the kit's <see cref="Losses.SigmoidFocal"/> (no alpha) for gamma 0 (cross-entropy), 0.5,
    /// 1, 2, 5. The subtitle compares the loss at p_t = 0.9 with the paper's "100x lower than CE" for gamma 2.
    /// </summary>
    public static GenericChart LossVsProbability()
    {
        var p = Enumerable.Range(1, 199).Select(i => i / 200.0).ToArray();
        var charts = new List<GenericChart>();
        double ratioAt09 = 0;
        for (int g = 0; g < Gammas.Count; g++)
        {
            using var scope = NewDisposeScope();
            var pt = tensor(p, ScalarType.Float64);
            var logits = pt.log() - (1 - pt).log();
            var loss = Losses.SigmoidFocal(Gammas[g], alpha: -1, reduction: nn.Reduction.None).call(logits, ones_like(logits));
            var values = loss.data<double>().ToArray();
            charts.Add(Line(p, values, F($"gamma = {Gammas[g]}{(Gammas[g] == 0 ? " (cross-entropy)" : "")}"), ExperimentCharts.ArmColor(g)));
            if (Gammas[g] == 2)
            {
                var at = tensor(new[] { Math.Log(9) }, ScalarType.Float64);
                double ce = Losses.SigmoidFocal(0, -1).call(at, ones_like(at)).item<double>();
                double fl = Losses.SigmoidFocal(2, -1).call(at, ones_like(at)).item<double>();
                ratioAt09 = ce / fl;
            }
        }
        return Titled(Axes(Chart.Combine(charts), "probability of the ground-truth class, p_t", "loss (nats)"),
            "Focal loss down-weights well-classified examples (Lin et al. Fig. 1)",
            F($"at p_t = 0.9 the kit's gamma = 2 loss is {ratioAt09:F0}x lower than cross-entropy (paper: 100x)"));
    }

    /// <summary>The precision-recall curve of each arm on the test set (seed index <paramref name="seedIndex"/>), AP in the legend.</summary>
    public static GenericChart PrecisionRecall(ExperimentResult result, int seedIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = new List<GenericChart>();
        for (int a = 0; a < result.Arms.Count; a++)
        {
            var arm = result.Arms[a];
            if (arm.Name == FocalLossExperiment.BceNoise) continue;
            var recall = RunSeries(arm, FocalLossExperiment.PrRecall, seedIndex);
            var precision = RunSeries(arm, FocalLossExperiment.PrPrecision, seedIndex);
            if (recall.Count == 0) continue;
            double ap = arm.Runs[seedIndex].MetricValues.TryGetValue(FocalLossExperiment.TestAp.Key, out var v) ? v : double.NaN;
            charts.Add(Line(recall, precision, F($"{arm.Name} (AP {ap:F3})"), ExperimentCharts.ArmColor(a)));
        }
        return Titled(Axes(Chart.Combine(charts), "recall", "precision"),
            F($"Precision-recall on the test set, seed {result.Seeds[seedIndex]}"),
            "RetinaNet on COCO (Lin et al. Table 1): alpha-balanced CE 31.1 AP, focal loss (gamma 2, alpha 0.25) 34.0 AP");
    }

    /// <summary>
    /// The data (every test positive of the first 20,000, the first 1,500 negatives) over the probability of "object"
    /// that the arm's model (seed index <paramref name="seedIndex"/>) learned, with its 0.5 contour.
    /// </summary>
    public static GenericChart DecisionBoundary(ExperimentResult result, string arm, int seedIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        var grid = RunSeries(result[arm], FocalLossExperiment.GridProbability, seedIndex);
        int n = FocalLossExperiment.GridSize;
        if (grid.Count != n * n) throw new ArgumentException($"arm '{arm}' recorded no probability grid (series grid_prob).", nameof(arm));
        var axis = Enumerable.Range(0, n).Select(i => -FocalLossExperiment.GridExtent / 2 + FocalLossExperiment.GridExtent * i / (n - 1)).ToArray();
        var z = Enumerable.Range(0, n).Select(row => Enumerable.Range(0, n).Select(col => grid[row * n + col]).ToArray()).ToArray();
        var baseline = result.Arms.First(a => a.Runs.ElementAtOrDefault(seedIndex)?.Values(FocalLossExperiment.PointsX).Count > 0);
        var px = RunSeries(baseline, FocalLossExperiment.PointsX, seedIndex);
        var py = RunSeries(baseline, FocalLossExperiment.PointsY, seedIndex);
        var label = RunSeries(baseline, FocalLossExperiment.PointsLabel, seedIndex);
        var neg = Enumerable.Range(0, label.Count).Where(i => label[i] == 0).ToArray();
        var pos = Enumerable.Range(0, label.Count).Where(i => label[i] == 1).ToArray();
        var charts = new[]
        {
            Chart.Contour<double, double, double, string>(z, X: axis, Y: axis, Name: "P(object)", ShowLegend: false,
                ColorScale: StyleParam.Colorscale.Greys, ReverseScale: true, ShowScale: false, ContoursStart: 0.1, ContoursEnd: 0.9, NContours: 9, Opacity: 0.7),
            Points(neg.Select(i => px[i]), neg.Select(i => py[i]), "negatives", Color.fromString("rgba(31,119,180,0.35)")),
            Points(pos.Select(i => px[i]), pos.Select(i => py[i]), "positives", Color.fromString("rgba(214,39,40,0.9)")),
        };
        return Titled(Axes(Chart.Combine(charts), "x1", "x2"), F($"{arm}: learned P(object), seed {result.Seeds[seedIndex]}"),
            "shading: P(object) from white (< 0.1) to black (> 0.9); red: the rare positives in their blobs, blue: negatives (hard ones ring the blobs)");
    }

    /// <summary>The study's figures, the headline first: the loss against the probability, the precision-recall curves, the decision boundaries of BCE and focal loss.</summary>
    public static IReadOnlyList<GenericChart> All(ExperimentResult result) => new[] { PrecisionRecall(result), LossVsProbability(), DecisionBoundary(result, FocalLossExperiment.Bce), DecisionBoundary(result, FocalLossExperiment.Focal) };
}

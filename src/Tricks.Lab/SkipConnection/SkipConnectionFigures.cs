using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;
using static TricksKit.Formatters.Figure;

namespace Tricks.Lab.SkipConnection;

/// <summary>He et al. 2016 (residual networks), Fig. 1 and 4: training loss per step, thin = plain, bold = residual.</summary>
public static class SkipConnectionFigures
{
    /// <summary>Per-step training loss, mean over seeds, smoothed (EMA; raw faint): thin lines plain, bold residual; colour = depth.</summary>
    public static GenericChart TrainingCurves(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = new List<GenericChart>();
        foreach (var (name, depthColor, residual) in new[]
                 {
                     (SkipConnectionExperiment.Plain8, 0, false), (SkipConnectionExperiment.Plain32, 3, false),
                     (SkipConnectionExperiment.Residual8, 0, true), (SkipConnectionExperiment.Residual32, 3, true),
                 })
            charts.AddRange(ExperimentCharts.SmoothedStepCurve(result[name], ExperimentCharts.ArmColor(depthColor), width: residual ? 4 : 1.5));
        return Titled(Axes(Chart.Combine(charts), "training step", "training loss (nats, log scale)", logY: true),
            F($"Deeper plain nets train worse; residual ones do not (mean over seeds {Seeds(result)}; blue 8 blocks, red 32)"),
            "ImageNet top-1 error (He et al. Table 2): plain 18 / 34 layers 27.94% / 28.54%; ResNet 18 / 34 27.88% / 25.03%");
    }

    /// <summary>The study's figures: the training curves.</summary>
    public static IReadOnlyList<GenericChart> All(ExperimentResult result) => new[] { TrainingCurves(result) };
}

using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;
using static TricksKit.Formatters.Figure;

namespace Tricks.Lab.Flooding;

/// <summary>Ishida et al. 2020 (flooding): training and test loss per epoch with and without flooding, the flood level drawn.</summary>
public static class FloodingFigures
{
    /// <summary>Training (dashed) and test (solid) cross-entropy per evaluated epoch, mean over seeds, with the flood level b.</summary>
    public static GenericChart LossWithFloodLevel(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var curves = ExperimentCharts.EpochCurves(result, new[] { FloodingExperiment.Plain, FloodingExperiment.Flooded }).ToList();
        var last = result[FloodingExperiment.Plain].Runs[0].History?.Epochs.Count ?? 1;
        curves.Add(Level(last, FloodingExperiment.Level, F($"flood level b = {FloodingExperiment.Level}")));
        return Titled(Axes(Chart.Combine(curves), "epoch", "cross-entropy (nats, log scale)", logY: true),
            F($"Flooding keeps the training loss near b while the plain run's falls to ~0 (mean over seeds {Seeds(result)})"),
            "Ishida et al. Fig. 1: with flooding the training loss floats around b and the test loss descends again");
    }

    /// <summary>The study's figures: the losses with the flood level.</summary>
    public static IReadOnlyList<GenericChart> All(ExperimentResult result) => new[] { LossWithFloodLevel(result) };
}

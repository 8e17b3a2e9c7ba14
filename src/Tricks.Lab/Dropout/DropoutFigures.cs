using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;
using static TricksKit.Formatters.Figure;

namespace Tricks.Lab.Dropout;

/// <summary>Srivastava et al. 2014 (dropout): training and test cross-entropy per epoch, the gap opening without dropout.</summary>
public static class DropoutFigures
{
    /// <summary>Training (dashed) and test (solid) cross-entropy per evaluated epoch, mean over seeds, for the plain and dropout arms.</summary>
    public static GenericChart GapOpening(ExperimentResult result) =>
        Titled(Axes(Chart.Combine(ExperimentCharts.EpochCurves(result, new[] { DropoutExperiment.None, DropoutExperiment.Half })), "epoch", "cross-entropy (nats)"),
            F($"Train (dashed) and test (solid) cross-entropy, mean over seeds {Seeds(result)}"),
            "MNIST, 3-layer MLP (Srivastava et al. Table 2): test error 1.60% without dropout, 1.25% with it");

    /// <summary>The study's figures: the train-test gap opening.</summary>
    public static IReadOnlyList<GenericChart> All(ExperimentResult result) => new[] { GapOpening(result) };
}

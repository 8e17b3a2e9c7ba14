using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;
using static TricksKit.Formatters.Figure;

namespace TricksKit.Formatters;

/// <summary>Srivastava et al. 2014 (dropout): training and test cross-entropy per epoch, the gap opening without dropout.</summary>
public static class DropoutFigures
{
    /// <summary>Training (dashed) and test (solid) cross-entropy per evaluated epoch, mean over seeds, for the plain and dropout arms.</summary>
    public static GenericChart GapOpening(ExperimentResult result) =>
        Titled(Axes(Chart.Combine(EpochCurves(result, new[] { DropoutExperiment.None, DropoutExperiment.Half })), "epoch", "cross-entropy (nats)"),
            F($"Train (dashed) and test (solid) cross-entropy, mean over seeds {Seeds(result)}"),
            "MNIST, 3-layer MLP (Srivastava et al. Table 2): test error 1.60% without dropout, 1.25% with it");

    /// <summary>For each arm, its per-epoch training and test loss (mean over seeds), dashed and solid.</summary>
    internal static IEnumerable<GenericChart> EpochCurves(ExperimentResult result, IEnumerable<string> arms)
    {
        foreach (var name in arms)
        {
            var arm = result[name];
            var runs = arm.Runs.Where(r => r.History is { Epochs.Count: > 0 }).Select(r => r.History!.Epochs).ToArray();
            if (runs.Length == 0) continue;
            int n = runs.Min(r => r.Count);
            var epoch = runs[0].Take(n).Select(e => (double)e.Epoch).ToArray();
            var color = ExperimentCharts.ArmColor(Index(result, name));
            yield return Line(epoch, Enumerable.Range(0, n).Select(i => runs.Average(r => r[i].TrainLoss)), $"{name}: train", color, dash: StyleParam.DrawingStyle.Dash, markers: true);
            yield return Line(epoch, Enumerable.Range(0, n).Select(i => runs.Average(r => r[i].TestLoss)), $"{name}: test", color, markers: true);
        }
    }
}

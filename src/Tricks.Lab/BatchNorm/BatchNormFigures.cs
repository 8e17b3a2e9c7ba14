using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;
using static TricksKit.Formatters.Figure;

namespace Tricks.Lab.BatchNorm;

/// <summary>Ioffe and Szegedy 2015 (batch normalization), Fig. 1 a-c: test accuracy during training, and one sigmoid's input distribution.</summary>
public static class BatchNormFigures
{
    /// <summary>Fig. 1(a): test accuracy against training step, with and without BN, each at its best rate (mean over seeds), the target dotted.</summary>
    public static GenericChart TestAccuracy(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = new List<GenericChart>();
        foreach (var name in new[] { BatchNormExperiment.Plain, BatchNormExperiment.Bn })
        {
            var arm = result[name];
            var step = MeanSeries(arm, StepSeries.Step);
            charts.Add(Line(step, MeanSeries(arm, StepSeries.TestAccuracy), name, ExperimentCharts.ArmColor(Index(result, name)), markers: false));
        }
        var end = MeanSeries(result[BatchNormExperiment.Plain], StepSeries.Step).DefaultIfEmpty(1).Last();
        charts.Add(Level(end, BatchNormExperiment.Target, F($"target {BatchNormExperiment.Target:P0}")));
        return Titled(Axes(Chart.Combine(charts), "training step", "test accuracy (fraction)"),
            F($"Test accuracy during training, sigmoid MLP, each at its best rate (mean over seeds {Seeds(result)}; Ioffe & Szegedy Fig. 1a)"),
            "paper: on ImageNet, BN-Inception matched Inception's accuracy in 14 times fewer training steps");
    }

    /// <summary>
    /// Fig. 1(b, c): the 15th, 50th and 85th percentiles of the input to one sigmoid of the last hidden layer over
    /// training, for the arm <paramref name="arm"/> (seed index <paramref name="seedIndex"/>).
    /// </summary>
    public static GenericChart SigmoidInput(ExperimentResult result, string arm, int seedIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        var a = result[arm];
        var step = RunSeries(a, StepSeries.Step, seedIndex);
        var charts = new List<GenericChart>();
        for (int i = 0; i < BatchNormExperiment.InputPercentiles.Count; i++)
        {
            int q = (int)Math.Round(BatchNormExperiment.InputPercentiles[i] * 100);
            charts.Add(Line(step, RunSeries(a, BatchNormExperiment.SigmoidInput[i], seedIndex), F($"{q}th percentile"), ExperimentCharts.ArmColor(Index(result, arm), q == 50 ? 1 : 0.45), width: q == 50 ? 2.5 : 1.5));
        }
        return Titled(Axes(Chart.Combine(charts), "training step", "input to the sigmoid"),
            F($"{arm}: one sigmoid's input over training, seed {result.Seeds[seedIndex]} (Ioffe & Szegedy Fig. 1b-c)"),
            "without BN the distribution drifts (internal covariate shift); with BN it stays put");
    }

    /// <summary>The study's figures, the headline first: Fig. 1a, then Fig. 1b-c without and with BN.</summary>
    public static IReadOnlyList<GenericChart> All(ExperimentResult result) =>
        new[] { TestAccuracy(result), SigmoidInput(result, BatchNormExperiment.Plain), SigmoidInput(result, BatchNormExperiment.Bn) };
}

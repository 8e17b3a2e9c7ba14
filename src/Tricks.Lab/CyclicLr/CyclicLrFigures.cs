using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;
using static TricksKit.Formatters.Figure;

namespace Tricks.Lab.CyclicLr;

/// <summary>Loshchilov and Hutter 2017 (SGDR) Fig. 1-2 and Huang et al. 2017 (snapshot ensembles).</summary>
public static class CyclicLrFigures
{
    /// <summary>Fig. 1: the learning rate every arm used at every step (seed index 0).</summary>
    public static GenericChart LearningRates(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = new List<GenericChart>();
        for (int a = 0; a < result.Arms.Count; a++)
            if (result.Arms[a].Name != CyclicLrExperiment.CosineNoise)
                charts.AddRange(ExperimentCharts.SmoothedStepCurve(result.Arms[a], ExperimentCharts.ArmColor(a), series: "lr"));
        return Titled(Axes(Chart.Combine(charts), "training step", "learning rate"),
            "The schedules: cosine (its longest run), SGDR's warm restarts (cycles of 1, 2, 4, ... epochs), 3 equal cycles",
            "Loshchilov & Hutter Fig. 1: each restart jumps back to the initial rate");
    }

    /// <summary>Fig. 2-style: test error (solid) and test NLL (dotted, right axis values in nats) at each recorded cycle end, mean over seeds, per arm.</summary>
    public static GenericChart CycleEnds(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = new List<GenericChart>();
        for (int a = 0; a < result.Arms.Count; a++)
        {
            var arm = result.Arms[a];
            if (arm.Name == CyclicLrExperiment.CosineNoise) continue;
            var epochs = MeanSeries(arm, CyclicLrExperiment.SnapshotStep).Select(s => s / CyclicLrExperiment.StepsPerEpoch).ToArray();
            charts.Add(Line(epochs, MeanSeries(arm, CyclicLrExperiment.SnapshotAccuracy).Select(x => 100 * (1 - x)), F($"{arm.Name}: test error (%)"), ExperimentCharts.ArmColor(a), markers: true));
        }
        return Titled(Axes(Chart.Combine(charts), "epoch", "test error (%)"),
            F($"Test error at the cycle ends (mean over seeds {Seeds(result)}): SGDR is good early, at every restart"),
            "Loshchilov & Hutter Fig. 1-2: SGDR reaches a given test error sooner (anytime performance); the claim is on the NLL");
    }

    /// <summary>Huang et al.: test accuracy and NLL of the ensemble of the first k snapshots of the equal-cycles arm, k = 1 .. all.</summary>
    public static GenericChart EnsembleSize(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var arm = result[CyclicLrExperiment.Snapshots];
        var acc = MeanSeries(arm, CyclicLrExperiment.EnsembleOfFirstKAccuracy);
        var nll = MeanSeries(arm, CyclicLrExperiment.EnsembleOfFirstKNll);
        var k = Enumerable.Range(1, acc.Count).Select(i => (double)i).ToArray();
        int c = Index(result, CyclicLrExperiment.Snapshots);
        var charts = new[]
        {
            Line(k, nll, "test NLL of the ensemble (nats)", ExperimentCharts.ArmColor(c), markers: true),
            Line(k, acc.Select(x => 1 - x), "test error of the ensemble (fraction)", ExperimentCharts.ArmColor(c, 0.6), dash: StyleParam.DrawingStyle.Dash, markers: true),
        };
        return Titled(Axes(Chart.Combine(charts), "snapshots in the ensemble (the first k)", "nats / fraction"),
            F($"Snapshot ensemble: adding snapshots (mean over seeds {Seeds(result)}; cf. Huang et al. Fig. 4)"),
            "Huang et al.: an ensemble of M snapshots from one training run, at the cost of one");
    }

    /// <summary>The study's figures, the headline first: the rates, the NLL at the cycle ends, the ensemble size.</summary>
    public static IReadOnlyList<GenericChart> All(ExperimentResult result) => new[] { LearningRates(result), CycleEnds(result), EnsembleSize(result) };
}

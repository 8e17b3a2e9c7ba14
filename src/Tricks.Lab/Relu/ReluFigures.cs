using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;
using static TricksKit.Formatters.Figure;

namespace Tricks.Lab.Relu;

/// <summary>Krizhevsky et al. 2012 Fig. 1 (error against training time per activation) and Glorot et al. 2010 (gradient norm per layer).</summary>
public static class ReluFigures
{
    private static readonly string[] Activations = ReluExperiment.Activations.Select(a => a.Name).ToArray();

    /// <summary>Test error against training step for sigmoid, tanh and ReLU (mean over seeds), the target dotted.</summary>
    public static GenericChart ErrorCurves(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = new List<GenericChart>();
        foreach (var name in Activations)
        {
            var arm = result[name];
            charts.Add(Line(MeanSeries(arm, StepSeries.Step), MeanSeries(arm, StepSeries.TestAccuracy).Select(a => 1 - a), name, ExperimentCharts.ArmColor(Index(result, name))));
        }
        var end = MeanSeries(result[ReluExperiment.Relu], StepSeries.Step).DefaultIfEmpty(1).Last();
        charts.Add(Level(end, 1 - ReluExperiment.Target, F($"target: {1 - ReluExperiment.Target:P0} error")));
        return Titled(Axes(Chart.Combine(charts), "training step", "test error (fraction)"),
            F($"Error during training, small conv net (mean over seeds {Seeds(result)}; cf. Krizhevsky et al. Fig. 1)"),
            "paper (4-layer CNN, CIFAR-10): ReLU reached 25% training error six times faster than tanh");
    }

    /// <summary>Krizhevsky et al. plot training error: the training loss per step of sigmoid, tanh and ReLU (mean over seeds, EMA; raw faint).</summary>
    public static GenericChart TrainingLoss(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = Activations.SelectMany(name => ExperimentCharts.SmoothedStepCurve(result[name], ExperimentCharts.ArmColor(Index(result, name)))).ToArray();
        return Titled(Axes(Chart.Combine(charts), "training step", "training loss (nats)"),
            F($"Training loss per step, small conv net (mean over seeds {Seeds(result)}; the training side of Krizhevsky et al. Fig. 1)"),
            "Krizhevsky et al. plot training error; this is the training loss of the same runs");
    }

    /// <summary>The gradient norm of each layer's weights at initialisation (mean over seeds), log scale (Glorot and Bengio).</summary>
    public static GenericChart GradientNorms(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = new List<GenericChart>();
        foreach (var name in Activations)
        {
            var norms = MeanSeries(result[name], ReluExperiment.InitialGradNorms);
            charts.Add(Chart.Column<double, string, string>(norms, Keys: Enumerable.Range(1, norms.Count).Select(i => $"layer {i}").ToArray(),
                Name: PlotlyHtml.Escape(name), MarkerColor: ExperimentCharts.ArmColor(Index(result, name))));
        }
        return Titled(Chart.Combine(charts).WithYAxisStyle<double, double, string>(TitleText: "gradient norm of the weights (log scale)", AxisType: StyleParam.AxisType.Log)
                .WithXAxisStyle<double, double, string>(TitleText: "layer (1 = input side)"),
            "Gradient norm per layer at initialisation, one batch (Glorot & Bengio 2010)",
            "conv 1, conv 2, linear: does sigmoid's gradient shrink toward the input side while ReLU's (He init) stays level?");
    }

    /// <summary>The study's figures, the headline first: the training loss, the error curves, the gradient norms at init.</summary>
    public static IReadOnlyList<GenericChart> All(ExperimentResult result) => new[] { TrainingLoss(result), ErrorCurves(result), GradientNorms(result) };
}

using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace TricksKit.Formatters;

/// <summary>Charts of one training run.</summary>
public static class HistoryCharts
{
    /// <summary>Training loss per step, with the per-epoch training and test loss on top.</summary>
    public static GenericChart Loss(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var steps = Enumerable.Range(1, history.StepLoss.Count).ToArray();
        var traces = new List<GenericChart>
        {
            Chart.Line<int, double, string>(steps, history.StepLoss, Name: "train loss (step)", Opacity: 0.45),
        };
        if (history.Epochs.Count > 0)
        {
            var at = history.Epochs.Select(e => e.Step).ToArray();
            traces.Add(Chart.Line<int, double, string>(at, history.Epochs.Select(e => e.TrainLoss), Name: "train loss (epoch)", ShowMarkers: true));
            traces.Add(Chart.Line<int, double, string>(at, history.Epochs.Select(e => e.TestLoss), Name: "test loss (epoch)", ShowMarkers: true));
        }
        return Chart.Combine(traces)
            .WithXAxisStyle<int, int, string>(TitleText: "step")
            .WithYAxisStyle<double, double, string>(TitleText: "loss")
            .Titled(PlotlyHtml.Escape($"{history.Name}: loss"));
    }

    /// <summary>The learning rate actually used at every step.</summary>
    public static GenericChart LearningRate(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var steps = Enumerable.Range(1, history.StepLr.Count).ToArray();
        return Chart.Line<int, double, string>(steps, history.StepLr, Name: "learning rate")
            .WithXAxisStyle<int, int, string>(TitleText: "step")
            .WithYAxisStyle<double, double, string>(TitleText: "learning rate")
            .Titled(PlotlyHtml.Escape($"{history.Name}: learning rate"));
    }

    /// <summary>Sets the chart's title.</summary>
    public static GenericChart Titled(this GenericChart chart, string title) =>
        Plotly.NET.Chart.withTitle(title, null).Invoke(chart);
}

using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;
using static TricksKit.Formatters.Figure;

namespace Tricks.Lab.BagOfTricks;

/// <summary>He et al. 2019, Table 1, drawn: each stage's gain in test accuracy with its 95% interval, beside the paper's.</summary>
public static class BagOfTricksFigures
{
    /// <summary>
    /// The reference numbers (top-1 %), as quoted in issue #23: He et al. Table 1 (ResNet-50, ImageNet) baseline and every
    /// trick; a small CIFAR-10 reproduction (ResNet-18, 90 epochs) baseline, with label smoothing, every trick.
    /// </summary>
    public static readonly (double Baseline, double All) HeEtAl = (75.3, 79.29);
    /// <summary>The CIFAR-10 ResNet-18 reproduction (issue #23): baseline, + label smoothing, all combined.</summary>
    public static readonly (double Baseline, double LabelSmoothing, double All) Cifar10 = (93.10, 93.38, 94.63);

    /// <summary>
    /// The cumulative table as a dot plot: per stage the gain in test accuracy (points) over the stage before, with its
    /// 95% interval; the A/A noise floor; the total over the baseline; and the papers' totals as hollow diamonds.
    /// </summary>
    public static GenericChart Cumulative(AblationTable table, string data = "Fashion-MNIST")
    {
        ArgumentNullException.ThrowIfNull(table);
        var acc = ClassifierMetrics.TestAccuracy;
        var rows = table.CumulativeRows.Skip(1).Append(table.Noise).Append(table.Total).ToArray();
        var charts = new List<GenericChart>();
        var names = rows.Select(r => PlotlyHtml.Escape(r == table.Total ? "all tricks vs baseline" : r == table.Noise ? "A/A noise floor" : r.Name)).ToArray();
        for (int i = 0; i < rows.Length; i++)
        {
            var g = rows[i].Gain(acc)!;
            var color = ExperimentCharts.ArmColor(rows[i].Verdict switch { StageVerdict.Helps => 2, StageVerdict.Hurts => 3, _ => 7 });
            charts.Add(Chart.Line<string, double, string>(new[] { names[i], names[i] }, new[] { 100 * g.Low, 100 * g.High }, LineColor: color, LineWidth: 3, ShowLegend: false));
            charts.Add(Chart.Point<string, double, string>(new[] { names[i] }, new[] { 100 * g.Value }, Name: PlotlyHtml.Escape($"{rows[i].Name}: {rows[i].Verdict!.Value.Text()}"),
                MarkerColor: color, ShowLegend: false));
        }
        charts.Add(Chart.Point<string, double, string>(new[] { names[^1] }, new[] { HeEtAl.All - HeEtAl.Baseline }, Name: "He et al. (ResNet-50, ImageNet)",
            MarkerColor: ExperimentCharts.ArmColor(0), MarkerSymbol: StyleParam.MarkerSymbol.NewModified(StyleParam.MarkerSymbol.Diamond, StyleParam.SymbolStyle.Open)));
        charts.Add(Chart.Point<string, double, string>(new[] { names[^1] }, new[] { Cifar10.All - Cifar10.Baseline }, Name: "ResNet-18 on CIFAR-10 (reproduction)",
            MarkerColor: ExperimentCharts.ArmColor(1), MarkerSymbol: StyleParam.MarkerSymbol.NewModified(StyleParam.MarkerSymbol.Diamond, StyleParam.SymbolStyle.Open)));
        int ls = Array.FindIndex(rows, r => r.Stage?.Trick?.Name.StartsWith("label smoothing", StringComparison.Ordinal) == true);
        if (ls >= 0)
            charts.Add(Chart.Point<string, double, string>(new[] { names[ls] }, new[] { Cifar10.LabelSmoothing - Cifar10.Baseline }, Name: "label smoothing, CIFAR-10 reproduction",
                MarkerColor: ExperimentCharts.ArmColor(1), MarkerSymbol: StyleParam.MarkerSymbol.NewModified(StyleParam.MarkerSymbol.Diamond, StyleParam.SymbolStyle.Open), ShowLegend: false));
        charts.Add(Chart.Line<string, double, string>(new[] { names[0], names[^1] }, new[] { 0.0, 0.0 }, LineColor: Color.fromString("rgba(120,120,120,0.8)"),
            LineWidth: 1, LineDash: StyleParam.DrawingStyle.Dot, ShowLegend: false));
        return Titled(Chart.Combine(charts)
                .WithXAxisStyle<string, string, string>(TitleText: "stage (each trick added to the ones before)")
                .WithYAxisStyle<double, double, string>(TitleText: "gain in test accuracy (points), 95% interval"),
            F($"The bag of tricks, one at a time: green helps, grey no measurable effect, red hurts ({data}, seeds {Seeds(table.Result)})"),
            F($"Diamonds: He et al. Table 1 all tricks +{HeEtAl.All - HeEtAl.Baseline:0.00} (ResNet-50, ImageNet); CIFAR-10 ResNet-18 +{Cifar10.All - Cifar10.Baseline:0.00}, label smoothing +{Cifar10.LabelSmoothing - Cifar10.Baseline:0.00}"));
    }

    /// <summary>Leave-one-out: per trick, what the full stack loses without it (points of test accuracy), with its 95% interval.</summary>
    public static GenericChart LeaveOneOut(AblationTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var acc = ClassifierMetrics.TestAccuracy;
        var charts = new List<GenericChart>();
        foreach (var r in table.LeaveOneOutRows)
        {
            var g = r.Gain(acc)!;
            var name = PlotlyHtml.Escape(r.Stage!.Trick!.Name);
            var color = ExperimentCharts.ArmColor(r.Verdict switch { StageVerdict.Helps => 2, StageVerdict.Hurts => 3, _ => 7 });
            charts.Add(Chart.Line<double, string, string>(new[] { 100 * g.Low, 100 * g.High }, new[] { name, name }, LineColor: color, LineWidth: 3, ShowLegend: false));
            charts.Add(Chart.Point<double, string, string>(new[] { 100 * g.Value }, new[] { name }, Name: PlotlyHtml.Escape($"{r.Name}: {r.Verdict!.Value.Text()}"), MarkerColor: color, ShowLegend: false));
        }
        return Titled(Chart.Combine(charts)
                .WithXAxisStyle<double, double, string>(TitleText: "test accuracy lost without the trick (points), 95% interval")
                .WithYAxisStyle<string, string, string>(TitleText: "trick left out of the full stack"),
            F($"Which trick matters most when all the others are on (seeds {Seeds(table.Result)})"), "green: the full stack is measurably better with it; grey: no measurable effect; red: better without it");
    }

    /// <summary>The study's figures: the cumulative dot plot (the headline), then leave-one-out.</summary>
    public static IReadOnlyList<GenericChart> All(ExperimentResult result) => All(BagOfTricksExperiment.Table(result));

    /// <summary>The figures of an ablation's <paramref name="table"/> on <paramref name="data"/> (the notebook's, or one on a user's data).</summary>
    public static IReadOnlyList<GenericChart> All(AblationTable table, string data = "Fashion-MNIST") => new[] { Cumulative(table, data), LeaveOneOut(table) };
}

using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace TricksKit.Formatters;

/// <summary>What the per-paper figures share: series read across seeds, a subtitle with the paper's number, the arm colours.</summary>
public static class Figure
{
    /// <summary>The mean over an arm's seeds of a recorded series, cut to the shortest run (empty when no run has it).</summary>
    public static IReadOnlyList<double> MeanSeries(ArmResult arm, Series series) =>
        (arm ?? throw new ArgumentNullException(nameof(arm))).MeanSeries(series);

    /// <summary>One run's series (the run of seed index <paramref name="seedIndex"/>), or empty.</summary>
    public static IReadOnlyList<double> RunSeries(ArmResult arm, Series series, int seedIndex = 0) =>
        arm.Runs.ElementAtOrDefault(seedIndex)?.Values(series) ?? Array.Empty<double>();

    /// <summary>The index of <paramref name="arm"/> among the result's arms (its colour).</summary>
    public static int Index(ExperimentResult r, string arm) => r.Arms.Select(a => a.Name).ToList().IndexOf(arm);

    /// <summary>A title with a second, smaller line (what the paper reports, or how to read the chart).</summary>
    public static GenericChart Titled(GenericChart chart, string title, string? note = null) =>
        chart.Titled(PlotlyHtml.Escape(title) + (note is null ? "" : "<br><sup>" + PlotlyHtml.Escape(note) + "</sup>"));

    /// <summary>A line trace (HTML-escaped name).</summary>
    public static GenericChart Line(IEnumerable<double> x, IEnumerable<double> y, string name, Color color, double width = 2,
        StyleParam.DrawingStyle? dash = null, double opacity = 1, bool showLegend = true, bool markers = false) =>
        Chart.Line<double, double, string>(x, y, Name: PlotlyHtml.Escape(name), LineColor: color, LineWidth: width,
            LineDash: dash ?? StyleParam.DrawingStyle.Solid, Opacity: opacity, ShowLegend: showLegend, ShowMarkers: markers);

    /// <summary>A reference level (a target, a flood level): a thin grey dotted line at <paramref name="y"/> from x = 0 to <paramref name="xEnd"/>.</summary>
    public static GenericChart Level(double xEnd, double y, string name) =>
        Line(new[] { 0, xEnd }, new[] { y, y }, name, Color.fromString("rgba(120,120,120,0.8)"), width: 1, dash: StyleParam.DrawingStyle.Dot);

    /// <summary>Scatter points (HTML-escaped name), <paramref name="opacity"/> for dense clouds.</summary>
    public static GenericChart Points(IEnumerable<double> x, IEnumerable<double> y, string name, Color color, double opacity = 1, bool showLegend = true) =>
        Chart.Point<double, double, string>(x, y, Name: PlotlyHtml.Escape(name), MarkerColor: color, Opacity: opacity, ShowLegend: showLegend);

    /// <summary>Axis titles, with units.</summary>
    public static GenericChart Axes(GenericChart chart, string x, string y, bool logX = false, bool logY = false) => chart
        .WithXAxisStyle<double, double, string>(TitleText: PlotlyHtml.Escape(x), AxisType: logX ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear)
        .WithYAxisStyle<double, double, string>(TitleText: PlotlyHtml.Escape(y), AxisType: logY ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear);

    /// <summary>Invariant formatting.</summary>
    public static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Seeds as "0, 1, 2".</summary>
    public static string Seeds(ExperimentResult r) => string.Join(", ", r.Seeds);
}

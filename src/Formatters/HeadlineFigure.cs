using Plotly.NET;

namespace TricksKit.Formatters;

/// <summary>
/// A study's headline figure (the first of its paper's figures), as its notebook shows it: the chart inside an element
/// of class <see cref="CssClass"/>, which is how the gallery's index finds the figure of each executed notebook.
/// </summary>
public sealed record HeadlineFigure(GenericChart Chart)
{
    /// <summary>The class of the element around the chart (written here, read by the gallery).</summary>
    public const string CssClass = "tricks-headline";

    /// <summary>The chart's HTML inside the marked element (plotly.js as <see cref="PlotlyHtml.Render"/> decides, or as told).</summary>
    public string Html(bool? includePlotlyJs = null) => $"<div class=\"{CssClass}\">{PlotlyHtml.Render(Chart, includePlotlyJs: includePlotlyJs)}</div>";
}

using System.Globalization;
using System.Text;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace TricksKit.Formatters;

/// <summary>Display of a GAN run: the critic's estimate against the sliced Wasserstein distance over evaluations, and the evaluation table.</summary>
public static class GanHtml
{
    /// <summary>The critic's distance estimate and the sliced Wasserstein distance at each evaluation, as a chart.</summary>
    public static GenericChart Checkpoints(GanHistory h)
    {
        var it = h.Evaluations.Select(c => c.Iteration).ToArray();
        return Chart.Combine(new[]
        {
            Chart.Line<int, double, string>(it, h.Evaluations.Select(c => c.LossEstimate), Name: h.Kind == GanKind.Standard ? "critic's JS estimate" : "critic's W estimate", ShowMarkers: true),
            Chart.Line<int, double, string>(it, h.Evaluations.Select(c => c.SlicedWasserstein), Name: "sliced Wasserstein to the data", ShowMarkers: true),
        }).WithXAxisStyle<int, int, string>(TitleText: "iteration").Titled(PlotlyHtml.Escape($"{h.Name}: does the loss track quality?"));
    }

    /// <summary>HTML for a GAN run: losses and evaluations.</summary>
    public static string Render(GanHistory h)
    {
        var sb = new StringBuilder("<div class=\"tricks tricks-gan\">");
        sb.Append(PlotlyHtml.Render(Checkpoints(h), height: 320));
        sb.Append("<table><thead><tr><th>iteration</th><th>loss estimate</th><th>sliced W</th><th>modes</th></tr></thead><tbody>");
        foreach (var c in h.Evaluations)
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"<tr><td>{c.Iteration}</td><td>{c.LossEstimate:G4}</td><td>{c.SlicedWasserstein:G4}</td><td>{c.ModesCovered}</td></tr>"));
        return sb.Append("</tbody></table></div>").ToString();
    }

    /// <summary>A plain-text summary of a GAN run.</summary>
    public static string Text(GanHistory h) =>
        string.Create(CultureInfo.InvariantCulture, $"{h.Name} ({h.Kind}): {h.GeneratorLoss.Count} iterations, {h.Seconds:F1} s; ")
        + string.Join("; ", h.Evaluations.Select(c => string.Create(CultureInfo.InvariantCulture, $"it {c.Iteration}: est {c.LossEstimate:G3}, SW {c.SlicedWasserstein:G3}, modes {c.ModesCovered}")));
}

using System.Text;

namespace TricksKit.Formatters;

/// <summary>A standalone HTML page of an experiment's result: its figures, then the verdicts and tables (plotly.js embedded once: opens offline in any browser).</summary>
public static class ReportPage
{
    /// <summary>
    /// A standalone HTML page for a result: <paramref name="figures"/> (its paper's, from the study's catalog entry; by
    /// default <see cref="ExperimentCharts.Default"/>), then the verdicts (plotly.js inside).
    /// </summary>
    public static string Html(ExperimentResult result, Func<ExperimentResult, IEnumerable<Plotly.NET.GenericChart>>? figures = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        // Script hosts (dotnet fsi, notebook kernels) carry their own FSharp.Core: map Plotly.NET's request to it first.
        FSharpCoreRedirect.Install();
        return HtmlCore(result, figures);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string HtmlCore(ExperimentResult result, Func<ExperimentResult, IEnumerable<Plotly.NET.GenericChart>>? figures)
    {
        var body = new StringBuilder();
        bool first = true;
        foreach (var chart in (figures ?? ExperimentCharts.Default)(result))
        {
            body.Append(PlotlyHtml.Render(chart, includePlotlyJs: first));
            first = false;
        }
        body.Append(ExperimentHtml.Render(result));
        return new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
            .Append(PlotlyHtml.Escape(result.Trick)).Append("</title></head><body>")
            .Append(body).Append("</body></html>").ToString();
    }

    /// <summary>Writes the page (<see cref="Html"/>) to <paramref name="path"/>, atomically, and returns the path.</summary>
    public static string Write(ExperimentResult result, string path, Func<ExperimentResult, IEnumerable<Plotly.NET.GenericChart>>? figures = null)
    {
        AtomicFile.WriteAllText(path, Html(result, figures));
        return path;
    }
}

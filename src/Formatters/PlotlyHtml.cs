using System.Net;
using System.Reflection;
using System.Text;
using Plotly.NET;

namespace TricksKit.Formatters;

/// <summary>
/// Turns a Plotly.NET chart into an HTML fragment that draws with no network: the first chart of a session carries
/// plotly.js itself (the copy embedded in Plotly.NET, about 3.5 MB), later ones wait for it. Works in VS Code, in
/// Jupyter (the script hides AMD/CommonJS loaders so plotly.js always lands on <c>window.Plotly</c>) and in an
/// exported HTML page.
/// </summary>
public static class PlotlyHtml
{
    private static int scriptSent;
    private static int counter;
    private static readonly Lazy<string> Script = new(LoadPlotlyJs);

    /// <summary>The version of the embedded plotly.js.</summary>
    public static string PlotlyJsResource =>
        typeof(GenericChart).Assembly.GetManifestResourceNames().First(n => n.EndsWith(".min.js", StringComparison.Ordinal));

    /// <summary>How an inline copy of plotly.js begins in a chart's HTML (a page that ships plotly.js as a file can cut it out).</summary>
    public const string InlineScriptStart = "<script type=\"text/javascript\">(function(){var define=undefined,module=undefined,exports=undefined;\n";

    /// <summary>How an inline copy of plotly.js ends.</summary>
    public const string InlineScriptEnd = "\n}).call(window);</script>\n";

    /// <summary>plotly.js itself (the copy embedded in Plotly.NET), e.g. to ship it once as a file of a site.</summary>
    public static string PlotlyJs => Script.Value;

    /// <summary>Forget that plotly.js was sent (e.g. for a new page); the next chart carries it again.</summary>
    public static void ResetSession() => Interlocked.Exchange(ref scriptSent, 0);

    /// <summary>The chart as an HTML fragment; <paramref name="includePlotlyJs"/> null means "once per session".</summary>
    public static string Render(GenericChart chart, int height = 380, bool? includePlotlyJs = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        bool include = includePlotlyJs ?? Interlocked.Exchange(ref scriptSent, 1) == 0;
        var id = $"tricks-chart-{Environment.ProcessId}-{Interlocked.Increment(ref counter)}";
        var figure = ScriptSafe(GenericChart.toFigureJson(chart));
        var sb = new StringBuilder();
        if (include) sb.Append(InlineScriptStart).Append(Script.Value).Append(InlineScriptEnd);
        sb.Append($"<div id=\"{id}\" class=\"tricks-chart\" style=\"width:100%;max-width:900px;height:{height}px\"></div>\n")
          .Append("<script type=\"text/javascript\">(function(){var fig=").Append(figure).Append(';')
          // The drawing takes the container's size (Plotly.NET's defaults would overflow it and hide the bottom).
          .Append($"fig.layout=fig.layout||{{}};fig.layout.height={height};delete fig.layout.width;fig.layout.autosize=true;")
          .Append($"var tries=0;function draw(){{if(window.Plotly){{window.Plotly.newPlot('{id}',fig.data,fig.layout,{{responsive:true,displaylogo:false}});}}")
          .Append("else if(tries++<200){setTimeout(draw,50);}}draw();})();</script>");
        return sb.ToString();
    }

    /// <summary>JSON placed inside a script element must not close it: escape "&lt;/" and HTML comment openers.</summary>
    internal static string ScriptSafe(string json) => json.Replace("</", "<\\/").Replace("<!--", "<\\!--");

    /// <summary>HTML-escapes text for element content and attributes.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string LoadPlotlyJs()
    {
        var asm = typeof(GenericChart).Assembly;
        using var stream = asm.GetManifestResourceStream(PlotlyJsResource)
            ?? throw new InvalidOperationException("Plotly.NET carries no plotly.js resource.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

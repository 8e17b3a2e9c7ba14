using System.Net;
using System.Text;
using Markdig;
using TricksKit.Formatters;

namespace Tricks.Gallery;

/// <summary>One executed notebook as a page of the site: markdown rendered, code shown, every output inline (of a live progress display its last frame), plotly.js from the site's file.</summary>
public static class NotebookPage
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>The page's HTML; charts load plotly.js from <c>plotly.min.js</c> beside the page.</summary>
    public static string Html(ExecutedNotebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var body = new StringBuilder($"<p class=\"nav\"><a href=\"index.html\">&larr; all tricks</a></p>\n");
        foreach (var cell in notebook.Cells)
        {
            if (cell.Type == "markdown") { body.Append("<section class=\"md\">").Append(Markdig.Markdown.ToHtml(cell.Source, Markdown)).Append("</section>\n"); continue; }
            if (cell.Type != "code") continue;
            body.Append($"<details class=\"code\" open><summary>{WebUtility.HtmlEncode(cell.Language == "fsharp" ? "F#" : "C#")}</summary><pre><code>")
                .Append(WebUtility.HtmlEncode(cell.Source)).Append("</code></pre></details>\n");
            // A live-progress display appended a frame per redraw where the host could not replace it: show its last.
            var lastLive = cell.Outputs.Select((o, i) => (o, i)).LastOrDefault(x => IsLive(x.o)).i;
            for (int i = 0; i < cell.Outputs.Count; i++)
                if (!IsLive(cell.Outputs[i]) || i == lastLive) body.Append(Output(cell.Outputs[i])).Append('\n');
        }
        return Site.Shell(notebook.Title, body.ToString());
    }

    /// <summary>A frame of the kit's live progress display.</summary>
    public static bool IsLive(CellOutput o) => o.Mime == "text/html" && o.Text.Contains("class=\"tricks-live\"", StringComparison.Ordinal);

    /// <summary>An output as HTML: HTML as it is (an inline plotly.js cut out: the site ships it once), text in a pre.</summary>
    public static string Output(CellOutput o) => o.Mime switch
    {
        "text/html" => $"<div class=\"out\">{WithoutInlinePlotly(o.Text)}</div>",
        "error" => $"<pre class=\"out error\">{WebUtility.HtmlEncode(o.Text)}</pre>",
        _ => $"<pre class=\"out\">{WebUtility.HtmlEncode(o.Text)}</pre>",
    };

    /// <summary>The HTML with every inline copy of plotly.js (as <see cref="PlotlyHtml"/> writes it) removed.</summary>
    public static string WithoutInlinePlotly(string html)
    {
        while (true)
        {
            int start = html.IndexOf(PlotlyHtml.InlineScriptStart, StringComparison.Ordinal);
            if (start < 0) return html;
            int end = html.IndexOf(PlotlyHtml.InlineScriptEnd, start, StringComparison.Ordinal);
            if (end < 0) return html[..start];
            html = html[..start] + html[(end + PlotlyHtml.InlineScriptEnd.Length)..];
        }
    }
}

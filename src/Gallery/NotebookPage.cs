using System.Globalization;
using System.Net;
using System.Text;
using TricksKit.Experiments;
using TricksKit.Formatters;

namespace Tricks.Gallery;

/// <summary>
/// One executed notebook as a page of the site: a sidebar with the table of contents of its sections, then its run (the
/// claims table with the paper's number, ours with its interval and the verdict; the mode, seeds, time, peak memory and
/// commit; the commands that run it yourself; the downloads), the notebook itself (markdown rendered, code shown, every
/// output inline, of a live progress display its last frame) and previous/next links. plotly.js from the site's file.
/// </summary>
public static class NotebookPage
{
    /// <summary>The anchor of the run's box.</summary>
    public const string RunAnchor = "run";

    /// <summary>The page's HTML.</summary>
    public static string Html(GalleryEntry entry, GalleryEntry? previous = null, GalleryEntry? next = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var notebook = entry.Notebook;
        var body = new StringBuilder(Pager(previous, next));
        bool runShown = false;
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Type == "markdown" && entry.Markdown.Html.TryGetValue(i, out var md))
            {
                body.Append("<section class=\"md\">").Append(md).Append("</section>\n");
                if (!runShown) { body.Append(RunBox(entry)); runShown = true; }  // after the title and the trick's summary
                continue;
            }
            if (cell.Type != "code") continue;
            body.Append($"<details class=\"code\" open><summary>{WebUtility.HtmlEncode(cell.Language == "fsharp" ? "F#" : "C#")}</summary><pre><code>")
                .Append(WebUtility.HtmlEncode(cell.Source)).Append("</code></pre></details>\n");
            // A live-progress display appended a frame per redraw where the host could not replace it: show its last.
            var lastLive = cell.Outputs.Select((o, k) => (o, k)).LastOrDefault(x => IsLive(x.o)).k;
            for (int k = 0; k < cell.Outputs.Count; k++)
                if (!IsLive(cell.Outputs[k]) || k == lastLive) body.Append(Output(cell.Outputs[k])).Append('\n');
        }
        if (!runShown) body.Append(RunBox(entry));
        body.Append(Pager(previous, next));
        return PageShell.Html(notebook.Title, body.ToString(), plotly: true, sidebar: Toc(entry));
    }

    /// <summary>The sidebar: the run's box, then every level-2 and level-3 heading.</summary>
    private static string Toc(GalleryEntry entry)
    {
        var sb = new StringBuilder("<nav class=\"toc\" aria-label=\"Contents\"><strong>On this page</strong><ol>")
            .Append($"<li><a href=\"#{RunAnchor}\">Claims, run and downloads</a></li>");
        foreach (var s in entry.Markdown.Sections.Where(s => s.Level is 2 or 3))
            sb.Append($"<li class=\"h{s.Level}\"><a href=\"#{s.Id}\">{WebUtility.HtmlEncode(s.Title)}</a></li>");
        return sb.Append("</ol></nav>").ToString();
    }

    private static string Pager(GalleryEntry? previous, GalleryEntry? next) =>
        "<nav class=\"pager\" aria-label=\"Notebooks\">"
        + (previous is null ? "<span></span>" : $"<a rel=\"prev\" href=\"{previous.Page}\">&larr; {WebUtility.HtmlEncode(previous.Notebook.Title)}</a>")
        + "<a href=\"index.html\">all notebooks</a>"
        + (next is null ? "<span></span>" : $"<a rel=\"next\" href=\"{next.Page}\">{WebUtility.HtmlEncode(next.Notebook.Title)} &rarr;</a>")
        + "</nav>\n";

    /// <summary>The run's box: claims table, run facts, the commands to run it yourself, the downloads.</summary>
    private static string RunBox(GalleryEntry entry)
    {
        var sb = new StringBuilder($"<section class=\"runinfo\" id=\"{RunAnchor}\">");
        if (entry.Run is { } r) sb.Append(ClaimsTable(r));
        var facts = new List<(string, string)>();
        if (entry.Run is { } run) { facts.Add(("mode", run.Mode)); facts.Add(("seeds", string.Join(", ", run.Seeds))); }
        if (entry.Stats is { } s)
        {
            facts.Add(("time", string.Create(CultureInfo.InvariantCulture, $"{s.Seconds:F1} s{(s.Reused ? " (this build reused that run: nothing it depends on had changed)" : "")}")));
            facts.Add(("peak memory", string.Create(CultureInfo.InvariantCulture, $"{s.PeakRssMb:F0} MB (resident, the notebook's process tree)")));
            if (s.Commit.Length > 0) facts.Add(("commit", s.Commit));
        }
        if (facts.Count > 0)
        {
            sb.Append("<dl>");
            foreach (var (k, v) in facts) sb.Append($"<dt>{k}</dt><dd>{WebUtility.HtmlEncode(v)}</dd>");
            sb.Append("</dl>");
        }
        sb.Append("<h3>Run it yourself</h3><p>From a clone of the repository, after <code>./build.sh setup</code>:</p><pre><code>")
            .Append(WebUtility.HtmlEncode(string.Join("\n", Commands(entry)))).Append("</code></pre>");
        if (entry.Downloads.Count > 0)
        {
            sb.Append("<h3>Downloads</h3><ul class=\"downloads\">");
            foreach (var d in entry.Downloads) sb.Append($"<li><a href=\"{d.Href}\" download>{WebUtility.HtmlEncode(d.Label)}</a></li>");
            sb.Append("</ul>");
        }
        return sb.Append("</section>\n").ToString();
    }

    /// <summary>The exact commands that rerun the notebook and its twin with the run's mode and seeds.</summary>
    public static IReadOnlyList<string> Commands(GalleryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var name = entry.Notebook.Name;
        string mode = entry.Run?.Mode ?? "quick", seeds = entry.Run is { } r ? string.Join(",", r.Seeds) : "";
        var env = $"TRICKS_MODE={mode}" + (seeds.Length > 0 ? $" TRICKS_SEEDS={seeds}" : "");
        var lines = new List<string> { $"# the notebook, headless (or open notebooks/{name}.ipynb in VS Code or Jupyter)", $"{env} ./build.sh run notebooks/{name}.ipynb" };
        if (entry.Twin is { } twin)
        {
            lines.Add("# its script twin");
            lines.Add(twin.EndsWith(".fsx", StringComparison.Ordinal) ? $"{env} dotnet fsi scripts/{twin}"
                : $"dotnet run scripts/{twin} -- --mode {mode}" + (seeds.Length > 0 ? $" --seeds {seeds}" : ""));
        }
        return lines;
    }

    /// <summary>The claims table: the paper's number, ours with its interval, the threshold, the baseline, the verdict against the declared one, the control.</summary>
    public static string ClaimsTable(ExperimentResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var sb = new StringBuilder("<div class=\"scroll\"><table class=\"claims\"><thead><tr><th>claim</th><th>paper</th><th>ours [95% interval]</th><th>threshold</th><th>baseline</th><th>verdict (declared)</th><th>control</th><th></th></tr></thead><tbody>");
        foreach (var c in run.Claims)
            sb.Append($"<tr><td>{WebUtility.HtmlEncode(c.Name)}</td><td>{WebUtility.HtmlEncode(c.Paper.Length > 0 ? c.Paper : "-")}</td><td>{WebUtility.HtmlEncode(c.Shown)}</td><td>{WebUtility.HtmlEncode(c.Bound)}</td>")
                .Append($"<td>{WebUtility.HtmlEncode(c.Baseline)}</td><td class=\"{VerdictClass(c.Verdict)}\">{WebUtility.HtmlEncode(c.Verdict.Text())} ({WebUtility.HtmlEncode(c.Expected.Text())})</td>")
                .Append($"<td>{WebUtility.HtmlEncode(c.Control?.Compares ?? "none")}: {WebUtility.HtmlEncode(c.Control?.Shown ?? "-")}, {WebUtility.HtmlEncode(c.Control?.Verdict.Text() ?? "-")}</td>")
                .Append($"<td class=\"{(c.Passed ? "held" : "failed")}\">{(c.Passed ? "passed" : "FAILED")}</td></tr>");
        return sb.Append("</tbody></table></div>").ToString();
    }

    /// <summary>The CSS class of a verdict: "reproduced", "not-reproduced" or "inconclusive".</summary>
    public static string VerdictClass(Verdict verdict) => verdict.Text().Replace(' ', '-');

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
